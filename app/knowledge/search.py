"""Search (检索): bm25 over the FTS5 index with title and tag boosts, freshness, category and
validity filters, and highlighted snippets made from the article text."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from app.knowledge.article import Article
from app.knowledge.store import KbStore
from app.knowledge.terms import Query, normalize, parse_query

# bm25 column weights, in the order of article_fts: title, tags (and synonyms), questions, body,
# initials. A word in the title says far more about what the article answers than one in the body.
WEIGHTS = (10.0, 6.0, 4.0, 1.0, 6.0)
FRESHNESS = 0.25  # an article updated today ranks up to 25% above an equally relevant old one
FRESH_DAYS = 365.0  # ... and that advantage halves after this many days
SNIPPET_CHARS = 90
MAX_LIMIT = 100
# Scoring every article that shares one common word with the query is what makes a search slow in a
# large KB, and such words barely move the ranking: a phrase found in more than this share of the
# articles, and in more than COMMON_MIN of them, is left out unless nothing rarer is left. bm25
# costs about 1.5 µs for each article matching any phrase (profiled at 100k articles), so what
# counts is how many articles match what is left. bm25 is computed in FTS5 alone for a pool of
# candidates; validity, category and freshness are applied to that pool.
COMMON_SHARE = 0.08
COMMON_MIN = 1000
POOL = 60

Piece = tuple[str, bool]  # (text, is a match): the UI escapes the text and styles the matches


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float  # higher is better
    title: tuple[Piece, ...]
    snippet: tuple[Piece, ...]


class Searcher:
    """Thread-safe (the store gives each thread its own connection)."""

    def __init__(self, store: KbStore) -> None:
        self.store = store
        self._vocabulary: dict[str, str] = {}
        self._vocabulary_at = -1
        self._frequencies: dict[str, int] = {}
        self._count: int | None = None
        self._cached_at = -1
        self._lock = threading.Lock()

    def _current_vocabulary(self) -> dict[str, str]:
        with self._lock:
            if self._vocabulary_at != self.store.revision:
                self._vocabulary_at = self.store.revision
                self._vocabulary = self.store.vocabulary()
            return self._vocabulary

    def parse(self, text: str) -> Query:
        return self._prune(parse_query(text, self._current_vocabulary()))

    def _prune(self, query: Query) -> Query:
        # Per phrase, not per term: 社保 (in a third of a large KB) goes even when its synonym 社会保险
        # is rare, since bm25 is computed for every article that has any phrase of the expression.
        bound = max(COMMON_MIN, self._article_count() * COMMON_SHARE)
        rare = {p for phrases in query.terms for p in phrases if self._frequency(p) <= bound}
        return query.keeping(rare) if rare else query

    def _frequency(self, phrase: str) -> int:
        """Articles containing a phrase (a prefix phrase counts as rare), cached per KB revision."""
        with self._lock:
            self._sync_caches()
            if phrase in self._frequencies:
                return self._frequencies[phrase]
        term = phrase[1:-1].replace('""', '"') if phrase.endswith('"') else None
        found = self.store.document_frequency(term) if term else 0
        with self._lock:
            self._frequencies[phrase] = found
        return found

    def _article_count(self) -> int:
        with self._lock:
            self._sync_caches()
            if self._count is None:
                self._count = self.store.count()
            return self._count

    def _sync_caches(self) -> None:
        if self._cached_at != self.store.revision:
            self._cached_at = self.store.revision
            self._frequencies, self._count = {}, None

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
        day = (on or date.today()).isoformat()
        weights = ", ".join(str(w) for w in WEIGHTS)
        filters = ["(a.valid_from IS NULL OR a.valid_from <= ?)", "(a.valid_to IS NULL OR a.valid_to >= ?)"]
        params: list[object] = [FRESHNESS, day, FRESH_DAYS, query.expression, day, day]
        if category:
            filters.append(
                "EXISTS (SELECT 1 FROM article_categories c WHERE c.article = a.rowid "
                "AND (c.code = ? OR c.code BETWEEN ? AND ?))"
            )
            params += [category, category + ".", category + ".\uffff"]
        limit = max(1, min(limit, MAX_LIMIT))
        # With a category the pool is the whole match: the filter may leave few of the best ones.
        pool = "" if category else f"ORDER BY relevance LIMIT {max(POOL, limit * 3)}"
        # bm25 is negative (more negative = better); the freshness factor scales it further down.
        sql = (
            f"SELECT a.data, -m.relevance * "
            f"(1.0 + ? / (1.0 + max(0.0, julianday(?) - a.updated_day) / ?)) AS score "
            f"FROM (SELECT rowid, bm25(article_fts, {weights}) AS relevance FROM article_fts "
            f"WHERE article_fts MATCH ? {pool}) m JOIN articles a ON a.rowid = m.rowid "
            f"WHERE {' AND '.join(filters)} ORDER BY score DESC LIMIT ?"
        )
        params.append(limit)
        hits = []
        for data, score in self.store.read(sql, params):
            article = Article.from_dict(json.loads(str(data)))
            hits.append(
                Hit(
                    article,
                    float(str(score)),
                    highlight(article.title, query.marks),
                    snippet(plain_text(article.body), query.marks),
                )
            )
        return hits


_MARKDOWN = re.compile(r"(^#+\s*|^\s*[-*+]\s+|^\s*\d+\.\s+|\*\*|__|`|^>\s*)", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The body without Markdown markers, lines joined: what a snippet is cut from."""
    return " ".join(line.strip() for line in _MARKDOWN.sub("", markdown).splitlines() if line.strip())


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
    best = max(positions, key=lambda p: sum(1 for q in positions if p <= q < p + width))
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
