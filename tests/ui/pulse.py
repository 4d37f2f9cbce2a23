"""A private PulseAudio server with a virtual microphone `vmic` (DESIGN §10): what paplay plays into
the null sink `vsink` arrives at QAudioSource on `vmic` in real time, as from a real headset."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def pulse_vmic() -> Iterator[str]:
    """Yields the device id to capture from. Qt must not have talked to PulseAudio before, so the
    server is started (and XDG_RUNTIME_DIR set) before any QMediaDevices call in the session."""
    missing = [tool for tool in ("pulseaudio", "pactl", "paplay") if shutil.which(tool) is None]
    if missing:
        reason = f"no {', '.join(missing)}: apt-get install pulseaudio pulseaudio-utils"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    runtime = tempfile.mkdtemp(prefix="pulse-")
    previous = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = runtime
    env = {**os.environ, "XDG_RUNTIME_DIR": runtime}
    subprocess.run(["pulseaudio", "--start", "--exit-idle-time=-1"], check=True, env=env, capture_output=True)
    for module in (
        ["module-null-sink", "sink_name=vsink"],
        ["module-remap-source", "master=vsink.monitor", "source_name=vmic", "channels=1"],
    ):
        subprocess.run(["pactl", "load-module", *module], check=True, env=env, capture_output=True)
    yield "vmic"
    subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)
    if previous is None:
        os.environ.pop("XDG_RUNTIME_DIR", None)
    else:
        os.environ["XDG_RUNTIME_DIR"] = previous
    shutil.rmtree(runtime, ignore_errors=True)


def play(path: str) -> subprocess.Popen[bytes]:
    """Play a WAV into the virtual microphone, in real time."""
    return subprocess.Popen(["paplay", "-d", "vsink", path], env=dict(os.environ))
