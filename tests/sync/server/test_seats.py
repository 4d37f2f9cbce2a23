"""When a seat was last heard from (在线 on the lead's board), kept without a write on every pull."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from sync.server.db import Database
from sync.server.models import SeatRow, UserRow
from sync.server.seats import SEEN_EVERY, mark_seen

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    yield database
    database.dispose()


def _user(db: Database, username: str) -> UserRow:
    with db.reading() as session:
        user = session.scalars(select(UserRow).where(UserRow.username == username)).one()
        session.expunge(user)
        return user


def _mark(db: Database, user: UserRow, at: datetime) -> None:
    with db.writing() as session:
        mark_seen(session, user, at)


def _seen(db: Database, seat: str) -> tuple[str, datetime] | None:
    with db.reading() as session:
        row = session.get(SeatRow, seat)
        return None if row is None else (row.username, row.last_seen)


def test_a_seat_is_marked_when_first_heard_then_at_most_once_per_interval(db: Database) -> None:
    a01 = _user(db, "a01")
    assert _seen(db, "A01") is None
    _mark(db, a01, T0)
    assert _seen(db, "A01") == ("a01", T0)
    _mark(db, a01, T0 + SEEN_EVERY - timedelta(seconds=1))
    assert _seen(db, "A01") == ("a01", T0)  # no write: still recent enough for the board
    _mark(db, a01, T0 + SEEN_EVERY)
    assert _seen(db, "A01") == ("a01", T0 + SEEN_EVERY)


def test_within_the_interval_a_worker_does_not_ask_the_database_again(db: Database) -> None:
    a01 = _user(db, "a01")
    _mark(db, a01, T0)
    with db.writing() as session:
        session.execute(delete(SeatRow))  # behind this worker's back
    _mark(db, a01, T0 + timedelta(seconds=30))
    assert _seen(db, "A01") is None
    _mark(db, a01, T0 + SEEN_EVERY)
    assert _seen(db, "A01") == ("a01", T0 + SEEN_EVERY)


def test_a_seat_taken_over_by_another_operator_is_marked_at_once(db: Database) -> None:
    _mark(db, _user(db, "a01"), T0)
    other = _user(db, "a02")
    stand_in = UserRow(
        username=other.username, display_name=other.display_name, role=other.role, seat_id="A01"
    )
    _mark(db, stand_in, T0 + timedelta(seconds=5))
    assert _seen(db, "A01") == ("a02", T0 + timedelta(seconds=5))


def test_leads_have_no_seat_to_mark(db: Database) -> None:
    _mark(db, _user(db, "lead"), T0)
    with db.reading() as session:
        assert session.scalars(select(SeatRow)).all() == []
