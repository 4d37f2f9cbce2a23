"""The seat on a machine that lacks optional system parts, and its embedded server's lifetime.

Run in subprocesses: Qt Multimedia is made unimportable there by an import hook
(tests/ui/without_audio.py), as on a machine without libpulse, whatever this one has installed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.sync.live import ROOT

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _without_audio(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.ui.without_audio", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_without_qt_multimedia_the_window_opens_and_takes_a_ticket(tmp_path: Path) -> None:
    run = _without_audio("accept", str(tmp_path / "home"))
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.splitlines()[-1])
    assert seen["window_visible"]
    assert len(seen["accepted"]) == 1 and seen["accepted"][0].startswith("L-"), seen["problems"]
    assert not seen["multimedia_loaded"]
    # The call dock and the status bar say what is missing and the one command that brings it.
    assert "libpulse.so.0" in seen["call_status"] and "sudo apt-get install libpulse0" in seen["call_status"]
    assert not seen["start_enabled"]
    assert "libpulse.so.0" in seen["status_bar"]
    assert "sudo apt-get install libpulse0" in seen["microphone"] and not seen["microphone_enabled"]
    # The first-run wizard's microphone step too, and it skips the level meter rather than fail.
    assert (
        "libpulse.so.0" in seen["wizard_microphone"]
        and "sudo apt-get install libpulse0" in seen["wizard_microphone"]
    )
    assert not seen["wizard_meter_visible"]


@pytest.mark.slow
def test_without_qt_multimedia_the_self_test_passes() -> None:
    run = _without_audio("self-test")
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["ok"]
    assert "libpulse.so.0" in report["missing"]["audio"]


def _embedded_server(seat: psutil.Process, timeout: float = 60) -> psutil.Process:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in seat.children(recursive=True):
            try:
                if "serve" in child.cmdline():
                    return child
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.2)
    raise AssertionError("the demo seat started no embedded server")


def _port(server: psutil.Process, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listening = [c for c in server.net_connections() if c.status == psutil.CONN_LISTEN]
        if listening:
            return int(listening[0].laddr.port)
        time.sleep(0.2)
    raise AssertionError("the embedded server never listened")


@pytest.mark.slow
def test_killing_the_seat_ends_its_embedded_server(tmp_path: Path) -> None:
    seat = subprocess.Popen(
        [sys.executable, "-m", "ui", "--demo", "--home", str(tmp_path / "home")],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server: psutil.Process | None = None
    try:
        server = _embedded_server(psutil.Process(seat.pid))
        port = _port(server)
        seat.send_signal(signal.SIGKILL)  # as a crash or a power button would, with no clean-up
        seat.wait()
        server.wait(timeout=20)
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            raise AssertionError(f"port {port} still answers after the seat died")
        except httpx.ConnectError:
            pass
    finally:
        seat.kill()
        if server is not None and server.is_running():
            server.kill()
