"""When it happened, as the caller says it (事发时间): 昨天晚上十点, 前天下午, 上周三, 今天早上七点多,
三号晚上, 两个小时前 → a date-time relative to the moment of the call, with how precise it is.

Callers of a hotline tell what already happened, so a day or hour said without a direction is the
last one before the call: 晚上十点 said at nine in the morning is last night, 三号 said on the 2nd is
the 3rd of last month, 周三 said on a Monday is last week's. Only 明天, 后天 and 下周 point ahead.
Numbers come spoken (十点, 两点半) or already as digits (10点, from the speech post-processing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from app.intake.spoken import Compact

Precision = Literal["day", "part", "hour", "minute"]  # 昨天 · 昨天晚上 · 晚上十点(多) · 十点二十

_NUM = "[零〇一二两三四五六七八九十0-9]+"
_DAYS = {"大前天": -3, "前天": -2, "昨天": -1, "昨晚": -1, "昨儿": -1, "今天": 0, "今早": 0, "今晚": 0,
         "今儿": 0, "当天": 0, "明天": 1, "后天": 2}  # fmt: skip
_DAY_PARTS = {"昨晚": "晚上", "今早": "早上", "今晚": "晚上"}  # 昨晚 = 昨天 + 晚上
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKS = {"上上": -2, "上": -1, "上个": -1, "这": 0, "这个": 0, "本": 0, "下": 1, "下个": 1}
# The hour a part of the day stands for when no hour is said, and whether its hours are after noon.
_PARTS = {"凌晨": (3, False), "早上": (7, False), "早晨": (7, False), "清早": (7, False),
          "一早": (7, False), "上午": (10, False), "中午": (12, False), "下午": (15, True),
          "傍晚": (18, True), "晚上": (20, True), "夜里": (23, True), "半夜": (0, False),
          "深夜": (23, True), "晚": (20, True)}  # fmt: skip
_NIGHT = ("晚上", "夜里", "半夜", "深夜", "晚")
_DAY = (
    f"(?P<day>{'|'.join(sorted(_DAYS, key=len, reverse=True))})"
    f"|(?P<ago>{_NUM})天(?:前|以前|之前)"
    f"|(?P<week>上上|上个|这个|上|这|本|下个|下)?(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天1-7])"
    # 十五号楼, 3号线 and 幸福路18号 are places, not days.
    f"|(?<![路街巷弄道村0-9零〇一二两三四五六七八九十])(?:(?P<month>{_NUM})月(?:份)?)?(?P<mday>{_NUM})(?:号|日)(?![楼院线门房铺车柜窗床栋])"
)
_PART = f"(?P<part>{'|'.join(sorted(_PARTS, key=len, reverse=True))})"
_CLOCK = (
    f"(?P<hour>{_NUM})点(?:钟)?(?:(?P<half>半)|(?P<quarter>一刻|三刻)|(?P<minute>{_NUM})分?)?"
    "(?P<about>多|左右)?"
)
# A clock alone (十点) is left out: without a day or a part of the day it is too often a count.
_PATTERN = re.compile(
    f"(?P<hours_ago>{_NUM}|半)个?(?:小时|钟头)(?:前|以前|之前)|(?:{_DAY})?(?:{_PART})?(?:{_CLOCK})?"
)


@dataclass(frozen=True)
class TimeMention:
    """A moment the caller named: `at` with `precision` (昨天 → midnight of that day, precision day)."""

    at: datetime
    precision: Precision
    said: str
    start: int  # span in the text given to time_mentions()
    end: int


def time_mentions(text: str, call_at: datetime) -> list[TimeMention]:
    """Every time expression in `text`, in order, resolved against `call_at` (the call's start)."""
    spoken = Compact.of(text)
    found = []
    for match in _PATTERN.finditer(spoken.text):
        if not match.group("hours_ago") and not _has_day(match) and not match.group("part"):
            continue  # nothing, or a clock alone
        if match.group("part") == "晚" and not match.group("hour"):
            continue  # 晚 alone is 'late' (来晚了), not 'evening'
        at = _resolve(match, call_at)
        if at is not None:
            start, end = spoken.span(*match.span())
            found.append(TimeMention(at[0], at[1], text[start:end], start, end))
    return found


def _resolve(match: re.Match[str], now: datetime) -> tuple[datetime, Precision] | None:
    if match.group("hours_ago"):
        said = match.group("hours_ago")
        hours = 0.5 if said == "半" else _number(said)
        return None if hours is None else (now - timedelta(hours=hours), "hour")
    day = _day(match, now.date())
    if day is None:
        return None
    part = match.group("part") or _DAY_PARTS.get(match.group("day") or "")
    hour = _number(match.group("hour")) if match.group("hour") else None
    explicit_day = _has_day(match)
    if hour is None and part is None:
        return datetime.combine(day, time(), now.tzinfo), "day"
    if hour is None:
        assert part is not None
        hour, precision = _PARTS[part][0], "part"
    else:
        precision = (
            "minute" if match.group("minute") or match.group("half") or match.group("quarter") else "hour"
        )
        if match.group("about"):
            precision = "hour"
    minute = _minute(match)
    if hour is None or minute is None or not 0 <= hour <= 24 or not 0 <= minute < 60:
        return None
    night = part in _NIGHT
    if night and (hour in (12, 24) or 0 <= hour <= 4):
        # 夜里两点, 晚上十二点: the small hours after that evening, on the next day's date.
        hour, day = hour % 12, day + timedelta(days=1)
    elif part is not None and _PARTS[part][1] and hour < 12 and precision != "part":
        hour += 12  # 晚上十点 is 22:00
    elif part == "中午" and 1 <= hour <= 2:
        hour += 12  # 中午一点
    at = datetime.combine(day, time(hour % 24, minute), now.tzinfo)
    if not explicit_day and at > now:
        at -= timedelta(days=1)  # 晚上十点 said in the morning: last night
    return at, precision  # type: ignore[return-value]


def _has_day(match: re.Match[str]) -> bool:
    return any(match.group(name) for name in ("day", "ago", "weekday", "mday"))


def _day(match: re.Match[str], today: date) -> date | None:
    if said := match.group("day"):
        return today + timedelta(days=_DAYS[said])
    if said := match.group("ago"):
        days = _number(said)
        return None if days is None else today - timedelta(days=days)
    if said := match.group("weekday"):
        weekday = _WEEKDAYS[said] if said in _WEEKDAYS else int(said) - 1
        monday = today - timedelta(days=today.weekday())
        if (week := match.group("week")) is not None:
            return monday + timedelta(weeks=_WEEKS[week], days=weekday)
        back = (today.weekday() - weekday) % 7  # 周三 alone: the last Wednesday, today included
        return today - timedelta(days=back)
    if said := match.group("mday"):
        return _month_day(match.group("month"), said, today)
    return today  # a part of the day or a clock alone: today, or yesterday once resolved


def _month_day(month_said: str | None, day_said: str, today: date) -> date | None:
    day = _number(day_said)
    month = _number(month_said) if month_said else today.month
    if day is None or month is None:
        return None
    year = today.year
    try:
        found = date(year, month, day)
        if found > today:  # the 3rd said on the 2nd: last month's (or last year's)
            if month_said:
                found = date(year - 1, month, day)
            else:
                found = date(year - 1, 12, day) if month == 1 else date(year, month - 1, day)
    except ValueError:
        return None  # 二月三十号
    return found


def _minute(match: re.Match[str]) -> int | None:
    if match.group("half"):
        return 30
    if quarter := match.group("quarter"):
        return 15 if quarter == "一刻" else 45
    if said := match.group("minute"):
        return _number(said)
    return 0


def _number(said: str) -> int | None:
    """十 → 10, 两 → 2, 二十三 → 23, 10 → 10; None when it is no number (十十)."""
    if said.isdigit():
        return int(said)
    import cn2an  # a third of a second to import: paid on the worker at the first time said

    try:
        return int(cn2an.cn2an(said.replace("两", "二").replace("〇", "零"), "smart"))
    except ValueError:
        return None
