"""The embedded central server (内置服务器) that `make run` / `--demo` starts beside the seat.

A real `hotline-server` in its own process on localhost with a SQLite file in the seat's data folder
and the demo accounts, so a newcomer sees the whole system (login, sync, official numbers) on one PC.
Its own process, so a crash on either side never takes the other down.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def server_command(*args: str) -> list[str]:
    """How to run `hotline-server ARGS` from this program: as a module, or through the frozen binary."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--embedded-server", *args]
    return [sys.executable, "-m", "sync.server", *args]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class EmbeddedServer:
    """Starts, and stops with the app, a hotline-server on 127.0.0.1 with the demo accounts."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = data_dir / "server"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None
        self._seeding: subprocess.Popen[bytes] | None = None  # seed-demo, while it runs
        self._starting: threading.Thread | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()  # stop() never misses a process start() is launching

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self._folder / 'server.sqlite3'}"

    def start_in_background(self) -> None:
        """Start without holding up the window: the seat works offline until the server answers."""
        self._starting = threading.Thread(target=self._run, name="embedded-server", daemon=True)
        self._starting.start()

    def _run(self) -> None:
        try:
            self.start()
        except (OSError, subprocess.CalledProcessError):
            log.exception("embedded server did not start (see %s)", self.log_file)
            return
        # Linux's parent-death signal follows the thread that started the server, not the process:
        # this thread stays until the server ends, so the server goes when the seat does, and no sooner.
        if self._process is not None:
            code = self._process.wait()
            if not self._stopped.is_set():
                log.error("embedded server ended unexpectedly (exit %s, see %s)", code, self.log_file)

    @property
    def log_file(self) -> Path:
        return self._folder / "server.log"

    def start(self) -> None:
        """Seed the demo accounts (idempotent) and start serving; returns once the process runs.
        After `stop` it starts again on the same port and database."""
        self._stopped.clear()
        self._folder.mkdir(parents=True, exist_ok=True)
        self._folder.chmod(0o700)
        with self.log_file.open("ab") as out:
            with self._lock:
                if self._stopped.is_set():
                    return
                seed = server_command("seed-demo", "--db", self.db_url)
                self._seeding = subprocess.Popen(seed, stdout=out, stderr=out)
            if self._seeding.wait() != 0:
                if self._stopped.is_set():
                    return  # stopped while seeding: the next start seeds again (it is idempotent)
                raise subprocess.CalledProcessError(self._seeding.returncode, seed)
            serve = server_command(
                "serve",
                *("--db", self.db_url, "--host", "127.0.0.1", "--port", str(self.port)),
                *("--exit-with-parent", str(os.getpid())),
            )
            with self._lock:
                if self._stopped.is_set():
                    return  # the app closed while the accounts were being seeded
                # Its stdin is a pipe we never write to: when the seat dies, the server reads EOF.
                self._process = subprocess.Popen(serve, stdin=subprocess.PIPE, stdout=out, stderr=out)
        log.info("embedded server starting at %s (log in %s)", self.url, self.log_file)

    def stop(self) -> None:
        """Stop the server, or its seeding if it is still at that (the app closed right after
        starting): either way it ends within seconds. Blocks: the window calls it off its thread."""
        with self._lock:
            self._stopped.set()
        _end(self._seeding)
        _end(self._process)
        if self._starting is not None:
            self._starting.join(30)


def _end(process: subprocess.Popen[bytes] | None) -> None:
    if process is None:
        return
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdin is not None:
        process.stdin.close()
