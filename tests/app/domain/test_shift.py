"""The seat through a shift (app.domain.shift): its states, the wrap-up countdown on a fake clock,
a chosen break, and the counts the team lead sees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.problem import MESSAGES
from app.domain.seat import SeatEvent, SeatState
from app.domain.shift import STEPS, SeatSession, SeatStateError, ShiftCounters

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
E = SeatEvent


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def after_call(wrap_up_seconds: int = 30) -> SeatSession:
    """A seat that answered at 0 s and hung up after 60 s of talk."""
    seat = SeatSession(SeatState.IDLE, T0, wrap_up_seconds=wrap_up_seconds).step(E.CALL_ANSWERED, at(0))
    return seat.step(E.CALL_FINISHED, at(60), talk_seconds=60)


def test_hang_up_starts_the_wrap_up_countdown_and_its_end_makes_the_seat_idle() -> None:
    seat = after_call()
    assert seat.state is SeatState.WRAP_UP and seat.remaining(at(60)) == 30
    assert seat.remaining(at(80)) == 10 and not seat.due(at(80))
    assert seat.due(at(90))
    idle = seat.step(E.WRAP_UP_DUE, at(90))
    assert idle.state is SeatState.IDLE and idle.remaining(at(90)) is None
    assert idle.counters == ShiftCounters(calls=1, talk_seconds=60, wrap_up_seconds=30)


def test_the_countdown_follows_the_setting() -> None:
    assert after_call(wrap_up_seconds=120).remaining(at(60)) == 120


def test_a_filed_ticket_ends_the_wrap_up_at_once_and_is_counted() -> None:
    seat = after_call().step(E.TICKET_FILED, at(70), direct=True)
    assert seat.state is SeatState.IDLE and seat.wrap_up_until is None
    assert seat.counters == ShiftCounters(
        calls=1, talk_seconds=60, wrap_up_seconds=10, tickets_filed=1, closed_direct=1
    )
    assert seat.counters.direct_share == 1.0


def test_a_break_chosen_in_wrap_up_begins_when_the_wrap_up_ends() -> None:
    seat = after_call().step(E.CHOOSE_BREAK, at(65), reason="用餐")
    assert seat.state is SeatState.WRAP_UP and seat.break_next == "用餐"  # the countdown goes on
    on_break = seat.step(E.WRAP_UP_DUE, at(90))
    assert (on_break.state, on_break.break_reason, on_break.break_next) == (SeatState.BREAK, "用餐", "")
    assert on_break.step(E.CHOOSE_IDLE, at(600)).state is SeatState.IDLE


def test_a_break_chosen_on_the_call_waits_for_the_wrap_up_too() -> None:
    seat = (
        SeatSession(SeatState.IDLE, T0)
        .step(E.CALL_ANSWERED, at(0))
        .step(E.CHOOSE_BREAK, at(5), reason="培训")
    )
    seat = seat.step(E.CALL_FINISHED, at(60), talk_seconds=60)
    assert seat.state is SeatState.WRAP_UP
    assert seat.step(E.TICKET_FILED, at(70)).state is SeatState.BREAK


def test_a_break_needs_a_reason() -> None:
    seat = SeatSession(SeatState.IDLE, T0)
    with pytest.raises(SeatStateError) as refused:
        seat.step(E.CHOOSE_BREAK, at(1), reason="  ")
    assert refused.value.problem.code == "seat.break_reason_missing"
    assert seat.step(E.CHOOSE_BREAK, at(1), reason="休息").break_reason == "休息"


def test_a_call_put_through_during_a_break_or_a_wrap_up_wins() -> None:
    on_break = SeatSession(SeatState.IDLE, T0).step(E.CHOOSE_BREAK, at(0), reason="休息")
    assert on_break.step(E.CALL_ANSWERED, at(10)).state is SeatState.ON_CALL
    wrap_up = after_call().step(E.CHOOSE_BREAK, at(62), reason="用餐")
    again = wrap_up.step(E.CALL_ANSWERED, at(70))
    assert (again.state, again.wrap_up_until, again.break_next) == (SeatState.ON_CALL, None, "")
    assert again.counters.wrap_up_seconds == 10 and again.counters.calls == 2


def test_the_operator_may_end_the_wrap_up_early_or_start_it_again() -> None:
    seat = after_call()
    assert seat.step(E.CHOOSE_IDLE, at(61)).state is SeatState.IDLE
    restarted = seat.step(E.CHOOSE_WRAP_UP, at(80))
    assert restarted.remaining(at(80)) == 30 and restarted.counters.wrap_up_seconds == 20


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (SeatState.ON_CALL, E.CHOOSE_IDLE),  # the caller is still there
        (SeatState.ON_CALL, E.CHOOSE_WRAP_UP),
        (SeatState.ON_CALL, E.CALL_ANSWERED),  # one call at a time
        (SeatState.IDLE, E.CALL_FINISHED),  # no call to finish
        (SeatState.IDLE, E.WRAP_UP_DUE),
        (SeatState.BREAK, E.CHOOSE_WRAP_UP),
        (SeatState.OFFLINE, E.CALL_ANSWERED),
    ],
)
def test_a_step_that_makes_no_sense_now_is_refused_and_changes_nothing(
    state: SeatState, event: SeatEvent
) -> None:
    seat = SeatSession(state, T0)
    with pytest.raises(SeatStateError) as refused:
        seat.step(event, at(5), reason="x")
    assert refused.value.problem.code == "seat.not_now" and seat == SeatSession(state, T0)
    assert "坐席" in str(refused.value) and "The seat is" in str(refused.value)


def test_the_table_names_every_event_and_no_offline_step() -> None:
    assert set(STEPS) == set(SeatEvent)
    assert all(SeatState.OFFLINE not in sources for sources in STEPS.values())
    assert {"seat.not_now", "seat.break_reason_missing"} <= set(MESSAGES)


def test_a_missed_call_is_counted_whatever_the_seat_does() -> None:
    seat = after_call().step(E.CALL_MISSED, at(70))
    assert seat.state is SeatState.WRAP_UP and seat.counters.missed == 1 and seat.since == at(60)
