"""HashGate: at most N password checks at once in a worker process, the rest wait without a thread.

An argon2 check takes ~100 ms of a core and 64 MiB. Run on the request thread pool, 40 logins at
once took every core and every pool thread, and /health stalled for 8 s. Here a login waits for its
turn on the event loop (costing no thread), its check runs in a thread, and a login that cannot get
a turn within `wait` seconds is told to come back (503 with Retry-After) instead of queueing forever.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")


class GateBusy(Exception):
    """No turn within the wait: the server is busy checking other passwords."""


class HashGate:
    def __init__(self, size: int, wait: float) -> None:
        self.size, self.wait = size, wait
        # One limiter per event loop: an anyio limiter belongs to the loop that first waits on it,
        # and tests run one app under several loops in turn. A server worker has one loop.
        self._limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = (
            weakref.WeakKeyDictionary()
        )
        self._count = threading.Lock()
        self.running = 0
        self.peak = 0  # the most checks ever seen running at once (tests read it)

    async def run(self, check: Callable[[], T]) -> T:
        """`check()` in a worker thread once a turn is free; GateBusy after `wait` seconds without."""
        limiter = self._limiter()
        turn = False
        with anyio.move_on_after(self.wait):
            await limiter.acquire()
            turn = True
        if not turn:
            raise GateBusy
        try:
            return await anyio.to_thread.run_sync(self._counted, check)
        finally:
            limiter.release()

    def _limiter(self) -> anyio.CapacityLimiter:
        loop = asyncio.get_running_loop()
        found = self._limiters.get(loop)
        if found is None:
            found = self._limiters[loop] = anyio.CapacityLimiter(self.size)
        return found

    def _counted(self, check: Callable[[], T]) -> T:
        with self._count:
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            return check()
        finally:
            with self._count:
                self.running -= 1
