"""kill -9 in the middle of sync, on both ends: nothing lost, nothing doubled after the restart.

- The seat: a process (seat_child.py) takes calls and syncs in small batches; it is killed at random
  moments, again and again, on the same store file. A kill can land before a push, after the server
  committed a batch but before the seat settled it, or half-way through applying a pull.
- The server: a real `hotline-server serve` process is killed while a seat pushes to it and started
  again on the same database, again and again; on SQLite and on PostgreSQL.

Afterwards every op that any outbox holds is on the server exactly once, and the seat holds what
the server holds.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.sla import SlaClock
from sync.client.loop import Backoff, SyncLoop
from tests.store_keys import keyed_engine
from tests.sync.live import ROOT, LiveServer
from tests.sync.reliability.rig import Ledger, Seat, assert_exactly_once, comparable, open_seat
from tests.sync.reliability.test_fault_proxy import sync_until_quiet, take_calls

CHILD = [sys.executable, "-m", "tests.sync.reliability.seat_child"]


def assert_seat_matches_server(seat: Seat, ledger: Ledger) -> None:
    assert_exactly_once(ledger, [seat])
    assert seat.engine.status().pending == 0
    server, local = ledger.tickets(), seat.local_tickets()
    assert {k: comparable(v) for k, v in local.items()} == {k: comparable(v) for k, v in server.items()}
    assert all(t.number and t.number.startswith("12345-") for t in local.values())


# -- the seat ---------------------------------------------------------------------------------------


def run_and_kill_seat(server: LiveServer, store: Path, rng: random.Random) -> int:
    """Start the seat process, let it work for a few sync rounds, SIGKILL it; the rounds it reported."""
    child = subprocess.Popen(
        [*CHILD, server.url, str(store)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None
    rounds, wanted = 0, rng.randint(1, 4)
    while rounds < wanted:
        line = child.stdout.readline()
        if not line:
            raise AssertionError(f"the seat process died on its own:\n{child.stderr.read().decode()}")
        rounds += line.startswith(b"round")
    time.sleep(rng.uniform(0, 0.15))  # somewhere inside the next round's writes, push or pull
    child.kill()
    child.wait()
    return rounds


def kill_the_seat(server: LiveServer, tmp_path: Path, sla: SlaClock, kills: int) -> None:
    store, rng = tmp_path / "seat.sqlite3", random.Random(kills)
    worked = sum(run_and_kill_seat(server, store, rng) for _ in range(kills))
    finish = subprocess.run(
        [*CHILD, server.url, str(store), "--finish"], cwd=ROOT, capture_output=True, timeout=120
    )
    assert finish.returncode == 0, finish.stderr.decode()

    engine = keyed_engine(store)  # the seat store is encrypted
    with engine.connect() as db:
        assert db.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    engine.dispose()
    seat, ledger = open_seat(server.url, "a01", store, sla), Ledger(server.db_url)
    try:
        assert_seat_matches_server(seat, ledger)
        assert len(ledger.tickets()) >= worked  # every reported round made a ticket that survived
    finally:
        seat.close()
        ledger.close()


@pytest.mark.slow
def test_kill_9_of_the_seat_during_sync_loses_and_doubles_nothing(
    live_server: LiveServer, tmp_path: Path, sla_clock: SlaClock
) -> None:
    kill_the_seat(live_server, tmp_path, sla_clock, kills=8)


@pytest.mark.slow
def test_kill_9_of_the_seat_during_sync_100_times(
    live_server: LiveServer, tmp_path: Path, sla_clock: SlaClock
) -> None:
    kill_the_seat(live_server, tmp_path, sla_clock, kills=100)


# -- the server -------------------------------------------------------------------------------------


def kill_the_server(db_url: str, tmp_path: Path, sla: SlaClock, kills: int) -> None:
    rng = random.Random(kills)
    with LiveServer(db_url, log_dir=tmp_path) as server:
        seat = open_seat(server.url, "a01", tmp_path / "seat.sqlite3", sla, timeout=5, batch_size=20)
        ledger = Ledger(db_url)
        loop = SyncLoop(seat.engine, interval=0.02, backoff=Backoff(base=0.05, cap=0.5))
        stop, wake = threading.Event(), threading.Event()
        syncing = threading.Thread(target=loop.run, args=(stop, wake, lambda _status: None))
        syncing.start()
        try:
            for _ in range(kills):
                take_calls(seat, rng.randint(20, 40))  # the outbox fills while pushes run
                time.sleep(rng.uniform(0, 0.2))
                server.kill()
                take_calls(seat, 5)  # the seat works on while the server is down
                server.start()
        finally:
            stop.set()
            syncing.join(60)
        try:
            assert not syncing.is_alive()
            sync_until_quiet(seat)
            assert_seat_matches_server(seat, ledger)
            assert "Traceback" not in server.log()
        finally:
            seat.close()
            ledger.close()


@pytest.mark.slow
def test_kill_9_of_the_server_during_push_loses_and_doubles_nothing(
    db_url: str, tmp_path: Path, sla_clock: SlaClock
) -> None:
    kill_the_server(db_url, tmp_path, sla_clock, kills=6)


@pytest.mark.slow
def test_kill_9_of_the_server_during_push_50_times(db_url: str, tmp_path: Path, sla_clock: SlaClock) -> None:
    kill_the_server(db_url, tmp_path, sla_clock, kills=50)
