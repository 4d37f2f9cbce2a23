"""Seats as the server sees them: when each last pushed or pulled (在线 on the lead's board)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.domain.status import Role
from sync.server.models import SeatRow, UserRow


def mark_seen(session: Session, user: UserRow, now: datetime) -> None:
    """Remember that the user's seat was just heard from (operators only: a seat is theirs)."""
    if user.role != Role.OPERATOR.value or not user.seat_id:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    values = {"seat_id": user.seat_id, "username": user.username, "last_seen": now}
    statement = dialect.insert(SeatRow).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[SeatRow.seat_id], set_={"username": user.username, "last_seen": now}
        )
    )
