"""The ring the screen pop plays is made by app.ring_tone: the shipped file is exactly its output."""

from __future__ import annotations

import io
import wave

from app.paths import resources_dir
from app.ring_tone import chime


def test_the_shipped_ring_is_what_the_generator_makes() -> None:
    assert (resources_dir() / "sounds" / "ring.wav").read_bytes() == chime()


def test_the_ring_is_a_short_mono_wav_that_never_clips() -> None:
    with wave.open(io.BytesIO(chime())) as file:
        seconds = file.getnframes() / file.getframerate()
        frames = file.readframes(file.getnframes())
        assert file.getnchannels() == 1 and file.getsampwidth() == 2
    assert 0.3 < seconds < 1.0
    samples = (int.from_bytes(frames[i : i + 2], "little", signed=True) for i in range(0, len(frames), 2))
    peak = max(abs(s) for s in samples)
    assert 0.2 * 32767 < peak < 0.5 * 32767
