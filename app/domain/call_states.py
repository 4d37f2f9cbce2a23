"""The words of a call's life: what the phone system reports and where a call stands. Apart from the
rules (app.domain.call) so that problems can name them (app.domain.problem labels its parameters)."""

from __future__ import annotations

from app.domain.labelled import LabelledEnum


class CallEventKind(LabelledEnum):
    """What the phone system reports (来电事件); the code is what `hotline-seat call` and the socket take."""

    RINGING = "ringing", "振铃"  # the caller's number is known, nobody has answered yet
    ANSWERED = "answered", "接通"  # transcription starts
    HELD = "held", "保持"  # the caller waits on hold
    RESUMED = "resumed", "恢复通话"  # back from hold
    TRANSFERRED = "transferred", "转接"  # handed to another number (--to); the call leaves this seat
    MISSED = "missed", "未接"  # the caller gave up while it rang (abandoned)
    ENDED = "ended", "挂断"  # hung up: the seat goes to wrap-up (话后处理)
    RECORDING = "recording", "录音"  # the recording of a finished call (--path)


class CallPhase(LabelledEnum):
    RINGING = "ringing", "振铃中"
    TALKING = "talking", "通话中"
    HELD = "held", "保持中"
    TRANSFERRED = "transferred", "已转接"
    ENDED = "ended", "已挂断"
    MISSED = "missed", "未接"

    @property
    def live(self) -> bool:
        """The call still holds the line (and the seat)."""
        return self in (CallPhase.RINGING, CallPhase.TALKING, CallPhase.HELD)
