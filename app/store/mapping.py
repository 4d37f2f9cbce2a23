"""Translation between domain values and store rows."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.domain.events import TicketEvent
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import Command
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


# --- wire-shaped JSON (the outbox payloads and the conflict record) -----------------------------------
# app/ may not import sync.protocol, so these dicts are written here field for field; the sync tests
# validate every payload against TicketWire/EventWire/CommandWire, so the two cannot drift unseen.


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _time(value: object) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def ticket_wire(ticket: Ticket) -> dict[str, Any]:
    """The ticket as TicketWire fields, JSON-ready (datetimes ISO with their offset)."""
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
        "created_at": _iso(ticket.created_at),
        "accepted_at": _iso(ticket.accepted_at),
        "closed_at": _iso(ticket.closed_at),
        "dispatch_due": _iso(ticket.dispatch_due),
        "close_due": _iso(ticket.close_due),
        "version": ticket.version,
    }


def ticket_from_wire(data: dict[str, Any]) -> Ticket:
    created_at = _time(data["created_at"])
    assert created_at is not None
    return Ticket(
        id=data["id"],
        local_no=data["local_no"],
        number=data.get("number"),
        kind=Kind(data["kind"]),
        status=Status(data["status"]),
        priority=Priority(data.get("priority", Priority.NORMAL.value)),
        category_code=data.get("category_code"),
        caller=Caller(data.get("caller_name", ""), data.get("caller_phone", "")),
        address=data.get("address", ""),
        district=data.get("district", ""),
        content=data.get("content", ""),
        seat_id=data["seat_id"],
        assigned_seat=data.get("assigned_seat"),
        department=data.get("department"),
        satisfaction=Satisfaction(data["satisfaction"]) if data.get("satisfaction") else None,
        supervised=bool(data.get("supervised", False)),
        created_at=created_at,
        accepted_at=_time(data.get("accepted_at")),
        closed_at=_time(data.get("closed_at")),
        dispatch_due=_time(data.get("dispatch_due")),
        close_due=_time(data.get("close_due")),
        version=int(data.get("version", 0)),
    )


def event_wire(event: TicketEvent) -> dict[str, Any]:
    """The event as EventWire fields."""
    return {
        "id": event.id,
        "ticket_id": event.ticket_id,
        "action": event.action.value,
        "from_status": event.from_status.value,
        "to_status": event.to_status.value,
        "at": _iso(event.at),
        "actor": event.actor,
        "role": event.role.value,
        "seat_id": event.seat_id,
        "reason": event.reason,
        "data": dict(event.data),
    }


def changes_wire(changes: dict[str, object]) -> dict[str, Any]:
    """修改 as EditWire fields: enums by value, the caller as {name, phone}."""
    wire: dict[str, Any] = {}
    for name, value in changes.items():
        if isinstance(value, Caller):
            wire[name] = {"name": value.name, "phone": value.phone}
        elif isinstance(value, Kind | Priority):
            wire[name] = value.value
        else:
            wire[name] = value
    return wire


def changes_from_wire(wire: dict[str, Any]) -> dict[str, object]:
    changes: dict[str, object] = {}
    for name, value in wire.items():
        if name == "caller":
            changes[name] = Caller(value.get("name", ""), value.get("phone", ""))
        elif name == "kind":
            changes[name] = Kind(value)
        elif name == "priority":
            changes[name] = Priority(value)
        else:
            changes[name] = value
    return changes


def command_wire(cmd: Command, event_id: str) -> dict[str, Any]:
    """The command as CommandWire fields, with the id of the event it produced here."""
    return {
        "event_id": event_id,
        "action": cmd.action.value,
        "actor": cmd.actor,
        "role": cmd.role.value,
        "at": _iso(cmd.at),
        "seat_id": cmd.seat_id,
        "reason": cmd.reason,
        "department": cmd.department,
        "satisfaction": cmd.satisfaction.value if cmd.satisfaction else None,
        "assign_to": cmd.assign_to,
        "changes": changes_wire(cmd.changes) if cmd.changes else None,
    }


def command_from_wire(data: dict[str, Any]) -> Command:
    at = _time(data["at"])
    assert at is not None
    return Command(
        action=Action(data["action"]),
        actor=data["actor"],
        role=Role(data["role"]),
        at=at,
        seat_id=data.get("seat_id"),
        reason=data.get("reason", ""),
        department=data.get("department"),
        satisfaction=Satisfaction(data["satisfaction"]) if data.get("satisfaction") else None,
        assign_to=data.get("assign_to"),
        changes=changes_from_wire(data["changes"]) if data.get("changes") else {},
    )
