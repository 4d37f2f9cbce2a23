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

import pytest

from ui.shell.system_check import audio_missing


def _start() -> str | None:
    """Start the server and the virtual microphone; the reason when that is impossible."""
    missing = [tool for tool in ("pulseaudio", "pactl", "paplay") if shutil.which(tool) is None]
    if missing:
        return f"no {', '.join(missing)}: apt-get install pulseaudio pulseaudio-utils"
    runtime = tempfile.mkdtemp(prefix="pulse-")
    env = {**os.environ, "XDG_RUNTIME_DIR": runtime}
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
    atexit.register(lambda: subprocess.run(["pulseaudio", "--kill"], capture_output=True, env=env))
    atexit.register(lambda: shutil.rmtree(runtime, ignore_errors=True))
    return None


def _start_daemon(env: dict[str, str], attempts: int = 3) -> None:
    """`pulseaudio --start`, again after a pause when it fails: two test workers starting theirs at
    the same moment sometimes make one fail ("Daemon startup failed"), though each has its own folder."""
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
