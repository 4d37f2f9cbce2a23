"""Ticket and event rows ↔ the domain's Ticket and TicketEvent."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from app.domain.events import TicketEvent
from app.domain.kinds import Kind, Priority
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Caller, Ticket
from sync.server.models import EventRow, TicketRow


def to_ticket(row: TicketRow | Row[Any]) -> Ticket:
    """The domain ticket of an ORM row or of a plain result row with the same columns."""
    return Ticket(
        id=row.id,
        local_no=row.local_no,
        number=row.number,
        kind=Kind(row.kind),
        status=Status(row.status),
        priority=Priority(row.priority),
        category_code=row.category_code,
        caller=Caller(row.caller_name, row.caller_phone),
        address=row.address,
        district=row.district,
        content=row.content,
        seat_id=row.seat_id,
        assigned_seat=row.assigned_seat,
        department=row.department,
        satisfaction=Satisfaction(row.satisfaction) if row.satisfaction else None,
        supervised=row.supervised,
        created_at=row.created_at,
        accepted_at=row.accepted_at,
        closed_at=row.closed_at,
        dispatch_due=row.dispatch_due,
        close_due=row.close_due,
        version=row.version,
    )


def ticket_columns(t: Ticket) -> dict[str, Any]:
    """Column values of a ticket row (all but `changes` and `updated_at`)."""
    return {
        "id": t.id,
        "local_no": t.local_no,
        "number": t.number,
        "kind": t.kind.value,
        "status": t.status.value,
        "priority": t.priority.value,
        "category_code": t.category_code,
        "caller_name": t.caller.name,
        "caller_phone": t.caller.phone,
        "address": t.address,
        "district": t.district,
        "content": t.content,
        "seat_id": t.seat_id,
        "assigned_seat": t.assigned_seat,
        "department": t.department,
        "satisfaction": t.satisfaction.value if t.satisfaction else None,
        "supervised": t.supervised,
        "created_at": t.created_at,
        "accepted_at": t.accepted_at,
        "closed_at": t.closed_at,
        "dispatch_due": t.dispatch_due,
        "close_due": t.close_due,
        "next_due": t.next_due,
        "is_open": t.status.is_open,
        "version": t.version,
    }


def event_values(e: TicketEvent) -> dict[str, Any]:
    """Column values of an event row."""
    return {
        "id": e.id,
        "ticket_id": e.ticket_id,
        "action": e.action.value,
        "from_status": e.from_status.value,
        "to_status": e.to_status.value,
        "at": e.at,
        "actor": e.actor,
        "role": e.role.value,
        "seat_id": e.seat_id,
        "reason": e.reason,
        "data": dict(e.data),
    }


def to_event(row: EventRow | Row[Any]) -> TicketEvent:
    return TicketEvent(
        id=row.id,
        ticket_id=row.ticket_id,
        action=Action(row.action),
        from_status=Status(row.from_status),
        to_status=Status(row.to_status),
        at=row.at,
        actor=row.actor,
        role=Role(row.role),
        seat_id=row.seat_id,
        reason=row.reason,
        data=dict(row.data),
    )
