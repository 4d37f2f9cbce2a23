"""When it happened, from how the caller says it, resolved against the moment of the call."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.intake.when import time_mentions

ZONE = ZoneInfo("Asia/Shanghai")
CALL = datetime(2026, 12, 7, 9, 30, tzinfo=ZONE)  # a Monday morning


def heard(said: str) -> list[tuple[str, str]]:
    return [(m.at.strftime("%m-%d %H:%M"), m.precision) for m in time_mentions(said, CALL)]


@pytest.mark.parametrize(
    ("said", "at", "precision"),
    [
        ("昨天晚上十点楼下还在施工", "12-06 22:00", "hour"),
        ("昨天 晚上 10点 开始的", "12-06 22:00", "hour"),  # digits from speech post-processing, spaces
        ("昨晚十一点半", "12-06 23:30", "minute"),
        ("前天下午停的电", "12-05 15:00", "part"),
        ("上周三我去办的", "12-02 00:00", "day"),
        ("上个星期五下午三点", "12-04 15:00", "hour"),
        ("今天早上七点多就停水了", "12-07 07:00", "hour"),
        ("三号晚上", "12-03 20:00", "part"),
        ("十五号那天", "11-15 00:00", "day"),  # the 15th is still ahead this month: last month's
        ("晚上十点", "12-06 22:00", "hour"),  # said in the morning: last night
        ("周六", "12-05 00:00", "day"),
        ("两个小时前", "12-07 07:30", "hour"),
        ("半个小时前", "12-07 09:00", "hour"),
        ("三天前", "12-04 00:00", "day"),
        ("大前天夜里两点", "12-05 02:00", "hour"),  # the small hours after that evening
        ("昨天晚上十二点", "12-07 00:00", "hour"),
        ("今天中午一点", "12-07 13:00", "hour"),
        ("十二月五号上午十点一刻", "12-05 10:15", "minute"),
        ("明天上午", "12-08 10:00", "part"),  # ahead only when said so
    ],
)
def test_a_time_said_becomes_a_date_time_before_the_call(said: str, at: str, precision: str) -> None:
    assert heard(said) == [(at, precision)]


@pytest.mark.parametrize(
    "said", ["我住十五号楼", "幸福路18号", "地铁3号线", "十点钟", "我来晚了", "二月三十号"]
)
def test_house_numbers_lines_counts_and_impossible_dates_are_no_time(said: str) -> None:
    assert heard(said) == []


def test_each_time_keeps_its_span_and_words() -> None:
    said = "我姓王 昨天晚上十点多 楼上又在装修"
    (mention,) = time_mentions(said, CALL)
    assert said[mention.start : mention.end] == mention.said == "昨天晚上十点多"
    assert mention.at.tzinfo is ZONE
