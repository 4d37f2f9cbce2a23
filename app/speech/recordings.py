"""Raw call audio (通话录音): kept only when the operator's site enables it, and only for N days."""

from __future__ import annotations

import time
import wave
from pathlib import Path

from app.speech.audio import RATE, Samples


class Recording:
    """A 16 kHz 16-bit WAV written as the call goes on (readable up to the last block after a crash)."""

    def __init__(self, path: Path, channels: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._wav = wave.open(str(path), "wb")  # noqa: SIM115 - closed by close()
        self._wav.setnchannels(channels)
        self._wav.setsampwidth(2)
        self._wav.setframerate(RATE)

    def write(self, samples: Samples) -> None:
        self._wav.writeframes(samples.astype("<i2").tobytes())

    def close(self) -> None:
        self._wav.close()


def purge_recordings(folder: Path, retention_days: int, *, now: float | None = None) -> list[Path]:
    """Delete recordings older than `retention_days`; returns what was deleted."""
    if not folder.is_dir():
        return []
    limit = (time.time() if now is None else now) - retention_days * 86_400
    removed = []
    for path in folder.glob("*.wav"):
        if path.stat().st_mtime < limit:
            path.unlink()
            removed.append(path)
    return removed
