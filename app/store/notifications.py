"""The seat's notifications (通知) in the store: kept once per source event, read or not.

`keep` is called inside the transaction that brought the news (a pull page, a settled conflict), so
a notification exists exactly when what it tells of was stored. Safe from any thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.status import Status
from app.notify.derive import deadline_warnings
from app.notify.notification import Notification, NotificationKind
from app.store.db import Store
from app.store.mapping import ticket_from_row
from app.store.models import NotificationRow, TicketRow
from app.store.tickets import utc_now

_OPEN = [s.value for s in Status if s.is_open]


def keep(session: Session, notes: Iterable[Notification]) -> list[Notification]:
    """Add the notifications whose key is not kept yet; those added, with their ids."""
    wanted = {note.key: note for note in notes}
    if not wanted:
        return []
    kept = set(session.scalars(select(NotificationRow.key).where(NotificationRow.key.in_(list(wanted)))))
    rows = [_row(note) for key, note in wanted.items() if key not in kept]
    session.add_all(rows)
    session.flush()
    return [_notification(row) for row in rows]


class NotificationStore:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._store, self._clock = store, clock

    def add(self, notes: Iterable[Notification]) -> list[Notification]:
        with self._store.transaction() as session:
            return keep(session, notes)

    def recent(self, limit: int = 200) -> list[Notification]:
        """The newest first."""
        with self._store.reading() as session:
            rows = session.scalars(select(NotificationRow).order_by(NotificationRow.id.desc()).limit(limit))
            return [_notification(row) for row in rows]

    def after(self, last_id: int) -> list[Notification]:
        """Kept after the one numbered `last_id` (by the sync thread, say), oldest first."""
        with self._store.reading() as session:
            query = select(NotificationRow).where(NotificationRow.id > last_id).order_by(NotificationRow.id)
            return [_notification(row) for row in session.scalars(query)]

    def last_id(self) -> int:
        with self._store.reading() as session:
            return session.scalar(select(func.max(NotificationRow.id))) or 0

    def unread_count(self) -> int:
        with self._store.reading() as session:
            query = select(func.count()).select_from(NotificationRow).where(NotificationRow.read_at.is_(None))
            return session.scalar(query) or 0

    def mark_read(self, ids: Sequence[int]) -> None:
        with self._store.transaction() as session:
            unread = NotificationRow.id.in_(list(ids)) & NotificationRow.read_at.is_(None)
            session.execute(update(NotificationRow).where(unread).values(read_at=self._clock()))

    def mark_all_read(self) -> None:
        with self._store.transaction() as session:
            query = update(NotificationRow).where(NotificationRow.read_at.is_(None))
            session.execute(query.values(read_at=self._clock()))

    def check_deadlines(self, seat_id: str, lead_time: timedelta) -> list[Notification]:
        """The SLA clock's look (app.notify.derive.deadline_warnings) at this seat's open tickets
        due within `lead_time`; the notifications it added (none for a deadline told already)."""
        now = self._clock()
        with self._store.transaction() as session:
            query = select(TicketRow).where(
                TicketRow.assigned_seat == seat_id,
                TicketRow.status.in_(_OPEN),
                TicketRow.next_due.is_not(None),
                TicketRow.next_due <= now + lead_time,
            )
            tickets = [ticket_from_row(row) for row in session.scalars(query)]
            return keep(session, deadline_warnings(tickets, now, lead_time))


def _row(note: Notification) -> NotificationRow:
    return NotificationRow(
        key=note.key,
        kind=note.kind.value,
        ticket_id=note.ticket_id,
        params=json.dumps(dict(note.params), ensure_ascii=False),
        created_at=note.created_at,
        read_at=note.read_at,
    )


def _notification(row: NotificationRow) -> Notification:
    return Notification(
        key=row.key,
        kind=NotificationKind(row.kind),
        ticket_id=row.ticket_id,
        created_at=row.created_at,
        params=json.loads(row.params),
        read_at=row.read_at,
        id=row.id,
    )
