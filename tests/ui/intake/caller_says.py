"""What the caller says, as the recognizer hands it to the seat: settled phrases of the transcript."""

from __future__ import annotations

from app.speech.stream import Segment, Speaker
from ui.shell.main_window import MainWindow

# How long a test waits for the suggestions of what was said: the first call of a test run trains
# the intake model (tests/conftest.py), 35 s of wall time on a 2-core machine shared by eight.
HEARD_MS = 60_000


def say(window: MainWindow, text: str, start: float) -> None:
    """One settled phrase, `start` seconds into the call."""
    window.ws.transcript.publish(Segment("call-x", Speaker.CALLER, text, start, start + 1.0, (), True))
