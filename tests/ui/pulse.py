"""A private PulseAudio server with a virtual microphone `vmic` (DESIGN §10): what paplay plays into
the null sink `vsink` arrives at QAudioSource on `vmic` in real time, as from a real headset.

Qt connects to PulseAudio once, at the first QMediaDevices use, and never retries: so the server is
started when tests/ui/conftest.py is imported, before any test can touch Qt Multimedia.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable

import pytest

from ui.shell.system_check import audio_missing


def _start() -> str | None:
    """Start the server and the virtual microphone; the reason when that is impossible."""
    missing = [tool for tool in ("pulseaudio", "pactl", "paplay") if shutil.which(tool) is None]
    if missing:
        return f"no {', '.join(missing)}: apt-get install pulseaudio pulseaudio-utils"
    runtime = tempfile.mkdtemp(prefix="pulse-")
    # Each process's server is its own, away from what the process that started it set:
    # - a pytest-xdist worker inherits PULSE_SERVER when the main process imported this module
    #   first, and `pulseaudio --start` then "refuses to start" with exit code 0: the worker pointed
    #   Qt at a socket nobody listened on;
    # - on the session bus of .ci/with-keyring a second server finds the name org.PulseAudio1 taken
    #   and fails ("Daemon startup failed": the one error of a CI run).
    hidden = ("PULSE_SERVER", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env.update(XDG_RUNTIME_DIR=runtime, HOME=runtime, XDG_CONFIG_HOME=f"{runtime}/config")
    try:
        _start_daemon(env)
        for module in (
            ["module-null-sink", "sink_name=vsink"],
            ["module-remap-source", "master=vsink.monitor", "source_name=vmic", "channels=1"],
        ):
            subprocess.run(["pactl", "load-module", *module], check=True, capture_output=True, env=env)
    except subprocess.CalledProcessError as exc:
        return f"PulseAudio did not start: {exc.stderr.decode(errors='replace').strip()}"
    # Qt and paplay find the server by PULSE_SERVER; XDG_RUNTIME_DIR stays as it was for the rest.
    os.environ["PULSE_SERVER"] = f"unix:{runtime}/pulse/native"
    _STOPS.append(lambda: subprocess.run(["pulseaudio", "--kill"], capture_output=True, env=env))
    _STOPS.append(lambda: shutil.rmtree(runtime, ignore_errors=True))
    return None


_STOPS: list[Callable[[], object]] = []


@atexit.register
def stop() -> None:
    """Stop the server and remove its folder. At exit, and from pytest_unconfigure too: a
    pytest-xdist worker ends without running atexit, which left one server per worker behind."""
    while _STOPS:
        _STOPS.pop(0)()


def _start_daemon(env: dict[str, str], attempts: int = 3) -> None:
    """`pulseaudio --start`, again after a pause when it fails (a loaded CI machine is slow to
    answer the daemon's start-up handshake)."""
    for attempt in range(1, attempts + 1):
        try:
            subprocess.run(
                ["pulseaudio", "--start", "--exit-idle-time=-1"], check=True, capture_output=True, env=env
            )
            return
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            time.sleep(0.5 * attempt)


PROBLEM = _start()


@pytest.fixture(scope="session")
def multimedia() -> None:
    """Qt Multimedia loads (decoding, capture); skipped with the reason and the fix, failed under CI."""
    if (audio := audio_missing()) is not None:
        problem = f"no Qt Multimedia: {audio.reason} ({audio.fix})"
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)


@pytest.fixture(scope="session")
def pulse_vmic(multimedia: None) -> str:
    """The device id to capture from; skipped with the reason without PulseAudio, failed under CI."""
    if PROBLEM is not None:
        if os.environ.get("CI"):
            pytest.fail(PROBLEM)
        pytest.skip(PROBLEM)
    return "vmic"


def play(path: str) -> subprocess.Popen[bytes]:
    """Play a WAV into the virtual microphone, in real time."""
    return subprocess.Popen(["paplay", "-d", "vsink", path])
