"""Transcribing a recorded call file (录音转写) on the calling thread, as fast as the recognizer goes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.speech.audio import AudioError, Converter
from app.speech.decoded import open_audio
from app.speech.stream import TranscriptStream
from app.speech.transcriber import Transcription

if TYPE_CHECKING:
    import vosk

_MAX_BACKLOG = 25  # blocks of 0.2 s: reading never runs more than a few seconds ahead


@dataclass(frozen=True)
class FileResult:
    seconds: float  # audio transcribed
    truncated: bool  # the file was cut short; what it holds was transcribed
    cancelled: bool


def transcribe_file(
    path: Path,
    model: vosk.Model,
    call_id: str,
    stream: TranscriptStream,
    *,
    grammar: Sequence[str] | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[float, float], None] | None = None,
) -> FileResult:
    """Publish the transcript of the recording at `path` (any format app.speech.decoded opens) to
    `stream`; AudioError if it cannot be read."""
    audio = open_audio(path)
    if audio.seconds == 0 and audio.decoder == "wav":
        raise AudioError("audio.silent", file=path.name)
    converter = Converter(audio.format)
    errors: list[Exception] = []
    transcription = Transcription(
        model, call_id, converter.channels, stream, grammar=grammar, on_error=errors.append
    )
    done = 0.0
    cancelled = False
    try:
        for raw in audio.blocks():
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            transcription.feed(converter.convert(raw))
            done += len(raw) / audio.format.frame_bytes / audio.format.rate
            while transcription.backlog() > _MAX_BACKLOG and not errors:
                time.sleep(0.005)
            if errors:
                break
            if progress is not None:
                progress(done, max(done, audio.seconds))
        else:
            transcription.feed(converter.flush())  # the resampler's last milliseconds
    finally:
        transcription.close()
    if errors:
        raise AudioError("audio.recognition_failed", file=path.name, error=str(errors[0])) from errors[0]
    return FileResult(done, audio.truncated, cancelled)
