"""A telephone call as the seat follows it (来电), step by step, as one explicit table.

振铃 → 接通 → (保持 ⇄ 恢复) → 转接 | 挂断; a call that is never answered is 未接. The phone system
tells the seat what happened; an event that cannot follow what it told before (接通 a call that never
rang, 挂断 twice) is refused and changes nothing, so a confused connector cannot set the seat to 通话中.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from app.domain.call_states import CallEventKind, CallPhase
from app.domain.problem import Problem, ProblemError


class CallError(ProblemError):
    """The event does not fit the call as the seat knows it; nothing was changed."""


# (phase, event) -> the phase after it. Ringing starts a call and is not a step of one.
STEPS: dict[tuple[CallPhase, CallEventKind], CallPhase] = {
    (CallPhase.RINGING, CallEventKind.ANSWERED): CallPhase.TALKING,
    (CallPhase.RINGING, CallEventKind.MISSED): CallPhase.MISSED,
    # A CTI that only knows "ended" sends it when the caller hangs up unanswered: that is a missed call.
    (CallPhase.RINGING, CallEventKind.ENDED): CallPhase.MISSED,
    (CallPhase.TALKING, CallEventKind.HELD): CallPhase.HELD,
    (CallPhase.HELD, CallEventKind.RESUMED): CallPhase.TALKING,
    (CallPhase.TALKING, CallEventKind.TRANSFERRED): CallPhase.TRANSFERRED,
    (CallPhase.HELD, CallEventKind.TRANSFERRED): CallPhase.TRANSFERRED,  # consulted, then handed over
    (CallPhase.TALKING, CallEventKind.ENDED): CallPhase.ENDED,
    (CallPhase.HELD, CallEventKind.ENDED): CallPhase.ENDED,
    # The phone system delivers the recording after the call: the phase stays.
    (CallPhase.ENDED, CallEventKind.RECORDING): CallPhase.ENDED,
    (CallPhase.TRANSFERRED, CallEventKind.RECORDING): CallPhase.TRANSFERRED,
}


@dataclass(frozen=True)
class CallSession:
    """One call at this seat: its phase and when each step happened (times are the seat's clock)."""

    call_id: str
    caller: str  # the number as the phone system gave it; "" when withheld
    rang_at: datetime
    phase: CallPhase = CallPhase.RINGING
    answered_at: datetime | None = None
    held_since: datetime | None = None
    held_seconds: float = 0.0  # total time on hold so far (not counted as talk time)
    finished_at: datetime | None = None  # ended, transferred or missed
    transferred_to: str = ""
    recording: str = ""  # the recording's path, once the phone system has sent it
    ticket_id: str = ""  # the draft whose transcript this call's words go to (set on answer)

    def step(self, kind: CallEventKind, at: datetime, *, to: str = "", path: str = "") -> CallSession:
        """The call after `kind`, or CallError (the call as it was stays as it was)."""
        after = STEPS.get((self.phase, kind))
        if after is None:
            raise CallError(
                Problem(
                    "call.not_now", {"call": self.call_id, "phase": self.phase.value, "event": kind.value}
                )
            )
        if kind is CallEventKind.TRANSFERRED and not to:
            raise CallError(Problem("call.transfer_without_target", {"call": self.call_id}))
        if kind is CallEventKind.RECORDING and self.recording:
            raise CallError(Problem("call.recording_kept", {"call": self.call_id}))
        changes: dict[str, object] = {"phase": after}
        match kind:
            case CallEventKind.ANSWERED:
                changes["answered_at"] = at
            case CallEventKind.HELD:
                changes["held_since"] = at
            case CallEventKind.RECORDING:
                changes["recording"] = path
            case _:
                pass
        if self.held_since is not None and after is not CallPhase.HELD:  # hold ends with resume or hang-up
            changes["held_since"] = None
            changes["held_seconds"] = self.held_seconds + _seconds(self.held_since, at)
        if after is not self.phase and not after.live:
            changes["finished_at"] = at
            changes["transferred_to"] = to
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def talk_seconds(self, now: datetime) -> float:
        """Time spoken with the caller: from answer to hang-up (or now), less the time on hold."""
        if self.answered_at is None:
            return 0.0
        end = self.finished_at or now
        held = self.held_seconds + (_seconds(self.held_since, end) if self.held_since is not None else 0.0)
        return max(0.0, _seconds(self.answered_at, end) - held)


def _seconds(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds())
