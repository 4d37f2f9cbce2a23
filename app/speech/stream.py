"""The transcript as a stream of segments that the call panel, intake form and knowledge panel follow.

Callbacks run on the publishing thread (the recognizer's worker); a Qt subscriber marshals them to
the GUI thread itself. A failing subscriber is logged and never stops the others or the recognizer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.labelled import LabelledEnum

log = logging.getLogger(__name__)

# Words Vosk is less sure of than this are marked for the operator to check (a wrong digit in a
# phone number costs a call-back).
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Word:
    text: str
    start: float  # seconds since the call started
    end: float
    conf: float  # 0..1 as Vosk reports it

    @property
    def uncertain(self) -> bool:
        return self.conf < LOW_CONFIDENCE


class Speaker(LabelledEnum):
    CALLER = "caller", "来电人"
    OPERATOR = "operator", "话务员"


@dataclass(frozen=True)
class Segment:
    call_id: str
    speaker: Speaker
    text: str
    start: float
    end: float
    words: tuple[Word, ...]  # a final's words; a partial has none (see ChannelRecognizer)
    final: bool  # False: a partial, replaced by the next partial or the final of the same speaker


class TranscriptStream:
    """Thread-safe publish/subscribe of Segments, remembering finals for `recent_text`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Callable[[Segment], None]] = []
        self._finals: list[Segment] = []
        self._partials: dict[Speaker, Segment] = {}

    def subscribe(self, callback: Callable[[Segment], None]) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, segment: Segment) -> None:
        with self._lock:
            if segment.final:
                self._finals.append(segment)
                self._partials.pop(segment.speaker, None)
            elif segment.text:
                self._partials[segment.speaker] = segment
            else:
                self._partials.pop(segment.speaker, None)
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(segment)
            except Exception:
                log.exception("transcript subscriber failed")

    def recent_text(self, seconds: float = 60.0, *, partials: bool = True) -> str:
        """Final text that ended in the last `seconds` of the call, then (unless `partials` is
        False) the current partials."""
        with self._lock:
            finals = list(self._finals)
            partials_now = sorted(self._partials.values(), key=lambda s: s.start) if partials else []
        latest = max([s.end for s in finals] + [s.end for s in partials_now], default=0.0)
        recent = [s.text for s in finals if s.end >= latest - seconds]
        return " ".join(recent + [s.text for s in partials_now])

    def finals(self) -> list[Segment]:
        with self._lock:
            return list(self._finals)

    def clear(self) -> None:
        """Forget the previous call's text (subscribers stay)."""
        with self._lock:
            self._finals.clear()
            self._partials.clear()
