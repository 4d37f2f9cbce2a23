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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from app.knowledge.search import Hit, Searcher
from app.knowledge.terms import normalize, stopwords, words
from app.lexicon import import_jieba, synonyms, tokenizer

MAX_KEYWORDS = 8
KEEP_RATIO = 0.3
WINDOW_CHARS = 400  # the latest part of the window: what the caller is talking about now


# jieba's KeywordExtractor.STOP_WORDS, with which its TF-IDF extractor drops English fillers.
JIEBA_STOP_WORDS = frozenset(
    {
        *("the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as"),
        *("on", "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have"),
        *("all", "not", "one", "has", "or"),
    }
)


class Extractor:
    """jieba's TF-IDF keyword extraction (jieba.analyse.TFIDF.extract_tags, the same sums) on the
    shared tokenizer with an IDF table from the KB. Not jieba.analyse itself: importing it builds
    its default extractor (jieba's general IDF table) and the part-of-speech tagger's word table,
    about 80 MB and a second that agent assist never uses."""

    def __init__(self, idf: dict[str, float], median: float) -> None:
        self.tokenizer = tokenizer()
        self.stop_words = set(stopwords()) | JIEBA_STOP_WORDS
        self.idf_freq, self.median_idf = idf, median

    def extract_tags(self, sentence: str, limit: int) -> list[tuple[str, float]]:
        """The `limit` best words with their weights, best first."""
        freq: dict[str, float] = {}
        for word in self.tokenizer.cut(sentence):
            if len(word.strip()) < 2 or word.lower() in self.stop_words:
                continue
            freq[word] = freq.get(word, 0.0) + 1.0
        total = sum(freq.values())
        for word in freq:
            freq[word] *= self.idf_freq.get(word, self.median_idf) / total
        return sorted(freq.items(), key=itemgetter(1), reverse=True)[:limit]


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
        found = self._current_extractor().extract_tags(text, limit)
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
    general, general_median = _general_idf(frequency.keys())
    idf = {
        word: (math.log((total + 1) / (count + 1)) + 1.0) * general.get(word, general_median) / general_median
        for word, count in frequency.items()
    }
    # A caller's word for a thing the KB names otherwise (煤气味 for 燃气泄漏) weighs as the KB's word.
    for word, group in synonyms().items():
        known = [idf[w] for w in group if w in idf]
        if known and word not in idf:
            idf[word] = max(known)
    return Extractor(idf, 0.0)


def _general_idf(vocabulary: Iterable[str]) -> tuple[dict[str, float], float]:
    """jieba's IDF of general Chinese (the idf.txt it ships) for the KB's words, and the median over
    all of it (as jieba's IDFLoader takes it). Read again at each KB change rather than kept: the
    whole table is 350,000 words, 34 MB as a dict."""
    import_jieba()
    import jieba

    wanted = set(vocabulary)
    found: dict[str, float] = {}
    values: list[float] = []
    with (Path(jieba.__file__).parent / "analyse" / "idf.txt").open(encoding="utf-8") as lines:
        for line in lines:  # line by line: the whole file as a list of lines would be another 30 MB
            word, _, value = line.partition(" ")
            values.append(float(value))
            if word in wanted:
                found[word] = values[-1]
    values.sort()
    return found, values[len(values) // 2]
