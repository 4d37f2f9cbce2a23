"""Seats as the server sees them: when each last pushed or pulled (在线 on the lead's board)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast
from weakref import WeakKeyDictionary

from sqlalchemy import CursorResult, Engine, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.domain.status import Role
from sync.protocol import SeatReport
from sync.server.models import Base, SeatRow, SeatShiftRow, UserRow

# How stale last_seen may get before a pull writes it again: the board's 在线 window is minutes
# long, and a write (a commit, an fsync) on every idle pull was most of what a pull cost.
SEEN_EVERY = timedelta(seconds=60)


# When this worker last made sure of a seat's last_seen, per database: within SEEN_EVERY it does
# not ask the database again (that check was a sixth of a pull's cost). Only a saving: a seat's
# last_seen is at most twice SEEN_EVERY old, whichever worker it talks to.
_checked: WeakKeyDictionary[Engine, dict[tuple[str, str], datetime]] = WeakKeyDictionary()


def mark_seen(session: Session, user: UserRow, now: datetime) -> None:
    """Remember that the user's seat was just heard from (operators only: a seat is theirs). Writes
    only when the seat is new, changed hands, or was last marked over SEEN_EVERY ago."""
    if user.role != Role.OPERATOR.value or not user.seat_id:
        return
    checked = _checked.setdefault(session.get_bind().engine, {})
    key = (user.seat_id, user.username)
    if (at := checked.get(key)) is not None and at <= now < at + SEEN_EVERY:
        return
    _mark(session, user, now)
    checked[key] = now


def _mark(session: Session, user: UserRow, now: datetime) -> None:
    assert user.seat_id is not None
    refreshed = session.execute(
        update(SeatRow)
        .where(
            SeatRow.seat_id == user.seat_id,
            or_(SeatRow.last_seen <= now - SEEN_EVERY, SeatRow.username != user.username),
        )
        .values(username=user.username, last_seen=now)
    )
    if cast(CursorResult[Any], refreshed).rowcount or session.get(SeatRow, user.seat_id) is not None:
        return
    _upsert(session, user.seat_id, {"username": user.username, "last_seen": now})


def _upsert(session: Session, seat_id: str, values: dict[str, Any]) -> None:
    upsert(session, SeatRow, {"seat_id": seat_id}, values)


def upsert(session: Session, table: type[Base], key: dict[str, Any], values: dict[str, Any]) -> None:
    """Insert the row with `key`, or set `values` on the one there (one statement on both dialects)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**key, **values)
    session.execute(statement.on_conflict_do_update(index_elements=list(key), set_=values))


def record_report(session: Session, user: UserRow, report: SeatReport, now: datetime) -> bool:
    """Keep the seat's report of its state and shift for the lead's board (and mark it seen). Only
    an operator's account speaks for a seat: False (nothing kept) for any other."""
    if user.role != Role.OPERATOR.value or not user.seat_id:
        return False
    values = {"username": user.username, "last_seen": now, "report": report.model_dump(mode="json")}
    _upsert(session, user.seat_id, values)
    _record_shift(session, user, report, now)
    return True


def _record_shift(session: Session, user: UserRow, report: SeatReport, now: datetime) -> None:
    """Keep the counts of the report's shift (a report without its shift's start is the board's only)."""
    if report.shift_started is None or user.seat_id is None:
        return
    values = {
        "username": user.username,
        "last_at": now,
        "seconds_on": max(0.0, (now - report.shift_started).total_seconds()),
        "calls": report.calls,
        "missed": report.missed,
        "talk_seconds": float(report.talk_seconds),
        "wrap_up_seconds": float(report.wrap_up_seconds),
    }
    upsert(session, SeatShiftRow, {"seat_id": user.seat_id, "started_at": report.shift_started}, values)
