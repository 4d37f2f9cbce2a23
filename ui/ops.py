"""Background operations: work runs on the thread pool, results come back on the GUI thread.

Like Anki's QueryOp/CollectionOp: worker code never touches widgets; writes return the Changes they
made and every view refreshes from the one `ChangeBus.changed` signal.

Nothing waits on the GUI thread, not even closing: work still running is a `Pending`, and `drain`
waits for a list of them on a thread of its own, within one bound, and reports back (tested by
tests/ui/stall.py, which fails a UI test whose event loop stops for over 100 ms).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.store.changes import Changes

log = logging.getLogger(__name__)
T = TypeVar("T")


class ChangeBus(QObject):
    """The one signal views refresh from after any write."""

    changed = Signal(object)  # Changes


class _Relay(QObject):
    # Lives in the GUI thread; signals emitted by the worker are queued to it. It has no parent, so
    # closing the widget that asked can never delete it while a worker is emitting on it.
    succeeded = Signal(object)
    failed = Signal(object)


_IN_FLIGHT: set[_Relay] = set()  # keeps each relay alive until its result has been delivered


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay, tracker: TaskTracker) -> None:
        super().__init__()
        self._work, self._relay, self._tracker = work, relay, tracker

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            log.exception("background operation failed")
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)
        finally:
            self._tracker.finished()


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

    def __init__(
        self,
        parent: QObject,
        work: Callable[[], T],
        *,
        pool: QThreadPool | None = None,
        announce: Callable[[T], None] | None = None,
    ) -> None:
        """`announce` runs on success even if `parent` is gone; the callbacks only while it lives."""
        self._parent, self._work, self._announce = parent, work, announce
        self._pool = pool or QThreadPool.globalInstance()
        self._on_success: Callable[[T], object] = lambda _result: None
        self._on_failure: Callable[[Exception], None] = _log_failure

    def success(self, callback: Callable[[T], object]) -> Self:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Self:
        self._on_failure = callback
        return self

    def run(self) -> None:
        relay = _Relay()
        _IN_FLIGHT.add(relay)
        relay.succeeded.connect(lambda result: self._settle(relay, self._on_success, result, self._announce))
        relay.failed.connect(lambda error: self._settle(relay, self._on_failure, error, None))
        TRACKER.started()
        self._pool.start(_Task(self._work, relay, TRACKER))

    def _settle(
        self,
        relay: _Relay,
        callback: Callable[[Any], object],
        value: Any,
        announce: Callable[[Any], None] | None,
    ) -> None:
        _IN_FLIGHT.discard(relay)
        if announce is not None:
            announce(value)
        # The widget that asked may have been closed meanwhile: then nobody is left to tell.
        if shiboken6.isValid(self._parent):
            callback(value)


def write_op(
    parent: QObject,
    bus: ChangeBus,
    work: Callable[[], tuple[T, Changes]],
    on_success: Callable[[T], None] = lambda _result: None,
    *,
    pool: QThreadPool | None = None,
) -> BackgroundOp[tuple[T, Changes]]:
    """A store write whose Changes are announced on the bus once it has committed, even when the
    widget that asked has been closed meanwhile (the write happened; views must show it)."""

    def announce(outcome: tuple[T, Changes]) -> None:
        if shiboken6.isValid(bus):  # at shutdown the window, and its bus, may already be gone
            bus.changed.emit(outcome[1])

    op = BackgroundOp(parent, work, pool=pool, announce=announce)
    return op.success(lambda outcome: on_success(outcome[0]))


def _log_failure(exc: Exception) -> None:
    log.error("background operation failed: %s", exc)


@dataclass(frozen=True)
class Pending:
    """Work finishing on another thread. `wait(seconds)` is True once it has; only a worker calls
    it (the shutdown below), never the GUI thread."""

    name: str  # for the log, when it did not finish in time
    wait: Callable[[float], bool]


def pool_pending(name: str, pool: QThreadPool) -> Pending:
    return Pending(name, lambda seconds: pool.waitForDone(max(0, round(seconds * 1000))))


def thread_pending(name: str, thread: threading.Thread) -> Pending:
    def joined(seconds: float) -> bool:
        if thread.ident is not None:  # never started: nothing to wait for
            thread.join(max(0.0, seconds))
        return not thread.is_alive()

    return Pending(name, joined)


def in_thread(name: str, work: Callable[[], object]) -> Pending:
    """`work` (which may block, as stopping a process does) on a thread of its own, started when a
    shutdown's `drain` reaches it, so that it is waited for only as long as the drain has left."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    joined = thread_pending(name, thread)

    def run(seconds: float) -> bool:
        if thread.ident is None:
            thread.start()
        return joined.wait(seconds)

    return Pending(name, run)


class _Drained(QObject):
    done = Signal(list)  # list[str]: what did not finish in time


_DRAINING: set[_Drained] = set()


def drain(steps: Sequence[Pending], *, within: float, done: Callable[[list[str]], None]) -> None:
    """Wait for `steps`, in order, on a thread of its own, together at most `within` seconds, then
    call `done` on the GUI thread with the names of those that had not finished (and log them).

    For the window's shutdown: the GUI thread goes on turning the event loop meanwhile, so the
    saves and callbacks being waited for can still arrive. Not a BackgroundOp: it waits for them."""
    relay = _Drained()
    _DRAINING.add(relay)

    def delivered(late: list[str]) -> None:
        _DRAINING.discard(relay)
        done(late)

    relay.done.connect(delivered)

    def run() -> None:
        deadline = time.monotonic() + within
        late = []
        for step in steps:
            began = time.monotonic()
            try:
                finished = step.wait(deadline - began)
            except Exception:
                log.exception("shutdown: %s failed", step.name)
                finished = False
            if not finished:
                late.append(step.name)
            if (took := time.monotonic() - began) > 1:  # what makes a close slow, for the log
                log.info("shutdown: %s took %.1f s", step.name, took)
        if late:
            log.warning("shutdown: not finished within %.0f s: %s", within, ", ".join(late))
        relay.done.emit(late)

    threading.Thread(target=run, name="shutdown", daemon=True).start()
