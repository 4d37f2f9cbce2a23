"""Accuracy measures shared by the speech tests and benchmarks."""

from __future__ import annotations

import re

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
