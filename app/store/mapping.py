"""Translation between domain values and store rows."""

from __future__ import annotations

import json

from app.domain.events import TicketEvent
from app.domain.kinds import Kind, Priority
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Caller, Ticket
from app.store.models import EventRow, TicketRow


def ticket_from_row(row: TicketRow) -> Ticket:
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


def ticket_columns(ticket: Ticket) -> dict[str, object]:
    """Column values of a ticket row (without updated_at/is_demo, which the writer decides)."""
    return {
        "id": ticket.id,
        "local_no": ticket.local_no,
        "number": ticket.number,
        "kind": ticket.kind.value,
        "status": ticket.status.value,
        "priority": ticket.priority.value,
        "category_code": ticket.category_code,
        "caller_name": ticket.caller.name,
        "caller_phone": ticket.caller.phone,
        "address": ticket.address,
        "district": ticket.district,
        "content": ticket.content,
        "seat_id": ticket.seat_id,
        "assigned_seat": ticket.assigned_seat,
        "department": ticket.department,
        "satisfaction": ticket.satisfaction.value if ticket.satisfaction else None,
        "supervised": ticket.supervised,
        "created_at": ticket.created_at,
        "accepted_at": ticket.accepted_at,
        "closed_at": ticket.closed_at,
        "dispatch_due": ticket.dispatch_due,
        "close_due": ticket.close_due,
        "next_due": ticket.next_due,
        "version": ticket.version,
    }


def event_columns(event: TicketEvent) -> dict[str, object]:
    return {
        "id": event.id,
        "ticket_id": event.ticket_id,
        "action": event.action.value,
        "from_status": event.from_status.value,
        "to_status": event.to_status.value,
        "at": event.at,
        "actor": event.actor,
        "role": event.role.value,
        "seat_id": event.seat_id,
        "reason": event.reason,
        "data": json.dumps(event.data, ensure_ascii=False),
    }


def event_from_row(row: EventRow) -> TicketEvent:
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
        data=json.loads(row.data),
    )
