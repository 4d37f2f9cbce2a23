"""Ticket and event rows ↔ the domain's Ticket and TicketEvent, through app.domain.codec."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from app.domain import codec
from app.domain.events import TicketEvent
from app.domain.ticket import Ticket
from sync.server.models import EventRow, TicketRow


def to_ticket(row: TicketRow | Row[Any]) -> Ticket:
    """The domain ticket of an ORM row or of a plain result row with the same columns."""
    return codec.from_columns(Ticket, row)


def ticket_columns(t: Ticket) -> dict[str, Any]:
    """Column values of a ticket row (all but `changes` and `updated_at`)."""
    return {**codec.to_columns(t), "next_due": t.next_due, "is_open": t.status.is_open}


def event_values(e: TicketEvent) -> dict[str, Any]:
    """Column values of an event row."""
    return codec.to_columns(e)


def to_event(row: EventRow | Row[Any]) -> TicketEvent:
    return codec.from_columns(TicketEvent, row)
