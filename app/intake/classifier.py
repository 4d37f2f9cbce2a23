"""TEMPORARY stand-in (branch s6-suggest) for the model branch's `app/intake/classifier.py`.

It has that file's agreed interface with the keyword baseline only, so the suggestions can be built
and tested before the trained model is merged. At merge: take the model branch's file and delete
this one; nothing else changes (callers import `Classifier`, `Suggested`, `keyword_classifier`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.domain.taxonomy import Taxonomy
from app.intake.kind import guess_kind


@dataclass(frozen=True)
class Suggested:
    """One ranked guess, explainable."""

    code: str  # Kind value for kinds, leaf code for categories
    confidence: float  # 0..1
    words: tuple[str, ...]  # the words of the text that drove it, strongest first


class Classifier(Protocol):
    def kinds(self, text: str) -> list[Suggested]: ...

    def categories(self, text: str, k: int = 3) -> list[Suggested]: ...


@dataclass(frozen=True)
class _Keywords:
    taxonomy: Taxonomy

    def kinds(self, text: str) -> list[Suggested]:
        return [
            Suggested(guess.kind.value, guess.confidence, tuple(dict.fromkeys(c.word for c in guess.cues)))
            for guess in guess_kind(text)
        ]

    def categories(self, text: str, k: int = 3) -> list[Suggested]:
        matches = [m for m in self.taxonomy.keyword_matches(text) if not self.taxonomy.children(m.code)]
        total = sum(len(m.words) for m in matches) + 1  # one unmatched word's worth of doubt
        return [Suggested(m.code, round(len(m.words) / total, 3), m.words) for m in matches[:k]]


def keyword_classifier(taxonomy: Taxonomy) -> Classifier:
    """The baseline: kind.py's cue words and the catalogue's keywords."""
    return _Keywords(taxonomy)
