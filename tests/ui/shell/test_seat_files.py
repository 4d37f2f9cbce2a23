"""A running seat keeps everything it writes (store, drafts, KB, config, logs) to its own user: 0700
folders, 0600 files, whatever the session's umask (issue 16, item 10)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sync.live import ROOT


@pytest.mark.slow
def test_a_started_seat_writes_nothing_other_users_can_read(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    seat = subprocess.Popen([sys.executable, "-m", "ui", "--home", str(home)], cwd=ROOT, env=env, umask=0o022)
    try:
        deadline = time.monotonic() + 60
        wanted = [home / "data" / "seat.sqlite3", home / "data" / "kb.sqlite3", home / "logs"]
        while not all(p.exists() for p in wanted) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # let the KB worker and the first draft settle
    finally:
        seat.send_signal(signal.SIGTERM)
        seat.wait(30)
    found = {
        str(p.relative_to(home)): stat.S_IMODE(p.lstat().st_mode)
        for p in home.rglob("*")
        if not p.is_symlink()
    }
    assert "data/seat.sqlite3" in found and any(name.startswith("logs/") for name in found)
    readable = {name: oct(m) for name, m in found.items() if m & 0o077}
    assert readable == {}
