"""A watch on the Qt event loop: a UI test fails when the GUI thread stops turning it for over 100 ms.

The GUI thread never waits (DESIGN §2): a join, a waitForDone, an fsync or a sign-in on it freezes
the seat while the citizen is talking. A heartbeat timer ticks every few milliseconds on the GUI
thread; a late tick is a stall. A watchdog thread looks at the GUI thread while a tick is late, so
the failure names the line it was stuck on, not only how long.

Only the code's stalls count: time the GUI thread spent runnable but waiting for a CPU (the test
machine is shared; Linux counts it in /proc/.../schedstat) is taken off the gap first.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer

LIMIT = 0.100  # seconds: a human notices a frozen window from about here on
BEAT = 0.005


@dataclass(frozen=True)
class Stall:
    seconds: float  # the gap, less the time the thread waited for a CPU
    queued: float  # that time: the machine's, not the code's
    where: str  # the GUI thread's stack while it was late ("" if the watchdog did not catch it)

    def __str__(self) -> str:
        return (
            f"event loop stalled {self.seconds * 1000:.0f} ms "
            f"(and {self.queued * 1000:.0f} ms more waiting for a CPU)\n{self.where}"
        )


def _cpu_queue(schedstat: Path) -> float:
    """Seconds this thread has spent runnable but not running, since it started (0 off Linux)."""
    try:
        return int(schedstat.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


class LoopWatch:
    """Records every gap between heartbeats longer than `limit` while it runs."""

    def __init__(self, limit: float = LIMIT) -> None:
        self.limit = limit
        self.stalls: list[Stall] = []
        self.longest = 0.0
        self._gui = threading.get_ident()
        self._schedstat = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")
        self._last = time.monotonic()
        self._queued = _cpu_queue(self._schedstat)
        self._caught = ""  # the stack the watchdog saw during the current late beat
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._timer = QTimer(interval=round(BEAT * 1000), timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._beat)
        self._watchdog = threading.Thread(target=self._watch, name="loop-watchdog", daemon=True)

    def start(self) -> None:
        assert QCoreApplication.instance() is not None and threading.get_ident() == self._gui
        self._last, self._queued = time.monotonic(), _cpu_queue(self._schedstat)
        self._timer.start()
        self._watchdog.start()

    def stop(self) -> None:
        self._beat()  # a stall right before the end counts too
        self._timer.stop()
        self._done.set()
        self._watchdog.join()

    def _beat(self) -> None:
        now, queued = time.monotonic(), _cpu_queue(self._schedstat)
        with self._lock:
            gap, self._last = now - self._last, now
            where, self._caught = self._caught, ""
        waited, self._queued = queued - self._queued, queued
        stalled = gap - waited
        self.longest = max(self.longest, stalled)
        if stalled > self.limit:
            self.stalls.append(Stall(stalled, waited, where))

    def _watch(self) -> None:
        while not self._done.wait(self.limit / 4):
            with self._lock:
                late = time.monotonic() - self._last > self.limit
                frame = sys._current_frames().get(self._gui) if late and not self._caught else None
                if frame is not None:
                    self._caught = "".join(traceback.format_list(traceback.extract_stack(frame)[-8:]))

    def report(self) -> str:
        return "\n\n".join(str(stall) for stall in self.stalls)


@contextmanager
def watching(limit: float = LIMIT) -> Iterator[LoopWatch]:
    """`with watching(): ...` fails with the stalls (and where they were) if the loop stopped over
    `limit` seconds inside the block. The block must turn the loop (qtbot.wait*) to be watched."""
    watch = LoopWatch(limit)
    watch.start()
    try:
        yield watch
    finally:
        watch.stop()
    assert not watch.stalls, watch.report()
