"""漏接回拨 and 回访 calls: one list of numbers the seat has to call back, each as one explicit table.

待回拨 → 回拨中 (an attempt: a draft opens, linked to the callback) → 已处理 with a result (已回拨 when
the ticket of that call is filed, 号码错误, 无需回拨), or back to 待回拨 on 未接通 until MAX_ATTEMPTS
tries have gone unanswered. A number that rings and gives up again while its callback waits is the
same callback, rung once more: the operator calls a person back once, not once per ring.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from app.domain.call import CallSession
from app.domain.call_states import CallPhase
from app.domain.callback_states import CallbackEvent, CallbackKind, CallbackResult, CallbackState
from app.domain.ids import new_id
from app.domain.problem import Problem, ProblemError

MAX_ATTEMPTS = 3  # tries without an answer before the callback is given up as 未接通 (common 12345 practice)


class CallbackError(ProblemError):
    """The callback cannot take this step now; nothing was changed."""


_W, _C, _D = CallbackState.WAITING, CallbackState.CALLING, CallbackState.DONE
# (state, event) -> the state after it.
STEPS: dict[tuple[CallbackState, CallbackEvent], CallbackState] = {
    (_W, CallbackEvent.START): _C,
    (_C, CallbackEvent.START): _C,  # dialled again before the last attempt's end was recorded
    (_C, CallbackEvent.REACHED): _D,
    (_C, CallbackEvent.NO_ANSWER): _W,  # _D once MAX_ATTEMPTS attempts went unanswered
    (_C, CallbackEvent.WRONG_NUMBER): _D,
    (_W, CallbackEvent.WRONG_NUMBER): _D,  # seen at a glance, without dialling
    (_C, CallbackEvent.NOT_NEEDED): _D,
    (_W, CallbackEvent.NOT_NEEDED): _D,  # e.g. the caller rang again and was served
}


@dataclass(frozen=True)
class Callback:
    """One number to call back, and how calling it back went."""

    id: str
    kind: CallbackKind
    seat_id: str
    number: str
    at: datetime  # when the call was missed, or the 回访 was asked for
    call_id: str = ""  # the missed call (the phone system's id)
    ticket_id: str = ""  # 回访: the ticket visited; 漏接: the ticket filed on the callback
    state: CallbackState = CallbackState.WAITING
    attempts: int = 0
    result: CallbackResult | None = None  # how the last attempt ended
    rings: int = 1  # missed calls of this number while the callback waited
    draft_id: str = ""  # the draft of the attempt under way
    last_attempt_at: datetime | None = None
    done_at: datetime | None = None
    version: int = 1  # grows with every change: the server keeps the highest it was sent

    @property
    def open(self) -> bool:
        return self.state.open

    def step(
        self, event: CallbackEvent, at: datetime, *, draft_id: str = "", ticket_id: str = ""
    ) -> Callback:
        """The callback after `event`, or CallbackError (it stays as it was). START takes the
        attempt's `draft_id`; REACHED may name the ticket filed on it."""
        after = STEPS.get((self.state, event))
        if after is None:
            raise CallbackError(
                Problem(
                    "callback.not_now",
                    {"callback_state": self.state.value, "callback_event": event.value},
                )
            )
        changes: dict[str, object] = {"state": after, "version": self.version + 1}
        if event is CallbackEvent.START:
            changes |= {"attempts": self.attempts + 1, "last_attempt_at": at, "draft_id": draft_id}
        else:
            changes |= {"result": event.result, "draft_id": ""}
            if event is CallbackEvent.NO_ANSWER and self.attempts >= MAX_ATTEMPTS:
                changes["state"] = after = CallbackState.DONE
            if ticket_id:
                changes["ticket_id"] = ticket_id
        if after is CallbackState.DONE:
            changes["done_at"] = at
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def rang_again(self, call_id: str, at: datetime) -> Callback:
        """The same number gave up once more while this callback waited: one callback, one more ring;
        the latest call is the one to name."""
        return dataclasses.replace(
            self, rings=self.rings + 1, call_id=call_id, at=at, version=self.version + 1
        )


def missed(call: CallSession, seat_id: str) -> Callback | None:
    """The callback a missed call asks for; None when the number was withheld (nobody to call)."""
    if call.phase is not CallPhase.MISSED:
        raise ValueError(f"call {call.call_id} was not missed: {call.phase.value}")
    if not call.caller.strip():
        return None
    return Callback(
        id=new_id(),
        kind=CallbackKind.MISSED,
        seat_id=seat_id,
        number=call.caller.strip(),
        at=call.finished_at or call.rang_at,
        call_id=call.call_id,
    )


def follow_up(ticket_id: str, number: str, seat_id: str, at: datetime) -> Callback:
    """A 回访 call of the ticket to the caller's number, kept in the same list."""
    return Callback(
        id=new_id(), kind=CallbackKind.FOLLOW_UP, seat_id=seat_id, number=number, at=at, ticket_id=ticket_id
    )
