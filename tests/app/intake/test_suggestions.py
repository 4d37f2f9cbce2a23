"""Suggestions for the form from the call so far: each field's value with the words it came from."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.taxonomy import Taxonomy
from app.intake.classifier import keyword_classifier
from app.intake.suggestions import SUMMARY_LIMIT, Suggestions, suggest
from app.resources import load_emergency_list, load_taxonomy

CALL_AT = datetime(2026, 12, 7, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
NOISE = (
    "喂你好 我姓刘 我住在福田区幸福路18号 那个楼上装修太吵了 昨天晚上十点还在打电钻 我都睡不着"
    " 我要投诉 希望你们赶紧管一管 我的电话是13812345678"
)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def heard(text: str, taxonomy: Taxonomy, city: str = "深圳市") -> Suggestions:
    return suggest(
        text,
        call_at=CALL_AT,
        taxonomy=taxonomy,
        classifier=keyword_classifier(taxonomy),
        city=city,
        emergencies=load_emergency_list(),
    )


def value(suggestions: Suggestions, field: str) -> str | None:
    found = suggestions.get(field)
    return None if found is None else found.value


def test_every_field_the_caller_names_is_suggested_with_the_words_it_came_from(taxonomy: Taxonomy) -> None:
    found = heard(NOISE, taxonomy)
    expected = {
        "caller_name": ("刘先生/女士", "我姓刘"),
        "caller_phone": ("13812345678", "13812345678"),
        "district": ("福田区", "福田区"),
        "address": ("幸福路18号", "幸福路18号"),
        "occurred_at": ("2026-12-06 22:00", "昨天晚上十点"),
        "kind": ("complaint", "太吵"),
    }
    for field, (want, words) in expected.items():
        suggestion = found.get(field)
        assert suggestion is not None, field
        assert suggestion.value == want
        said = suggestion.said[0]
        assert NOISE[said.start : said.end] == said.words == words  # the span points into the transcript


def test_kind_and_categories_come_with_a_confidence_and_the_words_that_drove_them(taxonomy: Taxonomy) -> None:
    found = heard(NOISE, taxonomy)
    kind = found.get("kind")
    assert kind is not None and kind.confidence is not None and 0 < kind.confidence <= 1
    assert "我要投诉" in kind.words
    assert 1 <= len(found.categories) <= 3
    assert found.get("category_code") == found.categories[0]
    for category in found.categories:
        assert category.value in taxonomy and not taxonomy.children(category.value)  # leaves only
        assert category.words and all(w in NOISE for w in category.words)
        assert category.confidence is not None and 0 < category.confidence <= 1
    confidences = [c.confidence or 0 for c in found.categories]
    assert confidences == sorted(confidences, reverse=True)


def test_the_summary_tells_who_where_what_and_what_is_asked_from_the_callers_own_clauses(
    taxonomy: Taxonomy,
) -> None:
    summary = heard(NOISE, taxonomy).get("content")
    assert summary is not None
    text = summary.value
    assert text.startswith("刘先生/女士反映：")
    assert "福田区幸福路18号" in text and "装修太吵" in text and "希望你们赶紧管一管" in text
    assert "13812345678" not in text and "喂" not in text and "你好" not in text
    assert len(text) <= SUMMARY_LIMIT
    for said in summary.said:  # every clause is the caller's, word for word
        assert NOISE[said.start : said.end] == said.words
        assert said.words in text


def test_the_summary_of_a_long_call_stays_within_the_limit_and_keeps_the_request(taxonomy: Taxonomy) -> None:
    rambling = " ".join(
        [
            "你好我姓王",
            "我们小区门口那个烧烤店油烟特别大",
            "每天晚上从六点一直弄到凌晨两点",
            "烟全部飘到我家窗户里面",
            "家里有老人有小孩",
            "衣服都不敢晒在外面",
            "之前也找过物业物业说管不了",
            "也找过他们老板老板态度很差",
            "我们整栋楼的人都受不了了",
            "孩子还要上学晚上根本睡不好",
            "希望你们派人来查一查让他装个油烟净化器",
        ]
    )
    summary = heard(rambling, taxonomy).get("content")
    assert summary is not None
    assert len(summary.value) <= SUMMARY_LIMIT
    assert "希望你们派人来查一查让他装个油烟净化器" in summary.value
    assert "油烟特别大" in summary.value


def test_a_summary_works_on_text_run_together_without_any_pause(taxonomy: Taxonomy) -> None:
    said = "喂你好我想问一下就是公积金怎么提取然后需要带什么材料谢谢"
    found = heard(said, taxonomy)
    summary = found.get("content")
    assert summary is not None
    assert "公积金怎么提取" in summary.value and "谢谢" not in summary.value
    assert value(found, "kind") == "consultation"


def test_an_emergency_clause_goes_into_the_summary_first(taxonomy: Taxonomy) -> None:
    said = "你好 我姓陈 我家厨房一股好大的煤气味 我老公不在家 我不敢开灯 你们快派人来"
    summary = heard(said, taxonomy).get("content")
    assert summary is not None
    assert summary.value.startswith("陈女士反映：我家厨房一股好大的煤气味")


def test_a_corrected_number_suggests_the_last_one_said(taxonomy: Taxonomy) -> None:
    said = "我电话是13812345678 不对 是13912345678"
    found = heard(said, taxonomy).get("caller_phone")
    assert found is not None and found.value == "13912345678"
    assert said[found.said[0].start : found.said[0].end] == "13912345678"


def test_a_time_ahead_of_the_call_is_not_when_it_happened(taxonomy: Taxonomy) -> None:
    """明天上午 is when the caller wants someone to come, not when it happened."""
    assert value(heard("能不能明天上午派人来看一下", taxonomy), "occurred_at") is None
    assert value(heard("前天下午开始停水了 明天上午能不能来人", taxonomy), "occurred_at") == (
        "2026-12-05 15:00"
    )


def test_nothing_is_suggested_when_nothing_was_said(taxonomy: Taxonomy) -> None:
    assert heard("", taxonomy) == Suggestions()
    assert heard("喂 你好 嗯", taxonomy).fields == ()


def test_the_district_follows_the_jurisdiction_of_the_centre(taxonomy: Taxonomy) -> None:
    said = "我在浦东新区张杨路那边 路灯坏了好几天了"
    assert value(heard(said, taxonomy, city="上海市"), "district") == "浦东新区"
    assert value(heard(said, taxonomy, city="深圳市"), "district") is None


def test_a_number_read_out_and_fillers_stay_out_of_the_summary(taxonomy: Taxonomy) -> None:
    said = "我们楼那个电梯嗯 这个礼拜已经坏了三次了 我的电话是幺三九 幺幺零六 二三八五 我想问一下"
    summary = heard(said, taxonomy).get("content")
    assert summary is not None
    assert summary.value == "我们楼电梯，这个礼拜已经坏了三次了。"
    assert [s.words for s in summary.said] == ["我们楼那个电梯", "这个礼拜已经坏了三次了"]  # as said


def test_the_place_is_named_once_in_the_summary(taxonomy: Taxonomy) -> None:
    """Told in the caller's words (那个 and all), it is not put in front again as the fields have it."""
    told = heard("我是南山区那个桃源村的住户 我们楼电梯这个礼拜坏了三次了", taxonomy).get("content")
    assert told is not None and told.value.count("南山区") == 1
    untold = heard("我们楼电梯这个礼拜坏了三次了 南山区", taxonomy)  # too short a clause to keep
    summary = untold.get("content")
    assert summary is not None and summary.value.startswith("南山区，")  # from the district field


@pytest.mark.parametrize(
    ("said", "plate"),
    [
        ("我的车 粤B12345 昨天在路口被拍了 我觉得罚错了", "粤B12345"),
        ("车牌是 京 a d 1 2 3 4 违章我不认", "京AD1234"),  # read out letter by letter, lower case
        ("就是那辆沪AD12345的新能源车 天天占消防通道", "沪AD12345"),
    ],
)
def test_a_plate_said_in_the_call_is_suggested_with_its_words(
    taxonomy: Taxonomy, said: str, plate: str
) -> None:
    found = heard(said, taxonomy).get("plate_number")
    assert found is not None and found.value == plate
    assert found.said[0].words.replace(" ", "").upper() == plate


def test_a_company_named_in_the_call_is_suggested_and_a_company_not_named_is_not(taxonomy: Taxonomy) -> None:
    found = heard("我们小区的物业公司叫万家物业 收了钱不办事 我要投诉", taxonomy).get("company_name")
    assert found is not None and found.value == "万家物业" and found.said[0].words == "万家物业"
    assert value(heard("我投诉一下银行 我去取钱要我说清楚用途", taxonomy), "company_name") is None
    assert value(heard("我们公司中午订的盒饭 吃完以后好多人都在吐", taxonomy), "company_name") is None
    assert value(heard("粤12345 电话13812345678", taxonomy), "plate_number") is None  # no plate: no letter
