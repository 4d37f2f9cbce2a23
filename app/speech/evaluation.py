"""Accuracy measures shared by the speech tests and benchmarks."""

from __future__ import annotations

import json
import re
import wave
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import vosk

from app.speech.audio import RATE

_IGNORED = re.compile(r"[\s，。？！、,.?!]")


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance over characters (spaces and punctuation ignored) / reference length."""
    ref, hyp = _IGNORED.sub("", reference), _IGNORED.sub("", hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i]
        for j, h in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / len(ref)


# About -40 dBFS: quieter than this is the tail espeak-ng trails after a phrase, not speech.
SPEECH_LEVEL = 328


def speech_span(samples: npt.NDArray[np.int16]) -> tuple[float, float]:
    """Seconds from the start of `samples` (16 kHz mono) to the first and past the last sample
    louder than SPEECH_LEVEL: where the speech is, for latency measured from its end."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SPEECH_LEVEL)
    return loud[0] / RATE, (loud[-1] + 1) / RATE


def plain_vosk_text(model: vosk.Model, path: Path, grammar: Sequence[str] | None = None) -> str:
    """What Vosk's own example loop recognizes in a 16 kHz mono WAV (4000 frames at a time,
    AcceptWaveform, Result): the reference our streaming pipeline is compared with."""
    if grammar is None:
        recognizer = vosk.KaldiRecognizer(model, 16000)
    else:
        recognizer = vosk.KaldiRecognizer(model, 16000, json.dumps(list(grammar), ensure_ascii=False))
    recognizer.SetWords(True)  # as our pipeline does: word times cost the same on both sides
    texts = []
    with wave.open(str(path)) as wav:
        while data := wav.readframes(4000):
            if recognizer.AcceptWaveform(data):
                texts.append(json.loads(recognizer.Result())["text"])
    texts.append(json.loads(recognizer.FinalResult())["text"])
    return " ".join(texts)
