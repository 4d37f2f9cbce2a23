"""FaultyProxy: a TCP proxy on loopback that drops, delays and cuts connections, for the sync tests.

    with FaultyProxy(upstream_port, Faults(cut_response=0.1), seed=7) as proxy:
        ServerApi(proxy.url, ...)        # every byte between seat and server crosses the proxy
        proxy.faults = Faults()          # from now on it passes everything through
    proxy.stats                          # how many connections it refused, cut, delayed ...

Faults come from one seeded generator (thread timing still varies from run to run). A cut in the request
stream means the server sees half a request; a cut in the response stream means the server did its
work and committed but the seat never hears the answer: the hardest case for exactly-once, since
the seat must send the same ops again and the server must recognise them.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass
from types import TracebackType

_CHUNK = 16 * 1024


@dataclass(frozen=True)
class Faults:
    """Chances of each fault. A seat keeps one connection open for many requests (keep-alive), so
    cuts, stalls and delays are drawn for every chunk that crosses, not once per connection."""

    refuse: float = 0.0  # per connection: accept, then close at once; the request goes nowhere
    cut_request: float = 0.0  # per chunk the seat sends: forward part of it, then close both sides
    cut_response: float = 0.0  # per chunk the server answers: forward part of it, then close both
    stall: float = 0.0  # per chunk the seat sends: hold it for `stall_seconds`, then close both
    delay: float = 0.0  # per chunk: a pause of up to `max_delay` seconds
    max_delay: float = 0.05
    stall_seconds: float = 3.0


class FaultyProxy:
    def __init__(
        self, upstream_port: int, faults: Faults, *, seed: int = 0, first: tuple[str, ...] = ()
    ) -> None:
        """`first`: faults ("refuse", "stall", "cut_request", "cut_response") that happen for sure,
        in this order, each at its first chance while `faults` is not the clean Faults() (chance
        goes on as well); a test that needs each kind to have happened does not depend on luck."""
        self.upstream_port = upstream_port
        self.faults = faults
        self._first = list(first)
        self.stats: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, name="faulty-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultyProxy:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(10)
        self._listener.close()

    # -- connections --------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                seat, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(seat,), daemon=True).start()

    def _roll(self, chance: float, kind: str) -> bool:
        with self._lock:
            if self._first and self._first[0] == kind and self.faults != Faults():
                self._first.pop(0)
                return True
            return self._rng.random() < chance

    def _count(self, what: str) -> None:
        with self._lock:
            self.stats[what] += 1

    def _serve(self, seat: socket.socket) -> None:
        self._count("connections")
        with seat:
            if self._roll(self.faults.refuse, "refuse"):
                self._count("refused")
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                self._count("upstream_down")
                return
            with server:
                for sock in (seat, server):
                    sock.settimeout(None)
                up = threading.Thread(target=self._pipe, args=(seat, server, "request"))
                up.start()
                self._pipe(server, seat, "response")
                up.join()

    def _pipe(self, source: socket.socket, target: socket.socket, direction: str) -> None:
        """Copy chunks until either side closes or a fault ends the connection."""
        try:
            while not self._stop.is_set():
                data = source.recv(_CHUNK)
                if not data or not self._forward(data, target, direction):
                    break
        except OSError:
            pass
        # Shutting both sockets down ends the other direction's pipe too.
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _forward(self, data: bytes, target: socket.socket, direction: str) -> bool:
        """Send `data` on, or a fault instead; False when the fault ends the connection."""
        faults = self.faults
        cut = faults.cut_request if direction == "request" else faults.cut_response
        if self._roll(cut, f"cut_{direction}"):
            with self._lock:
                part = self._rng.randrange(len(data))
            target.sendall(data[:part])
            self._count(f"cut_{direction}")
            return False
        if direction == "request" and self._roll(faults.stall, "stall"):
            self._count("stalled")
            self._stop.wait(faults.stall_seconds)
            return False
        self._maybe_delay()
        target.sendall(data)
        return True

    def _maybe_delay(self) -> None:
        with self._lock:
            pause = (
                self._rng.uniform(0, self.faults.max_delay) if self._rng.random() < self.faults.delay else 0
            )
        if pause:
            self._count("delays")
            time.sleep(pause)
