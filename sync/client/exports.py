"""The seat's exports (导出) sent to the server's access log after each sync round (POST
/access/exports). An export made offline waits in the store; one made by another account waits for
that account to sign in again, since the server records each under the account that sends it."""

from __future__ import annotations

from collections.abc import Callable

from app.export.record import ExportRecord
from app.store.exports import ExportLog
from sync.client.api import ServerApi
from sync.protocol import MAX_EXPORTS, ExportsPush, ExportWire


class ExportSync:
    def __init__(self, api: ServerApi, exports: ExportLog, *, who: Callable[[], str | None]) -> None:
        """`who`: the account signed in now (None: nobody, nothing is sent)."""
        self._api, self._exports, self._who = api, exports, who

    def send(self) -> int:
        """Send the signed-in account's unsent exports, batch by batch, each batch marked sent once
        answered; how many were new on the record. Raises what ServerApi raises, with the finished
        batches kept: the rest go with the next sync."""
        username = self._who()
        recorded = 0
        if not username:
            return recorded
        while batch := self._exports.unsent(username, MAX_EXPORTS):
            recorded += self._api.post_exports(ExportsPush(exports=[wire(r) for r in batch])).recorded
            self._exports.mark_sent(batch)
        return recorded


def wire(record: ExportRecord) -> ExportWire:
    return ExportWire(
        id=record.id,
        at=record.at,
        list=record.list,
        rows=record.rows,
        filters=dict(record.filters),
        masked=record.masked,
        format=record.format.value,
    )
