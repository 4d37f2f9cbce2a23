"""Callbacks (app.domain.callback): 漏接回拨 and 回访 in one list, each step from one table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.call import CallSession
from app.domain.call_states import CallEventKind, CallPhase
from app.domain.callback import MAX_ATTEMPTS, STEPS, Callback, CallbackError, follow_up, missed
from app.domain.callback_states import CallbackEvent, CallbackKind, CallbackResult, CallbackState
from app.domain.problem import MESSAGES

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
E = CallbackEvent


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def a_missed_call(caller: str = "13812345678") -> CallSession:
    return CallSession("c1", caller, T0).step(CallEventKind.MISSED, at(0.5))


def waiting() -> Callback:
    callback = missed(a_missed_call(), "S01")
    assert callback is not None
    return callback


def test_a_missed_call_becomes_a_waiting_callback_with_its_number_time_and_call() -> None:
    callback = waiting()
    assert callback.kind is CallbackKind.MISSED and callback.state is CallbackState.WAITING
    assert (callback.number, callback.call_id, callback.seat_id) == ("13812345678", "c1", "S01")
    assert callback.at == at(0.5) and callback.attempts == 0 and callback.result is None
    assert callback.open


def test_a_withheld_number_gives_no_callback_since_there_is_nobody_to_call() -> None:
    assert missed(a_missed_call(caller=""), "S01") is None


def test_only_a_missed_call_makes_a_callback() -> None:
    answered = CallSession("c1", "13812345678", T0).step(CallEventKind.ANSWERED, at(0.1))
    with pytest.raises(ValueError):
        missed(answered, "S01")


def test_a_call_hung_up_while_ringing_is_missed_and_makes_a_callback_too() -> None:
    call = CallSession("c2", "13812345678", T0).step(CallEventKind.ENDED, at(0.2))
    assert call.phase is CallPhase.MISSED and missed(call, "S01") is not None


def test_starting_a_callback_counts_the_attempt_and_links_its_draft() -> None:
    started = waiting().step(E.START, at(5), draft_id="d1")
    assert started.state is CallbackState.CALLING
    assert (started.attempts, started.draft_id, started.last_attempt_at) == (1, "d1", at(5))
    assert started.version == 2


def test_a_reached_caller_closes_the_callback_with_the_ticket_filed_on_it() -> None:
    done = waiting().step(E.START, at(5), draft_id="d1").step(E.REACHED, at(9), ticket_id="t1")
    assert done.state is CallbackState.DONE and not done.open
    assert (done.result, done.ticket_id, done.done_at, done.draft_id) == (
        CallbackResult.REACHED,
        "t1",
        at(9),
        "",
    )


def test_no_answer_waits_for_another_try_until_the_last_attempt() -> None:
    callback = waiting()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        callback = callback.step(E.START, at(attempt), draft_id=f"d{attempt}").step(
            E.NO_ANSWER, at(attempt + 0.5)
        )
        assert callback.result is CallbackResult.NO_ANSWER and callback.attempts == attempt
        expected = CallbackState.DONE if attempt == MAX_ATTEMPTS else CallbackState.WAITING
        assert callback.state is expected
    assert callback.done_at == at(MAX_ATTEMPTS + 0.5)


@pytest.mark.parametrize("event", [E.WRONG_NUMBER, E.NOT_NEEDED])
def test_a_wrong_number_or_no_need_closes_a_callback_with_or_without_dialling(event: CallbackEvent) -> None:
    for callback in (waiting(), waiting().step(E.START, at(1), draft_id="d1")):
        done = callback.step(event, at(2))
        assert done.state is CallbackState.DONE and done.result is event.result


@pytest.mark.parametrize("event", list(CallbackEvent))
def test_a_done_callback_takes_no_step_and_says_why(event: CallbackEvent) -> None:
    done = waiting().step(E.NOT_NEEDED, at(1))
    with pytest.raises(CallbackError) as refused:
        done.step(event, at(2))
    problem = refused.value.problem
    assert problem.code == "callback.not_now" and problem.code in MESSAGES
    assert problem.params == {"callback_state": "done", "callback_event": event.value}


def test_a_result_without_an_attempt_under_way_is_refused_for_what_needs_dialling() -> None:
    for event in (E.REACHED, E.NO_ANSWER):
        with pytest.raises(CallbackError):
            waiting().step(event, at(1))


def test_every_step_of_the_table_leads_where_it_says() -> None:
    for (state, event), after in STEPS.items():
        callback = Callback("x", CallbackKind.MISSED, "S01", "1", T0, state=state)
        assert callback.step(event, at(1)).state is after


def test_the_same_number_ringing_again_is_one_callback_rung_twice_naming_the_latest_call() -> None:
    again = waiting().rang_again("c9", at(7))
    assert (again.rings, again.call_id, again.at, again.version) == (2, "c9", at(7), 2)


def test_a_follow_up_is_a_callback_of_kind_回访_linked_to_its_ticket() -> None:
    visit = follow_up("t7", "13900001111", "S01", T0)
    assert visit.kind is CallbackKind.FOLLOW_UP and visit.ticket_id == "t7" and visit.open
    assert visit.step(E.START, at(1)).step(E.REACHED, at(2)).state is CallbackState.DONE
