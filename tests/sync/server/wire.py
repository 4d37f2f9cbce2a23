"""Ops as a seat would push them, built from the domain with the shared lifecycle code."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter

from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command, apply
from app.domain.status import Action, Role, Status
from app.domain.ticket import Caller, Ticket
from sync.protocol import (
    API_PREFIX,
    CODES_PARAM,
    WIRE_PARAM,
    WIRE_VERSION,
    CommandWire,
    EventWire,
    TicketWire,
)

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a working Wednesday
CATEGORY = "CJ.WY.DT"  # a leaf of resources/taxonomy.yaml (property management: lifts), for QZJJ
DEPARTMENT = "QZJJ"  # the demo department user qzjj
TICKETS: TypeAdapter[Ticket] = TypeAdapter(TicketWire)  # a Ticket ↔ its wire JSON
EVENTS: TypeAdapter[TicketEvent] = TypeAdapter(EventWire)


def create_op(
    seat: str, *, kind: Kind = Kind.HELP, content: str = "停水三天", at: datetime = NOW, **ticket: Any
) -> dict[str, Any]:
    """受理 on `seat` at `at`: the new ticket and its accept event, as the seat's outbox holds them.

    A server on the real clock refuses NOW (long past its offline window): pass `at=datetime.now(UTC)`.
    """
    draft = Ticket(
        id=new_id(),
        local_no=f"{seat}-{new_id()[-6:]}",
        kind=kind,
        status=Status.DRAFT,
        seat_id=seat,
        created_at=at,
        content=content,
        **{"caller": Caller("张三", "13800000000"), "category_code": CATEGORY, **ticket},
    )
    accepted, event = apply(draft, Command(Action.ACCEPT, "话务员", Role.OPERATOR, at, seat_id=seat))
    return {
        "kind": "create",
        "op_id": new_id(),
        "ticket_id": accepted.id,
        "at": at.isoformat(),
        "seat": seat,
        "ticket": TICKETS.dump_python(accepted, mode="json"),
        "event": EVENTS.dump_python(event, mode="json"),
    }


def command_op(
    ticket_id: str,
    base_version: int,
    seat: str,
    action: Action,
    role: Role = Role.OPERATOR,
    *,
    kind: str | None = None,
    at: datetime = NOW,
    **fields: Any,
) -> dict[str, Any]:
    """A command op; `fields` are CommandWire fields (reason, department, assign_to, changes ...)."""
    command = CommandWire(
        event_id=new_id(), action=action, actor="someone", role=role, at=at, seat_id=seat, **fields
    )
    op_kind = kind or {Action.EDIT: "update", Action.ASSIGN: "assign"}.get(action, "transition")
    return {
        "kind": op_kind,
        "op_id": new_id(),
        "ticket_id": ticket_id,
        "base_version": base_version,
        "at": at.isoformat(),
        "seat": seat,
        "command": command.model_dump(mode="json", exclude_none=True),
    }


def edit_op(
    ticket_id: str, base_version: int, seat: str, *, at: datetime = NOW, **changes: Any
) -> dict[str, Any]:
    op = command_op(ticket_id, base_version, seat, Action.EDIT, at=at)
    op["command"]["changes"] = changes
    return op


def push_answer(
    client: Any, *ops: dict[str, Any], codes: bool = True, reads: int | None = WIRE_VERSION
) -> dict[str, Any]:
    """Push `ops` in one batch; the whole answer (results and echo). `codes`: ask for the code of
    why an op was refused, as this version's seat does; `reads`: the ticket wire version it reads
    (None: says none, as a seat of wire version 3 or before)."""
    params: dict[str, Any] = {CODES_PARAM: "true"} if codes else {}
    if reads is not None:
        params[WIRE_PARAM] = reads
    answer = client.post(f"{API_PREFIX}/sync/push", params=params, json={"ops": list(ops)})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def push(
    client: Any, *ops: dict[str, Any], codes: bool = True, reads: int | None = WIRE_VERSION
) -> list[dict[str, Any]]:
    """Push `ops` in one batch; the per-op results."""
    results: list[dict[str, Any]] = push_answer(client, *ops, codes=codes, reads=reads)["results"]
    return results


def created(client: Any, seat: str, **ticket: Any) -> dict[str, Any]:
    """A ticket accepted on `seat` and pushed by `client`: the server's copy."""
    [result] = push(client, create_op(seat, **ticket))
    assert result["status"] == "applied", result
    ticket_wire: dict[str, Any] = result["ticket"]
    return ticket_wire
