"""The seat's desk (app.domain.desk) held for the window: call events and the operator's choices go
in, `changed` goes out to the views (status bar, call panel). The wrap-up countdown is the desk's
deadline; a one-second timer only asks the clock, so a test moves a fake clock and calls `tick()`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.desk import Desk
from app.domain.problem import ProblemError
from app.domain.seat import SeatEvent, SeatState
from app.telephony import CallEvent

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class SeatDesk(QObject):
    changed = Signal()  # the desk changed, or a second passed on a running timer (call or wrap-up)

    def __init__(
        self,
        wrap_up_seconds: Callable[[], int],
        *,
        clock: Clock = system_clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._wrap_up_seconds = wrap_up_seconds  # read at each hang-up: a changed setting applies to the next
        self.desk = Desk.start(clock(), wrap_up_seconds=wrap_up_seconds())
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)

    @property
    def state(self) -> SeatState:
        return self.desk.seat.state

    def call_event(self, event: CallEvent, *, ticket_id: str = "") -> ProblemError | None:
        """Apply a call event; the refusal when it does not fit (then nothing changed)."""
        try:
            desk = self._current().call_event(
                event.kind,
                event.call_id,
                self.clock(),
                caller=event.caller,
                to=event.to,
                path=event.path,
                ticket_id=ticket_id,
            )
        except ProblemError as refused:
            return refused
        self._set(desk)
        return None

    def seat_event(self, event: SeatEvent, *, reason: str = "", direct: bool = False) -> ProblemError | None:
        """The operator's choice or a filed ticket; the refusal when it makes no sense now."""
        try:
            desk = self._current().seat_event(event, self.clock(), reason=reason, direct=direct)
        except ProblemError as refused:
            return refused
        self._set(desk)
        return None

    def tick(self) -> None:
        """What the timer does each second: end a due wrap-up, and let the views redraw the clocks."""
        self._set(self.desk.tick(self.clock()))

    def _current(self) -> Desk:
        """The desk with the wrap-up setting as it is now (it applies from the next hang-up)."""
        seat = dataclasses.replace(self.desk.seat, wrap_up_seconds=self._wrap_up_seconds())
        return dataclasses.replace(self.desk, seat=seat)

    def _set(self, desk: Desk) -> None:
        self.desk = desk
        # A clock is shown while a call holds the line, in wrap-up and on a break.
        timing = desk.live is not None or desk.seat.state in (SeatState.WRAP_UP, SeatState.BREAK)
        if timing and not self._timer.isActive():
            self._timer.start()
        elif not timing:
            self._timer.stop()
        self.changed.emit()
