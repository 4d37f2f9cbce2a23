"""The security probe: every hole of issue 16 replayed against a real server process.

Each `test_hole_NN_*.py` attacks a real `hotline-server serve` process (tests/sync/live.py), once on
SQLite and once on PostgreSQL, and records what it tried and what it got with the `probe` fixture:

    def test_conflict_hides_foreign_ticket(probe: Probe, hostile: LiveSeat) -> None:
        answer = ...
        probe.record(1, "a01 pushes update base 0 for A02's ticket", f"{answer.status_code} {status}",
                     safe=status == "rejected")
        assert status == "rejected"

At the end of the run pytest prints the table of every record (also under xdist: the workers append
to one JSON-lines file named by HOTLINE_PROBE_LOG, which the controller reads).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
import pytest

from sync.demo import DEMO_PASSWORD
from tests.sync.conftest import PostgresDatabases, pg, pg_template, sqlite_template  # noqa: F401
from tests.sync.live import LiveServer

PROBE_LOG = "HOTLINE_PROBE_LOG"


@dataclass(frozen=True)
class ProbeRow:
    hole: int
    database: str
    tried: str
    got: str
    safe: bool


class Probe:
    """Records one line of the probe table per attempt."""

    def __init__(self, database: str) -> None:
        self.database = database

    def record(self, hole: int, tried: str, got: str, *, safe: bool) -> None:
        row = ProbeRow(hole, self.database, tried, got, safe)
        with Path(os.environ[PROBE_LOG]).open("a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")


@pytest.fixture(params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """A real server process on a seeded database (demo accounts, password demo1234)."""
    if request.param == "sqlite":
        target = tmp_path / "server.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        url = f"sqlite:///{target}"
    else:
        databases: PostgresDatabases = request.getfixturevalue("pg")
        url = databases.create(template=request.getfixturevalue("pg_template"))
    with LiveServer(url, log_dir=tmp_path) as server:
        yield server


@pytest.fixture
def probe(live: LiveServer) -> Probe:
    return Probe("PostgreSQL" if live.db_url.startswith("postgresql") else "SQLite")


@pytest.fixture
def session_for(live: LiveServer) -> Iterator[Callable[[str], httpx.Client]]:
    """`session_for("a01")`: an httpx client on the live server, logged in as that demo user."""
    clients: list[httpx.Client] = []

    def logged_in(username: str, password: str = DEMO_PASSWORD) -> httpx.Client:
        client = httpx.Client(base_url=live.api, timeout=30)
        clients.append(client)
        answer = client.post("/auth/login", json={"username": username, "password": password})
        assert answer.status_code == 200, answer.text
        client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
        return client

    yield logged_in
    for client in clients:
        client.close()


def pytest_configure(config: pytest.Config) -> None:
    # Set before xdist starts its workers, which inherit the environment.
    if PROBE_LOG not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="hotline-probe-"))
        os.environ[PROBE_LOG] = str(folder / "probe.jsonl")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if hasattr(terminalreporter.config, "workerinput"):
        return  # a worker: the controller prints the table
    path = Path(os.environ.get(PROBE_LOG, ""))
    if not path.is_file():
        return
    rows = [ProbeRow(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    terminalreporter.section("security probe (issue 16)")
    terminalreporter.write_line(f"{'hole':>4}  {'db':<10}  {'verdict':<7}  tried → got")
    for row in sorted(rows, key=lambda r: (r.hole, r.database, r.tried)):
        verdict = "safe" if row.safe else "HOLE"
        line = f"{row.hole:>4}  {row.database:<10}  {verdict:<7}  {row.tried} → {row.got}"
        terminalreporter.write_line(line)
