"""Where a live phrase ends: WebRTC's detector on real (espeak-ng) speech, in blocks of any size."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from app.speech.audio import RATE
from app.speech.endpoint import FRAME_MS, PauseDetector
from app.speech.evaluation import speech_span
from tests.app.speech.conftest import Language, Synth


def pcm(path: Path) -> bytes:
    with wave.open(str(path)) as wav:
        return wav.readframes(wav.getnframes())


def ends_at(detector: PauseDetector, data: bytes, block: int) -> list[float]:
    """Seconds of audio fed when the detector said a phrase ended."""
    ends, fed = [], 0
    for at in range(0, len(data), block):
        chunk = data[at : at + block]
        fed += len(chunk)
        if detector.accept(chunk):
            ends.append(fed / 2 / RATE)
    return ends


def silence(seconds: float) -> bytes:
    return bytes(int(seconds * RATE) * 2)


@pytest.mark.parametrize("pause_ms", [120, 200, 500])
def test_a_phrase_ends_once_the_speaker_has_paused_that_long(
    synth: Synth, language: Language, pause_ms: int
) -> None:
    said = pcm(synth(language.sentences[1], language.voice))
    data = said + silence(2.0)
    (end,) = ends_at(PauseDetector(pause_ms), data, block=2 * FRAME_MS * RATE // 1000)
    _begin, spoken = speech_span(np.frombuffer(said, "<i2"))
    # On a quiet line the pause counts from the voice's end, not from where WebRTC's detector stops
    # hearing speech (about 0.1 s later: its own hangover); within a 40 ms block.
    assert spoken + pause_ms / 1000 - 0.04 <= end <= spoken + pause_ms / 1000 + 0.06


def noisy(data: bytes, dbfs: float) -> bytes:
    """`data` with white noise of that level (RMS) added, as on a bad line or in a loud room."""
    rng = np.random.default_rng(3)
    samples = np.frombuffer(data, "<i2").astype(np.float64)
    samples += rng.normal(0.0, 32768 * 10 ** (dbfs / 20), len(samples))
    return np.clip(samples, -32768, 32767).astype("<i2").tobytes()


@pytest.mark.parametrize("dbfs", [-40, -30])
def test_on_a_noisy_line_the_detector_still_hears_the_pause(
    synth: Synth, language: Language, dbfs: float
) -> None:
    """No frame of the pause is quiet there: WebRTC's detector tells the voice from the noise."""
    said = pcm(synth(language.sentences[1], language.voice))
    (end,) = ends_at(PauseDetector(200), noisy(said + silence(2.0), dbfs), block=2048)
    _begin, spoken = speech_span(np.frombuffer(said, "<i2"))
    assert spoken + 0.2 <= end <= spoken + 0.2 + 0.2


def test_blocks_of_any_size_give_the_same_ends(synth: Synth, language: Language) -> None:
    phrase = pcm(synth(language.sentences[0], language.voice))
    data = phrase + silence(0.8) + phrase + silence(0.8)
    in_frames = ends_at(PauseDetector(200), data, 2 * FRAME_MS * RATE // 1000)
    assert len(in_frames) == 2
    for block in (2, 333, 2048, 7777):  # odd sizes split frames, and samples, across blocks
        ends = ends_at(PauseDetector(200), data, block)
        # said at the end of the block that completed the pause
        assert all(0 <= e - f < block / 2 / RATE for e, f in zip(ends, in_frames, strict=True)), block


def test_a_one_word_answer_is_a_phrase(synth: Synth) -> None:
    said = pcm(synth("네", "ko"))  # "yes": one short syllable
    assert len(ends_at(PauseDetector(200), said + silence(1.0), block=2048)) == 1


def test_silence_and_clicks_never_make_a_phrase() -> None:
    rng = np.random.default_rng(7)
    click = (rng.normal(0, 8000, RATE * 40 // 1000)).astype("<i2").tobytes()  # 40 ms of noise
    data = silence(1.0) + click + silence(1.0) + click + silence(1.0)
    assert ends_at(PauseDetector(200), data, block=2048) == []


def test_a_pause_must_be_positive() -> None:
    with pytest.raises(ValueError):
        PauseDetector(0)
