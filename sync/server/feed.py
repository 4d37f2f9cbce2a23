"""The change feed that pull serves, numbered in commit order across workers.

An autoincrement key is not enough: with two writers, seq 11 can commit before seq 10, and a reader
that already moved its cursor past 11 would never see 10. So the numbers are taken from one counter
row as the last statement of the writing transaction: the row lock makes every other writer wait
until this one commits (PostgreSQL), and SQLite has one writer at a time anyway. Visible numbers are
therefore always a gap-free prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.problem import Problem, as_column
from sync.server.db import bulk_insert, bump_counter
from sync.server.models import CounterRow, FeedRow, table_of

FEED_COUNTER = "feed"


@dataclass(frozen=True)
class FeedEntry:
    ticket_id: str
    assigned_seat: str | None
    previous_seat: str | None
    origin_seat: str
    department: str | None
    previous_department: str | None
    event_ids: tuple[str, ...]
    note: Problem | None = None  # why the seat should hear of it (a lead moved its ticket ...)


def head(session: Session) -> int:
    """The newest committed seq: the counter is bumped last before commit, in commit order."""
    found = session.connection().scalar(select(CounterRow.value).where(CounterRow.name == FEED_COUNTER))
    return int(found or 0)


def append(session: Session, entries: list[FeedEntry], now: datetime) -> int:
    """Number and store `entries`; call last in the transaction (see the module docstring). The
    number of the first (the others follow it without a gap); 0 when there are none."""
    if not entries:
        return 0
    last = bump_counter(session, FEED_COUNTER, len(entries))
    first = last - len(entries) + 1
    rows = [
        {
            "seq": first + i,
            "ticket_id": e.ticket_id,
            "assigned_seat": e.assigned_seat,
            "previous_seat": e.previous_seat,
            "origin_seat": e.origin_seat,
            "department": e.department,
            "previous_department": e.previous_department,
            "event_ids": list(e.event_ids),
            "note": as_column(e.note) if e.note else None,
            "at": now,
        }
        for i, e in enumerate(entries)
    ]
    bulk_insert(session, table_of(FeedRow), rows)
    return first
