"""The screen pop's ring (来电提示音): a short two-note chime, written as a WAV file by this module
so the shipped resources/sounds/ring.wav can always be made again (no sound editor, no sox).

    python -m app.ring_tone resources/sounds/ring.wav
"""

from __future__ import annotations

import io
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050  # Hz: plenty for a chime, half the size of CD rate
NOTES = ((880.0, 0.16), (1175.0, 0.28))  # A5 then D6, seconds each: rising, friendly, short
VOLUME = 0.35  # of full scale: audible over a headset without startling the operator


def chime() -> bytes:
    """The chime as 16-bit mono WAV bytes; the same bytes every time."""
    samples: list[int] = []
    for frequency, seconds in NOTES:
        count = round(RATE * seconds)
        for i in range(count):
            t = i / RATE
            # A quick attack and an exponential decay: a bell, not a beep; no click at either end.
            envelope = min(1.0, t / 0.005) * math.exp(-4.0 * t / seconds) * min(1.0, (count - i) / 200)
            samples.append(round(32767 * VOLUME * envelope * math.sin(2 * math.pi * frequency * t)))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return out.getvalue()


def main(argv: list[str]) -> int:
    Path(argv[0]).write_bytes(chime())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
