"""A call's transcript kept as it is spoken: each final segment is committed to the store the moment
the recognizer publishes it (on the worker thread), so a crash mid-call loses at most the partial."""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.speech.stream import Segment, TranscriptStream
from app.store.transcripts import TranscriptStore

log = logging.getLogger(__name__)


class TranscriptKeeper:
    def __init__(
        self,
        stream: TranscriptStream,
        transcripts: TranscriptStore,
        *,
        ticket_id: str,
        call_id: str,
        on_error: Callable[[Exception], None] = lambda _exc: None,
    ) -> None:
        self.ticket_id, self.call_id = ticket_id, call_id
        self._transcripts, self._on_error = transcripts, on_error
        self.saved = 0
        self._unsubscribe = stream.subscribe(self._arrived)

    def _arrived(self, segment: Segment) -> None:
        if not segment.final or segment.call_id != self.call_id:
            return
        try:
            self._transcripts.add(self.ticket_id, segment)
            self.saved += 1
        except Exception as exc:  # the text is still on screen; the operator must hear it is not saved
            log.exception("transcript segment not saved")
            self._on_error(exc)

    def detach(self) -> None:
        self._unsubscribe()
