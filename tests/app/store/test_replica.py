"""The replica: what the server says is settled and adopted idempotently, and pending edits survive it."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.domain.draft import Draft
from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import Command
from app.domain.ops import OpKind, OpStatus
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Status
from app.domain.ticket import Caller, Ticket
from app.store.conflicts import ConflictKind, ConflictResolved, ConflictStore, Resolution
from app.store.db import Store
from app.store.models import ConflictRow, EventRow, MetaRow, NoticeRow, OutboxRow, TicketRow
from app.store.outbox import Outbox
from app.store.queue import QueueFilter, QueueOrder, QueueQuery
from app.store.replica import Answer, FieldDiff, Pulled, Replica
from app.store.tickets import TicketStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)
OFFICIAL = "12345-20261125-000042"


def clock() -> datetime:
    return MORNING


@pytest.fixture
def tickets(store: Store, sla_clock: SlaClock) -> TicketStore:
    return TicketStore(store, sla_clock, clock=clock)


@pytest.fixture
def replica(store: Store, sla_clock: SlaClock) -> Replica:
    return Replica(store, sla_clock, clock=clock)


@pytest.fixture
def conflicts(store: Store, tickets: TicketStore) -> ConflictStore:
    return ConflictStore(store, tickets, clock=clock)


def accepted(tickets: TicketStore, **fields: Any) -> Ticket:
    values: dict[str, Any] = {
        "kind": Kind.COMPLAINT,
        "category_code": "CJ.WY.DT",
        "caller_name": "张三",
        "caller_phone": "13812345678",
        "content": "电梯停运两天",
        **fields,
    }
    draft = Draft(id=new_id(), seat_id="S01", started_at=MORNING - timedelta(minutes=3), **values)
    return tickets.accept(draft, actor="李娜")[0]


def edit(changes: dict[str, object], minutes: int = 1) -> Command:
    return Command(
        Action.EDIT,
        "李娜",
        Role.OPERATOR,
        MORNING + timedelta(minutes=minutes),
        seat_id="S01",
        changes=changes,
    )


def as_server(ticket: Ticket, version: int, **fields: Any) -> Ticket:
    """The ticket as the central server would send it back: its version, the official number."""
    return dataclasses.replace(ticket, version=version, number=OFFICIAL, **fields)


def ops(store: Store) -> list[tuple[str, str | None, int]]:
    with store.reading() as session:
        rows = session.scalars(select(OutboxRow).order_by(OutboxRow.seq))
        return [(r.op_kind, r.result, r.base_version) for r in rows]


def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    tables = (TicketRow, EventRow, OutboxRow, MetaRow, ConflictRow, NoticeRow)
    with store.reading() as session:
        return {
            m.__tablename__: [
                {k: v for k, v in dict(r._mapping).items() if k != "updated_at"}
                for r in session.execute(select(m.__table__))  # type: ignore[attr-defined]
            ]
            for m in tables
        }


# -- settling pushed ops --------------------------------------------------------------------------------


def test_an_applied_create_brings_the_official_number_and_keeps_the_provisional_one(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = accepted(tickets)
    [op] = Outbox(store).pending()

    changes = replica.settle([Answer(op.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])

    local = tickets.get(ticket.id)
    assert (local.number, local.local_no, local.version) == (OFFICIAL, ticket.local_no, 1)
    assert local.display_no == OFFICIAL
    assert Outbox(store).pending_count() == 0
    assert Outbox(store).result(op.op_id) is OpStatus.APPLIED
    assert changes.tickets == {ticket.id} and changes.outbox
    # The provisional number still finds the ticket in the queue's search.
    page = QueueQuery(store, QueueFilter(text=ticket.local_no), QueueOrder()).page(0, 10)
    assert [row.id for row in page] == [ticket.id]


def test_an_answer_with_only_version_and_number_stamps_the_ticket(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = accepted(tickets)
    [op] = Outbox(store).pending()
    replica.settle([Answer(op.op_id, OpStatus.APPLIED, version=1, number=OFFICIAL)])
    assert tickets.get(ticket.id) == dataclasses.replace(ticket, version=1, number=OFFICIAL)


def test_settling_twice_changes_nothing_more(store: Store, tickets: TicketStore, replica: Replica) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"content": "电梯停运三天"}))
    create, update = Outbox(store).pending()
    answers = [
        Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1),
        Answer(
            update.op_id,
            OpStatus.CONFLICT,
            ticket=as_server(ticket, 2, content="电梯已修好"),
            version=2,
            reason="冲突",
        ),
    ]
    replica.settle(answers)
    once = snapshot(store)
    assert replica.settle(answers).empty
    assert snapshot(store) == once


def test_a_duplicate_after_a_lost_settle_heals_the_store(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    # The server committed the create, the seat died before settling: the replay comes back DUPLICATE.
    ticket = accepted(tickets)
    [op] = Outbox(store).pending()
    replica.settle(
        [
            Answer(
                op.op_id,
                OpStatus.DUPLICATE,
                original=OpStatus.APPLIED,
                ticket=as_server(ticket, 1),
                version=1,
            )
        ]
    )
    assert tickets.get(ticket.id).number == OFFICIAL
    assert Outbox(store).result(op.op_id) is OpStatus.DUPLICATE
    assert ConflictStore(store, tickets).open_conflicts() == []


def test_a_replayed_conflict_is_still_recorded_once(
    store: Store, tickets: TicketStore, replica: Replica, conflicts: ConflictStore
) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"content": "电梯停运三天"}))
    create, update = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])
    theirs = as_server(ticket, 2, content="电梯已修好")
    replica.settle([Answer(update.op_id, OpStatus.DUPLICATE, original=OpStatus.CONFLICT, ticket=theirs)])
    [conflict] = conflicts.open_conflicts()
    assert conflict.op_id == update.op_id and conflict.kind is ConflictKind.CONFLICT


def test_an_older_answer_arriving_late_does_not_roll_the_ticket_back(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"priority": Priority.FAST}))
    create, update = Outbox(store).pending()
    newer = as_server(ticket, 2, priority=Priority.FAST)
    replica.settle([Answer(update.op_id, OpStatus.APPLIED, ticket=newer, version=2)])
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])
    assert tickets.get(ticket.id).version == 2
    assert tickets.get(ticket.id).priority is Priority.FAST


# -- rebase: pending edits never vanish ----------------------------------------------------------------


def test_adopting_the_server_ticket_replays_the_edits_still_pending(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"caller": Caller("张三丰", "13900000000")}, minutes=1))
    dispatch = Command(
        Action.DISPATCH, "李娜", Role.OPERATOR, MORNING + timedelta(minutes=2), "S01", department="D-WY"
    )
    shown, _ = tickets.act(ticket.id, dispatch)
    create, *_ = Outbox(store).pending()

    # The server only knows the create so far, and a lead flagged it meanwhile (督办).
    replica.settle(
        [Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1, supervised=True), version=1)]
    )

    local = tickets.get(ticket.id)
    assert local.caller == Caller("张三丰", "13900000000")
    assert (local.status, local.department) == (Status.DISPATCHED, "D-WY")
    assert local.close_due == shown.close_due  # the dispatch's deadline is planned again on rebase
    assert local.supervised and local.number == OFFICIAL and local.version == 1
    # Made on exactly the version the create produced: the later ops now claim it as their base.
    assert ops(store) == [("create", "applied", 0), ("update", None, 1), ("transition", None, 1)]


def test_a_pending_op_that_no_longer_applies_stays_pending_for_the_server_to_answer(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = accepted(tickets, kind=Kind.CONSULTATION, category_code="CJ.WY.WF")
    tickets.act(ticket.id, edit({"content": "补充说明"}))
    create, update = Outbox(store).pending()
    closed = as_server(ticket, 3, status=Status.CLOSED, closed_at=MORNING)
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=closed, version=3)])
    local = tickets.get(ticket.id)
    assert local.status is Status.CLOSED and local.content == ticket.content
    assert [op.op_id for op in Outbox(store).pending()] == [update.op_id]


# -- conflicts ------------------------------------------------------------------------------------------


def test_a_conflict_keeps_both_versions_and_the_ticket_shows_the_servers(
    store: Store, tickets: TicketStore, replica: Replica, conflicts: ConflictStore
) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"content": "电梯停运三天，老人被困"}))
    create, update = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])
    theirs = as_server(ticket, 2, content="电梯已由物业修复")
    replica.settle(
        [
            Answer(
                update.op_id,
                OpStatus.CONFLICT,
                ticket=theirs,
                version=2,
                reason="他人已修改诉求内容 (changed by someone else)",
                conflicts=(FieldDiff("content", "电梯停运三天，老人被困", "电梯已由物业修复"),),
            )
        ]
    )

    assert tickets.get(ticket.id).content == "电梯已由物业修复"
    [conflict] = conflicts.open_conflicts()
    assert conflict.kind is ConflictKind.CONFLICT and conflict.ticket_id == ticket.id
    assert conflict.mine_command is not None
    assert conflict.mine_command.changes == {"content": "电梯停运三天，老人被困"}
    assert conflict.theirs == theirs
    assert conflict.fields == (FieldDiff("content", "电梯停运三天，老人被困", "电梯已由物业修复"),)
    assert "someone else" in conflict.reason
    assert Resolution.TAKE_THEIRS in conflict.choices


def test_keep_mine_sends_my_values_again_on_the_servers_version(
    store: Store, tickets: TicketStore, replica: Replica, conflicts: ConflictStore
) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"content": "电梯停运三天", "district": "福田区"}))
    create, update = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])
    theirs = as_server(ticket, 4, content="电梯已修复", district="福田区")
    replica.settle([Answer(update.op_id, OpStatus.CONFLICT, ticket=theirs, version=4)])
    [conflict] = conflicts.open_conflicts()
    # The server named no fields: the record compares my edit with its ticket by itself.
    assert conflict.fields == (FieldDiff("content", "电梯停运三天", "电梯已修复"),)

    changes = conflicts.resolve(conflict.id, Resolution.KEEP_MINE, actor="李娜")

    assert changes.outbox and conflicts.open_conflicts() == []
    assert tickets.get(ticket.id).content == "电梯停运三天"
    [retry] = Outbox(store).pending()
    assert (retry.kind, retry.base_version) == (OpKind.UPDATE, 4)
    assert retry.payload["command"]["changes"] == {"content": "电梯停运三天"}  # only what differs
    assert tickets.events(ticket.id)[-1].action is Action.EDIT
    with pytest.raises(ConflictResolved):
        conflicts.resolve(conflict.id, Resolution.KEEP_MINE, actor="李娜")


def test_take_theirs_only_closes_the_record(
    store: Store, tickets: TicketStore, replica: Replica, conflicts: ConflictStore
) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"content": "x"}))
    create, update = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])
    replica.settle([Answer(update.op_id, OpStatus.CONFLICT, ticket=as_server(ticket, 2, content="y"))])
    [conflict] = conflicts.open_conflicts()
    conflicts.resolve(conflict.id, Resolution.TAKE_THEIRS, actor="李娜")
    assert conflicts.open_count() == 0 and Outbox(store).pending_count() == 0
    assert conflicts.get(conflict.id).resolution is Resolution.TAKE_THEIRS
    assert tickets.get(ticket.id).content == "y"


def test_a_rejected_create_keeps_the_local_ticket_and_can_be_sent_again(
    store: Store, tickets: TicketStore, replica: Replica, conflicts: ConflictStore
) -> None:
    ticket = accepted(tickets)
    [create] = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.REJECTED, reason="事项分类已停用 (category retired)")])

    assert tickets.get(ticket.id) == ticket
    [conflict] = conflicts.open_conflicts()
    assert conflict.kind is ConflictKind.REJECTED and conflict.theirs is None
    assert conflict.mine_ticket == ticket and "category retired" in conflict.reason
    assert conflict.choices == (Resolution.KEEP_MINE, Resolution.ACKNOWLEDGE)
    with pytest.raises(ValueError, match="not a choice"):
        conflicts.resolve(conflict.id, Resolution.TAKE_THEIRS, actor="李娜")

    conflicts.resolve(conflict.id, Resolution.KEEP_MINE, actor="李娜")
    [retry] = Outbox(store).pending()
    assert retry.kind is OpKind.CREATE and retry.op_id != create.op_id
    assert retry.payload == create.payload


def test_keep_mine_refused_by_the_lifecycle_leaves_the_conflict_open(
    store: Store, tickets: TicketStore, replica: Replica, conflicts: ConflictStore
) -> None:
    ticket = accepted(tickets)
    tickets.act(ticket.id, edit({"content": "补充"}))
    create, update = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])
    closed = as_server(ticket, 2, status=Status.CLOSED, closed_at=MORNING)
    replica.settle([Answer(update.op_id, OpStatus.REJECTED, ticket=closed, reason="已办结 (closed)")])
    [conflict] = conflicts.open_conflicts()
    with pytest.raises(Exception, match="cannot edit a closed ticket"):
        conflicts.resolve(conflict.id, Resolution.KEEP_MINE, actor="李娜")
    assert conflicts.open_count() == 1 and Outbox(store).pending_count() == 0
    assert conflicts.open_conflicts()[0].mine_command is not None  # still readable


# -- pull -----------------------------------------------------------------------------------------------


def foreign_ticket(seat: str = "S02") -> tuple[Ticket, list[TicketEvent]]:
    ticket = Ticket(
        id=new_id(),
        local_no=f"L-{seat}-20261125-0001",
        number="12345-20261125-000007",
        kind=Kind.HELP,
        status=Status.ACCEPTED,
        seat_id=seat,
        created_at=MORNING,
        accepted_at=MORNING,
        category_code="CJ.SZ.LD",
        content="路灯不亮",
        assigned_seat="S01",
        version=3,
    )
    event = TicketEvent(
        new_id(),
        ticket.id,
        Action.ACCEPT,
        Status.DRAFT,
        Status.ACCEPTED,
        MORNING,
        "王芳",
        Role.OPERATOR,
        seat,
    )
    return ticket, [event]


def test_a_pull_page_inserts_tickets_events_notices_and_moves_the_cursor_once(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket, events = foreign_ticket()
    page = [Pulled(ticket, tuple(events), note="班长 李华 改派至 S01 (reassigned to you)")]
    replica.apply_pull(page, cursor=17)

    assert tickets.get(ticket.id) == ticket
    assert tickets.events(ticket.id) == events
    assert replica.cursor() == 17
    [notice] = replica.notices()
    assert notice.ticket_id == ticket.id and "reassigned" in notice.note
    with store.reading() as session:
        assert session.scalar(select(TicketRow.is_demo).where(TicketRow.id == ticket.id)) is False

    once = snapshot(store)
    replica.apply_pull(page, cursor=17)
    assert snapshot(store) == once  # a page pulled again (cursor lost in a crash) adds nothing

    replica.acknowledge_notices([notice.id])
    assert replica.notices() == []


def test_a_note_pulled_as_a_code_is_kept_as_one_so_the_operator_reads_it_in_the_interface_language(
    store: Store, replica: Replica
) -> None:
    ticket, _ = foreign_ticket()
    said = Problem(
        "notice.reassigned",
        {"role": "team_lead", "actor": "李华", "ticket": "12345-20261207-000001", "seat": "S07"},
    )
    replica.apply_pull([Pulled(ticket, note=said)], cursor=3)
    replica.apply_pull([Pulled(ticket, note=said)], cursor=3)  # pulled again: still one notice
    assert [n.note for n in replica.notices()] == [said]


def test_a_lead_reassignment_pulled_takes_the_ticket_out_of_my_queue_but_keeps_my_pending_edit(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = accepted(tickets)
    [create] = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, ticket=as_server(ticket, 1), version=1)])
    tickets.act(ticket.id, edit({"address": "福田区某小区3栋2单元"}))
    mine = QueueFilter(seat_id="S01")
    assert QueueQuery(store, mine, QueueOrder()).count() == 1

    moved = as_server(ticket, 2, assigned_seat="S07")
    replica.apply_pull([Pulled(moved, note="班长 李华 改派至 S07")], cursor=5)

    local = tickets.get(ticket.id)
    assert local.assigned_seat == "S07" and local.address == "福田区某小区3栋2单元"
    assert QueueQuery(store, mine, QueueOrder()).count() == 0
    assert [n.note for n in replica.notices()] == ["班长 李华 改派至 S07"]


def test_a_settled_op_row_keeps_its_payload_for_audit(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = accepted(tickets)
    [create] = Outbox(store).pending()
    replica.settle([Answer(create.op_id, OpStatus.APPLIED, version=1)])
    with store.reading() as session:
        row = session.scalar(select(OutboxRow).where(OutboxRow.op_id == create.op_id))
        assert row is not None and row.sent_at == MORNING
        assert json.loads(row.payload)["ticket"]["id"] == ticket.id


def test_a_reinstalled_seat_never_reuses_a_provisional_number_it_pulled_back(
    tickets: TicketStore, replica: Replica
) -> None:
    # Before the reinstall this seat made L-S01-20261125-0001; the server sends that ticket back.
    before = as_server(made_before_reinstall("L-S01-20261125-0001"), 3)
    replica.apply_pull([Pulled(before)], cursor=1)

    fresh = accepted(tickets)

    assert fresh.local_no == "L-S01-20261125-0002"
    assert tickets.get(before.id).local_no == "L-S01-20261125-0001"


def test_a_pulled_ticket_whose_provisional_number_is_taken_here_is_still_adopted(
    tickets: TicketStore, replica: Replica
) -> None:
    # The other order: the reinstalled seat numbered a new ticket first, then pulled its old one.
    fresh = accepted(tickets)
    before = as_server(made_before_reinstall(fresh.local_no), 3)

    replica.apply_pull([Pulled(before)], cursor=1)

    adopted = tickets.get(before.id)
    assert adopted.number == OFFICIAL and adopted.local_no.startswith(fresh.local_no)
    assert adopted.local_no != fresh.local_no
    assert tickets.get(fresh.id).local_no == fresh.local_no


def made_before_reinstall(local_no: str) -> Ticket:
    """A ticket this seat accepted before it was reinstalled: only the server still has it."""
    return Ticket(
        id=new_id(),
        local_no=local_no,
        kind=Kind.COMPLAINT,
        status=Status.ACCEPTED,
        seat_id="S01",
        created_at=MORNING - timedelta(hours=2),
        category_code="CJ.WY.DT",
        content="路灯不亮",
        assigned_seat="S01",
        accepted_at=MORNING - timedelta(hours=2),
    )
