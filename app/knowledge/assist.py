"""Agent assist (智能推荐): while the caller talks, the articles the conversation is about.

The last minute or so of transcript is reduced to its keywords by TF-IDF, with the document
frequencies taken from the knowledge base itself: a word that appears in every article (办理, 材料)
says nothing about which one is meant, while 公积金 or 落户 says a lot. A word can also be rare in
the KB and common in any conversation (之前, 上班), so the KB's IDF is scaled by jieba's IDF of
general Chinese. Words the KB never uses weigh nothing: they cannot find an article.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from app.knowledge.search import Hit, Searcher
from app.knowledge.terms import normalize, stopwords, words
from app.lexicon import synonyms, tokenizer

MAX_KEYWORDS = 8
KEEP_RATIO = 0.3
WINDOW_CHARS = 400  # the latest part of the window: what the caller is talking about now


class Extractor(Protocol):
    """jieba's TF-IDF keyword extractor, as used here."""

    def extract_tags(self, sentence: str, topK: int, withWeight: bool) -> list[tuple[str, float]]: ...


@cache
def _domain_tfidf() -> type[Any]:
    """The extractor class, made on first use. Importing jieba.analyse loads jieba's part-of-speech
    tables (about a second on this machine): that happens on the KB worker at the first suggestion,
    not during the seat's start-up."""
    import jieba.analyse

    class DomainTfidf(jieba.analyse.TFIDF):  # type: ignore[misc]  # jieba has no type hints
        """jieba's keyword extractor on the shared tokenizer with an IDF table from the KB. It does not
        call the parent constructor, which would first load jieba's general IDF file for nothing."""

        def __init__(self, idf: dict[str, float], median: float) -> None:
            self.tokenizer = tokenizer()
            self.stop_words = set(stopwords()) | set(jieba.analyse.TFIDF.STOP_WORDS)
            self.idf_freq = idf
            self.median_idf = median

    return DomainTfidf


@dataclass(frozen=True)
class Suggestions:
    keywords: tuple[str, ...]
    hits: tuple[Hit, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(h.article.id for h in self.hits)


class AgentAssist:
    """Thread-safe; the IDF table is rebuilt when the KB has changed since it was made."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._lock = threading.Lock()
        self._extractor: Extractor | None = None
        self._built_at = -1

    def _current_extractor(self) -> Extractor:
        with self._lock:
            store = self.searcher.store
            if self._extractor is None or self._built_at != store.revision:
                self._built_at = store.revision
                self._extractor = _build_extractor(
                    [" ".join((a.title, *a.tags, *a.questions, a.body)) for a in store.articles()]
                )
            return self._extractor

    def keywords(self, window_text: str, limit: int = MAX_KEYWORDS) -> tuple[str, ...]:
        text = normalize(window_text)[-WINDOW_CHARS:]
        if not text.strip():
            return ()
        found = self._current_extractor().extract_tags(text, topK=limit, withWeight=True)
        if not found:
            return ()
        # Far weaker words than the best one only blur the search (bm25 weighs every term alike).
        floor = float(found[0][1]) * KEEP_RATIO
        return tuple(str(k) for k, weight in found if weight > 0 and weight >= floor and len(str(k)) > 1)

    def suggest(
        self, window_text: str, *, limit: int = 5, previous: Sequence[str] = (), category: str | None = None
    ) -> Suggestions:
        """The top `limit` articles for the conversation so far. Articles already on screen
        (`previous`, in their order) stay where they are while they are still among the best, and
        newcomers are added after them: the list the operator is reading does not jump around."""
        keywords = self.keywords(window_text)
        if not keywords:
            return Suggestions((), ())
        hits = self.searcher.search(" ".join(keywords), category=category, limit=limit)
        by_id = {h.article.id: h for h in hits}
        kept = [by_id[i] for i in previous if i in by_id]
        fresh = [h for h in hits if h.article.id not in set(previous)]
        return Suggestions(keywords, tuple((kept + fresh)[:limit]))


def _build_extractor(documents: list[str]) -> Extractor:
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(set(words(document)))
    total = max(1, len(documents))
    general, general_median = _general_idf()
    idf = {
        word: (math.log((total + 1) / (count + 1)) + 1.0) * general.get(word, general_median) / general_median
        for word, count in frequency.items()
    }
    # A caller's word for a thing the KB names otherwise (煤气味 for 燃气泄漏) weighs as the KB's word.
    for word, group in synonyms().items():
        known = [idf[w] for w in group if w in idf]
        if known and word not in idf:
            idf[word] = max(known)
    extractor: Extractor = _domain_tfidf()(idf, 0.0)
    return extractor


@cache
def _general_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table of general Chinese (shipped with jieba) and its median."""
    from jieba.analyse.tfidf import DEFAULT_IDF, IDFLoader

    table: dict[str, float]
    table, median = IDFLoader(DEFAULT_IDF).get_idf()
    return table, float(median)
