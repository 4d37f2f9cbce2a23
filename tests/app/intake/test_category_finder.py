"""事项分类 found by what an operator types: characters, keywords, pinyin, initials, a sentence."""

from __future__ import annotations

import pytest

from app.domain.taxonomy import Taxonomy
from app.intake.category_finder import CategoryFinder, MatchedOn
from app.resources import load_taxonomy

SMALL = {
    "version": 1,
    "departments": [{"code": "QZJJ", "name": "区住房和建设局", "en": "Housing", "level": "district"}],
    "categories": [
        {
            "code": "CJ",
            "name": "城乡建设",
            "en": "Construction",
            "departments": ["QZJJ"],
            "children": [
                {
                    "code": "CJ.WY",
                    "name": "物业管理",
                    "en": "Property",
                    "children": [
                        {"code": "CJ.WY.DT", "name": "电梯故障", "en": "Lifts", "keywords": ["电梯", "困人"]},
                        {"code": "CJ.WY.SF", "name": "物业收费", "en": "Fees", "keywords": ["物业费"]},
                    ],
                },
                {
                    "code": "CJ.ZS",
                    "name": "噪声扰民",
                    "en": "Noise",
                    "children": [
                        {
                            "code": "CJ.ZS.SG",
                            "name": "建筑施工噪声",
                            "en": "Works",
                            "keywords": ["工地", "噪音"],
                        },
                    ],
                },
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def finder() -> CategoryFinder:
    return CategoryFinder(Taxonomy.from_mapping(SMALL))


def found(finder: CategoryFinder, query: str) -> list[tuple[str, MatchedOn, str]]:
    return [(m.code, m.matched_on, m.word) for m in finder.find(query)]


def test_characters_of_the_name_come_first(finder: CategoryFinder) -> None:
    assert found(finder, "电梯") == [("CJ.WY.DT", MatchedOn.NAME, "电梯故障")]


def test_a_keyword_finds_a_category_whose_name_does_not_say_it(finder: CategoryFinder) -> None:
    assert found(finder, "噪音") == [("CJ.ZS.SG", MatchedOn.KEYWORD, "噪音")]


def test_a_parent_name_lists_its_leaves_after_names_that_say_it(finder: CategoryFinder) -> None:
    assert found(finder, "物业") == [
        ("CJ.WY.SF", MatchedOn.NAME, "物业收费"),
        ("CJ.WY.DT", MatchedOn.PATH, "物业管理"),
    ]


@pytest.mark.parametrize(
    ("typed", "on", "word"),
    [
        ("dianti", MatchedOn.PINYIN, "电梯故障"),
        ("DianTi", MatchedOn.PINYIN, "电梯故障"),
        ("ｄｔｇｚ", MatchedOn.INITIALS, "电梯故障"),  # full-width, as some input methods give it
        ("kunren", MatchedOn.PINYIN, "困人"),
        ("kr", MatchedOn.INITIALS, "困人"),
    ],
)
def test_pinyin_and_initials_find_the_category(
    finder: CategoryFinder, typed: str, on: MatchedOn, word: str
) -> None:
    assert found(finder, typed) == [("CJ.WY.DT", on, word)]


def test_a_keyword_said_in_a_sentence_finds_the_category(finder: CategoryFinder) -> None:
    assert found(finder, "隔壁工地半夜还在干活") == [("CJ.ZS.SG", MatchedOn.MENTIONED, "工地")]


@pytest.mark.parametrize("typed", ["", "   ", "x", "不存在的分类", "zzz"])
def test_nothing_typed_or_nothing_like_it_finds_nothing(finder: CategoryFinder, typed: str) -> None:
    assert finder.find(typed) == []


def test_the_shipped_catalogue_answers_the_common_searches() -> None:
    finder = CategoryFinder(load_taxonomy())
    for typed in ("电梯", "dianti", "dtgz"):
        assert finder.find(typed)[0].code == "CJ.WY.DT", typed
    assert len(finder.find("物", limit=5)) == 5
