"""The watch folder's worker (app.speech.watch) on a thread of its own, its news relayed to the GUI
thread as signals. The GUI thread never lists the folder nor reads a recording."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.config.settings import Config
from app.speech.watch import Progress, RecordingWatch, WatchPlan
from app.store.recording_queue import LiveCalls, RecordingQueue
from ui.ops import BackgroundOp, Pending, thread_pending

if TYPE_CHECKING:
    from datetime import tzinfo

    import vosk

SETTINGS = (
    "calls.watch_folder",
    "calls.watch_interval_s",
    "calls.watch_settle_s",
    "calls.recording_name_pattern",
    "calls.match_window_minutes",
)


def watch_plan(config: Config, zone: tzinfo) -> WatchPlan:
    folder = config.text("calls.watch_folder").strip()
    return WatchPlan(
        Path(folder) if folder else None,
        config.text("calls.recording_name_pattern"),
        zone,
        interval_s=config.number("calls.watch_interval_s"),
        settle_s=config.number("calls.watch_settle_s"),
    )


class RecordingWatcher(QObject):
    progressed = Signal(object)  # Progress of the recording being transcribed
    changed = Signal(object)  # the queue changed; the folder's Problem, or None when it is fine
    attached = Signal(str)  # the ticket (or draft) a recording's transcript joined

    def __init__(
        self,
        queue: RecordingQueue,
        *,
        model: Callable[[], vosk.Model | None],
        busy: Callable[[], bool],
        live_calls: LiveCalls,
        parent: QObject | None = None,
    ) -> None:
        """`model`, `busy` and `live_calls` are called on the worker thread: they must only read."""
        super().__init__(parent)
        self.queue = queue
        self._model, self._busy, self._live_calls = model, busy, live_calls
        self.watch: RecordingWatch | None = None
        self._thread: threading.Thread | None = None

    def start(self, plan: WatchPlan) -> None:
        """Work by `plan` from now on: a running worker stops (between two blocks of audio, its
        recording put back) and the new one starts only once it has, so no file is worked twice."""
        before = self._thread
        if self.watch is not None:
            self.watch.stop.set()
            self.watch.wake.set()
        watch = RecordingWatch(
            self.queue,
            plan,
            model=self._model,
            busy=self._busy,
            live_calls=self._live_calls,
            on_progress=self.progressed.emit,
            on_change=self.changed.emit,
            on_attached=self.attached.emit,
        )

        def run() -> None:
            if before is not None:
                before.join()
            watch.run()

        self.watch = watch
        self._thread = threading.Thread(target=run, name="recording-watch", daemon=True)
        self._thread.start()

    def set_window(self, minutes: int) -> None:
        self.queue.window = timedelta(minutes=minutes)

    def look_now(self) -> None:
        """Look at the folder and the queue at once (a model was loaded, a call ended)."""
        if self.watch is not None:
            self.watch.wake.set()

    def sent(self, path: str, call_id: str) -> None:
        """A recording the phone system sent by event: queued on the worker's side of things."""
        if (watch := self.watch) is not None:
            BackgroundOp(self, lambda: watch.add_sent(Path(path), call_id)).run()

    def stop(self) -> Pending:
        """Stop the worker; what it was transcribing is put back for the next start."""
        if self.watch is not None:
            self.watch.stop.set()
            self.watch.wake.set()
        thread = self._thread or threading.Thread(target=lambda: None)
        return thread_pending("recordings", thread)


__all__ = ["SETTINGS", "Progress", "RecordingWatcher", "watch_plan"]
