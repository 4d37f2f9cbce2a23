"""Where a spoken phrase ends (断句): a pause after speech, heard by WebRTC's voice activity detector.

Vosk closes an utterance by its model's own rules (model.conf: at least 0.5 s of trailing silence,
and the traceback lags the audio), so a sentence settled about a second after the caller stopped.
The operator, the intake form and the knowledge panel all wait for that settled text; a pause
detector on the raw audio lets the recognizer close the phrase as soon as the caller pauses.
"""

from __future__ import annotations

import numpy as np
import webrtcvad

from app.speech.audio import RATE

FRAME_MS = 20  # webrtcvad takes 10, 20 or 30 ms frames
_FRAME_BYTES = RATE * FRAME_MS // 1000 * 2
# Speech shorter than this does not open a phrase: a click on the line (the detector adds about
# 80 ms to any sound), while a one-syllable 好 or 对 does.
MIN_SPEECH_MS = 200
# 0..3: how readily non-speech is called non-speech. 2 suits telephone lines: 3 cut quiet word ends.
AGGRESSIVENESS = 2
# A frame quieter than this (RMS, about -45 dBFS) is a pause whatever the detector says: it hears
# speech for about 100 ms after the voice has stopped (its own smoothing), and every ms of that comes
# before the operator sees the phrase. On a noisy line no frame is this quiet and the detector decides;
# a caller this quiet all through opens no phrase, and the model's own rules close them, as before.
QUIET_RMS = 184.0


class PauseDetector:
    """Fed 16 kHz int16 mono PCM in blocks of any size; says when a phrase has ended.

    A phrase opens after MIN_SPEECH_MS of speech and ends once `pause_ms` of non-speech follow it.
    """

    def __init__(self, pause_ms: int) -> None:
        if pause_ms <= 0:
            raise ValueError(f"pause_ms must be positive, got {pause_ms}")
        self._vad = webrtcvad.Vad(AGGRESSIVENESS)
        self._pause_frames = -(-pause_ms // FRAME_MS)
        self._rest = b""  # the start of a frame that the next block completes
        self._speech = 0  # frames of speech in the open phrase
        self._quiet = 0  # frames of non-speech since the last speech

    def accept(self, pcm: bytes) -> bool:
        """True when a phrase ended within this block (then the detector waits for the next one)."""
        data = self._rest + pcm
        whole = len(data) - len(data) % _FRAME_BYTES
        self._rest = data[whole:]
        ended = False
        for at in range(0, whole, _FRAME_BYTES):
            frame = data[at : at + _FRAME_BYTES]
            if _loud(frame) and self._vad.is_speech(frame, RATE):
                self._speech, self._quiet = self._speech + 1, 0
            else:
                self._quiet += 1
            if self._quiet >= self._pause_frames:
                ended = ended or self._speech * FRAME_MS >= MIN_SPEECH_MS
                self._speech = 0  # clicks far apart never add up to a phrase
        return ended

    def reset(self) -> None:
        """The recognizer closed the phrase itself: start listening for the next one."""
        self._speech = 0


def _loud(frame: bytes) -> bool:
    samples = np.frombuffer(frame, "<i2").astype(np.float64)
    return float(np.sqrt(np.mean(samples * samples))) >= QUIET_RMS
