"""A ticket just filed for a call, as the recorded-calls tests match recordings to tickets."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Status
from app.domain.ticket import Caller, Ticket


def filed_call(
    phone: str,
    created_at: datetime | None = None,
    *,
    name: str = "",
    content: str = "电梯坏了",
    local_no: str | None = None,
) -> Ticket:
    """A complaint accepted at seat A01 for the caller with that number (now, unless told)."""
    return Ticket(
        id=new_id(),
        local_no=local_no or f"A01-{new_id()[-4:]}",
        kind=Kind.COMPLAINT,
        status=Status.ACCEPTED,
        seat_id="A01",
        created_at=created_at or datetime.now(UTC),
        caller=Caller(name, phone),
        content=content,
    )
