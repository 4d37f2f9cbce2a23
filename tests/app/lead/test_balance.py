"""疏忙导闲 by weighted load: the rules a lead relies on, checked on arbitrary seats and tickets."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.lead.balance import OpenTicket, Plan, SeatInfo, loads, needs, propose, weight

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
STATES = ["idle", "on_call", "wrap_up", "break", "offline"]
CATEGORIES = [None, "HJ.ZS.JZ", "ZC.QY.KB", "FE.ET.XL", "JT.GJ.XL"]


@st.composite
def boards(draw: st.DrawFn) -> tuple[list[SeatInfo], list[OpenTicket]]:
    n = draw(st.integers(1, 8))
    seats = [
        SeatInfo(
            f"S{i}",
            draw(st.sampled_from(STATES)),
            frozenset(draw(st.sets(st.sampled_from(["涉企", "心理疏导", "English"])))),
        )
        for i in range(n)
    ]
    tickets = [
        OpenTicket(
            id=f"t{k:03d}",
            seat=draw(st.sampled_from([s.seat_id for s in seats])),
            due=draw(st.none() | st.integers(-300, 600).map(lambda m: NOW + timedelta(minutes=m))),
            supervised=draw(st.booleans()),
            urgent=draw(st.booleans()),
            category=draw(st.sampled_from(CATEGORIES)),
        )
        for k in range(draw(st.integers(0, 40)))
    ]
    return seats, tickets


def _applied(tickets: list[OpenTicket], plan: Plan) -> list[OpenTicket]:
    to = {m.ticket_id: m.to_seat for m in plan.moves}
    return [dataclasses.replace(t, seat=to.get(t.id, t.seat)) for t in tickets]


@settings(max_examples=150, deadline=None)
@given(boards())
def test_no_move_goes_to_a_seat_offline_on_break_or_without_the_skill(
    board: tuple[list[SeatInfo], list[OpenTicket]],
) -> None:
    seats, tickets = board
    by_id = {s.seat_id: s for s in seats}
    category = {t.id: t.category for t in tickets}
    for move in propose(seats, tickets, NOW).moves:
        receiver = by_id[move.to_seat]
        assert receiver.state not in ("break", "offline")
        assert needs(category[move.ticket_id]) <= receiver.skills


@settings(max_examples=150, deadline=None)
@given(boards())
def test_the_worst_load_never_gets_worse_and_every_move_narrows_its_pair(
    board: tuple[list[SeatInfo], list[OpenTicket]],
) -> None:
    seats, tickets = board
    plan = propose(seats, tickets, NOW)
    if tickets:
        assert max(plan.after.values()) <= max(plan.before.values())
    for move in plan.moves:
        assert move.to_load + move.weight < move.from_load


@settings(max_examples=150, deadline=None)
@given(boards())
def test_supervised_tickets_stay_each_ticket_moves_once_and_the_loads_add_up(
    board: tuple[list[SeatInfo], list[OpenTicket]],
) -> None:
    seats, tickets = board
    plan = propose(seats, tickets, NOW)
    by_id = {t.id: t for t in tickets}
    moved = [m.ticket_id for m in plan.moves]
    assert len(moved) == len(set(moved))
    for move in plan.moves:
        assert not by_id[move.ticket_id].supervised
        assert by_id[move.ticket_id].seat == move.from_seat
    assert plan.after == loads(seats, _applied(tickets, plan), NOW)
    assert plan == propose(seats, tickets, NOW)  # the same board, the same proposal


@settings(max_examples=100, deadline=None)
@given(boards(), st.integers(0, 10))
def test_a_limited_proposal_is_the_start_of_the_whole_one(
    board: tuple[list[SeatInfo], list[OpenTicket]], limit: int
) -> None:
    seats, tickets = board
    assert propose(seats, tickets, NOW, limit=limit).moves == propose(seats, tickets, NOW).moves[:limit]


def test_urgency_weighs_past_due_near_due_supervised_and_urgent_work() -> None:
    plain = OpenTicket("a", "S1")
    assert weight(plain, NOW) == 1
    assert weight(OpenTicket("a", "S1", due=NOW + timedelta(hours=5)), NOW) == 1
    assert weight(OpenTicket("a", "S1", due=NOW + timedelta(minutes=90)), NOW) == 2
    assert weight(OpenTicket("a", "S1", due=NOW - timedelta(minutes=1)), NOW) == 3
    pressing = OpenTicket("a", "S1", due=NOW - timedelta(minutes=1), supervised=True, urgent=True)
    assert weight(pressing, NOW) == 5


def test_a_category_needs_the_skill_of_its_longest_prefix() -> None:
    assert needs("ZC.QY.KB") == {"涉企"}
    assert needs("FE.ET.XL") == {"心理疏导"}
    assert needs("ZC.SW.GR") == frozenset()
    assert needs("ZC.QYX") == frozenset()  # a prefix is a whole code segment
    assert needs(None) == frozenset()


def test_past_due_work_spreads_by_weight_where_a_count_would_see_balance() -> None:
    # Both seats hold three tickets: even by count, but S1's are all overdue.
    seats = [SeatInfo("S1", "idle"), SeatInfo("S2", "idle")]
    overdue = [OpenTicket(f"a{i}", "S1", due=NOW - timedelta(hours=1)) for i in range(3)]
    later = [OpenTicket(f"b{i}", "S2", due=NOW + timedelta(days=1)) for i in range(3)]
    plan = propose(seats, overdue + later, NOW)
    assert plan.before == {"S1": 9, "S2": 3}
    assert [(m.from_seat, m.to_seat) for m in plan.moves] == [("S1", "S2")]
    assert plan.after == {"S1": 6, "S2": 6}


def test_enterprise_work_waits_for_a_seat_that_knows_enterprises() -> None:
    seats = [SeatInfo("S1", "idle"), SeatInfo("S2", "idle"), SeatInfo("S3", "idle", frozenset({"涉企"}))]
    tickets = [OpenTicket(f"q{i}", "S1", category="ZC.QY.KB") for i in range(4)]
    plan = propose(seats, tickets, NOW)
    assert {m.to_seat for m in plan.moves} == {"S3"}
    assert plan.after == {"S1": 2, "S2": 0, "S3": 2}
