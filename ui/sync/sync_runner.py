"""Runs the sync loop on its own thread and brings its status back to the GUI thread.

The loop itself (sync.client.loop) knows nothing of Qt; this wrapper only gives it a thread, a way to
be woken ("立即同步", a new ticket) and stopped, and turns its reports into a Qt signal.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from app.domain.sla import SlaClock
from sync.client.loop import SyncLoop
from ui.ops import Pending, thread_pending

log = logging.getLogger(__name__)


class _StatusRelay(QObject):
    # Lives in the GUI thread and has no parent: the loop thread emits on it, Qt queues the call to
    # the GUI thread, and closing a window can never delete it under the emitting thread.
    status = Signal(object)  # SyncStatus


_RELAYS: list[_StatusRelay] = []  # alive for the process, like the thread that emits on them


class SyncRunner(QObject):
    """`statusChanged(SyncStatus)` after every round; `sync_now()` wakes the loop at once."""

    statusChanged = Signal(object)

    def __init__(self, loop: SyncLoop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = loop
        self._stop, self._wake = threading.Event(), threading.Event()
        self._relay = _StatusRelay()
        _RELAYS.append(self._relay)
        self._relay.status.connect(self.statusChanged)
        self._thread = threading.Thread(target=self._run, name="hotline-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def sync_now(self) -> None:
        self._wake.set()

    def set_interval(self, seconds: float) -> None:
        """From the next round on (the loop reads it between rounds; a float is set atomically)."""
        self._loop.interval = seconds

    def plan_with(self, sla: SlaClock) -> None:
        """The loop's engine plans with `sla` from its next ticket on (an attribute swap: safe
        while the loop thread runs)."""
        self._loop.engine.plan_with(sla)

    def stop(self) -> Pending:
        """Ask the loop to finish its round (a settled batch is one transaction, never cut off);
        whoever must know when it has waits for the Pending, off the GUI thread."""
        self._stop.set()
        self._wake.set()
        return thread_pending("sync", self._thread)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            self._loop.run(self._stop, self._wake, self._relay.status.emit)
        except Exception:  # the loop handles network trouble itself; anything else is a bug to log
            log.exception("sync loop stopped unexpectedly")
