"""Background operations: work runs on the thread pool, results come back on the GUI thread.

Like Anki's QueryOp/CollectionOp: worker code never touches widgets; writes return the Changes they
made and every view refreshes from the one `ChangeBus.changed` signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from app.store.changes import Changes

log = logging.getLogger(__name__)
T = TypeVar("T")


class ChangeBus(QObject):
    """The one signal views refresh from after any write."""

    changed = Signal(object)  # Changes


class _Relay(QObject):
    # Lives in the GUI thread; signals emitted by the worker are queued to it.
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay, tracker: TaskTracker) -> None:
        super().__init__()
        self._work, self._relay, self._tracker = work, relay, tracker

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            log.exception("background operation failed")
            self._deliver(self._relay.failed, exc)
        else:
            self._deliver(self._relay.succeeded, result)
        finally:
            self._tracker.finished()

    @staticmethod
    def _deliver(signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The widget that asked was closed meanwhile (its relay went with it): nobody to tell.
            log.debug("background result dropped: its receiver is gone")


class TaskTracker:
    """Counts running operations so shutdown can wait for them (a half-written ticket helps nobody)."""

    def __init__(self) -> None:
        self._running = 0
        self._idle = threading.Condition()

    def started(self) -> None:
        with self._idle:
            self._running += 1

    def finished(self) -> None:
        with self._idle:
            self._running -= 1
            self._idle.notify_all()

    @property
    def running(self) -> int:
        return self._running

    def wait(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._running == 0, timeout)


TRACKER = TaskTracker()


class BackgroundOp(Generic[T]):
    """`BackgroundOp(parent, work).success(show).failure(report).run()`."""

    def __init__(self, parent: QObject, work: Callable[[], T], *, pool: QThreadPool | None = None) -> None:
        self._parent, self._work = parent, work
        self._pool = pool or QThreadPool.globalInstance()
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[Exception], None] = _log_failure

    def success(self, callback: Callable[[T], None]) -> Self:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Self:
        self._on_failure = callback
        return self

    def run(self) -> None:
        relay = _Relay(self._parent)
        relay.succeeded.connect(self._on_success)
        relay.failed.connect(self._on_failure)
        relay.succeeded.connect(relay.deleteLater)
        relay.failed.connect(relay.deleteLater)
        TRACKER.started()
        self._pool.start(_Task(self._work, relay, TRACKER))


def write_op(
    parent: QObject,
    bus: ChangeBus,
    work: Callable[[], tuple[T, Changes]],
    on_success: Callable[[T], None] = lambda _result: None,
    *,
    pool: QThreadPool | None = None,
) -> BackgroundOp[tuple[T, Changes]]:
    """A store write whose Changes are announced on the bus once it has committed."""

    def done(outcome: tuple[T, Changes]) -> None:
        result, changes = outcome
        bus.changed.emit(changes)
        on_success(result)

    return BackgroundOp(parent, work, pool=pool).success(done)


def _log_failure(exc: Exception) -> None:
    log.error("background operation failed: %s", exc)
