"""The postings give FTS5's own bm25, and follow every write exactly."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import cast

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.knowledge import postings
from app.knowledge import store as store_module
from app.knowledge.search import Searcher
from app.knowledge.store import POSTINGS_FORMAT, KbStore
from app.knowledge.terms import index_terms
from tests.app.knowledge.conftest import article

ON = date(2026, 6, 1)
WORDS = ["社保", "医保", "公积金", "提取", "租房", "办理", "燃气", "gjj", "app", "12345", "热线", "补办"]
texts = st.lists(st.sampled_from(WORDS), max_size=12).map("".join)
articles = st.lists(
    st.tuples(texts, texts, st.lists(st.sampled_from(WORDS), max_size=3)), min_size=1, max_size=12
)


def fts5_bm25(store: KbStore, phrases: list[tuple[str, bool]]) -> dict[int, float]:
    expression = " OR ".join(f'"{text}"' + ("*" if prefix else "") for text, prefix in phrases)
    weights = ", ".join(str(w) for w in postings.WEIGHTS)
    rows = store.read(
        f"SELECT rowid, -bm25(article_fts, {weights}) FROM article_fts WHERE article_fts MATCH ?",
        (expression,),
    )
    return {int(str(r)): float(str(s)) for r, s in rows}


def everything(ids: postings.Ids) -> np.ndarray:
    return np.ones(len(ids), dtype=bool)


def unboosted(ids: postings.Ids) -> np.ndarray:
    return np.ones(len(ids))


def postings_bm25(
    store: KbStore, phrases: list[tuple[str, bool]], *, limit: int = 10_000, prune_from: int = 10_000
) -> dict[int, float]:
    stats = postings.Articles.load(store.article_stats())
    found = [postings.scored(stats, postings.combine(store.postings(t, prefix=p))) for t, p in phrases]
    ids, scores = postings.top(
        stats, found, limit=limit, eligible=everything, boost=unboosted, max_boost=1.0, prune_from=prune_from
    )
    return dict(zip(ids.tolist(), scores.tolist(), strict=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    articles,
    st.lists(
        st.tuples(st.sampled_from([*WORDS, "gj", "社", "无此词"]), st.booleans()), min_size=1, max_size=4
    ),
)
def test_postings_score_exactly_as_fts5_bm25(
    made: list[tuple[str, str, list[str]]], query: list[tuple[str, bool]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = KbStore(Path(folder) / "kb.sqlite3")
        store.upsert(
            [
                article(f"a{n}", title or "无题", body=body or "空", tags=tuple(tags))
                for n, (title, body, tags) in enumerate(made)
            ]
        )
        phrases = list(dict.fromkeys(query))
        expected, got = fts5_bm25(store, phrases), postings_bm25(store, phrases)
        store.close()
    assert got.keys() == expected.keys()
    for rowid, score in expected.items():
        assert got[rowid] == pytest.approx(score, rel=1e-9, abs=1e-12)


def boosted(ids: postings.Ids) -> np.ndarray:
    return 1.0 + 0.5 * (ids % 3)


def odd(ids: postings.Ids) -> np.ndarray:
    return np.asarray(ids % 5 != 0)


@st.composite
def phrase_lists(draw: st.DrawFn) -> tuple[postings.Articles, list[postings.Scored]]:
    """Articles and phrases from rare (few articles, high ceiling) to common (many, low)."""
    size = draw(st.integers(10, 400))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    found = []
    for _ in range(draw(st.integers(2, 7))):
        count = draw(st.integers(1, size))
        ceiling = draw(st.sampled_from([1e-6, 0.05, 0.5, 2.0, 6.0])) * (1 + size / count) / 4
        ids = np.sort(rng.choice(np.arange(1, size), min(count, size - 1), replace=False))
        shares = rng.uniform(0.0, ceiling, len(ids))
        shares[rng.random(len(ids)) < 0.2] = ceiling  # the most a phrase gives
        found.append(postings.Scored(ids, shares, ceiling))
    nothing = np.zeros(size)
    return postings.Articles(np.ones(size), nothing, nothing, nothing, size - 1), found


@settings(max_examples=400, deadline=None)
@given(phrase_lists(), st.integers(1, 12))
def test_pruned_top_is_exactly_the_full_top(
    made: tuple[postings.Articles, list[postings.Scored]], limit: int
) -> None:
    articles, found = made
    ranked = [
        postings.top(
            articles, found, limit=limit, eligible=odd, boost=boosted, max_boost=2.0, prune_from=prune_from
        )
        for prune_from in (1, 10**9)
    ]
    assert ranked[0][0].tolist() == ranked[1][0].tolist()
    assert ranked[0][1].tolist() == ranked[1][1].tolist()


def test_search_ranks_as_the_fts5_path_does_on_the_demo_kb(seeded) -> None:  # type: ignore[no-untyped-def]
    searcher = seeded.searcher
    for text in ("公积金租房提取", "社保卡丢了怎么补办", "gjj", "孩子上小学要什么材料", "燃气费"):
        query = searcher.parse(text)
        fast = searcher._rank(query.phrases(), None, ON, 10)
        reference = searcher._rank_in_fts(query, None, ON, 10)
        assert [r for r, _ in fast] == [r for r, _ in reference]
        assert [s for _, s in fast] == pytest.approx([s for _, s in reference], rel=1e-9)


def _postings_rows(store: KbStore) -> dict[str, dict[int, float]]:
    found = {}
    for term, ids, freqs in store.read("SELECT term, articles, frequencies FROM postings"):
        pairs = zip(
            np.frombuffer(cast(bytes, ids), np.int32),
            np.frombuffer(cast(bytes, freqs), np.float32),
            strict=True,
        )
        found[str(term)] = {int(i): float(f) for i, f in pairs}
    return found


def _rebuilt(store: KbStore) -> dict[str, dict[int, float]]:
    with store._writing() as conn:
        postings.rebuild(conn)
    return _postings_rows(store)


def test_writes_keep_the_postings_equal_to_a_rebuild(store: KbStore) -> None:
    store.upsert([article(f"a{n}", f"公积金提取{n}", body="租房提取公积金。") for n in range(5)])
    store.upsert([article("a1", "燃气开户", body="燃气燃气。"), article("a6", "医保报销")])
    store.delete(["a2", "missing"])
    # the same article twice in one write: the second copy wins, the first never reaches the postings
    store.upsert([article("a7", "社保卡补办"), article("a7", "社保卡挂失")])
    incremental = _postings_rows(store)
    assert incremental == _rebuilt(store)
    assert "补办" not in incremental and "挂失" in incremental
    store.apply([article("b1", "护照办理")], (), reset=True)
    assert set(_postings_rows(store)) == set(_rebuilt(store)) and "公积金" not in _postings_rows(store)
    assert [h.article.id for h in Searcher(store).search("护照", on=ON)] == ["b1"]


def test_a_kb_file_from_before_postings_gets_them_on_open(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite3"
    old = article("a1", "公积金提取", body="租房可以提取。")
    with sqlite3.connect(path) as conn:  # the file as the program of schema 2 left it
        for step in store_module._SCHEMA[:2]:
            conn.executescript(step)
        conn.execute(
            "INSERT INTO articles (id, version, title, data, updated_day) VALUES (?, 1, ?, ?, julianday(?))",
            ("a1", old.title, json.dumps(old.to_dict(), ensure_ascii=False), "2026-06-01"),
        )
        conn.execute(
            "INSERT INTO article_fts (rowid, title, tags, questions, body, initials) "
            "VALUES (1, ?, '', '', ?, '')",
            (index_terms(old.title), index_terms(old.body)),
        )
        conn.execute("PRAGMA user_version = 2")
    store = KbStore(path)
    [hit] = Searcher(store).search("租房提取", on=ON)
    assert hit.article.id == "a1"
    assert "".join(text for text, _ in hit.snippet) == "租房可以提取。"
    assert store.meta(POSTINGS_FORMAT) == postings.FORMAT
    assert store.read("SELECT tokens FROM articles") == [
        (8,)
    ]  # 公积 积金 提取 公积金 公积金提取, 租房 可以 提取
    store.close()


def test_tokens_are_fts5_unicode61_tokens() -> None:
    assert postings.tokens("公积金 gjj 3.5 wi-fi c++ 50%") == [
        "公积金",
        "gjj",
        "3",
        "5",
        "wi",
        "fi",
        "c",
        "50",
    ]
    assert postings.is_token("公积金") and not postings.is_token("3.5") and not postings.is_token("")
