"""The real call panel, offscreen, with the time of every paint: what the operator would have seen.

Used by the speech latency benchmark: audio is fed to a Transcription from a thread in real time
while the GUI thread runs its event loop, as live capture and the panel do in the seat.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.config.settings import Config
from app.paths import AppPaths
from app.speech.stream import TranscriptStream
from app.store.keys import OneRunKeys
from app.workspace import Workspace
from ui.call.call_panel import CallPanel


@dataclass(frozen=True)
class Paint:
    at: float  # time.perf_counter() when the transcript view was painted
    text: str  # the view's whole text then


class _PaintClock(QObject):
    def __init__(self, panel: CallPanel, into: list[Paint]) -> None:
        super().__init__(panel)
        self._panel, self._into = panel, into

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._into.append(Paint(time.perf_counter(), self._panel.view.toPlainText()))
        return False


class CallScreen:
    """A seat's call panel on a workspace in a temporary home, shown on the offscreen platform."""

    def __init__(self) -> None:
        self._app = QApplication.instance() or QApplication(["benchmark"])
        self._home = tempfile.TemporaryDirectory(prefix="hotline-bench-")
        paths = AppPaths.under(Path(self._home.name)).create()
        self.workspace = Workspace.open(paths, Config(), OneRunKeys())
        self.panel = CallPanel(self.workspace, lambda: "benchmark-draft")
        self.panel.resize(520, 640)
        self.panel.show()
        self.paints: list[Paint] = []
        self.panel.view.viewport().installEventFilter(_PaintClock(self.panel, self.paints))

    @property
    def transcript(self) -> TranscriptStream:
        return self.workspace.transcript

    def run(self, play: Callable[[], None], settle_s: float = 0.5) -> None:
        """A new call: empty transcript, then `play` on a thread while the event loop runs."""
        self.panel.clear()
        self.transcript.clear()
        self._app.processEvents()
        self.paints.clear()
        player = threading.Thread(target=play, name="benchmark-player")
        player.start()
        loop = QEventLoop()
        poll = QTimer(interval=10)
        poll.timeout.connect(lambda: None if player.is_alive() else loop.quit())
        poll.start()
        loop.exec()
        poll.stop()
        until = time.perf_counter() + settle_s  # the last finals' paints
        while time.perf_counter() < until:
            self._app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            time.sleep(0.005)

    def close(self) -> None:
        self.panel.close()
        self.workspace.close()
        self._home.cleanup()
