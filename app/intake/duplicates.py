"""相似工单: open tickets that may be the same matter as the call in hand, for 并单.

A candidate must be open, of the same category, in the same district (when the district is known
yet: early in a call the category often comes first), and filed within the last `days` days. Those
few are then ranked by how much of the same thing they say: rapidfuzz's token-set ratio over the
jieba words of both texts, spoken fillers and punctuation left out, so "楼上装修噪音太吵了" and
"那个就是楼上一直在装修噪音很大" meet on 楼上/装修/噪音 whatever else was said. The filters come
first and are cheap; only the survivors are cut into words, and each text once (cached by text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from app.domain.ticket import Ticket
from app.lexicon import dict_dir, tokenizer

# How alike two texts must be (0-100) to be shown: below this, shared words are only the topic's.
THRESHOLD = 55.0
SHOWN = 5


@dataclass(frozen=True)
class Similar:
    """An open ticket like the call in hand, and how alike (0-100)."""

    ticket: Ticket
    score: float


def similar_open(
    content: str,
    category_code: str | None,
    district: str,
    tickets: Iterable[Ticket],
    now: datetime,
    *,
    days: int,
    exclude: str | None = None,
    threshold: float = THRESHOLD,
    limit: int = SHOWN,
) -> list[Similar]:
    """The open tickets among `tickets` most like `content`, best first. Nothing without a category
    or without words worth comparing; `exclude` is the ticket being filed itself."""
    if not category_code or not (wanted := words(content)):
        return []
    since = now - timedelta(days=days)
    candidates = [
        t
        for t in tickets
        if t.category_code == category_code
        and t.status.is_open
        and t.created_at >= since
        and t.id != exclude
        and (not district or t.district == district)
    ]
    if not candidates:
        return []
    found = process.extract(
        wanted,
        [words(t.content) for t in candidates],
        scorer=fuzz.token_set_ratio,
        processor=None,
        score_cutoff=threshold,
        limit=limit,
    )
    return [Similar(candidates[index], score) for _, score, index in found]


@lru_cache(maxsize=20_000)
def words(text: str) -> str:
    """The words of `text` worth comparing, space-separated as rapidfuzz's token scorers want."""
    cut = tokenizer().lcut(text)
    unwanted = fillers()
    return " ".join(w for w in cut if w.strip() and w not in unwanted and not _is_punctuation(w))


@cache
def fillers() -> frozenset[str]:
    """Words that say nothing about the matter (resources/dict/fillers.txt: a deployment edits it)."""
    text = (dict_dir() / "fillers.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() for word in line.split("#", 1)[0].split())


def _is_punctuation(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
