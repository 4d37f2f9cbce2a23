"""Transcript text as the intake's extractors read it: without the spaces ASR puts between words
and phrases, with a way back to where each character was, so every span points into the original."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Compact:
    text: str  # the transcript without whitespace
    positions: tuple[int, ...]  # where each character of `text` is in the original

    @classmethod
    def of(cls, original: str) -> Compact:
        kept = [(i, ch) for i, ch in enumerate(original) if not ch.isspace()]
        return cls("".join(ch for _, ch in kept), tuple(i for i, _ in kept))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original of `text[start:end]` (a non-empty slice)."""
        return self.positions[start], self.positions[end - 1] + 1
