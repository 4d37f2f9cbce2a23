"""Recorded calls in formats other than WAV (MP3, FLAC, OGG, M4A …), decoded by Qt's QAudioDecoder
(FFmpeg), where this Qt build has it. Decoding runs on Qt's own thread; the buffers arrive here on
the GUI thread and are only converted and queued for the recognizer's threads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioBuffer, QAudioDecoder

from app.domain.problem import Problem
from app.speech.audio import Converter, PcmFormat, SampleFormat
from app.speech.transcriber import Transcription
from ui.call.audio_capture import SAMPLE_FORMATS


class DecodedFile(QObject):
    """Feeds the decoded audio of `path` to the Transcription that `start`'s factory makes once the
    channel count is known (a stereo file keeps caller and operator apart)."""

    done = Signal(float)  # seconds decoded
    failed = Signal(object)  # the Problem

    def __init__(self, path: Path, parent: QObject) -> None:
        super().__init__(parent)
        self.transcription: Transcription | None = None
        self.seconds = 0.0
        self._converter: Converter | None = None
        self._make: Callable[[int], Transcription] | None = None
        # The file's own format, converted by app.speech (asking Qt for 16 kHz stalled its decoder).
        self._decoder = QAudioDecoder(self)
        self._decoder.setSource(QUrl.fromLocalFile(str(path)))
        self._decoder.bufferReady.connect(self._buffer)
        self._decoder.finished.connect(self._finished)
        self._decoder.error.connect(lambda *_args: self._error())
        self._name = path.name

    def start(self, make: Callable[[int], Transcription]) -> None:
        self._make = make
        self._decoder.start()

    def stop(self) -> None:
        self._decoder.stop()

    def _buffer(self) -> None:
        buffer: QAudioBuffer = self._decoder.read()
        if not buffer.isValid() or self._make is None:
            return
        if self._converter is None:
            fmt = buffer.format()
            sample = SAMPLE_FORMATS.get(fmt.sampleFormat(), SampleFormat.S16)
            self._converter = Converter(PcmFormat(fmt.sampleRate(), fmt.channelCount(), sample))
            self.transcription = self._make(self._converter.channels)
        raw = bytes(buffer.constData())[: buffer.byteCount()]
        self.seconds += buffer.duration() / 1e6
        assert self.transcription is not None
        self.transcription.feed(self._converter.convert(raw))

    def _finished(self) -> None:
        if self._converter is not None and self.transcription is not None:
            self.transcription.feed(self._converter.flush())
        self.done.emit(self.seconds)

    def _error(self) -> None:
        self.failed.emit(
            Problem("audio.cannot_decode", {"file": self._name, "error": self._decoder.errorString()})
        )
