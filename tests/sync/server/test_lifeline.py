"""`serve --exit-with-parent`: an embedded server never outlives the program that started it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import psutil
import pytest

from sync.protocol import API_PREFIX
from tests.sync.live import ROOT, free_port, wait_until_answering


def _serve(db: Path, port: int, parent: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sync.server",
        "serve",
        *("--db", f"sqlite:///{db}", "--port", str(port), "--exit-with-parent", str(parent)),
    ]


def _port_closed(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}{API_PREFIX}/health", timeout=1)
    except httpx.ConnectError:
        return True
    return False


def test_the_server_stops_when_its_parents_pipe_closes(tmp_path: Path) -> None:
    """The portable signal (every OS): the starter's end of stdin closes, the server stops cleanly."""
    port = free_port()
    server = subprocess.Popen(
        _serve(tmp_path / "s.sqlite3", port, os.getpid()), cwd=ROOT, stdin=subprocess.PIPE
    )
    try:
        wait_until_answering(f"http://127.0.0.1:{port}")
        assert server.stdin is not None
        server.stdin.close()
        # uvicorn shuts down cleanly on SIGTERM, then re-raises it: -15 is its ordinary exit.
        assert server.wait(timeout=15) in (0, -signal.SIGTERM)
        assert _port_closed(port)
    finally:
        server.kill()
        server.wait()


@pytest.mark.slow
def test_the_server_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    """kill -9 of the starter: no orphaned server holding the port and the database."""
    port = free_port()
    starter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import os, subprocess, sys, time
                command = {_serve(tmp_path / "s.sqlite3", port, 0)!r}
                command[-1] = str(os.getpid())
                server = subprocess.Popen(command, stdin=subprocess.PIPE)
                print(server.pid, flush=True)
                time.sleep(600)
                """
            ),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    assert starter.stdout is not None
    server = psutil.Process(int(starter.stdout.readline()))
    try:
        wait_until_answering(f"http://127.0.0.1:{port}")
        starter.send_signal(signal.SIGKILL)
        starter.wait()
        server.wait(timeout=15)
        assert _port_closed(port)
    finally:
        if server.is_running():
            server.kill()


def test_a_server_whose_parent_is_already_gone_does_not_start(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    port = free_port()
    server = subprocess.run(
        _serve(tmp_path / "s.sqlite3", port, dead.pid),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert server.returncode != 0
    assert "starting program ended" in server.stderr
