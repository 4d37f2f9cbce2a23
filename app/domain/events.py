"""Ticket events (工单流转记录): every change, kept for audit and for the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.status import Action, Role, Status


@dataclass(frozen=True)
class TicketEvent:
    """Who did what to which ticket, when, from which seat, and why."""

    id: str
    ticket_id: str
    action: Action
    from_status: Status
    to_status: Status
    at: datetime
    actor: str
    role: Role
    seat_id: str | None
    reason: str = ""
    data: dict[str, str] = field(default_factory=dict)
