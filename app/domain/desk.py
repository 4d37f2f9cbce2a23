"""The seat and its calls together (坐席台): a call event moves the call and, through it, the seat.

Both are checked before either changes: an event the call refuses leaves the seat as it was too.
One call holds the line at a time; calls that finished are remembered a while, because the phone
system sends a call's recording after it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.call import CallError, CallSession
from app.domain.call_states import CallEventKind, CallPhase
from app.domain.problem import Problem
from app.domain.seat import SeatEvent, SeatState
from app.domain.shift import DEFAULT_WRAP_UP_SECONDS, SeatSession

REMEMBERED = 50  # finished calls kept for their late recording events


@dataclass(frozen=True)
class Desk:
    seat: SeatSession
    calls: Mapping[str, CallSession] = field(default_factory=dict)  # oldest first

    @classmethod
    def start(cls, at: datetime, *, wrap_up_seconds: int = DEFAULT_WRAP_UP_SECONDS) -> Desk:
        return cls(SeatSession(SeatState.IDLE, at, wrap_up_seconds=wrap_up_seconds, shift_started=at))

    @property
    def live(self) -> CallSession | None:
        """The call on the line (ringing, talking or held), if any."""
        return next((call for call in reversed(list(self.calls.values())) if call.phase.live), None)

    @property
    def last(self) -> CallSession | None:
        return next(reversed(list(self.calls.values())), None)

    def call_event(
        self,
        kind: CallEventKind,
        call_id: str,
        at: datetime,
        *,
        caller: str = "",
        to: str = "",
        path: str = "",
        ticket_id: str = "",
    ) -> Desk:
        """The desk after a call event, or CallError / SeatStateError (the desk stays as it was).
        `ticket_id`: on answer, the draft the call's transcript is kept with."""
        if kind is CallEventKind.RINGING:
            return self._ringing(call_id, caller, at)
        call = self.calls.get(call_id)
        if call is None:
            raise CallError(Problem("call.unknown", {"call": call_id, "event": kind.value}))
        after = call.step(kind, at, to=to, path=path)
        if kind is CallEventKind.ANSWERED:
            after = dataclasses.replace(after, ticket_id=ticket_id)
        seat = self.seat
        if after.phase is CallPhase.MISSED:
            seat = seat.step(SeatEvent.CALL_MISSED, at)
        elif kind is CallEventKind.ANSWERED:
            seat = seat.step(SeatEvent.CALL_ANSWERED, at)
        elif after.phase is not call.phase and not after.phase.live:
            seat = seat.step(SeatEvent.CALL_FINISHED, at, talk_seconds=after.talk_seconds(at))
        return dataclasses.replace(self, seat=seat, calls={**self.calls, call_id: after})

    def _ringing(self, call_id: str, caller: str, at: datetime) -> Desk:
        if call_id in self.calls:
            raise CallError(Problem("call.rang_already", {"call": call_id}))
        if (live := self.live) is not None:
            raise CallError(Problem("call.line_busy", {"call": call_id, "other": live.call_id}))
        kept = list(self.calls.items())[-(REMEMBERED - 1) :]
        return dataclasses.replace(self, calls={**dict(kept), call_id: CallSession(call_id, caller, at)})

    def seat_event(self, event: SeatEvent, at: datetime, *, reason: str = "", direct: bool = False) -> Desk:
        """The operator's choice, a filed ticket or the wrap-up clock; SeatStateError when refused."""
        return dataclasses.replace(self, seat=self.seat.step(event, at, reason=reason, direct=direct))

    def tick(self, now: datetime) -> Desk:
        """The desk at `now`: the wrap-up ends when its countdown has run out."""
        return self.seat_event(SeatEvent.WRAP_UP_DUE, now) if self.seat.due(now) else self
