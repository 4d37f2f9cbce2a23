"""LiveServer: the central server as a real uvicorn process, for end-to-end, fault and kill tests.

    with LiveServer("sqlite:////tmp/x.sqlite3") as server:   # migrates, starts, waits for /health
        httpx.get(server.api + "/health")                     # server.url is http://127.0.0.1:PORT
        server.kill()                                         # SIGKILL, as a crash would
        server.restart()                                      # same port, same database
    # leaving the block stops it (SIGTERM, then SIGKILL after a grace period)

The database must exist or be creatable; the process migrates it itself (`serve` migrates first).
Seed accounts with `sync.server.users.seed_demo` or the `seed-demo` command beforehand, or use the
`live_server` fixture, which is seeded. Output goes to ``server.log_path``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

from sync.protocol import API_PREFIX

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def lan_address() -> str | None:
    """This machine's address on its network (not loopback), or None when it has none: a server
    reached there is reached the way another PC on the LAN would reach it."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("203.0.113.1", 9))  # TEST-NET-3: picks the outgoing interface, sends nothing
        except OSError:
            return None
        address: str = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def wait_until_answering(url: str, timeout: float = 30.0) -> None:
    """Until the server at `url` (http://127.0.0.1:PORT) answers /health; AssertionError if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}{API_PREFIX}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"server at {url} did not answer")


class LiveServer:
    def __init__(
        self,
        db_url: str,
        *,
        port: int | None = None,
        workers: int = 1,
        env: dict[str, str] | None = None,
        log_dir: Path | None = None,
        startup_timeout: float = 30.0,
        host: str = "127.0.0.1",
    ) -> None:
        """`host`: the address to listen on (`url` stays the loopback one; 0.0.0.0 serves the LAN too)."""
        self.db_url, self.workers, self.startup_timeout = db_url, workers, startup_timeout
        self.host = host
        self.port = port or free_port()
        self.env = env or {}
        folder = log_dir or Path(tempfile.mkdtemp(prefix="hotline-live-"))
        self.log_path = folder / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:40123 (the API is under `.api`)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        return self.url + API_PREFIX

    @property
    def pid(self) -> int:
        assert self.process is not None, "not started"
        return self.process.pid

    def start(self) -> LiveServer:
        command = [
            sys.executable,
            "-m",
            "sync.server",
            "serve",
            "--db",
            self.db_url,
            "--port",
            str(self.port),
            "--host",
            self.host,
        ]
        command += ["--workers", str(self.workers)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers form a group that kill() takes down together
            )
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(f"{self.api}/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"server not healthy within {self.startup_timeout} s:\n{self.log()}")

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM (uvicorn finishes requests in flight), SIGKILL if it is not gone after `grace`."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL the server and its workers at once, as a power cut or OOM kill would."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def restart(self) -> LiveServer:
        self.stop()
        return self.start()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
