"""The ticket repository: a change, its audit event and its outbox op are written together or not at all."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from app.domain.draft import Draft
from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import Command, LifecycleError, apply
from app.domain.ops import OpKind
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Caller, Ticket
from app.store import outbox as outbox_module
from app.store import tickets as tickets_module
from app.store.changes import Changes
from app.store.db import Store
from app.store.drafts import DraftStore
from app.store.models import DraftRow, EventRow, MetaRow, OutboxRow, TicketRow
from app.store.outbox import Outbox
from app.store.tickets import TicketNotFound, TicketStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 2026-11-25 (a Wednesday) 10:00 in Shenzhen: inside working hours, far from any holiday.
MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MORNING)


@pytest.fixture
def tickets(store: Store, sla_clock: SlaClock, clock: FakeClock) -> TicketStore:
    return TicketStore(store, sla_clock, clock=clock)


@pytest.fixture
def drafts(store: Store) -> DraftStore:
    return DraftStore(store)


def a_draft(seat: str = "S01", **fields: Any) -> Draft:
    values: dict[str, Any] = {
        "kind": Kind.COMPLAINT,
        "category_code": "CJ.WY.DT",
        "priority": Priority.NORMAL,
        "caller_name": "张三",
        "caller_phone": "13812345678",
        "address": "福田区某小区3栋",
        "district": "福田区",
        "content": "电梯停运两天，无人维修",
        **fields,
    }
    return Draft(id=new_id(), seat_id=seat, started_at=MORNING - timedelta(minutes=4), **values)


def command(action: Action, at: datetime, role: Role = Role.OPERATOR, **fields: Any) -> Command:
    return Command(action, "李娜", role, at, seat_id="S01", **fields)


def rows(store: Store, model: type[Any]) -> list[dict[str, Any]]:
    """Every row of a table as plain values, to compare the whole store before and after."""
    with store.reading() as session:
        table = model.__table__
        return [dict(r._mapping) for r in session.execute(select(table).order_by(*table.primary_key))]


def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {m.__tablename__: rows(store, m) for m in (TicketRow, EventRow, OutboxRow, DraftRow, MetaRow)}


def count(store: Store, model: type[Any]) -> int:
    with store.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# -- 受理 -----------------------------------------------------------------------------------------


def test_accept_writes_ticket_accept_event_and_create_op_and_removes_the_draft(
    store: Store, tickets: TicketStore, drafts: DraftStore
) -> None:
    draft = a_draft()
    drafts.save(draft, revision=7)

    ticket, changes = tickets.accept(draft, actor="李娜")

    assert ticket.id == draft.id
    assert ticket.status is Status.ACCEPTED
    assert ticket.accepted_at == MORNING
    assert ticket.assigned_seat == "S01"
    assert tickets.get(ticket.id) == ticket

    [event] = tickets.events(ticket.id)
    assert (event.action, event.from_status, event.to_status) == (
        Action.ACCEPT,
        Status.DRAFT,
        Status.ACCEPTED,
    )
    assert (event.actor, event.role, event.seat_id, event.at) == ("李娜", Role.OPERATOR, "S01", MORNING)

    [op] = Outbox(store).pending()
    assert (op.kind, op.ticket_id, op.base_version) == (OpKind.CREATE, ticket.id, 0)
    assert op.payload["ticket"]["status"] == "accepted"
    assert op.payload["ticket"]["content"] == "电梯停运两天，无人维修"
    assert op.payload["ticket"]["local_no"] == ticket.local_no
    assert op.payload["event"]["id"] == event.id

    assert drafts.latest("S01") is None
    assert changes == Changes(frozenset({ticket.id}), queue=True, drafts=True, outbox=True)


def test_accept_is_one_transaction_a_failing_outbox_leaves_nothing_behind(
    store: Store, tickets: TicketStore, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = a_draft()
    drafts.save(draft, revision=3)
    before = snapshot(store)
    written_before_failure: list[int] = []

    def failing_enqueue(session: Session, **op: Any) -> str:
        # Midway: the ticket and its event are already written in this transaction.
        written_before_failure.append(session.scalar(select(func.count()).select_from(TicketRow)) or 0)
        written_before_failure.append(session.scalar(select(func.count()).select_from(EventRow)) or 0)
        raise OSError("disk full")

    monkeypatch.setattr(outbox_module, "enqueue", failing_enqueue)
    with pytest.raises(OSError, match="disk full"):
        tickets.accept(draft, actor="李娜")

    assert written_before_failure == [1, 1]
    assert snapshot(store) == before  # no ticket, no event, no op, no used number
    assert drafts.latest("S01") == (draft, 3)  # the operator's typing is still there

    monkeypatch.undo()
    ticket, _ = tickets.accept(draft, actor="李娜")
    assert ticket.local_no.endswith("-0001"), "the failed attempt must not use up a number"


def test_accept_failing_at_the_last_step_keeps_the_draft_and_writes_nothing(
    store: Store, tickets: TicketStore, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = a_draft()
    drafts.save(draft, revision=1)
    before = snapshot(store)

    def failing_discard(session: Session, draft_id: str) -> None:
        raise OSError("database is locked")

    monkeypatch.setattr(tickets_module, "discard_in", failing_discard)
    with pytest.raises(OSError):
        tickets.accept(draft, actor="李娜")
    assert snapshot(store) == before


def test_accept_refused_by_the_rules_writes_nothing_and_keeps_the_draft(
    store: Store, tickets: TicketStore, drafts: DraftStore
) -> None:
    draft = a_draft(content="   ")
    drafts.save(draft, revision=2)
    before = snapshot(store)
    with pytest.raises(LifecycleError, match="content is empty"):
        tickets.accept(draft, actor="李娜")
    assert snapshot(store) == before


def test_accept_with_an_answer_closes_the_consultation_in_the_same_commit(
    store: Store, tickets: TicketStore, drafts: DraftStore
) -> None:
    draft = a_draft(kind=Kind.CONSULTATION, category_code="CJ.WY.WF", content="物业费标准怎么查")
    drafts.save(draft, revision=1)
    ticket, _ = tickets.accept(draft, actor="李娜", close_reason="已告知查询渠道")
    assert ticket.status is Status.CLOSED
    assert tickets.get(ticket.id).closed_at == MORNING
    assert [e.action for e in tickets.events(ticket.id)] == [Action.ACCEPT, Action.CLOSE_DIRECT]
    assert [op.kind for op in Outbox(store).pending()] == [OpKind.CREATE, OpKind.TRANSITION]
    assert drafts.latest("S01") is None


def test_accept_with_an_answer_is_all_or_nothing(
    store: Store, tickets: TicketStore, drafts: DraftStore
) -> None:
    # A complaint cannot be closed on the call: the refused close must take the 受理 back with it.
    draft = a_draft(kind=Kind.COMPLAINT)
    drafts.save(draft, revision=1)
    before = snapshot(store)
    with pytest.raises(LifecycleError, match="must be dispatched"):
        tickets.accept(draft, actor="李娜", close_reason="已解释")
    assert snapshot(store) == before


# -- SLA deadlines ------------------------------------------------------------------------------------


def test_accept_sets_the_sla_deadlines(tickets: TicketStore, sla_clock: SlaClock) -> None:
    draft = a_draft(priority=Priority.URGENT)
    ticket, _ = tickets.accept(draft, actor="李娜")
    # 深圳民意速办: an urgent ticket is dispatched within 30 minutes, day or night.
    assert ticket.dispatch_due == MORNING + timedelta(minutes=30)
    expected = sla_clock.deadlines(Kind.COMPLAINT, "CJ.WY.DT", Priority.URGENT, MORNING)
    assert (ticket.dispatch_due, ticket.close_due) == (expected.dispatch_due, expected.close_due)
    stored = tickets.get(ticket.id)
    assert (stored.dispatch_due, stored.close_due) == (expected.dispatch_due, expected.close_due)


def test_a_draft_marked_urgent_is_accepted_urgent_with_the_urgent_sla(
    tickets: TicketStore, sla_clock: SlaClock
) -> None:
    # The one-key 紧急 mark of an emergency call: the category's usual priority must not keep the
    # 8-hour dispatch limit of an ordinary complaint.
    draft = a_draft(priority=Priority.NORMAL, urgent=True)
    ticket, _ = tickets.accept(draft, actor="李娜")
    expected = sla_clock.deadlines(Kind.COMPLAINT, "CJ.WY.DT", Priority.URGENT, MORNING)
    assert (ticket.urgent, ticket.priority) == (True, Priority.URGENT)
    assert (ticket.dispatch_due, ticket.close_due) == (expected.dispatch_due, expected.close_due)
    stored = tickets.get(ticket.id)
    assert (stored.urgent, stored.priority) == (True, Priority.URGENT)
    assert stored.dispatch_due == expected.dispatch_due


@pytest.mark.parametrize(
    ("kind", "category", "priority"),
    [
        (Kind.COMPLAINT, "CJ.WY.DT", Priority.NORMAL),
        (Kind.CONSULTATION, "CJ.WY.WF", Priority.NORMAL),
        (Kind.HELP, "CJ.GS.TS", Priority.NORMAL),  # 停水 is raised to 快速
        (Kind.SUGGESTION, "CJ.SZ.LD", Priority.FAST),
    ],
)
def test_deadlines_follow_the_sla_rules(
    tickets: TicketStore, sla_clock: SlaClock, kind: Kind, category: str, priority: Priority
) -> None:
    ticket, _ = tickets.accept(a_draft(kind=kind, category_code=category, priority=priority), actor="李娜")
    expected = sla_clock.deadlines(kind, category, priority, MORNING)
    assert (ticket.dispatch_due, ticket.close_due) == (expected.dispatch_due, expected.close_due)
    assert ticket.dispatch_due is not None and ticket.close_due is not None
    assert MORNING < ticket.dispatch_due <= ticket.close_due


def test_the_queue_sorts_on_the_deadline_that_matters_now(store: Store, tickets: TicketStore) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")

    def stored_next_due() -> datetime | None:
        with store.reading() as session:
            return session.scalar(select(TicketRow.next_due).where(TicketRow.id == ticket.id))

    assert stored_next_due() == ticket.dispatch_due
    tickets.act(ticket.id, command(Action.DISPATCH, MORNING + timedelta(minutes=20), department="D-WY"))
    assert stored_next_due() == ticket.close_due


# -- lifecycle commands ---------------------------------------------------------------------------------


def test_act_writes_the_event_and_a_transition_op_based_on_the_known_server_version(
    store: Store, tickets: TicketStore
) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")
    with store.transaction() as session:  # the server has acknowledged version 3 meanwhile
        session.execute(update(TicketRow).where(TicketRow.id == ticket.id).values(version=3))

    at = MORNING + timedelta(minutes=25)
    dispatched, changes = tickets.act(ticket.id, command(Action.DISPATCH, at, department="D-WY"))

    assert dispatched.status is Status.DISPATCHED
    assert tickets.get(ticket.id) == dispatched
    assert dispatched.version == 3
    *_, event = tickets.events(ticket.id)
    assert (event.action, event.from_status, event.to_status, event.at) == (
        Action.DISPATCH,
        Status.ACCEPTED,
        Status.DISPATCHED,
        at,
    )
    assert event.data == {"department": "D-WY", "previous": ""}
    _, op = Outbox(store).pending()
    assert (op.kind, op.ticket_id, op.base_version) == (OpKind.TRANSITION, ticket.id, 3)
    assert op.payload["command"]["action"] == "dispatch"
    assert op.payload["command"]["event_id"] == event.id
    assert op.payload["command"]["department"] == "D-WY"
    assert changes == Changes(frozenset({ticket.id}), queue=True, outbox=True)


@pytest.mark.parametrize(
    ("action", "fields", "kind"),
    [
        (Action.ASSIGN, {"assign_to": "S01"}, OpKind.ASSIGN),
        (Action.EDIT, {"changes": {"address": "罗湖区新地址"}}, OpKind.UPDATE),
        (Action.SUPERVISE, {"reason": "督办"}, OpKind.TRANSITION),
        (Action.DISPATCH, {"department": "D-WY"}, OpKind.TRANSITION),
    ],
)
def test_each_command_queues_the_matching_op(
    store: Store, tickets: TicketStore, action: Action, fields: dict[str, Any], kind: OpKind
) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")
    tickets.act(ticket.id, command(action, MORNING + timedelta(minutes=1), Role.TEAM_LEAD, **fields))
    assert [op.kind for op in Outbox(store).pending()] == [OpKind.CREATE, kind]
    assert count(store, EventRow) == 2


def test_a_refused_command_leaves_the_store_untouched(store: Store, tickets: TicketStore) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")
    before = snapshot(store)
    with pytest.raises(LifecycleError, match="cannot close a accepted ticket"):
        tickets.act(ticket.id, command(Action.CLOSE, MORNING + timedelta(hours=1)))
    with pytest.raises(LifecycleError, match="role department may not dispatch"):
        tickets.act(ticket.id, command(Action.DISPATCH, MORNING, Role.DEPARTMENT, department="D-WY"))
    assert snapshot(store) == before


def test_acting_on_an_unknown_ticket_says_so(store: Store, tickets: TicketStore) -> None:
    before = snapshot(store)
    with pytest.raises(TicketNotFound):
        tickets.act(new_id(), command(Action.SUPERVISE, MORNING, Role.TEAM_LEAD, reason="督办"))
    with pytest.raises(TicketNotFound):
        tickets.get(new_id())
    assert snapshot(store) == before


def test_the_whole_life_of_a_ticket_is_kept_in_order(store: Store, tickets: TicketStore) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")
    steps = [
        command(Action.DISPATCH, MORNING, department="D-WY"),
        command(Action.START, MORNING, Role.DEPARTMENT),
        command(Action.REPLY, MORNING, Role.DEPARTMENT, reason="已修复电梯"),
        command(Action.VISIT, MORNING, satisfaction=Satisfaction.UNSATISFIED),
        command(Action.REOPEN, MORNING, reason="市民反映仍有故障"),
        command(Action.REPLY, MORNING, Role.DEPARTMENT, reason="更换主板"),
        command(Action.VISIT, MORNING, satisfaction=Satisfaction.SATISFIED),
        command(Action.CLOSE, MORNING),
    ]
    for minutes, step in enumerate(steps, start=1):
        tickets.act(ticket.id, dataclasses.replace(step, at=MORNING + timedelta(minutes=minutes)))

    history = tickets.events(ticket.id)
    assert [e.action for e in history] == [Action.ACCEPT, *(s.action for s in steps)]
    for earlier, later in itertools.pairwise(history):
        assert later.from_status is earlier.to_status
    assert history[-1].to_status is tickets.get(ticket.id).status is Status.CLOSED
    assert len(Outbox(store).pending()) == len(history)


# -- 临时编号 ------------------------------------------------------------------------------------------


def number(ticket: Ticket) -> tuple[str, str, int]:
    match = re.fullmatch(r"L-(\w+)-(\d{8})-(\d{4,})", ticket.local_no)
    assert match, f"unexpected local number {ticket.local_no!r}"
    return match.group(1), match.group(2), int(match.group(3))


def test_local_numbers_count_up_per_day_and_seat(tickets: TicketStore, clock: FakeClock) -> None:
    first = [tickets.accept(a_draft("S01"), actor="李娜")[0] for _ in range(3)]
    assert [number(t) for t in first] == [("S01", "20261125", n) for n in (1, 2, 3)]

    # 00:30 in Shenzhen is still the 25th in UTC: the seat's day is the local day.
    clock.now = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)
    next_day = tickets.accept(a_draft("S01"), actor="李娜")[0]
    assert number(next_day) == ("S01", "20261126", 1)

    other_seat = [tickets.accept(a_draft("S02"), actor="王芳")[0] for _ in range(2)]
    again = tickets.accept(a_draft("S01"), actor="李娜")[0]
    s02 = [number(t)[2] for t in other_seat]
    assert all(number(t)[:2] == ("S02", "20261126") for t in other_seat)
    assert s02 == sorted(s02) and len(set(s02)) == 2
    assert number(again)[:2] == ("S01", "20261126") and number(again)[2] > 1

    all_numbers = [t.local_no for t in [*first, next_day, *other_seat, again]]
    assert len(set(all_numbers)) == len(all_numbers)


def test_local_numbers_stay_unique_over_many_accepts(store: Store, tickets: TicketStore) -> None:
    made = [tickets.accept(a_draft(), actor="李娜")[0].local_no for _ in range(30)]
    assert len(set(made)) == 30
    assert made == sorted(made)  # zero-padded: text order is issue order
    with store.reading() as session:
        stored = session.scalars(select(TicketRow.local_no)).all()
    assert sorted(stored) == made


# -- import --------------------------------------------------------------------------------------------


def _history(seat: str, n: int) -> tuple[Ticket, list[TicketEvent]]:
    at = MORNING - timedelta(days=n)
    ticket = Ticket(
        id=new_id(),
        local_no=f"L-{seat}-DEMO-{n:04d}",
        kind=Kind.HELP,
        status=Status.DRAFT,
        seat_id=seat,
        created_at=at,
        category_code="CJ.SZ.LD",
        caller=Caller("陈女士", "13700001234"),
        content=f"路灯不亮 #{n}",
    )
    events = []
    for step in (
        Command(Action.ACCEPT, "李娜", Role.OPERATOR, at, seat_id=seat),
        Command(Action.DISPATCH, "李娜", Role.OPERATOR, at + timedelta(hours=1), department="D-SZ"),
    ):
        ticket, event = apply(ticket, step)
        events.append(event)
    return ticket, events


def test_import_history_inserts_tickets_and_events_without_outbox_ops(
    store: Store, tickets: TicketStore
) -> None:
    items = [_history("S09", n) for n in range(1, 6)]
    assert tickets.import_history(items, demo=True) == 5

    for ticket, events in items:
        assert tickets.get(ticket.id) == ticket
        assert tickets.events(ticket.id) == events
    assert count(store, OutboxRow) == 0, "imported history must never be pushed to the server"
    with store.reading() as session:
        assert set(session.scalars(select(TicketRow.is_demo))) == {True}


def test_acting_on_a_demo_ticket_records_it_but_queues_nothing(store: Store, tickets: TicketStore) -> None:
    ticket, _ = _history("S09", 1)
    tickets.import_history([(ticket, [])], demo=True)

    supervise = Command(Action.SUPERVISE, "王班长", Role.TEAM_LEAD, ticket.created_at, reason="演示")
    changed, _ = tickets.act(ticket.id, supervise)

    assert changed.supervised and tickets.get(ticket.id).supervised
    assert [e.action for e in tickets.events(ticket.id)] == [Action.SUPERVISE]
    assert count(store, OutboxRow) == 0, "the server has never heard of demo tickets"


def test_import_history_is_all_or_nothing(store: Store, tickets: TicketStore) -> None:
    good = _history("S09", 1)
    clash = dataclasses.replace(_history("S09", 2)[0], local_no=good[0].local_no)
    with pytest.raises(Exception, match="UNIQUE"):
        tickets.import_history([good, (clash, [])], demo=False)
    assert count(store, TicketRow) == count(store, EventRow) == 0


# -- time ----------------------------------------------------------------------------------------------


def test_datetimes_come_back_timezone_aware_and_equal(store: Store, tickets: TicketStore) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")  # the clock runs in +08:00
    assert ticket.accepted_at is not None and ticket.accepted_at.utcoffset() == timedelta(hours=8)

    stored = tickets.get(ticket.id)
    for name in ("created_at", "accepted_at", "dispatch_due", "close_due"):
        value = getattr(stored, name)
        assert value.tzinfo is not None, f"{name} came back naive"
        assert value == getattr(ticket, name)
    [event] = tickets.events(ticket.id)
    assert event.at.tzinfo is not None and event.at == MORNING
    [op] = Outbox(store).pending()
    assert op.created_at.tzinfo is not None and op.created_at == MORNING


def test_times_are_stored_as_utc_text_so_text_order_is_time_order(store: Store, tickets: TicketStore) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")
    with store.reading() as session:
        raw = session.execute(
            text("SELECT accepted_at FROM tickets WHERE id = :id"), {"id": ticket.id}
        ).scalar_one()
    assert raw == "2026-11-25T02:00:00.000000+00:00"


def test_a_naive_datetime_is_refused_and_nothing_is_written(store: Store, tickets: TicketStore) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")
    before = snapshot(store)
    naive = datetime(2026, 11, 25, 11, 0)
    with pytest.raises(StatementError, match="naive datetime"):
        tickets.act(ticket.id, command(Action.SUPERVISE, naive, Role.TEAM_LEAD, reason="督办"))
    assert snapshot(store) == before


def test_outbox_payload_is_plain_json(store: Store, tickets: TicketStore) -> None:
    ticket, _ = tickets.accept(a_draft(), actor="李娜")
    with store.reading() as session:
        payload = session.scalar(select(OutboxRow.payload))
    assert payload is not None
    assert ticket.accepted_at is not None
    assert json.loads(payload)["ticket"]["accepted_at"] == ticket.accepted_at.isoformat()
    assert "电梯" in payload  # Chinese kept readable (ensure_ascii=False)


def test_accepts_from_several_threads_all_succeed_with_unique_numbers(
    store: Store, tickets: TicketStore
) -> None:
    # The UI writer thread and a background worker may accept at the same moment: the daily counter
    # is read and written in one transaction, which must not interleave with another one.
    start = threading.Barrier(6)

    def accept_some(seat: int) -> list[str]:
        start.wait()
        return [tickets.accept(a_draft(), actor=f"op{seat}")[0].local_no for _ in range(5)]

    with ThreadPoolExecutor(6) as pool:
        made = [n for batch in pool.map(accept_some, range(6)) for n in batch]
    assert len(set(made)) == 30
    assert sorted(number_part for *_, number_part in map(_parse_local_no, made)) == list(range(1, 31))
    assert count(store, TicketRow) == count(store, EventRow) == count(store, OutboxRow) == 30


def _parse_local_no(local_no: str) -> tuple[str, str, int]:
    seat, day, n = local_no.removeprefix("L-").rsplit("-", 2)
    return seat, day, int(n)


# -- SLA deadlines follow the lifecycle -------------------------------------------------------------


def test_dispatch_starts_the_departments_close_clock(tickets: TicketStore, clock: FakeClock) -> None:
    accepted, _ = tickets.accept(a_draft(), actor="李娜")
    dispatched_at = clock.advance(days=2)  # Friday 10:00
    dispatched, _ = tickets.act(accepted.id, command(Action.DISPATCH, dispatched_at, department="D-HOUSING"))
    assert dispatched.dispatch_due == accepted.dispatch_due
    assert dispatched.close_due is not None and accepted.close_due is not None
    assert dispatched.close_due > accepted.close_due
    assert tickets.get(accepted.id).close_due == dispatched.close_due


def test_changing_the_priority_before_dispatch_replans_the_deadlines(
    tickets: TicketStore, clock: FakeClock
) -> None:
    accepted, _ = tickets.accept(a_draft(priority=Priority.NORMAL), actor="李娜")
    edited, _ = tickets.act(
        accepted.id, command(Action.EDIT, clock.advance(minutes=1), changes={"priority": Priority.URGENT})
    )
    assert edited.dispatch_due is not None and accepted.dispatch_due is not None
    assert edited.dispatch_due - MORNING == timedelta(minutes=30)
    assert edited.dispatch_due < accepted.dispatch_due
