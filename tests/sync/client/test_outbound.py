"""Every op the store queues is a valid wire op as it stands: the payloads are the protocol's shape."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from alembic import command
from alembic.config import Config
from sqlalchemy import select

from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import Command
from app.domain.ops import OpKind, OpStatus
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Satisfaction
from app.domain.ticket import Caller
from app.store.db import MIGRATIONS, Store, open_store
from app.store.mapping import ticket_columns
from app.store.models import OutboxRow
from app.store.outbox import Outbox, PendingOp
from app.store.tickets import TicketStore
from sync.client.outbound import prepare, to_wire
from sync.protocol import CallerWire, CommandOp, CreateOp
from tests.store_keys import keyed_engine

MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_every_kind_of_op_validates_and_carries_what_the_seat_did(store: Store, sla_clock: SlaClock) -> None:
    ticket_store = TicketStore(store, sla_clock, clock=lambda: MORNING)  # accepted before each step
    draft = Draft(
        id=new_id(),
        seat_id="A01",
        started_at=MORNING,
        kind=Kind.COMPLAINT,
        category_code="CJ.WY.DT",
        caller_name="张三",
        caller_phone="13812345678",
        content="电梯停运",
    )
    ticket, _ = ticket_store.accept(draft, actor="话务员01")

    def cmd(action: Action, minutes: int, role: Role = Role.OPERATOR, **fields: object) -> Command:
        at = MORNING + timedelta(minutes=minutes)
        return Command(action, "话务员01", role, at, seat_id="A01", **fields)  # type: ignore[arg-type]

    edit = {"kind": Kind.REPORT, "priority": Priority.FAST, "caller": Caller("张三丰", "13900000000")}
    ticket_store.act(ticket.id, cmd(Action.EDIT, 1, changes=edit))
    ticket_store.act(ticket.id, cmd(Action.ASSIGN, 2, assign_to="A01"))
    ticket_store.act(ticket.id, cmd(Action.DISPATCH, 3, department="QZJJ"))
    ticket_store.act(ticket.id, cmd(Action.START, 4, Role.DEPARTMENT))
    ticket_store.act(ticket.id, cmd(Action.REPLY, 5, Role.DEPARTMENT, reason="已修复"))
    ticket_store.act(ticket.id, cmd(Action.VISIT, 6, satisfaction=Satisfaction.SATISFIED))

    pending = Outbox(store).pending()
    wire = [to_wire(op, "A01") for op in pending]

    create, update, assign, *transitions = wire
    assert isinstance(create, CreateOp)
    # As accepted, before the later steps; without 联系时限, which the server plans (and a server of
    # the previous wire version would refuse).
    assert ticket.contact_due is not None
    assert create.ticket == dataclasses.replace(ticket, contact_due=None)
    assert "contact_due" not in create.model_dump(mode="json")["ticket"]
    assert create.event == ticket_store.events(ticket.id)[0]
    assert isinstance(update, CommandOp) and update.command.changes is not None
    assert update.command.changes.model_fields_set == {"kind", "priority", "caller"}
    assert update.command.changes.caller == CallerWire(name="张三丰", phone="13900000000")
    assert update.command.to_domain().changes == edit
    assert isinstance(assign, CommandOp) and assign.command.assign_to == "A01"
    assert [op.kind.value for op in wire] == ["create", "update", "assign", *["transition"] * 4]
    assert transitions[-1].command.satisfaction is Satisfaction.SATISFIED  # type: ignore[union-attr]
    events = ticket_store.events(ticket.id)
    assert [op.command.event_id for op in wire[1:]] == [e.id for e in events[1:]]  # type: ignore[union-attr]
    assert all(op.seat == "A01" for op in wire)


def test_an_op_that_does_not_validate_is_refused_here_with_the_reason() -> None:
    broken = PendingOp(1, new_id(), new_id(), OpKind.UPDATE, 0, {"command": {"action": "fly"}}, MORNING, 0)
    outbound = prepare([broken], "A01")
    assert outbound.ops == []
    [answer] = outbound.refused
    assert answer.result is OpStatus.REJECTED and answer.op_id == broken.op_id
    assert isinstance(answer.reason, Problem) and answer.reason.code == "sync.unsendable"
    assert "command" in str(answer.reason.params["fields"])


def test_ops_queued_before_migration_0003_become_pushable(tmp_path: Path, sla_clock: SlaClock) -> None:
    # Make a ticket with a create, an edit and a dispatch queued, then put the payloads back in the
    # shape the store wrote before 0003, step back to 0002 and migrate again, as an old seat would.
    path = tmp_path / "seat.sqlite3"
    store = open_store(path)
    tickets = TicketStore(store, sla_clock, clock=lambda: MORNING)
    draft = Draft(
        id=new_id(),
        seat_id="A01",
        started_at=MORNING,
        kind=Kind.HELP,
        category_code="CJ.SZ.LD",
        caller_name="陈女士",
        content="路灯不亮",
    )
    ticket, _ = tickets.accept(draft, actor="话务员01")
    at = MORNING + timedelta(minutes=1)
    edit = {"caller": Caller("陈女士", "13700001234"), "priority": Priority.FAST, "category_code": "CJ.SZ.LD"}
    tickets.act(ticket.id, Command(Action.EDIT, "话务员01", Role.OPERATOR, at, seat_id="A01", changes=edit))
    tickets.act(
        ticket.id, Command(Action.DISPATCH, "话务员01", Role.OPERATOR, at, seat_id="A01", department="QCGJ")
    )
    expected = [to_wire(op, "A01") for op in Outbox(store).pending()]
    events = {e.id: e for e in tickets.events(ticket.id)}
    with store.transaction() as session:
        for row in session.scalars(select(OutboxRow)):
            payload = json.loads(row.payload)
            if "ticket" in payload:
                old = {
                    k: (v.isoformat() if isinstance(v, datetime) else v)
                    for k, v in ticket_columns(ticket).items()
                }
            else:
                event = events[payload["command"]["event_id"]]
                old = {
                    "event_id": event.id,
                    "action": event.action.value,
                    "actor": event.actor,
                    "role": event.role.value,
                    "seat_id": event.seat_id,
                    "at": event.at.isoformat(),
                    "reason": event.reason,
                    "data": event.data,
                }
            row.payload = json.dumps(old, ensure_ascii=False)
    store.close()
    _migrate(path, "0002", down=True)

    reopened = open_store(path)  # upgrades to head, rewriting the queued payloads
    try:
        assert [to_wire(op, "A01") for op in Outbox(reopened).pending()] == expected
    finally:
        reopened.close()


def _migrate(path: Path, revision: str, *, down: bool) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = keyed_engine(path)  # the store is encrypted
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()
