"""Search (检索): bm25 with title and tag boosts, freshness, category and validity filters, and
highlighted snippets made from the article text.

bm25 is computed from the postings (app/knowledge/postings.py) for every article that matches, so
no common word has to be left out to keep a large KB fast; a query with a phrase of several tokens
(a number such as "3.5") is scored by FTS5 itself, which gives the same numbers."""

from __future__ import annotations

import json
import math
import re
import threading
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from app.domain.article import Article, plain_text
from app.knowledge import postings
from app.knowledge.store import KbStore
from app.knowledge.terms import Query, normalize, parse_query

FRESHNESS = 0.25  # an article updated today ranks up to 25% above an equally relevant old one
FRESH_DAYS = 365.0  # ... and that advantage halves after this many days
SNIPPET_CHARS = 90
MAX_LIMIT = 100
LOADED_MAX = 2000  # articles kept parsed for showing, per KB revision
PHRASE_CACHE_BYTES = 64 * 2**20  # phrases' scored postings kept, per KB revision
VIEWS_MAX = 16  # (day, category) views kept, per KB revision
_JULIAN_ORDINAL = 1721424.5  # julianday(d) == d.toordinal() + this, at midnight

Piece = tuple[str, bool]  # (text, is a match): the UI escapes the text and styles the matches


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float  # higher is better
    title: tuple[Piece, ...]
    snippet: tuple[Piece, ...]


@dataclass(frozen=True)
class DayView:
    """Per article (by rowid): whether a search on one day, in one category, may show it, and how
    much its freshness lifts it then."""

    shown: npt.NDArray[np.bool_]
    freshness: postings.Floats


class Searcher:
    """Thread-safe (the store gives each thread its own connection)."""

    def __init__(self, store: KbStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cached_at = -1
        self._vocabulary: dict[str, str] = {}
        self._articles: postings.Articles | None = None
        self._views: dict[tuple[date, str | None], DayView] = {}
        self._loaded: OrderedDict[int, tuple[Article, str]] = OrderedDict()
        self._phrases: OrderedDict[tuple[str, bool], postings.Scored] = OrderedDict()
        self._phrases_bytes = 0

    def _sync_caches(self) -> None:
        """Caller holds the lock. Derived data is read again after every write to the store."""
        if self._cached_at != self.store.revision:
            self._cached_at = self.store.revision
            self._vocabulary, self._articles, self._views = {}, None, {}
            self._loaded.clear()
            self._phrases.clear()
            self._phrases_bytes = 0

    def _current_vocabulary(self) -> dict[str, str]:
        with self._lock:
            self._sync_caches()
            if not self._vocabulary:
                self._vocabulary = self.store.vocabulary()
            return self._vocabulary

    def _current_articles(self) -> postings.Articles:
        with self._lock:
            self._sync_caches()
            if self._articles is None:
                self._articles = postings.Articles.load(self.store.article_stats())
            return self._articles

    def _scored(self, text: str, prefix: bool, articles: postings.Articles) -> postings.Scored:
        """A phrase's bm25 shares, kept between searches (least recently used go first): the
        common words callers use come up in search after search."""
        key = (text, prefix)
        with self._lock:
            self._sync_caches()
            found = self._phrases.get(key)
            if found is not None and self._articles is articles:
                self._phrases.move_to_end(key)
                return found
        found = postings.scored(articles, postings.combine(self.store.postings(text, prefix=prefix)))
        with self._lock:
            self._sync_caches()
            if self._articles is articles:
                self._phrases[key] = found
                self._phrases_bytes += found.nbytes
                while self._phrases_bytes > PHRASE_CACHE_BYTES:
                    self._phrases_bytes -= self._phrases.popitem(last=False)[1].nbytes
        return found

    def _day_view(self, day: date, category: str | None, articles: postings.Articles) -> DayView:
        """Which articles a search on `day` may show, and their freshness then, kept per KB
        revision: the same day and category come up in search after search."""
        with self._lock:
            self._sync_caches()
            view = self._views.get((day, category))
        if view is not None and self._articles is articles:
            return view
        when = day.toordinal() + _JULIAN_ORDINAL
        shown = (articles.valid_from <= when) & (articles.valid_to >= when)
        if category:
            rowids = np.array(self.store.in_category(category), dtype=np.int64)
            filed = np.zeros(len(shown), dtype=bool)
            filed[rowids[rowids < len(shown)]] = True
            shown &= filed
        age = np.maximum(0.0, when - articles.updated_day) / FRESH_DAYS
        view = DayView(shown, 1.0 + FRESHNESS / (1.0 + age))
        with self._lock:
            if self._articles is articles:
                if len(self._views) >= VIEWS_MAX:
                    self._views.clear()
                self._views[(day, category)] = view
        return view

    def parse(self, text: str) -> Query:
        return parse_query(text, self._current_vocabulary())

    def search(
        self,
        text: str,
        *,
        category: str | None = None,
        on: date | None = None,
        limit: int = 10,
    ) -> list[Hit]:
        """The best `limit` articles for `text`, valid on `on` (today when None) and filed under
        `category` or a child of it. Any text is accepted: what cannot be searched finds nothing."""
        return self.run(self.parse(text), category=category, on=on, limit=limit)

    def run(self, query: Query, *, category: str | None, on: date | None, limit: int) -> list[Hit]:
        if not query.expression:
            return []
        day = on or date.today()
        limit = max(1, min(limit, MAX_LIMIT))
        phrases = query.phrases()
        if all(postings.is_token(text) for text, _ in phrases):
            ranked = self._rank(phrases, category, day, limit)
        else:
            ranked = self._rank_in_fts(query, category, day, limit)
        shown = self._shown([rowid for rowid, _ in ranked])
        hits = []
        for rowid, score in ranked:
            if rowid not in shown:  # deleted since it was ranked
                continue
            article, text = shown[rowid]
            hits.append(
                Hit(article, score, highlight(article.title, query.marks), snippet(text, query.marks))
            )
        return hits

    def _shown(self, rowids: list[int]) -> dict[int, tuple[Article, str]]:
        """Articles with their plain text, kept between searches: the same ones come up again."""
        with self._lock:
            self._sync_caches()
            found = {r: self._loaded[r] for r in rowids if r in self._loaded}
            for rowid in found:
                self._loaded.move_to_end(rowid)
        missing = [r for r in rowids if r not in found]
        if missing:
            for rowid, (data, plain) in self.store.data(missing).items():
                found[rowid] = (Article.from_dict(json.loads(data), trusted=True), plain)
            with self._lock:
                self._loaded.update((r, found[r]) for r in missing if r in found)
                while len(self._loaded) > LOADED_MAX:
                    self._loaded.popitem(last=False)
        return found

    def _rank(
        self, phrases: tuple[tuple[str, bool], ...], category: str | None, day: date, limit: int
    ) -> list[tuple[int, float]]:
        articles = self._current_articles()
        found = [self._scored(text, prefix, articles) for text, prefix in phrases]
        return self._best(articles, found, category, day, limit)

    def _rank_in_fts(
        self, query: Query, category: str | None, day: date, limit: int
    ) -> list[tuple[int, float]]:
        """FTS5's own bm25 of every match, then the same filters, freshness and order as `_rank`."""
        articles = self._current_articles()
        weights = ", ".join(str(w) for w in postings.WEIGHTS)
        rows = self.store.read(
            f"SELECT rowid, -bm25(article_fts, {weights}) FROM article_fts WHERE article_fts MATCH ? "
            "ORDER BY rowid",
            (query.expression,),
        )
        ids = np.array([int(str(r)) for r, _ in rows], dtype=np.int64)
        ids = ids[ids < len(articles.norm)]  # written after the arrays were read: next time
        scores = np.array([float(str(v)) for _, v in rows[: len(ids)]])
        found = [postings.Scored(ids, scores, math.inf)] if len(ids) else []
        return self._best(articles, found, category, day, limit)

    def _best(
        self,
        articles: postings.Articles,
        found: list[postings.Scored],
        category: str | None,
        day: date,
        limit: int,
    ) -> list[tuple[int, float]]:
        view = self._day_view(day, category, articles)
        ids, scores = postings.top(
            articles,
            found,
            limit=limit,
            eligible=lambda ids: view.shown[ids],
            boost=lambda ids: view.freshness[ids],
            max_boost=1.0 + FRESHNESS,
        )
        return [(int(i), float(s)) for i, s in zip(ids, scores, strict=True)]


@lru_cache(maxsize=256)  # one query highlights ten titles and ten snippets with the same marks
def _pattern(marks: tuple[str, ...]) -> re.Pattern[str] | None:
    # Longest first, so 住房公积金 is marked whole rather than as 公积金 inside it.
    usable = sorted({m for m in marks if m.strip()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(m) for m in usable), re.IGNORECASE) if usable else None


def highlight(text: str, marks: tuple[str, ...]) -> tuple[Piece, ...]:
    pattern = _pattern(marks)
    if pattern is None:
        return ((text, False),) if text else ()
    pieces: list[Piece] = []
    at = 0
    normalized = normalize(text)
    folded = normalized if len(normalized) == len(text) else text
    for match in pattern.finditer(folded):
        if match.start() > at:
            pieces.append((text[at : match.start()], False))
        pieces.append((text[match.start() : match.end()], True))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return tuple(pieces)


def snippet(text: str, marks: tuple[str, ...], width: int = SNIPPET_CHARS) -> tuple[Piece, ...]:
    """About `width` characters of `text` around its densest cluster of matches, highlighted."""
    pattern = _pattern(marks)
    positions = [m.start() for m in pattern.finditer(text)] if pattern else []
    if not positions:
        cut = text[:width]
        return ((cut + ("…" if len(text) > width else ""), False),)
    best = max(positions, key=lambda p: bisect_left(positions, p + width) - bisect_left(positions, p))
    start = max(0, best - width // 4)
    window = text[start : start + width]
    pieces = list(highlight(window, marks))
    if start > 0:
        pieces.insert(0, ("…", False))
    if start + width < len(text):
        pieces.append(("…", False))
    return tuple(pieces)


def answer_text(article: Article) -> str:
    """What goes into the ticket's 答复内容 when the operator answers with this article: plain text
    (the ticket field is not Markdown), with the article named so the answer can be traced."""
    return f"{article.title}：{plain_text(article.body)}（知识库 {article.id} 第{article.version}版）"
