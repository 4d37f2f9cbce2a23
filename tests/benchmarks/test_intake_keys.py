"""The keystrokes benchmark: it files real tickets through the window's own keys, and counts what it
says it counts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.domain.draft import Draft
from app.domain.kinds import Kind
from benchmarks.intake_keys import TARGET_MEDIAN, Call, load, pinyin_keys, run, wrong

# Two calls in the development set's format (tests/data/intake/calls.jsonl): one the suggestions
# get right, one whose number is read out in groups and whose caller gives only a surname.
CALLS = [
    {
        "id": "k1", "city": "深圳市", "kind": "complaint", "category": "CJ.WY.DT", "phone": "13826541907",
        "name": "刘女士", "district": "南山区", "emergency": [],
        "text": "喂你好 我是南山区那个桃源村的住户 我姓刘 我们楼那个电梯嗯 这个礼拜已经坏了三次了"
        " 我老公腿不好上下楼根本走不了 物业就是拖着不修 我电话幺三八二六五四幺九零七",
    },
    {
        "id": "k2", "city": "北京市", "kind": "complaint", "category": "ST.ZS.GC", "phone": "13911062385",
        "name": "", "district": "朝阳区", "emergency": [],
        "text": "你好 我住朝阳那边的 我们小区楼下每天晚上那个广场舞 音响开得特别大 都九点半了还在跳"
        " 孩子写作业都写不了 跟物业说了也不管 我的电话是幺三九 幺幺零六 二三八五",
    },
]  # fmt: skip


def test_two_calls_are_filed_correctly_both_ways_and_suggestions_take_far_fewer_actions(
    tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in CALLS), encoding="utf-8")
    report = run(load(path, 2))
    assert report["calls"] == 2 and report["all_accepted_and_correct"]
    for row in report["per_call"]:
        assert row["suggested_fixes"][0] == "F11:1" and row["suggested_fixes"][-1] == "Ctrl+Enter:1"
        assert row["suggested"] == sum(int(f.split(":")[1]) for f in row["suggested_fixes"])
        assert row["suggested"] * 10 < row["plain"]
    assert report["suggested"]["median"] <= TARGET_MEDIAN == report["target_median"]


def test_chinese_is_counted_as_pinyin_keys_and_a_commit_per_phrase() -> None:
    assert pinyin_keys("刘女士") == len("liunvshi") + 1
    assert pinyin_keys("13812345678") == 11
    assert pinyin_keys("电梯坏了，物业不修") == len("diantihuaile") + 1 + 1 + len("wuyebuxiu") + 1


def test_a_call_counts_only_when_filed_as_labelled_and_says_why_not() -> None:
    call = Call("k", "深圳市", "…", "complaint", "CJ.WY.DT", "13826541907", "刘女士", "南山区", ())
    started = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    draft = Draft("d", "A01", started, kind=Kind.COMPLAINT, category_code="CJ.WY.DT").with_fields(
        caller_name="刘女士", caller_phone="13826541907", district="南山区"
    )
    assert wrong(draft.to_ticket("1"), call) == []
    assert wrong(draft.with_fields(caller_name="刘先生").to_ticket("1"), call) == ["name:刘先生≠刘女士"]
    assert wrong(["district:field_required"], call) == ["district:field_required"]  # what refused 受理
