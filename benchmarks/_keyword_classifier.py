"""TO BE DELETED AT MERGE: a stand-in for app/intake/classifier.py's `keyword_classifier`, written by
helper "model" in another branch. benchmarks/intake.py imports the real module when it exists and
falls back to this adapter only when it does not. The baseline it wraps is the shipped one: kinds
from app/intake/kind.py, categories from Taxonomy.keyword_matches."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.taxonomy import Taxonomy
from app.intake.emergency import EmergencyList
from app.intake.kind import guess_kind


@dataclass(frozen=True)
class Suggested:
    code: str
    confidence: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class KeywordClassifier:
    taxonomy: Taxonomy
    emergencies: EmergencyList

    def kinds(self, text: str) -> list[Suggested]:
        guesses = guess_kind(text, self.emergencies.detect(text))
        return [Suggested(g.kind.value, g.confidence, tuple(c.word for c in g.cues)) for g in guesses]

    def categories(self, text: str, k: int = 3) -> list[Suggested]:
        matches = self.taxonomy.keyword_matches(text)[:k]
        total = sum(len(m.words) for m in matches) or 1
        return [Suggested(m.code, len(m.words) / total, m.words) for m in matches]
