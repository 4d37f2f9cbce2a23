"""The seat through a shift (班次): its state as one explicit table, the wrap-up clock, the counts.

空闲 → 通话中 → 话后处理 → 空闲 (or 小休, when the operator chose one, with a reason). The wrap-up
countdown is data (a deadline), not a timer: whoever holds the clock asks `due(now)`, so a test moves
a fake clock instead of waiting. Events that make no sense now (置为空闲 mid-call) are refused.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.problem import Problem, ProblemError
from app.domain.seat import SeatEvent, SeatState

DEFAULT_WRAP_UP_SECONDS = 30


class SeatStateError(ProblemError):
    """The seat cannot take this step now; nothing was changed."""


_AFTER_WRAP_UP = None  # the target "空闲, or 小休 when the operator chose one"
_WORKING = frozenset({SeatState.IDLE, SeatState.ON_CALL, SeatState.WRAP_UP, SeatState.BREAK})
_KEEP = "keep"  # the target "the state stays" (counts or a chosen break change)

# event -> {from state: to state}. 小休 chosen on a call or in wrap-up is kept for when it ends.
STEPS: dict[SeatEvent, dict[SeatState, SeatState | str | None]] = {
    SeatEvent.CALL_ANSWERED: {
        SeatState.IDLE: SeatState.ON_CALL,
        SeatState.WRAP_UP: SeatState.ON_CALL,  # the phone system put a call through: it wins
        SeatState.BREAK: SeatState.ON_CALL,
    },
    SeatEvent.CALL_FINISHED: {SeatState.ON_CALL: SeatState.WRAP_UP},
    SeatEvent.CALL_MISSED: {state: _KEEP for state in _WORKING},
    SeatEvent.TICKET_FILED: {
        SeatState.IDLE: _KEEP,
        SeatState.ON_CALL: _KEEP,  # filed while the caller is still on the line
        SeatState.WRAP_UP: _AFTER_WRAP_UP,
        SeatState.BREAK: _KEEP,
    },
    SeatEvent.WRAP_UP_DUE: {SeatState.WRAP_UP: _AFTER_WRAP_UP},
    SeatEvent.CHOOSE_IDLE: {
        SeatState.IDLE: SeatState.IDLE,
        SeatState.WRAP_UP: SeatState.IDLE,
        SeatState.BREAK: SeatState.IDLE,
    },
    SeatEvent.CHOOSE_BREAK: {
        SeatState.IDLE: SeatState.BREAK,
        SeatState.ON_CALL: _KEEP,
        SeatState.WRAP_UP: _KEEP,
        SeatState.BREAK: SeatState.BREAK,  # another reason
    },
    SeatEvent.CHOOSE_WRAP_UP: {SeatState.IDLE: SeatState.WRAP_UP, SeatState.WRAP_UP: SeatState.WRAP_UP},
}


@dataclass(frozen=True)
class ShiftCounters:
    """班次统计: what the team lead's board shows per seat."""

    calls: int = 0  # answered
    missed: int = 0
    talk_seconds: float = 0.0
    wrap_up_seconds: float = 0.0
    tickets_filed: int = 0
    closed_direct: int = 0  # of the tickets filed, those 直接办结 on the call

    @property
    def direct_share(self) -> float:
        """直接办结率: the share of filed tickets closed on the call (0 before the first)."""
        return self.closed_direct / self.tickets_filed if self.tickets_filed else 0.0


@dataclass(frozen=True)
class SeatSession:
    state: SeatState
    since: datetime  # when the state began
    wrap_up_seconds: int = DEFAULT_WRAP_UP_SECONDS  # the setting calls.wrap_up_seconds
    wrap_up_until: datetime | None = None  # the countdown's end, in 话后处理
    break_reason: str = ""  # in 小休: why
    break_next: str = ""  # 小休 chosen on a call or in wrap-up: its reason, taken when that ends
    counters: ShiftCounters = field(default_factory=ShiftCounters)
    shift_started: datetime | None = None  # when the counters began (the figures' 班次)

    def step(
        self,
        event: SeatEvent,
        at: datetime,
        *,
        reason: str = "",
        talk_seconds: float = 0.0,
        direct: bool = False,
    ) -> SeatSession:
        """The seat after `event` at `at`, or SeatStateError (the seat stays as it was).
        `reason`: CHOOSE_BREAK's; `talk_seconds`: CALL_FINISHED's; `direct`: TICKET_FILED 直接办结."""
        targets = STEPS[event]
        if self.state not in targets:
            raise SeatStateError(
                Problem("seat.not_now", {"seat_state": self.state.value, "seat_event": event.value})
            )
        reason = reason.strip()
        if event is SeatEvent.CHOOSE_BREAK and not reason:
            raise SeatStateError(Problem("seat.break_reason_missing"))
        target = targets[self.state]
        if target is _KEEP:
            state = self.state
        elif target is _AFTER_WRAP_UP:
            state = SeatState.BREAK if self.break_next else SeatState.IDLE
        else:
            assert isinstance(target, SeatState)
            state = target
        return self._enter(state, event, at, reason=reason, talk_seconds=talk_seconds, direct=direct)

    def _enter(
        self,
        state: SeatState,
        event: SeatEvent,
        at: datetime,
        *,
        reason: str,
        talk_seconds: float,
        direct: bool,
    ) -> SeatSession:
        counters = _counted(self.counters, event, talk_seconds=talk_seconds, direct=direct)
        if self.state is SeatState.WRAP_UP and (
            state is not SeatState.WRAP_UP or event is SeatEvent.CHOOSE_WRAP_UP
        ):
            counters = dataclasses.replace(
                counters,
                wrap_up_seconds=counters.wrap_up_seconds + max(0.0, (at - self.since).total_seconds()),
            )
        break_next = self.break_next
        break_reason = self.break_reason if state is SeatState.BREAK else ""
        if event is SeatEvent.CHOOSE_BREAK:
            if state is SeatState.BREAK:
                break_reason, break_next = reason, ""
            else:
                break_next = reason
        elif state is SeatState.BREAK and self.state is not SeatState.BREAK:  # the chosen break begins
            break_reason, break_next = self.break_next, ""
        elif (
            event in (SeatEvent.CHOOSE_IDLE, SeatEvent.CALL_ANSWERED) and self.state is not SeatState.ON_CALL
        ):
            break_next = ""  # the operator is back (or the phone put a call through): no break pending
        changed = state is not self.state or event is SeatEvent.CHOOSE_WRAP_UP
        deadline = self.wrap_up_until
        if state is SeatState.WRAP_UP and changed:
            deadline = at + timedelta(seconds=self.wrap_up_seconds)
        elif state is not SeatState.WRAP_UP:
            deadline = None
        return dataclasses.replace(
            self,
            state=state,
            since=at if changed else self.since,
            wrap_up_until=deadline,
            break_reason=break_reason,
            break_next=break_next,
            counters=counters,
        )

    def remaining(self, now: datetime) -> float | None:
        """Seconds left of the wrap-up countdown (0 when due); None outside 话后处理."""
        if self.wrap_up_until is None:
            return None
        return max(0.0, (self.wrap_up_until - now).total_seconds())

    def due(self, now: datetime) -> bool:
        """The wrap-up countdown has run out: time for WRAP_UP_DUE."""
        left = self.remaining(now)
        return left is not None and left <= 0


def _counted(
    counters: ShiftCounters, event: SeatEvent, *, talk_seconds: float, direct: bool
) -> ShiftCounters:
    match event:
        case SeatEvent.CALL_ANSWERED:
            return dataclasses.replace(counters, calls=counters.calls + 1)
        case SeatEvent.CALL_MISSED:
            return dataclasses.replace(counters, missed=counters.missed + 1)
        case SeatEvent.CALL_FINISHED:
            return dataclasses.replace(counters, talk_seconds=counters.talk_seconds + talk_seconds)
        case SeatEvent.TICKET_FILED:
            return dataclasses.replace(
                counters,
                tickets_filed=counters.tickets_filed + 1,
                closed_direct=counters.closed_direct + (1 if direct else 0),
            )
        case _:
            return counters
