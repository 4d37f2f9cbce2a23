"""A call as the seat follows it (app.domain.call) and the seat with its calls (app.domain.desk):
every step the phone system may report, and every step it may not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.call import STEPS, CallError, CallSession
from app.domain.call_states import CallEventKind, CallPhase
from app.domain.desk import REMEMBERED, Desk
from app.domain.problem import MESSAGES
from app.domain.seat import SeatState
from app.domain.shift import SeatStateError

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
K = CallEventKind


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def desk_after(*steps: tuple[CallEventKind, str, float]) -> Desk:
    desk = Desk.start(T0)
    for kind, call_id, seconds in steps:
        desk = desk.call_event(kind, call_id, at(seconds), caller="13812345678", to="8001", path="/r/x.wav")
    return desk


def test_a_call_rings_is_answered_held_resumed_and_ended_with_its_times() -> None:
    desk = desk_after(
        (K.RINGING, "c1", 0),
        (K.ANSWERED, "c1", 5),
        (K.HELD, "c1", 65),
        (K.RESUMED, "c1", 95),
        (K.ENDED, "c1", 125),
    )
    call = desk.calls["c1"]
    assert call.phase is CallPhase.ENDED
    assert (call.rang_at, call.answered_at, call.finished_at) == (at(0), at(5), at(125))
    assert call.held_seconds == 30 and call.talk_seconds(at(999)) == 90  # hold is not talk
    assert desk.seat.state is SeatState.WRAP_UP and desk.seat.counters.talk_seconds == 90


def test_a_transfer_names_where_the_call_went_and_frees_the_seat_for_wrap_up() -> None:
    desk = desk_after(
        (K.RINGING, "c1", 0), (K.ANSWERED, "c1", 1), (K.HELD, "c1", 10), (K.TRANSFERRED, "c1", 20)
    )
    assert desk.calls["c1"].phase is CallPhase.TRANSFERRED and desk.calls["c1"].transferred_to == "8001"
    assert desk.live is None and desk.seat.state is SeatState.WRAP_UP


def test_a_transfer_without_its_target_is_refused() -> None:
    desk = desk_after((K.RINGING, "c1", 0), (K.ANSWERED, "c1", 1))
    with pytest.raises(CallError) as refused:
        desk.call_event(K.TRANSFERRED, "c1", at(5))
    assert refused.value.problem.code == "call.transfer_without_target"


@pytest.mark.parametrize("kind", [K.MISSED, K.ENDED])
def test_a_call_given_up_while_ringing_is_missed_and_leaves_the_seat_as_it_was(kind: CallEventKind) -> None:
    desk = desk_after((K.RINGING, "c1", 0), (kind, "c1", 8))
    assert desk.calls["c1"].phase is CallPhase.MISSED and desk.calls["c1"].finished_at == at(8)
    assert desk.seat.state is SeatState.IDLE
    assert (desk.seat.counters.calls, desk.seat.counters.missed) == (0, 1)


def test_the_recording_arrives_after_the_call_and_only_once() -> None:
    desk = desk_after(
        (K.RINGING, "c1", 0), (K.ANSWERED, "c1", 1), (K.ENDED, "c1", 9), (K.RECORDING, "c1", 30)
    )
    assert desk.calls["c1"].recording == "/r/x.wav" and desk.calls["c1"].phase is CallPhase.ENDED
    with pytest.raises(CallError, match="recording"):
        desk.call_event(K.RECORDING, "c1", at(31), path="/r/y.wav")


@pytest.mark.parametrize(
    ("steps", "refused", "code"),
    [
        ((), (K.ANSWERED, "nosuch"), "call.unknown"),  # answered without ringing
        (((K.RINGING, "c1"),), (K.RINGING, "c1"), "call.rang_already"),  # a duplicate ringing
        (((K.RINGING, "c1"),), (K.RINGING, "c2"), "call.line_busy"),  # one caller at a time
        (((K.RINGING, "c1"),), (K.HELD, "c1"), "call.not_now"),  # held before answered
        (((K.RINGING, "c1"),), (K.RECORDING, "c1"), "call.not_now"),  # recording of a live call
        (((K.RINGING, "c1"), (K.ANSWERED, "c1")), (K.ANSWERED, "c1"), "call.not_now"),  # answered twice
        (((K.RINGING, "c1"), (K.ANSWERED, "c1")), (K.RESUMED, "c1"), "call.not_now"),  # never held
        (((K.RINGING, "c1"), (K.ANSWERED, "c1")), (K.MISSED, "c1"), "call.not_now"),
        (((K.RINGING, "c1"), (K.ANSWERED, "c1"), (K.ENDED, "c1")), (K.ENDED, "c1"), "call.not_now"),  # twice
        (((K.RINGING, "c1"), (K.ANSWERED, "c1"), (K.ENDED, "c1")), (K.HELD, "c1"), "call.not_now"),
        (((K.RINGING, "c1"), (K.MISSED, "c1")), (K.ANSWERED, "c1"), "call.not_now"),
    ],
)
def test_an_impossible_event_is_refused_and_changes_nothing(
    steps: tuple[tuple[CallEventKind, str], ...], refused: tuple[CallEventKind, str], code: str
) -> None:
    desk = desk_after(*((kind, call_id, float(n)) for n, (kind, call_id) in enumerate(steps)))
    with pytest.raises(CallError) as error:
        desk.call_event(refused[0], refused[1], at(100), to="8001", path="/r/x.wav")
    assert error.value.problem.code == code and code in MESSAGES
    assert desk == desk_after(*((kind, call_id, float(n)) for n, (kind, call_id) in enumerate(steps)))


def test_the_refusal_says_what_the_call_is_and_what_was_asked_in_both_languages() -> None:
    desk = desk_after((K.RINGING, "c1", 0), (K.ANSWERED, "c1", 1), (K.ENDED, "c1", 2))
    with pytest.raises(CallError) as error:
        desk.call_event(K.ENDED, "c1", at(3))
    assert str(error.value) == '来电 c1 已挂断，不能「挂断」 (The call c1 (ended): "ended" refused)'


def test_every_phase_but_the_last_ones_has_a_way_out_and_ringing_is_never_a_step() -> None:
    sources = {phase for phase, _kind in STEPS}
    assert sources == {
        CallPhase.RINGING,
        CallPhase.TALKING,
        CallPhase.HELD,
        CallPhase.ENDED,
        CallPhase.TRANSFERRED,
    }
    assert all(kind is not K.RINGING for _phase, kind in STEPS)
    assert {after for after in STEPS.values()} == set(CallPhase) - {CallPhase.RINGING}


def test_a_seat_that_cannot_take_the_call_refuses_the_event_and_the_call_stays_ringing() -> None:
    desk = desk_after((K.RINGING, "c1", 0))
    offline = Desk(desk.seat.__class__(SeatState.OFFLINE, T0), desk.calls)
    with pytest.raises(SeatStateError):
        offline.call_event(K.ANSWERED, "c1", at(1))
    assert offline.calls["c1"].phase is CallPhase.RINGING


def test_old_calls_are_forgotten_but_never_the_live_one() -> None:
    desk = Desk.start(T0)
    for n in range(REMEMBERED + 10):
        desk = desk.call_event(K.RINGING, f"c{n}", at(n)).call_event(K.MISSED, f"c{n}", at(n))
    desk = desk.call_event(K.RINGING, "now", at(999))
    assert len(desk.calls) == REMEMBERED and desk.live == desk.calls["now"]
    assert isinstance(desk.last, CallSession) and desk.last.call_id == "now"
