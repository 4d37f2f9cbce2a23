"""Specification of SLA deadlines (时限): 派单, 联系市民, 办结, levels and the policy data."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar import WorkCalendar
from app.domain.kinds import Kind, Priority
from app.domain.sla import SlaClock, SlaConfigError, SlaDuration, SlaLevel, SlaOverride, SlaPolicy

TZ = ZoneInfo("Asia/Shanghai")
RESOURCES = Path(__file__).resolve().parents[3] / "resources"

CALENDAR = WorkCalendar.from_mapping(
    {
        "years": {
            2026: {
                "status": "official",
                "holidays": [
                    {
                        "name": "春节",
                        "from": "2026-02-15",
                        "to": "2026-02-23",
                        "make_up_workdays": ["2026-02-14", "2026-02-28"],
                    }
                ],
            }
        }
    }
)

POLICY_DATA: dict[str, Any] = {
    "levels": {"amber": 0.5, "red": 0.8},
    "priorities": {
        "urgent": {"dispatch": "30m", "contact": "24h", "close": "1d"},
        "fast": {"dispatch": "2h", "contact": "24h", "close": "3wd"},
        "normal": {"dispatch": "8wh", "contact": "24h", "close": "15wd"},
    },
    "overrides": [
        {"kind": "consultation", "close": "1wd"},
        {"category": "CJ.GS.TS", "min_priority": "fast"},
    ],
}
CLOCK = SlaClock(SlaPolicy.from_mapping(POLICY_DATA), CALENDAR)


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


# ── deadlines per priority ───────────────────────────────────────────────────────────────────────


def test_urgent_ticket_must_be_dispatched_within_30_minutes_even_at_night() -> None:
    deadlines = CLOCK.deadlines(Kind.HELP, None, Priority.URGENT, at(3, 7, 2))  # Saturday 02:00
    assert deadlines.dispatch_due == at(3, 7, 2, 30)


def test_urgent_ticket_closes_within_one_calendar_day_even_over_spring_festival() -> None:
    deadlines = CLOCK.deadlines(Kind.HELP, None, Priority.URGENT, at(2, 16, 10))
    assert deadlines.close_due == at(2, 17, 10)


def test_fast_ticket_must_be_dispatched_within_two_calendar_hours() -> None:
    deadlines = CLOCK.deadlines(Kind.COMPLAINT, None, Priority.FAST, at(3, 6, 17))
    assert deadlines.dispatch_due == at(3, 6, 19)


def test_fast_ticket_closes_after_three_working_days() -> None:
    deadlines = CLOCK.deadlines(Kind.COMPLAINT, None, Priority.FAST, at(3, 6, 11))  # Friday
    assert deadlines.close_due == at(3, 11, 18)  # Mon, Tue, Wed


def test_normal_ticket_dispatch_counts_eight_working_hours_over_the_weekend() -> None:
    # Friday 16:00-18:00 is 2 h; Monday 09:00-12:00 3 h; 13:30 + 3 h.
    deadlines = CLOCK.deadlines(Kind.COMPLAINT, None, Priority.NORMAL, at(3, 6, 16))
    assert deadlines.dispatch_due == at(3, 9, 16, 30)


def test_normal_ticket_close_skips_spring_festival_holiday() -> None:
    # Fri 13 Feb: 14 (调休 Saturday), 24, 25, 26, 27, 28 (调休 Saturday), 2-6 Mar, 9-12 Mar = 15.
    deadlines = CLOCK.deadlines(Kind.COMPLAINT, None, Priority.NORMAL, at(2, 13, 10))
    assert deadlines.close_due == at(3, 12, 18)


def test_contact_is_due_24_calendar_hours_after_dispatch() -> None:
    deadlines = CLOCK.deadlines(
        Kind.COMPLAINT, None, Priority.NORMAL, at(3, 6, 10), dispatched_at=at(3, 6, 15)
    )
    assert deadlines.dispatch_due == at(3, 9, 10, 30)  # still counted from acceptance
    assert deadlines.contact_due == at(3, 7, 15)
    assert deadlines.close_due == CALENDAR.add_working_days(at(3, 6, 15), 15)


def test_contact_and_close_are_projected_from_acceptance_before_dispatch() -> None:
    deadlines = CLOCK.deadlines(Kind.COMPLAINT, None, Priority.FAST, at(3, 2, 10))
    assert deadlines.contact_due == at(3, 3, 10)
    assert deadlines.close_due == at(3, 5, 18)


def test_deadlines_come_back_in_calendar_timezone_for_utc_input() -> None:
    deadlines = CLOCK.deadlines(Kind.HELP, None, Priority.URGENT, datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    assert deadlines.dispatch_due == at(3, 2, 10, 30)
    assert deadlines.dispatch_due.tzinfo == TZ


def test_deadlines_tell_which_clock_each_limit_runs_on() -> None:
    rule = CLOCK.deadlines(Kind.COMPLAINT, None, Priority.NORMAL, at(3, 2, 10)).rule
    assert (rule.dispatch.clock, rule.contact.clock, rule.close.clock) == ("working", "calendar", "working")


def test_naive_acceptance_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        CLOCK.deadlines(Kind.HELP, None, Priority.URGENT, datetime(2026, 3, 2, 10))


# ── overrides ────────────────────────────────────────────────────────────────────────────────────


def test_consultation_closes_by_end_of_next_working_day() -> None:
    deadlines = CLOCK.deadlines(Kind.CONSULTATION, None, Priority.NORMAL, at(3, 6, 10))
    assert deadlines.close_due == at(3, 9, 18)
    assert deadlines.dispatch_due == at(3, 9, 10, 30)  # other limits stay those of 一般


def test_water_outage_is_treated_as_fast_even_when_seat_picked_normal() -> None:
    deadlines = CLOCK.deadlines(Kind.HELP, "CJ.GS.TS", Priority.NORMAL, at(3, 6, 17))
    assert deadlines.rule.priority is Priority.FAST
    assert deadlines.dispatch_due == at(3, 6, 19)


def test_category_override_never_lowers_an_urgent_ticket() -> None:
    deadlines = CLOCK.deadlines(Kind.HELP, "CJ.GS.TS", Priority.URGENT, at(3, 6, 17))
    assert deadlines.rule.priority is Priority.URGENT
    assert deadlines.dispatch_due == at(3, 6, 17, 30)


@pytest.mark.parametrize("code", ["CJ.GS", "CJ.GS.TSX", "CJ.WY.DT", "XX.YY.ZZ", None])
def test_category_prefix_matches_whole_segments_only(code: str | None) -> None:
    rule = CLOCK.policy.rule_for(Kind.HELP, code, Priority.NORMAL)
    assert rule.priority is Priority.NORMAL


PRECEDENCE_OVERRIDES: list[dict[str, str]] = [
    {"kind": "complaint", "close": "10wd"},
    {"category": "CJ.GS", "close": "5wd", "dispatch": "1h"},
    {"category": "CJ.GS", "kind": "complaint", "close": "4wd"},
    {"category": "CJ.GS.TS", "close": "2wd"},
]


@pytest.mark.parametrize(
    "overrides", [PRECEDENCE_OVERRIDES, PRECEDENCE_OVERRIDES[::-1]], ids=["as-is", "reversed"]
)
@pytest.mark.parametrize(
    ("kind", "code", "close"),
    [
        (Kind.COMPLAINT, None, "10wd"),  # kind only
        (Kind.COMPLAINT, "CJ.WY.DT", "10wd"),  # category does not match
        (Kind.HELP, "CJ.GS.SZ", "5wd"),  # category only
        (Kind.COMPLAINT, "CJ.GS.SZ", "4wd"),  # category + kind beats category and kind alone
        (Kind.COMPLAINT, "CJ.GS.TS", "2wd"),  # deeper category beats all shallower ones
        (Kind.HELP, "CJ.GS.TS", "2wd"),
    ],
)
def test_most_specific_override_wins_whatever_the_list_order(
    overrides: list[dict[str, str]], kind: Kind, code: str | None, close: str
) -> None:
    policy = SlaPolicy.from_mapping({**POLICY_DATA, "overrides": overrides})
    assert str(policy.rule_for(kind, code, Priority.NORMAL).close) == close


def test_overrides_combine_per_limit() -> None:
    policy = SlaPolicy.from_mapping({**POLICY_DATA, "overrides": PRECEDENCE_OVERRIDES})
    rule = policy.rule_for(Kind.COMPLAINT, "CJ.GS.TS", Priority.NORMAL)
    # close from the deepest category, dispatch from CJ.GS (the only one setting it), contact from 一般.
    assert (str(rule.dispatch), str(rule.contact), str(rule.close)) == ("1h", "24h", "2wd")


def test_override_specificity_orders_kind_below_category_below_category_with_kind() -> None:
    kind_only = SlaOverride(kind=Kind.HELP)
    shallow = SlaOverride(category="CJ.GS")
    shallow_with_kind = SlaOverride(kind=Kind.HELP, category="CJ.GS")
    deep = SlaOverride(category="CJ.GS.TS")
    assert kind_only.specificity < shallow.specificity < shallow_with_kind.specificity < deep.specificity


# ── remaining time and levels ────────────────────────────────────────────────────────────────────


def test_remaining_is_negative_when_overdue() -> None:
    assert CLOCK.remaining(at(3, 2, 10), at(3, 2, 10, 45), "calendar") == -timedelta(minutes=45)


def test_remaining_working_time_ignores_the_weekend() -> None:
    assert CLOCK.remaining(at(3, 9, 10), at(3, 6, 17), "working") == timedelta(hours=2)
    assert CLOCK.remaining(at(3, 9, 10), at(3, 6, 17), "calendar") == timedelta(hours=65)


def test_remaining_working_time_is_negative_when_overdue() -> None:
    assert CLOCK.remaining(at(3, 6, 17), at(3, 9, 10), "working") == -timedelta(hours=2)


def test_remaining_with_unknown_clock_is_refused() -> None:
    with pytest.raises(ValueError, match="clock"):
        CLOCK.remaining(at(3, 2, 10), at(3, 2, 9), "wall")  # type: ignore[arg-type]


def test_remaining_refuses_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        CLOCK.remaining(at(3, 2, 10), datetime(2026, 3, 2, 9), "calendar")


@pytest.mark.parametrize(
    ("minutes_used", "level"),
    [
        (0, SlaLevel.GREEN),
        (49, SlaLevel.GREEN),
        (50, SlaLevel.AMBER),
        (79, SlaLevel.AMBER),
        (80, SlaLevel.RED),
        (100, SlaLevel.RED),  # exactly at the deadline: late only after it
        (101, SlaLevel.OVERDUE),
    ],
)
def test_level_follows_share_of_allowed_time_used(minutes_used: int, level: SlaLevel) -> None:
    started = at(3, 2, 10)
    due = started + timedelta(minutes=100)
    assert CLOCK.level(started, due, started + timedelta(minutes=minutes_used)) is level


def test_level_thresholds_come_from_policy_data() -> None:
    policy = SlaPolicy.from_mapping({**POLICY_DATA, "levels": {"amber": 0.2, "red": 0.9}})
    clock = SlaClock(policy, CALENDAR)
    started = at(3, 2, 10)
    due = started + timedelta(minutes=100)
    assert clock.level(started, due, started + timedelta(minutes=25)) is SlaLevel.AMBER
    assert clock.level(started, due, started + timedelta(minutes=85)) is SlaLevel.AMBER
    assert clock.level(started, due, started + timedelta(minutes=90)) is SlaLevel.RED


def test_level_on_working_clock_does_not_count_the_weekend_as_used() -> None:
    started, due, now = at(3, 6, 17), at(3, 9, 10), at(3, 7, 12)  # Fri 17:00 → Mon 10:00, now Saturday
    assert CLOCK.level(started, due, now, clock="working") is SlaLevel.AMBER  # 1 h of 2 h used
    assert CLOCK.level(started, due, now, clock="calendar") is SlaLevel.GREEN  # 19 h of 65 h used


def test_the_running_level_uses_the_running_limits_own_clock() -> None:
    """A normal ticket taken on the evening before 春节 has used none of its 8 working hours to 派单
    late in the holiday (calendar time would say most of them), while a 30-minute urgent one is late."""
    accepted, now = at(2, 14, 18, 30), at(2, 22, 12)
    normal = CLOCK.deadlines(Kind.COMPLAINT, "CJ.WY.DT", Priority.NORMAL, accepted)
    urgent = CLOCK.deadlines(Kind.COMPLAINT, "CJ.WY.DT", Priority.URGENT, accepted)

    def level(priority: Priority, due: datetime, *, dispatched: bool = False) -> SlaLevel:
        return CLOCK.running_level(
            Kind.COMPLAINT, "CJ.WY.DT", priority, dispatched=dispatched, started=accepted, due=due, now=now
        )

    assert level(Priority.NORMAL, normal.dispatch_due) is SlaLevel.GREEN
    assert CLOCK.level(accepted, normal.dispatch_due, now) is not SlaLevel.GREEN  # the calendar clock
    assert level(Priority.URGENT, urgent.dispatch_due) is SlaLevel.OVERDUE
    assert level(Priority.NORMAL, normal.close_due, dispatched=True) is SlaLevel.GREEN  # 15 working days


def test_level_with_no_time_allowed_is_red_until_due() -> None:
    assert CLOCK.level(at(3, 2, 10), at(3, 2, 10), at(3, 2, 10)) is SlaLevel.RED


# ── durations ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "clock"),
    [("30m", "calendar"), ("2h", "calendar"), ("1d", "calendar"), ("8wh", "working"), ("15wd", "working")],
)
def test_duration_says_which_clock_it_runs_on(text: str, clock: str) -> None:
    duration = SlaDuration.parse(text, "x")
    assert duration.clock == clock
    assert str(duration) == text


@pytest.mark.parametrize("value", ["30", 30, "0h", "2 hours", "-1h", "1.5h", "2H", "", None, "3w"])
def test_bad_duration_is_refused_with_key_and_value(value: object) -> None:
    with pytest.raises(
        SlaConfigError, match=r"priorities\.fast\.close: .*" + repr(value).replace("(", r"\(")
    ):
        SlaDuration.parse(value, "priorities.fast.close")


# ── bad configuration ────────────────────────────────────────────────────────────────────────────


def with_change(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(POLICY_DATA)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def without(path: list[Any]) -> dict[str, Any]:
    data = copy.deepcopy(POLICY_DATA)
    target = data
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (without(["priorities", "fast"]), r"priorities\.fast: missing"),
        (without(["priorities", "normal", "contact"]), r"priorities\.normal: missing limit.*contact"),
        (
            with_change(["priorities", "normal", "dispach"], "8wh"),
            r"priorities\.normal: unknown key.*dispach",
        ),
        (with_change(["priorities", "critical"], {}), r"priorities: unknown key.*critical"),
        (with_change(["priorities", "urgent", "dispatch"], "half an hour"), r"priorities\.urgent\.dispatch"),
        (
            with_change(["overrides", 0, "kind"], "咨询"),
            r"overrides\[0\]\.kind: unknown value '咨询'.*consultation",
        ),
        (with_change(["overrides", 1, "min_priority"], "asap"), r"overrides\[1\]\.min_priority.*asap"),
        (with_change(["overrides", 1, "category"], "CJ..GS"), r"overrides\[1\]\.category.*CJ\.\.GS"),
        (with_change(["overrides", 1], {"close": "1wd"}), r"overrides\[1\]: needs 'kind' and/or 'category'"),
        (with_change(["overrides", 1], {"kind": "help"}), r"overrides\[1\]: sets nothing"),
        (with_change(["overrides", 1], {"kind": "consultation", "close": "2wd"}), r"overrides\[1\]: another"),
        (with_change(["overrides", 0, "when"], "never"), r"overrides\[0\]: unknown key.*when"),
        (with_change(["levels", "amber"], 0.9), "amber.*must be below red"),
        (with_change(["levels", "red"], 80), r"levels\.red: .*80"),
        (with_change(["levels", "red"], True), r"levels\.red"),
        (without(["levels"]), "levels: expected a mapping"),
        (with_change(["overrides"], {"kind": "help"}), "overrides: expected a list"),
        (with_change(["escalation"], {}), "sla: unknown key.*escalation"),
    ],
)
def test_bad_policy_data_is_refused_with_key_named(data: dict[str, Any], message: str) -> None:
    with pytest.raises(SlaConfigError, match=message):
        SlaPolicy.from_mapping(data)


# ── the shipped data ─────────────────────────────────────────────────────────────────────────────


def shipped_clock() -> SlaClock:
    def load(name: str) -> Any:
        return yaml.safe_load((RESOURCES / name).read_text("utf-8"))

    return SlaClock(
        SlaPolicy.from_mapping(load("sla.yaml")), WorkCalendar.from_mapping(load("holidays.yaml"))
    )


def test_shipped_sla_yaml_follows_the_reference_rules() -> None:
    rules = shipped_clock().policy.rules
    assert str(rules[Priority.URGENT].dispatch) == "30m"
    assert str(rules[Priority.FAST].dispatch) == "2h"
    assert str(rules[Priority.NORMAL].dispatch) == "8wh"
    assert {str(rule.contact) for rule in rules.values()} == {"24h"}
    assert [str(rules[p].close) for p in Priority] == ["1d", "3wd", "15wd"]


@pytest.mark.parametrize(
    ("kind", "close"), [(Kind.CONSULTATION, "1wd"), (Kind.SUGGESTION, "15wd"), (Kind.PRAISE, "3wd")]
)
def test_shipped_kind_overrides(kind: Kind, close: str) -> None:
    assert str(shipped_clock().policy.rule_for(kind, None, Priority.FAST).close) == close


def test_shipped_deadline_over_spring_festival() -> None:
    deadlines = shipped_clock().deadlines(Kind.COMPLAINT, None, Priority.FAST, at(2, 13, 17))
    assert deadlines.close_due == at(2, 25, 18)  # 14 (调休), 24, 25


# ── properties ───────────────────────────────────────────────────────────────────────────────────

moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 1), timezones=st.just(TZ))


@given(
    moments, st.sampled_from(list(Kind)), st.sampled_from(list(Priority)), st.sampled_from([None, "CJ.GS.TS"])
)
def test_every_deadline_lies_after_acceptance(
    accepted: datetime, kind: Kind, priority: Priority, code: str | None
) -> None:
    deadlines = CLOCK.deadlines(kind, code, priority, accepted)
    assert min(deadlines.dispatch_due, deadlines.contact_due, deadlines.close_due) > accepted


@given(moments, st.sampled_from(list(Kind)), st.sampled_from([None, "CJ.GS.TS"]))
def test_more_urgent_priority_never_gets_a_later_dispatch_deadline(
    accepted: datetime, kind: Kind, code: str | None
) -> None:
    urgent, fast, normal = (CLOCK.deadlines(kind, code, p, accepted).dispatch_due for p in Priority)
    assert urgent <= fast <= normal


@given(moments, st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=30)), moments)
def test_level_is_overdue_exactly_when_remaining_is_negative(
    started: datetime, allowed: timedelta, now: datetime
) -> None:
    due = started + allowed
    overdue = CLOCK.level(started, due, now) is SlaLevel.OVERDUE
    assert overdue == (CLOCK.remaining(due, now, "calendar") < timedelta(0))
