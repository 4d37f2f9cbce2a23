"""The background sync loop: sync, publish the status, wait; back off with jitter while offline.

Thread-agnostic: `run` blocks until `stop` is set, so the UI wraps it in a QThread and passes a
`publish` that posts to the GUI thread. `wake.set()` means "sync now" (a local change, 立即同步).
"""

from __future__ import annotations

import dataclasses
import logging
import random
import threading
import time
from collections.abc import Callable

from sync.client.api import AuthRequired, Offline, ServerRefused
from sync.client.engine import SyncEngine
from sync.client.status import SyncState, SyncStatus

__all__ = ["Backoff", "SyncLoop", "SyncState", "SyncStatus"]

log = logging.getLogger(__name__)

_SLICE = 0.1  # how late a stop may be noticed while waiting, in seconds


class Backoff:
    """Exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, base·2ⁿ)].

    Jitter spreads the retries of many seats that lost the server at the same moment, so they do
    not all come back in the same second (AWS Architecture Blog, "Exponential Backoff And Jitter").
    """

    def __init__(
        self, *, base: float = 1.0, factor: float = 2.0, cap: float = 60.0, rng: random.Random | None = None
    ) -> None:
        self.base, self.factor, self.cap = base, factor, cap
        self._rng = rng or random.Random()
        self.failures = 0

    def ceiling(self) -> float:
        """The longest the next wait may be."""
        return min(self.cap, self.base * self.factor ** min(self.failures, 64))

    def next_delay(self) -> float:
        delay = self._rng.uniform(0, self.ceiling())
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0


class SyncLoop:
    def __init__(self, engine: SyncEngine, *, interval: float = 5.0, backoff: Backoff | None = None) -> None:
        self.engine = engine
        self.interval = interval
        self.backoff = backoff or Backoff()

    def step(self) -> SyncStatus:
        """One round: sync, then the status to show, with how long until the next round."""
        try:
            report = self.engine.sync_once()
        except Offline:
            return self._waiting(self.backoff.next_delay())
        except ServerRefused as exc:
            log.warning("同步被服务器拒绝 (sync refused): %s", exc)
            return self._waiting(self.backoff.next_delay())
        except AuthRequired:
            # Retrying cannot help until the operator logs in; the login wakes the loop.
            self.backoff.reset()
            return self.engine.status()
        except Exception:
            # A bug must not kill the thread that keeps the seat in sync: log it, retry later.
            log.exception("同步出错 (sync failed)")
            return self._waiting(self.backoff.next_delay())
        self.backoff.reset()
        return dataclasses.replace(
            self.engine.status(),
            retry_in=None,
            exchanged=report.pushed + report.pulled,
            kb_changed=report.kb_changed,
            warned=report.warnings,
            reference_adopted=tuple(d.name for d in report.reference.adopted),
            reference_refused=tuple(report.reference.refused),
        )

    def run(
        self, stop: threading.Event, wake: threading.Event, publish: Callable[[SyncStatus], None]
    ) -> None:
        while not stop.is_set():
            wake.clear()
            publish(dataclasses.replace(self.engine.status(), state=SyncState.SYNCING))
            status = self.step()
            publish(status)
            delay = status.retry_in if status.retry_in is not None else self._idle_wait(status)
            self._wait(stop, wake, delay)

    def _idle_wait(self, status: SyncStatus) -> float | None:
        # Logged out: wait for a wake (the login) or the stop, however long that takes.
        return None if status.state is SyncState.AUTH_REQUIRED else self.interval

    def _waiting(self, delay: float) -> SyncStatus:
        return dataclasses.replace(self.engine.status(), retry_in=delay)

    @staticmethod
    def _wait(stop: threading.Event, wake: threading.Event, delay: float | None) -> None:
        """Wait for the delay, a wake or the stop, whichever comes first. threading has no wait for
        either of two events, so wait on `wake` in short slices and look at `stop` between them."""
        deadline = None if delay is None else time.monotonic() + delay
        while not stop.is_set():
            remaining = _SLICE if deadline is None else min(_SLICE, deadline - time.monotonic())
            if remaining <= 0 or wake.wait(remaining):
                return
