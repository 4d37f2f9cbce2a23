"""The names of the figures (统计), of a report's rows and of its periods: wire and storage codes.
What each figure means is app.lead.figures; these are only its names, shared with the wire."""

from __future__ import annotations

from enum import StrEnum


class Figure(StrEnum):
    """The figures, in the order the report shows them. Values are wire codes."""

    ACCEPTED_ON_TIME = "accepted_on_time"  # 按时受理率
    DISPATCHED_ON_TIME = "dispatched_on_time"  # 按时派单率
    CLOSED_ON_TIME = "closed_on_time"  # 按时办结率
    SATISFIED = "satisfied"  # 满意率
    FIRST_CALL = "first_call"  # 一次性解决率
    REOPENED = "reopened"  # 重办率
    HANDLING = "handling"  # 平均处理时长 (s)
    WRAP_UP = "wrap_up"  # 平均话后时长 (s)
    CALLS_PER_HOUR = "calls_per_hour"  # 每小时接话量


class Grouping(StrEnum):
    """What a row of the report is: one seat, the whole team (all seats), a 大类, a district."""

    SEAT = "seat"
    TEAM = "team"
    CATEGORY = "category"
    DISTRICT = "district"


class Period(StrEnum):
    DAY = "day"  # 日通报
    WEEK = "week"  # 周汇总 (Monday to Sunday)
    MONTH = "month"  # 月分析
