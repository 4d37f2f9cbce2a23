"""Translation between domain values and store rows."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from app.domain import codec
from app.domain.events import TicketEvent
from app.domain.lifecycle import Command
from app.domain.ticket import Ticket
from app.store.models import EventRow, TicketRow


def ticket_from_row(row: TicketRow) -> Ticket:
    return codec.from_columns(Ticket, row)


def ticket_columns(ticket: Ticket) -> dict[str, object]:
    """Column values of a ticket row (without updated_at/is_demo/masked_at, which the writer decides)."""
    return {**codec.to_columns(ticket), "next_due": ticket.next_due}


def event_columns(event: TicketEvent) -> dict[str, object]:
    return {**codec.to_columns(event), "data": json.dumps(event.data, ensure_ascii=False)}


def event_from_row(row: EventRow) -> TicketEvent:
    return codec.from_columns(TicketEvent, row)


# --- wire-shaped JSON (the outbox payloads and the conflict record) -----------------------------------
# app/ may not import sync.protocol; both build on app.domain.codec, so a payload written here is what
# sync.protocol's TicketWire/EventWire read (the sync tests push them through the real server).


def ticket_wire(ticket: Ticket) -> dict[str, Any]:
    """The ticket as TicketWire fields, JSON-ready (datetimes ISO with their offset)."""
    return codec.to_json(ticket)


def ticket_from_wire(data: dict[str, Any]) -> Ticket:
    """A ticket from wire-shaped JSON; a field the writer did not know yet takes its default."""
    return codec.from_columns(Ticket, data)


def event_wire(event: TicketEvent) -> dict[str, Any]:
    """The event as EventWire fields."""
    return codec.to_json(event)


def changes_wire(changes: dict[str, object]) -> dict[str, Any]:
    """修改 as EditWire fields: enums by code, the caller as {name, phone}."""
    return codec.fields_to_json(changes)


def changes_from_wire(wire: dict[str, Any]) -> dict[str, object]:
    return codec.fields_from_json(Ticket, wire)


def command_wire(cmd: Command, event_id: str) -> dict[str, Any]:
    """The command as CommandWire fields, with the id of the event it produced here."""
    changes = changes_wire(cmd.changes) if cmd.changes else None
    fields = codec.to_json(replace(cmd, changes={}))
    # Only a 并单 names one, only a 延期申请 asks until when: a server from before refuses the field.
    for name in ("merge_into", "until"):
        if fields[name] is None:
            del fields[name]
    return {"event_id": event_id, **fields, "changes": changes}


def command_from_wire(data: dict[str, Any]) -> Command:
    return codec.from_columns(Command, {**data, "changes": changes_from_wire(data.get("changes") or {})})
