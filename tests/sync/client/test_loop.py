"""Backoff bounds and jitter, and the loop's rounds: online, offline with backoff, wake, stop."""

from __future__ import annotations

import random
import statistics
import threading
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.sla import SlaClock
from sync.client.api import ServerApi
from sync.client.engine import SyncEngine
from sync.client.loop import Backoff, SyncLoop, SyncState, SyncStatus
from tests.sync.client.conftest import Seats
from tests.sync.live import free_port


@given(seed=st.integers(0, 2**32), failures=st.integers(0, 200))
def test_every_delay_is_within_zero_and_the_capped_exponential(seed: int, failures: int) -> None:
    backoff = Backoff(rng=random.Random(seed))
    for n in range(failures):
        ceiling = min(60.0, 2.0**n)
        assert backoff.ceiling() == ceiling
        assert 0.0 <= backoff.next_delay() <= ceiling
    assert backoff.failures == failures


@settings(max_examples=30)
@given(seed=st.integers(0, 2**32), failures=st.integers(1, 12))
def test_full_jitter_spreads_retries_over_the_whole_window(seed: int, failures: int) -> None:
    # Many seats losing the server together must not come back in step: their waits spread out.
    rng = random.Random(seed)
    ceiling = min(60.0, 2.0**failures)
    delays = []
    for _ in range(400):
        backoff = Backoff(rng=rng)
        backoff.failures = failures
        delays.append(backoff.next_delay())
    assert min(delays) < ceiling * 0.1 and max(delays) > ceiling * 0.9
    assert abs(statistics.mean(delays) - ceiling / 2) < ceiling * 0.1


def test_reset_starts_again_from_one_second() -> None:
    backoff = Backoff(rng=random.Random(1))
    for _ in range(10):
        backoff.next_delay()
    assert backoff.ceiling() == 60.0
    backoff.reset()
    assert backoff.ceiling() == 1.0


def test_a_step_offline_backs_off_and_a_step_online_resets(seats: Seats, sla_clock: SlaClock) -> None:
    seat = seats("a01")
    seat.accept()
    nowhere = ServerApi(f"http://127.0.0.1:{free_port()}", seat.vault, timeout=2)
    offline_loop = SyncLoop(SyncEngine(seat.store, sla_clock, nowhere), backoff=Backoff(rng=random.Random(3)))
    ceilings = []
    for _ in range(3):
        ceilings.append(offline_loop.backoff.ceiling())
        status = offline_loop.step()
        assert status.state is SyncState.OFFLINE and status.pending == 1
        assert status.retry_in is not None and 0 <= status.retry_in <= ceilings[-1]
    assert ceilings == [1.0, 2.0, 4.0]

    online = SyncLoop(seat.engine, backoff=offline_loop.backoff)  # same backoff: the server is back
    status = online.step()
    assert (status.state, status.pending, status.retry_in) == (SyncState.ONLINE, 0, None)
    assert status.last_success is not None and online.backoff.failures == 0
    assert status.exchanged >= 1, "the round pushed the ticket: views must be told to refresh"
    assert online.step().exchanged == 0, "a round with nothing to exchange asks for no refresh"
    nowhere.close()


def test_run_syncs_at_once_on_wake_and_returns_on_stop(seats: Seats) -> None:
    seat = seats("a01")
    loop = SyncLoop(seat.engine, interval=30.0)  # the interval alone would not sync again in this test
    stop, wake = threading.Event(), threading.Event()
    published: list[SyncStatus] = []
    thread = threading.Thread(target=loop.run, args=(stop, wake, published.append))
    thread.start()
    try:
        _until(lambda: any(s.state is SyncState.ONLINE for s in published))
        ticket = seat.accept()
        wake.set()  # what a local change (or 立即同步) does
        _until(lambda: seat.tickets.get(ticket.id).number is not None)
        _until(lambda: published[-1].state is SyncState.ONLINE and published[-1].pending == 0)
        assert SyncState.SYNCING in {s.state for s in published}
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive(), "run must return soon after stop is set"


def _until(condition: object, timeout: float = 10.0) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)
