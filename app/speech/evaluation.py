"""Accuracy measures shared by the speech tests and benchmarks."""

from __future__ import annotations

import json
import re
import wave
from collections.abc import Sequence
from pathlib import Path

import vosk

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
