"""Search on the shipped demo KB and on small hand-made ones: ranking, filters, tolerance, bad input."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.knowledge import postings
from app.knowledge.base import KnowledgeBase
from app.knowledge.search import Searcher
from app.knowledge.store import KbStore
from tests.app.knowledge.conftest import article

QUERIES = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "kb_queries.jsonl"
ON = date(2026, 6, 1)


def test_query_set_is_large_and_points_at_real_articles(seeded: KnowledgeBase) -> None:
    rows = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 200
    known = set(seeded.store.versions())
    assert len(known) >= 200
    assert all(set(r["expected"]) <= known for r in rows)


def test_caller_phrasings_find_their_article_in_the_top_five(seeded: KnowledgeBase) -> None:
    rows = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()]
    found = 0
    for row in rows:
        ids = [h.article.id for h in seeded.searcher.search(row["query"], limit=5, on=ON)]
        found += bool(set(row["expected"]) & set(ids))
    # The benchmark targets 90%; the test keeps a lower bar so wording tweaks do not break it.
    assert found / len(rows) >= 0.85


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("医保异地", "SB-YB-001"),  # synonym: the article says 医疗保险 / 异地就医
        ("公基金租房提取", "ZF-GJ-001"),  # homophone typo 基 for 积
        ("gjj租房", "ZF-GJ-001"),  # pinyin initials of 公积金
        ("驾照换证", "HJ-CG-001"),  # 驾照 = 驾驶证
        ("煤气味", "GY-GQ-001"),  # 煤气 = 燃气
    ],
)
def test_tolerates_synonyms_typos_and_abbreviations(seeded: KnowledgeBase, query: str, expected: str) -> None:
    ids = [h.article.id for h in seeded.searcher.search(query, limit=5, on=ON)]
    assert expected in ids


@pytest.mark.parametrize(
    ("pinyin", "initials", "expected"),
    [
        ("yidijiuyi", "ydjy", "SB-YB-001"),  # 异地就医
        ("gongjijin", "gjj", "ZF-GJ-001"),  # 公积金
        ("ranqi", "rq", "GY-GQ-001"),  # 燃气
        ("YiDiJiuYi", "YDJY", "SB-YB-001"),  # typed with capitals
    ],
)
def test_full_pinyin_finds_what_the_initials_find(
    seeded: KnowledgeBase, pinyin: str, initials: str, expected: str
) -> None:
    by_initials = [h.article.id for h in seeded.searcher.search(initials, limit=10, on=ON)]
    by_pinyin = [h.article.id for h in seeded.searcher.search(pinyin, limit=10, on=ON)]
    assert expected in by_initials and expected in by_pinyin


def test_full_pinyin_that_spells_no_known_word_finds_nothing_odd(seeded: KnowledgeBase) -> None:
    assert seeded.searcher.search("qwrtzp", on=ON) == []


@pytest.mark.parametrize(("typo", "word"), [("公基金", "公积金"), ("异地就一", "异地就医"), ("燃汽", "燃气")])
def test_a_homophone_typo_ranks_the_meant_word_first(seeded: KnowledgeBase, typo: str, word: str) -> None:
    """公基金 means 公积金: the articles about 公积金 come first, not one that happens to hold a
    word sounding like part of it (共济 for 公积)."""
    meant = {h.article.id for h in seeded.searcher.search(word, limit=10, on=ON)}
    first = seeded.searcher.search(typo, limit=3, on=ON)
    assert [h.article.id for h in first if h.article.id not in meant] == [], [h.article.title for h in first]


def test_a_correctly_spelled_word_gets_no_homophones_of_its_parts(seeded: KnowledgeBase) -> None:
    # 公积 sounds like 共济 (医保家庭共济), but 公积金 is a word the KB knows: nothing to correct.
    assert "共济" not in seeded.searcher.parse("公积金").marks


def test_snippet_and_title_mark_the_matched_words(seeded: KnowledgeBase) -> None:
    hit = seeded.searcher.search("公积金租房提取", limit=1, on=ON)[0]
    assert hit.article.id == "ZF-GJ-001"
    assert any(marked and "公积金" in text for text, marked in hit.title)
    assert any(marked for _text, marked in hit.snippet)
    assert len("".join(t for t, _ in hit.snippet)) <= 100


def test_category_filter_includes_children(seeded: KnowledgeBase) -> None:
    hits = seeded.searcher.search("补贴", category="SB", limit=20, on=ON)
    assert hits
    assert all(any(c.startswith("SB.") for c in h.article.categories) for h in hits)
    leaf = seeded.searcher.search("提取", category="ZF.GJ.TQ", limit=20, on=ON)
    assert {h.article.id for h in leaf} >= {"ZF-GJ-001", "ZF-GJ-002"}
    assert all("ZF.GJ.TQ" in h.article.categories for h in leaf)
    assert seeded.searcher.search("提取", category="ZF.G", on=ON) == []  # a prefix is not a parent


def test_expired_and_future_articles_are_left_out(store: KbStore) -> None:
    store.upsert(
        [
            article("old", "消费券领取", valid_to=date(2025, 12, 31)),
            article("now", "消费券补贴", valid_from=date(2026, 1, 1)),
            article("later", "消费券预告", valid_from=date(2027, 1, 1)),
        ]
    )
    ids = [h.article.id for h in Searcher(store).search("消费券", on=ON)]
    assert ids == ["now"]


def test_title_outranks_body_and_newer_outranks_older(store: KbStore) -> None:
    old, new = datetime(2024, 1, 1, tzinfo=UTC), datetime(2026, 5, 30, tzinfo=UTC)
    store.upsert(
        [
            article("body", "办事指南", body="这里也提到了居住证怎么办理。", updated_at=new),
            article("title-old", "居住证办理", body="到派出所办理。", updated_at=old),
            article("title-new", "居住证办理", body="到派出所办理。", updated_at=new),
        ]
    )
    ids = [h.article.id for h in Searcher(store).search("居住证", on=ON)]
    assert ids == ["title-new", "title-old", "body"]


def test_tags_rank_above_body(store: KbStore) -> None:
    store.upsert(
        [
            article("body", "甲", body="顺便说一句燃气开户的事。"),
            article("tag", "乙", body="请到营业厅。", tags=("燃气开户",)),
        ]
    )
    assert [h.article.id for h in Searcher(store).search("燃气开户", on=ON)] == ["tag", "body"]


NASTY = [
    "",
    "   ",
    "，。！？；：“”（）",
    "!!!???...",
    "😀🙏🔥",
    '"a" OR',
    "NEAR(",
    "NEAR(a b",
    "*",
    "a*",
    "'; drop table articles; --",
    "title: 社保",
    "社保 AND OR NOT",
    "^社保",
    "{title body}: x",
    "col:",
    'x" OR "y',
    "社保卡ABC123混合Текст",
    "医保" * 500,
    "\x00\x01\x02",
    "\\",
    "%_%",
]


@pytest.mark.parametrize("query", NASTY)
def test_odd_queries_never_error(seeded: KnowledgeBase, query: str) -> None:
    started = time.perf_counter()
    hits = seeded.searcher.search(query, on=ON)
    assert time.perf_counter() - started < 1.0
    assert isinstance(hits, list)


def test_long_text_finds_what_it_is_about(seeded: KnowledgeBase) -> None:
    text = "喂你好，" + "嗯那个就是说，" * 200 + "我想问公积金租房提取"
    assert seeded.searcher.search(text, on=ON) is not None


@settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_is_a_valid_query(seeded: KnowledgeBase, text: str) -> None:
    for hit in seeded.searcher.search(text, limit=5, on=ON):
        assert hit.article.id


@settings(max_examples=100, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('"*():^-+ ORANDNEARcol社保医{} ')), max_size=40))
def test_fts_syntax_soup_is_just_text(seeded: KnowledgeBase, text: str) -> None:
    seeded.searcher.search(text, on=ON)


def test_a_rare_word_wins_over_one_every_article_has(store: KbStore) -> None:
    store.upsert([article(f"c{n}", f"办理指南{n}", body="办理须知。") for n in range(30)])
    store.upsert([article("rare", "护照办理", body="到出入境大厅办理。")])
    assert [h.article.id for h in Searcher(store).search("护照办理", on=ON)][:1] == ["rare"]
    assert len(Searcher(store).search("办理", on=ON, limit=100)) == 31  # a common word still finds


def test_a_rare_synonym_outranks_its_common_sibling(store: KbStore) -> None:
    # 社保 is in every article, its synonym 社会保险 in one: that one answers 社保转移.
    store.upsert([article(f"c{n}", f"社保须知{n}", body="社保办理。") for n in range(30)])
    store.upsert([article("rare", "社会保险转移", body="社会保险关系转移接续。")])
    searcher = Searcher(store)
    assert "社保" in searcher.parse("社保转移").marks
    assert [h.article.id for h in searcher.search("社保转移", on=ON)][:1] == ["rare"]


def test_a_phrase_of_several_tokens_is_found_through_fts5(store: KbStore) -> None:
    # jieba keeps "3.5" whole; FTS5 indexes it as two tokens, which the postings do not pair up.
    store.upsert(
        [article("rate", "贷款利率", body="首套房利率 3.5 起。"), article("x", "其他", body="3 与 5。")]
    )
    searcher = Searcher(store)
    assert not all(postings.is_token(text) for text, _ in searcher.parse("3.5").phrases())
    assert [h.article.id for h in searcher.search("3.5", on=ON)] == ["rate"]
