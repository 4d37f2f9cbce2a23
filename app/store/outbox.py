"""The outbox (待同步队列): ops for the central server, written in the same transaction as the change.

Payloads are wire-shaped JSON (sync.protocol validates them when they are pushed): a create carries
{"ticket", "event"}, every other op {"command"}. An op stays pending until it is settled: the server
answered it (applied, duplicate, conflict, rejected), or it could not even be sent (rejected here).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.domain.ops import OpKind, OpStatus
from app.store.db import Store
from app.store.models import OutboxRow


@dataclass(frozen=True)
class PendingOp:
    seq: int
    op_id: str  # idempotency key: replaying an op is harmless
    ticket_id: str
    kind: OpKind
    base_version: int
    payload: dict[str, Any]
    created_at: datetime
    attempts: int


def enqueue(
    session: Session,
    *,
    kind: OpKind,
    ticket_id: str,
    base_version: int,
    payload: dict[str, Any],
    at: datetime,
) -> str:
    """Add an op inside the caller's transaction, so the change and its op commit together."""
    op_id = new_id()
    session.add(
        OutboxRow(
            op_id=op_id,
            ticket_id=ticket_id,
            op_kind=kind.value,
            base_version=base_version,
            payload=json.dumps(payload, ensure_ascii=False),
            created_at=at,
            attempts=0,
        )
    )
    return op_id


class Outbox:
    """Read queued ops (the sync client drains it; app.store.replica settles them)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def pending(self, limit: int = 500, *, after: int = 0) -> list[PendingOp]:
        """The oldest unsettled ops, in queue order; `after` skips those up to that seq (in flight)."""
        with self._store.reading() as session:
            query = select(OutboxRow).where(OutboxRow.sent_at.is_(None), OutboxRow.seq > after)
            rows = session.scalars(query.order_by(OutboxRow.seq).limit(limit))
            return [_pending(row) for row in rows]

    def pending_count(self) -> int:
        with self._store.reading() as session:
            count = session.scalar(select(func.count()).where(OutboxRow.sent_at.is_(None)))
            return int(count or 0)

    def result(self, op_id: str) -> OpStatus | None:
        """How the op was settled, or None while it is pending (or unknown)."""
        with self._store.reading() as session:
            value = session.scalar(select(OutboxRow.result).where(OutboxRow.op_id == op_id))
            return None if value is None else OpStatus(value)


def _pending(row: OutboxRow) -> PendingOp:
    return PendingOp(
        seq=row.seq,
        op_id=row.op_id,
        ticket_id=row.ticket_id,
        kind=OpKind(row.op_kind),
        base_version=row.base_version,
        payload=json.loads(row.payload),
        created_at=row.created_at,
        attempts=row.attempts,
    )
