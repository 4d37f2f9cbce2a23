"""Hole 10: files and sockets other local users could reach. The server's SQLite file (the live
server's own, and one `hotline-server migrate` creates), the files a running seat writes, and the
call-event socket another user creates first. Files are looked at with os.stat, under umask 022."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.security.conftest import Probe
from tests.sync.live import ROOT, LiveServer
from tests.ui.call.test_call_events import SQUATTER


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_live_servers_sqlite_file_is_private(probe: Probe, live: LiveServer) -> None:
    if not live.db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL keeps no file of the server's own")
    path = Path(live.db_url.removeprefix("sqlite:///"))
    files = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]
    modes = {p.name: oct(_mode(p)) for p in files}
    safe = all(_mode(p) & 0o077 == 0 for p in files)
    probe.record(10, "stat the running server's SQLite file and its WAL/SHM", str(modes), safe=safe)
    assert safe


def test_a_database_the_server_creates_is_0600_in_a_0700_folder(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "hotline-server.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "sync.server", "migrate", "--db", f"sqlite:///{path}"],
        cwd=ROOT, check=True, capture_output=True, umask=0o022, timeout=120,
    )  # fmt: skip
    got = f"folder {oct(_mode(path.parent))}, file {oct(_mode(path))}"
    safe = _mode(path.parent) == 0o700 and _mode(path) == 0o600
    Probe("SQLite").record(
        10, "hotline-server migrate creates a new SQLite database (umask 022)", got, safe=safe
    )
    assert safe


@pytest.mark.slow
def test_a_running_seat_writes_nothing_others_can_read(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seat = subprocess.Popen(
        [sys.executable, "-m", "ui", "--home", str(home)],
        cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, umask=0o022,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (home / "data" / "kb.sqlite3").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
    finally:
        seat.send_signal(signal.SIGTERM)
        seat.wait(30)
    open_to_others = [str(p.relative_to(home)) for p in home.rglob("*") if p.lstat().st_mode & 0o077]
    total = sum(1 for _ in home.rglob("*"))
    got = f"{len(open_to_others)} of {total} paths readable by others" + (
        f": {', '.join(sorted(open_to_others)[:4])}" if open_to_others else ""
    )
    Probe("seat").record(
        10, "seat started under umask 022: its data, config and logs", got, safe=not open_to_others
    )
    assert not open_to_others


@pytest.mark.slow
def test_another_users_socket_gets_no_call_event(tmp_path: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to run a second user's process")
    try:
        pwd.getpwnam("tester")
    except KeyError:
        pytest.skip("no user `tester` on this machine")
    shared = Path(tempfile.mkdtemp(prefix="hs-"))
    shared.chmod(0o1777)  # stands in for /tmp: the seat falls back to it without XDG_RUNTIME_DIR
    env = {k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"} | {"TMPDIR": str(shared)}
    home = tmp_path / "home"
    find = "from pathlib import Path; from app.telephony import channel_address; import sys; "
    find += "print(channel_address(Path(sys.argv[1]) / 'data'))"
    address = subprocess.run(
        [sys.executable, "-c", find, str(home)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    squatter = subprocess.Popen(
        ["/usr/bin/python3", "-I", "-c", SQUATTER, str(Path(address).parent), address],
        user="tester", stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert squatter.stdout is not None and squatter.stdout.readline().strip() == "ready"
        cti = subprocess.run(
            [sys.executable, "-m", "ui", "--home", str(home), "call", "ringing", "--id", "c1",
             "--caller", "13812345678"],
            cwd=ROOT, env=env | {"QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        heard, _ = squatter.communicate(timeout=15)
    finally:
        squatter.kill()
        squatter.wait()
        shutil.rmtree(shared)
    answer = cti.stdout.strip().splitlines()[-1] if cti.stdout.strip() else cti.stderr.strip()
    safe = cti.returncode == 1 and heard.strip() == "nothing"
    got = f"exit {cti.returncode}, `{answer[:90]}`; other user heard: {heard.strip()[:60]}"
    Probe("seat").record(
        10, "user tester creates the seat's call socket first, CTI sends ringing", got, safe=safe
    )
    assert safe
