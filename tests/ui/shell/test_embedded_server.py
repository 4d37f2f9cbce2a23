"""The embedded demo server stops within seconds, even while it is still seeding its accounts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.sync.live import wait_until_answering
from ui.shell.embedded_server import EmbeddedServer


@pytest.mark.slow
def test_closing_right_after_the_start_ends_the_seeding_at_once(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path)
    server.start_in_background()
    deadline = time.monotonic() + 30
    while not server.log_file.exists() and time.monotonic() < deadline:  # seed-demo is running
        time.sleep(0.05)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 6  # terminate, at worst a kill after 5 s: not the whole seeding
    assert "demo accounts created" not in server.log_file.read_text(encoding="utf-8")

    server.start()  # the next start seeds again and serves
    try:
        wait_until_answering(server.url)
    finally:
        server.stop()
