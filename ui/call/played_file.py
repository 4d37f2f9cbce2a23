"""A simulated call's sound (`hotline-seat call simulate`): a WAV played into the call's recognizer
at the pace it was spoken, as if it came from the line, for demos and tests of a whole call.

The file is read off the GUI thread before the call starts (app.speech.audio); here a timer hands
one block after the other to the same `deliver` as live capture, so the transcript, the keeper and
the suggestions see exactly what a live call gives them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.speech.audio import Converter, PcmFormat, Samples, read_wav_blocks, wav_info

BLOCK_SECONDS = 0.1


@dataclass(frozen=True)
class Clip:
    format: PcmFormat
    blocks: tuple[bytes, ...]  # BLOCK_SECONDS each, the last one shorter


def read_clip(path: Path) -> Clip:
    """The whole WAV in blocks (blocking: run it off the GUI thread); AudioError when unreadable."""
    info = wav_info(path)
    return Clip(info.format, tuple(read_wav_blocks(path, info, BLOCK_SECONDS)))


class PlayedFile(QObject):
    """Started like LiveCapture; `stop` hands over what is left at once (the call hung up: its sound
    up to then is the call's)."""

    failed = Signal(str)  # never: the file was read before; there for LiveCapture's callers
    finished = Signal()

    def __init__(self, clip: Clip, deliver: Callable[[Samples], None], parent: QObject) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._converter = Converter(clip.format)
        self._left = deque(clip.blocks)
        self._timer = QTimer(self, interval=round(BLOCK_SECONDS * 1000))
        self._timer.timeout.connect(self._next)

    @property
    def channels(self) -> int:
        return self._converter.channels

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        while self._left:
            self._deliver(self._converter.convert(self._left.popleft()))
        self._deliver(self._converter.flush())

    def _next(self) -> None:
        if self._left:
            self._deliver(self._converter.convert(self._left.popleft()))
        if not self._left:
            self._timer.stop()
            self.finished.emit()
