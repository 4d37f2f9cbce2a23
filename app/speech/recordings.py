"""Raw call audio (通话录音): kept only when the operator's site enables it, and only for N days.

Not encrypted like the seat store (issue 16 item 7), as a stated choice: recordings are off by default
(`speech.keep_audio`); a site that turns them on keeps them as standard WAV files so that its quality
staff can play them in any player, deleted after `speech.audio_retention_days`. They sit in the data
folder, which only the operator's OS account may open (0700, app/store/db.py). A site that keeps
recordings must protect the disk itself (BitLocker, FileVault, LUKS). Transcripts, by contrast, are
rows of the encrypted seat store.
"""

from __future__ import annotations

import queue
import threading
import time
import wave
from pathlib import Path

from app.speech.audio import RATE, Samples


class Recording:
    """A 16 kHz 16-bit WAV written as the call goes on (readable up to the last block after a crash).

    `write` only queues the block: the file is written on a thread of its own, since the caller is
    the GUI thread feeding live capture, and a slow or busy disk must not stall the call panel."""

    def __init__(self, path: Path, channels: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._wav = wave.open(str(path), "wb")  # noqa: SIM115 - closed by the writer
        self._wav.setnchannels(channels)
        self._wav.setsampwidth(2)
        self._wav.setframerate(RATE)
        self._blocks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_all, name="call-recording", daemon=True)
        self._writer.start()

    def write(self, samples: Samples) -> None:
        self._blocks.put(samples.astype("<i2").tobytes())

    def close(self) -> None:
        """Write what is queued and close the file (waits for the writer)."""
        self._blocks.put(None)
        self._writer.join()

    def _write_all(self) -> None:
        try:
            while (block := self._blocks.get()) is not None:
                self._wav.writeframes(block)  # also updates the header: the file stays readable
        finally:
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
