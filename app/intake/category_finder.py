"""Finding a 事项分类 by what the operator types: characters, keywords, pinyin or its initials.

Operators do not browse a tree of hundreds of categories mid-call: they type 电梯, 噪音, gjj or
zaoyin and pick from the few that match. A match says why (the name, a keyword, the pinyin), so the
list can show it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from app.domain.taxonomy import Category, Taxonomy
from app.pinyin import initials, spell

_LATIN = re.compile(r"^[a-z]+$")
_HAN = re.compile(r"[\u3400-\u9fff]")


class MatchedOn(Enum):
    """What of the category the query matched, best first (the order ranks equal scores)."""

    NAME = "name"  # the leaf's own name: 电梯 → 电梯故障
    KEYWORD = "keyword"  # one of its keywords: 噪音 → 建筑施工噪声
    PATH = "path"  # a parent's name: 物业 → 物业管理 > …
    PINYIN = "pinyin"  # full pinyin of the name or a keyword: dianti
    INITIALS = "initials"  # their initials: dtgz, gjj
    MENTIONED = "mentioned"  # a keyword said inside a longer text: 电梯坏了三天 → 电梯


@dataclass(frozen=True)
class CategoryMatch:
    code: str
    matched_on: MatchedOn
    word: str  # the name, keyword or parent name that matched, to show why


@dataclass(frozen=True)
class _Entry:
    category: Category
    parents: tuple[str, ...]
    words: tuple[str, ...]  # name first, then keywords
    folded: tuple[str, ...]  # `words` normalized, once rather than at every keystroke
    folded_parents: tuple[str, ...]
    spelled: tuple[str, ...]  # pinyin of each of `words`
    initials: tuple[str, ...]


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")


class CategoryFinder:
    """Built once per taxonomy (pinyin for every name and keyword: do it off the GUI thread)."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        spell_word: Callable[[str], str] = spell,
        initials_of: Callable[[str], str] = initials,
    ) -> None:
        self._entries: list[_Entry] = []
        for leaf in taxonomy.leaves():
            words = tuple(dict.fromkeys((leaf.name, *leaf.keywords)))
            parents = tuple(c.name for c in taxonomy.path(leaf.code)[:-1])
            self._entries.append(
                _Entry(
                    leaf,
                    parents,
                    words,
                    tuple(normalize(w) for w in words),
                    tuple(normalize(p) for p in parents),
                    tuple(spell_word(w) for w in words),
                    tuple(initials_of(w) for w in words),
                )
            )

    def find(self, query: str, limit: int = 12) -> list[CategoryMatch]:
        """The best matches for `query`, at most `limit`, best first; [] for an empty query."""
        wanted = normalize(query)
        if not wanted:
            return []
        found: list[CategoryMatch] = []
        for entry in self._entries:
            match = self._match(entry, wanted)
            if match is not None:
                found.append(match)
        rank = list(MatchedOn)
        found.sort(key=lambda m: rank.index(m.matched_on))  # stable: taxonomy order within a rank
        return found[:limit]

    def _match(self, entry: _Entry, wanted: str) -> CategoryMatch | None:
        code, words, folded = entry.category.code, entry.words, entry.folded
        if wanted in folded[0]:
            return CategoryMatch(code, MatchedOn.NAME, words[0])
        keywords = list(zip(words[1:], folded[1:], strict=True))
        if keyword := next((w for w, f in keywords if wanted in f), None):
            return CategoryMatch(code, MatchedOn.KEYWORD, keyword)
        parents = zip(entry.parents, entry.folded_parents, strict=True)
        if parent := next((p for p, f in parents if wanted in f), None):
            return CategoryMatch(code, MatchedOn.PATH, parent)
        if _LATIN.match(wanted):
            return self._match_latin(entry, wanted)
        if len(wanted) > 2 and _HAN.search(wanted):
            said = next((w for w, f in keywords if len(w) > 1 and f in wanted), None)
            if said is not None:
                return CategoryMatch(code, MatchedOn.MENTIONED, said)
        return None

    @staticmethod
    def _match_latin(entry: _Entry, wanted: str) -> CategoryMatch | None:
        for word, spelled in zip(entry.words, entry.spelled, strict=True):
            if spelled.startswith(wanted) and len(wanted) > 1:
                return CategoryMatch(entry.category.code, MatchedOn.PINYIN, word)
        for word, short in zip(entry.words, entry.initials, strict=True):
            if short.startswith(wanted) and len(wanted) > 1:
                return CategoryMatch(entry.category.code, MatchedOn.INITIALS, word)
        return None
