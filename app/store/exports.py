"""The seat's own record of its exports (导出), kept until the server has each one (sync.client.exports)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select, update

from app.export.files import Format
from app.export.record import ExportRecord
from app.store.db import Store
from app.store.models import ExportRow


class ExportLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, record: ExportRecord) -> None:
        with self._store.transaction() as session:
            session.add(
                ExportRow(
                    id=record.id,
                    at=record.at,
                    username=record.username,
                    list=record.list,
                    rows=record.rows,
                    filters=json.dumps(dict(record.filters), ensure_ascii=False),
                    masked=record.masked,
                    format=record.format.value,
                    sent=False,
                )
            )

    def unsent(self, username: str, limit: int) -> list[ExportRecord]:
        """`username`'s exports the server does not have yet, oldest first. Another account's wait
        for it: the server records an export under the account that sends it."""
        query = (
            select(ExportRow)
            .where(ExportRow.sent.is_(False), ExportRow.username == username)
            .order_by(ExportRow.at, ExportRow.id)
            .limit(limit)
        )
        with self._store.reading() as session:
            return [_record(row) for row in session.scalars(query)]

    def mark_sent(self, sent: Iterable[ExportRecord]) -> None:
        ids = [r.id for r in sent]
        with self._store.transaction() as session:
            session.execute(update(ExportRow).where(ExportRow.id.in_(ids)).values(sent=True))


def _record(row: ExportRow) -> ExportRecord:
    return ExportRecord(
        row.id,
        row.at,
        row.username,
        row.list,
        row.rows,
        json.loads(row.filters),
        row.masked,
        Format(row.format),
    )
