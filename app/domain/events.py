"""Ticket events (工单流转记录): every change, kept for audit and for the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from app.domain.codec import CODE, KEY, NAME, REASON, TEXT, Entries, Line
from app.domain.status import Action, Role, Status


@dataclass(frozen=True)
class TicketEvent:
    """Who did what to which ticket, when, from which seat, and why."""

    id: Annotated[str, KEY]
    ticket_id: Annotated[str, KEY]
    action: Action
    from_status: Status
    to_status: Status
    at: datetime
    actor: Annotated[str, NAME]
    role: Role
    seat_id: Annotated[str, CODE] | None
    reason: Annotated[str, REASON] = ""
    data: Annotated[dict[str, str], Entries(Line(40), TEXT, most=20)] = field(default_factory=dict)
