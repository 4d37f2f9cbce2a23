"""Postings (倒排表): for every indexed word, the articles that have it and how often, as two packed
arrays in one row, so a search scores a word's articles with a few array operations.

FTS5 computes bm25 one matching row at a time, about 1.5 µs each (it looks up the row's size in a
B-tree), and a caller's phrasing matches tens of thousands of articles in a 100k-article KB. The
postings give the same numbers as FTS5's bm25 (same formula, same column weights, same tokens:
tests hold them equal) from arrays: per word its articles' weighted frequencies, per article its
length. FTS5 stays the index of record, and the searcher falls back to it for what postings do not
hold (phrases of several tokens).

The postings are kept in the same transaction as the FTS5 rows: a write re-packs the rows of the
words it touches, so they never lag behind the articles.
"""

from __future__ import annotations

import math
import re
import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

# bm25 column weights, in the order of article_fts: title, tags (and synonyms), questions, body,
# initials. A word in the title says far more about what the article answers than one in the body.
WEIGHTS = (10.0, 6.0, 4.0, 1.0, 6.0)
COLUMNS = ("title", "tags", "questions", "body", "initials")
_COLUMN_LIST = ", ".join(COLUMNS)
K1, B = 1.2, 0.75  # FTS5's bm25 constants
# Stored in the KB file: postings built under other weights or tokens are rebuilt on open.
# A phrase in at least this many articles is scored only where it can still change the best ones.
PRUNE_FROM = 4096
LOOKUP_SHARE = 8  # a binary search per candidate beats a pass over the list when 8× fewer
FORMAT = "1:" + ",".join(str(w) for w in WEIGHTS)

# FTS5's unicode61 tokenizer (categories L* N* Co): a token is a run of letters, digits and
# private-use characters; everything else separates. Column text is lower-case already.
_TOKEN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")

Ids = npt.NDArray[np.integer[Any]]
Floats = npt.NDArray[np.floating[Any]]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def is_token(text: str) -> bool:
    """Whether FTS5 indexes `text` as exactly one token (so the postings can answer for it)."""
    return _TOKEN.fullmatch(text) is not None


@dataclass(frozen=True)
class Entry:
    """One article's part of the postings: weighted frequency per word, and its length in tokens."""

    frequencies: dict[str, float]
    length: int


def entry(columns: Sequence[str]) -> Entry:
    frequencies: dict[str, float] = defaultdict(float)
    length = 0
    for text, weight in zip(columns, WEIGHTS, strict=True):
        found = tokens(text)
        length += len(found)
        for token in found:
            frequencies[token] += weight
    return Entry(dict(frequencies), length)


def _unpack(articles: bytes, frequencies: bytes) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    return np.frombuffer(articles, dtype=np.int32), np.frombuffer(frequencies, dtype=np.float32)


def update(conn: sqlite3.Connection, removed: dict[int, Entry], added: dict[int, Entry]) -> None:
    """Take `removed` articles out of the postings and put `added` ones in, re-packing each word's
    row once. Call inside the write transaction that changes the FTS5 rows."""
    gone = np.fromiter(removed, dtype=np.int32, count=len(removed))
    new: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for rowid, item in added.items():
        for term, frequency in item.frequencies.items():
            new[term].append((rowid, frequency))
    touched = set(new).union(*(item.frequencies for item in removed.values()))
    for term in touched:
        row = conn.execute("SELECT articles, frequencies FROM postings WHERE term = ?", (term,)).fetchone()
        ids, freqs = _unpack(row[0], row[1]) if row else (np.empty(0, np.int32), np.empty(0, np.float32))
        if len(gone) and len(ids):
            keep = ~np.isin(ids, gone)
            ids, freqs = ids[keep], freqs[keep]
        if term in new:
            ids = np.concatenate((ids, np.array([r for r, _ in new[term]], dtype=np.int32)))
            freqs = np.concatenate((freqs, np.array([f for _, f in new[term]], dtype=np.float32)))
            if len(ids) > 1 and np.any(ids[1:] < ids[:-1]):  # kept in rowid order
                order = np.argsort(ids, kind="stable")
                ids, freqs = ids[order], freqs[order]
        if len(ids):
            conn.execute(
                "INSERT OR REPLACE INTO postings (term, articles, frequencies) VALUES (?, ?, ?)",
                (term, ids.astype(np.int32).tobytes(), freqs.astype(np.float32).tobytes()),
            )
        elif row:
            conn.execute("DELETE FROM postings WHERE term = ?", (term,))


def indexed(conn: sqlite3.Connection, rowids: Iterable[int]) -> dict[int, Entry]:
    """The entries of articles as FTS5 holds them now (before they are deleted or replaced)."""
    found = {}
    for rowid in rowids:
        row = conn.execute(f"SELECT {_COLUMN_LIST} FROM article_fts WHERE rowid = ?", (rowid,)).fetchone()
        if row is not None:
            found[rowid] = entry(tuple(str(c) for c in row))
    return found


def rebuild(conn: sqlite3.Connection) -> None:
    """Postings and lengths of every article from the FTS5 rows (a KB file from before postings
    existed, or from other weights). Call inside a write transaction."""
    ids: dict[str, array[int]] = defaultdict(lambda: array("i"))
    freqs: dict[str, array[float]] = defaultdict(lambda: array("f"))
    lengths = []
    for row in conn.execute(f"SELECT rowid, {_COLUMN_LIST} FROM article_fts ORDER BY rowid"):
        item = entry(tuple(str(c) for c in row[1:]))
        lengths.append((item.length, int(row[0])))
        for term, frequency in item.frequencies.items():
            ids[term].append(int(row[0]))
            freqs[term].append(frequency)
    conn.execute("DELETE FROM postings")
    conn.executemany("UPDATE articles SET tokens = ? WHERE rowid = ?", lengths)
    conn.executemany(
        "INSERT INTO postings (term, articles, frequencies) VALUES (?, ?, ?)",
        ((term, ids[term].tobytes(), freqs[term].tobytes()) for term in ids),
    )


# -- scoring ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Articles:
    """Per-article arrays, indexed by rowid (0 where there is no article), read once per KB revision."""

    norm: Floats  # bm25's length normalisation: K1 * (1 - B + B * tokens / average tokens)
    updated_day: Floats  # julian day of the last change
    valid_from: Floats  # julian day, -1e308 when open
    valid_to: Floats  # julian day, 1e308 when open
    count: int

    @classmethod
    def load(cls, rows: Sequence[tuple[object, ...]]) -> Articles:
        """From rows of (rowid, tokens, updated_day, valid_from, valid_to), days as julian days."""
        data = np.array(rows, dtype=np.float64).reshape(-1, 5).T
        at = data[0].astype(np.int64)
        table = np.zeros((5, int(at.max(initial=0)) + 1))
        table[3], table[4] = -math.inf, math.inf
        table[1:, at] = data[1:]
        average = float(table[1].sum()) / len(rows) if rows else 1.0
        norm = K1 * (1 - B + B * table[1] / average)
        return cls(norm, table[2], table[3], table[4], len(rows))


def combine(rows: Sequence[tuple[bytes, bytes]]) -> tuple[Ids, Floats]:
    """One phrase's postings from the rows of the words it matches (several for a prefix): the
    articles, and the phrase's weighted frequency in each."""
    if not rows:
        return np.empty(0, np.int64), np.empty(0)
    if len(rows) == 1:
        return _unpack(*rows[0])
    parts = [_unpack(a, f) for a, f in rows]
    ids = np.concatenate([p[0] for p in parts])
    # Summed per article through a dense array: sorting (np.unique) costs far more for long lists.
    total = np.bincount(ids, weights=np.concatenate([p[1] for p in parts])).astype(np.float64)
    present = np.flatnonzero(np.bincount(ids))
    return present, total[present]


def after(prefix: str) -> str:
    """The first string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _idf(count: int, matches: int) -> float:
    idf = math.log((count - matches + 0.5) / (matches + 0.5))
    return idf if idf > 0 else 1e-6  # FTS5's floor for a phrase in more than half the articles


@dataclass(frozen=True)
class Scored:
    """One phrase's share of bm25 in each article that has it, ready to add up."""

    ids: Ids
    shares: Floats
    ceiling: float  # no article gets more from this phrase

    @property
    def nbytes(self) -> int:
        return self.ids.nbytes + self.shares.nbytes


def scored(articles: Articles, found: tuple[Ids, Floats]) -> Scored:
    ids, freqs = found
    if len(ids) and ids[-1] >= len(articles.norm):  # written after the arrays were read
        keep = ids < len(articles.norm)
        ids, freqs = ids[keep], freqs[keep]
    idf = _idf(articles.count, len(ids))
    exact = freqs.astype(np.float64)  # float32 times a Python float would stay float32
    return Scored(ids, (idf * (K1 + 1)) * exact / (exact + articles.norm[ids]), idf * (K1 + 1))


Mask = Callable[[Ids], npt.NDArray[np.bool_]]
Boost = Callable[[Ids], Floats]


def top(
    articles: Articles,
    phrases: Iterable[Scored],
    *,
    limit: int,
    eligible: Mask,
    boost: Boost,
    max_boost: float,
    prune_from: int = PRUNE_FROM,
) -> tuple[Ids, Floats]:
    """The `limit` best eligible articles by bm25 × boost, best first (ties to the lower rowid),
    with their scores: the same as scoring every match, with less work (MaxScore). Phrases are
    scored rarest first; before a common one (`prune_from` articles or more), if even its and the
    remaining phrases' highest possible share cannot lift an unseen article past the current
    `limit`-th best, they are scored only for the articles already seen that still could."""
    scores = np.zeros(len(articles.norm))
    lists = sorted((p for p in phrases if len(p.ids)), key=lambda p: -p.ceiling)
    ceilings = np.cumsum([p.ceiling for p in reversed(lists)])[::-1]  # of lists[j:]
    bar = 0.0  # the limit-th best final score so far: it only grows as phrases are added
    for j, phrase in enumerate(lists):
        # The bar costs a pass over the articles seen so far: worth it only before a long list,
        # and only when the best score already beats what the remaining phrases could add.
        if j and len(phrase.ids) >= prune_from and ceilings[j] < scores.max():
            candidates = np.flatnonzero(scores > 0)
            candidates = candidates[eligible(candidates)]
            if len(candidates) > limit:
                final = scores[candidates] * boost(candidates)
                bar = float(np.partition(final, len(final) - limit)[len(final) - limit])
            if ceilings[j] * max_boost < bar:
                rest = (*ceilings[j:], 0.0)
                return _best(_finish(scores, candidates, lists[j:], rest, boost, limit), boost, limit)
        scores[phrase.ids] += phrase.shares
    candidates = np.flatnonzero(scores > 0)
    candidates = candidates[eligible(candidates)]
    return _best((candidates, scores[candidates]), boost, limit)


def _finish(
    scores: Floats, candidates: Ids, lists: list[Scored], rest: Sequence[float], boost: Boost, limit: int
) -> tuple[Ids, Floats]:
    """The scores of the candidates that can still make the best `limit`, with the remaining
    phrases added. Before each phrase, candidates that could not reach the `limit`-th best even
    with all that is left go; a phrase's shares are looked up by binary search (postings are in
    rowid order) when the candidates are few beside its list, else added for the whole list."""
    for k, phrase in enumerate(lists):
        lifted = boost(candidates)
        final = scores[candidates] * lifted
        bar = np.partition(final, len(final) - limit)[len(final) - limit]
        keep = (scores[candidates] + rest[k]) * lifted >= bar
        candidates = candidates[keep]
        ids, shares = phrase.ids, phrase.shares
        if len(candidates) * LOOKUP_SHARE < len(ids):
            at = np.minimum(np.searchsorted(ids, candidates), len(ids) - 1)
            has = at[ids[at] == candidates]
            ids, shares = ids[has], shares[has]
        scores[ids] += shares
    return candidates, scores[candidates]


def _best(scored: tuple[Ids, Floats], boost: Boost, limit: int) -> tuple[Ids, Floats]:
    candidates, scores = scored
    final = scores * boost(candidates)
    if len(final) > limit:  # every article tied with the limit-th goes into the sort, so ties
        best = np.flatnonzero(final >= np.partition(final, len(final) - limit)[len(final) - limit])
    else:  # go to the lower rowid whichever articles the caller passed
        best = np.arange(len(final))
    order = best[np.lexsort((candidates[best], -final[best]))][:limit]
    return candidates[order], final[order]
