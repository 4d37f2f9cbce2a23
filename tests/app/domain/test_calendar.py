"""Specification of the working-day calendar (工作日历) used by SLA deadlines."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar import CalendarConfigError, WorkCalendar

TZ = ZoneInfo("Asia/Shanghai")
RESOURCES = Path(__file__).resolve().parents[3] / "resources"

# The 2026 春节 and 国庆 arrangements of the State Council notice; dates both as text and as YAML dates.
DATA: dict[str, Any] = {
    "timezone": "Asia/Shanghai",
    "working_hours": ["09:00-12:00", "13:30-18:00"],
    "years": {
        2026: {
            "status": "official",
            "holidays": [
                {
                    "name": "春节",
                    "from": "2026-02-15",
                    "to": "2026-02-23",
                    "make_up_workdays": ["2026-02-14", "2026-02-28"],
                },
                {
                    "name": "国庆节",
                    "from": date(2026, 10, 1),
                    "to": date(2026, 10, 7),
                    "make_up_workdays": [date(2026, 9, 20), date(2026, 10, 10)],
                },
            ],
        },
        2027: {"status": "provisional", "holidays": [{"name": "元旦", "from": "2027-01-01"}]},
    },
}
CAL = WorkCalendar.from_mapping(DATA)


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


# ── working days ─────────────────────────────────────────────────────────────────────────────────


def test_ordinary_weekday_is_a_working_day() -> None:
    assert CAL.is_working_day(date(2026, 3, 4))  # Wednesday


def test_ordinary_weekend_is_not_a_working_day() -> None:
    assert not CAL.is_working_day(date(2026, 3, 7))  # Saturday
    assert not CAL.is_working_day(date(2026, 3, 8))  # Sunday


def test_spring_festival_weekday_is_a_holiday() -> None:
    assert not CAL.is_working_day(date(2026, 2, 16))  # Monday, 除夕 eve


def test_make_up_saturday_counts_as_working_day() -> None:
    assert CAL.is_working_day(date(2026, 2, 14))  # 调休: Saturday before 春节


def test_single_day_holiday_without_to_is_one_day() -> None:
    assert not CAL.is_working_day(date(2027, 1, 1))
    assert CAL.is_working_day(date(2027, 1, 4))


def test_datetime_is_judged_by_its_local_date() -> None:
    # Friday 20:00 UTC is already Saturday 04:00 in Shanghai.
    assert not CAL.is_working_day(datetime(2026, 3, 6, 20, 0, tzinfo=UTC))
    assert CAL.is_working_day(datetime(2026, 3, 6, 15, 0, tzinfo=UTC))


def test_only_years_from_official_notices_are_confirmed() -> None:
    assert CAL.confirmed_years == frozenset({2026})


# ── working time ─────────────────────────────────────────────────────────────────────────────────


def test_working_hours_skip_lunch_break() -> None:
    assert CAL.add_working_time(at(3, 2, 11), timedelta(hours=2)) == at(3, 2, 14, 30)


def test_working_hours_continue_next_morning() -> None:
    assert CAL.add_working_time(at(3, 2, 17), timedelta(hours=2)) == at(3, 3, 10)


def test_working_hours_skip_weekend() -> None:
    assert CAL.add_working_time(at(3, 6, 17), timedelta(hours=2)) == at(3, 9, 10)


def test_time_used_up_at_end_of_window_is_that_end_not_next_morning() -> None:
    assert CAL.add_working_time(at(3, 2, 17), timedelta(hours=1)) == at(3, 2, 18)


def test_start_in_lunch_break_waits_for_afternoon_window() -> None:
    assert CAL.add_working_time(at(3, 2, 12, 30), timedelta(minutes=30)) == at(3, 2, 14)


def test_start_on_holiday_waits_for_first_working_morning() -> None:
    assert CAL.add_working_time(at(2, 17, 10), timedelta(hours=1)) == at(2, 24, 10)


def test_make_up_saturday_provides_working_hours() -> None:
    assert CAL.add_working_time(at(2, 13, 17), timedelta(hours=2)) == at(2, 14, 10)


def test_zero_working_time_leaves_start_unchanged_even_outside_hours() -> None:
    assert CAL.add_working_time(at(3, 7, 23), timedelta(0)) == at(3, 7, 23)


def test_negative_working_time_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        CAL.add_working_time(at(3, 2, 10), timedelta(minutes=-1))


def test_working_time_between_counts_only_working_windows() -> None:
    assert CAL.working_time_between(at(3, 6, 17), at(3, 9, 10)) == timedelta(hours=2)


def test_working_time_between_is_negative_when_reversed() -> None:
    assert CAL.working_time_between(at(3, 9, 10), at(3, 6, 17)) == -timedelta(hours=2)


def test_whole_spring_festival_holiday_has_no_working_time() -> None:
    assert CAL.working_time_between(at(2, 15), at(2, 24)) == timedelta(0)


def test_full_working_day_is_seven_and_a_half_hours() -> None:
    assert CAL.working_day_length == timedelta(hours=7, minutes=30)
    assert CAL.working_time_between(at(3, 2), at(3, 3)) == CAL.working_day_length


# ── working days ─────────────────────────────────────────────────────────────────────────────────


def test_working_day_deadline_is_end_of_that_working_day() -> None:
    assert CAL.add_working_days(at(3, 2, 10), 1) == at(3, 3, 18)


def test_working_day_count_never_includes_start_day_even_before_office_hours() -> None:
    assert CAL.add_working_days(at(3, 2, 7), 1) == at(3, 3, 18)


def test_working_days_from_weekend_start_on_monday() -> None:
    assert CAL.add_working_days(at(3, 7, 10), 1) == at(3, 9, 18)


def test_deadline_skips_spring_festival_holiday() -> None:
    # Fri 13 Feb: Sat 14 is a 调休 working day (1st), 15-23 off, Tue 24 is the 2nd.
    assert CAL.add_working_days(at(2, 13, 10), 2) == at(2, 24, 18)


def test_deadline_skips_national_day_week() -> None:
    assert CAL.add_working_days(at(9, 30, 15), 1) == at(10, 8, 18)


def test_zero_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CAL.add_working_days(at(3, 2, 10), 0)


# ── timezones ────────────────────────────────────────────────────────────────────────────────────


def test_results_are_in_calendar_timezone_when_input_is_utc() -> None:
    due = CAL.add_working_time(datetime(2026, 3, 2, 1, 0, tzinfo=UTC), timedelta(hours=1))  # 09:00 local
    assert due == at(3, 2, 10)
    assert due.tzinfo == TZ


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.add_working_time(datetime(2026, 3, 2, 10), timedelta(hours=1)),
        lambda: CAL.add_working_days(datetime(2026, 3, 2, 10), 1),
        lambda: CAL.working_time_between(at(3, 2), datetime(2026, 3, 3)),
        lambda: CAL.is_working_day(datetime(2026, 3, 2, 10)),
    ],
    ids=["add_working_time", "add_working_days", "working_time_between", "is_working_day"],
)
def test_naive_datetimes_are_refused(call: Any) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_defaults_are_shanghai_and_office_hours() -> None:
    cal = WorkCalendar.from_mapping({})
    assert cal.timezone == TZ
    assert [str(w) for w in cal.windows] == ["09:00-12:00", "13:30-18:00"]


def test_other_timezone_and_windows_are_honoured() -> None:
    cal = WorkCalendar.from_mapping({"timezone": "Asia/Urumqi", "working_hours": ["10:00-19:00"]})
    start = datetime(2026, 3, 2, 18, 0, tzinfo=ZoneInfo("Asia/Urumqi"))
    assert cal.add_working_time(start, timedelta(hours=2)) == start + timedelta(hours=17)


# ── bad configuration ────────────────────────────────────────────────────────────────────────────


def with_change(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (with_change(["working_hours"], [810]), r"working_hours\[0\].*quoted"),
        (with_change(["working_hours"], ["09:00-12:00", "11:00-18:00"]), "overlap"),
        (with_change(["working_hours"], ["18:00-09:00"]), "ends before it starts"),
        (with_change(["working_hours"], ["09:00-25:00"]), "not a valid time range"),
        (with_change(["working_hours"], []), "at least one"),
        (with_change(["timezone"], "Asia/Beijing"), "unknown timezone 'Asia/Beijing'"),
        (with_change(["years", 2026, "status"], "final"), r"years\.2026\.status"),
        (with_change(["years", 2026, "holidays", 0, "to"], "2026-02-31"), r"holidays\[0\]\.to.*2026-02-31"),
        (with_change(["years", 2026, "holidays", 0, "to"], "2026-02-01"), "before 'from'"),
        (with_change(["years", 2026, "holidays", 0, "make_up_workdays"], ["2026-02-13"]), "not a Saturday"),
        (with_change(["years", 2026, "holidays", 0, "make_up_workdays"], ["2026-02-15"]), "both"),
        (with_change(["years", 2026, "holidays", 0, "make_up_workday"], []), "unknown key.*make_up_workday"),
        (with_change(["years", "twenty"], {"status": "official"}), r"years\.twenty"),
        (with_change(["years", 2026, "holidays"], "none"), "expected a list"),
        (with_change(["holidays"], []), "unknown key.*holidays"),
    ],
)
def test_bad_calendar_data_is_refused_with_key_named(data: dict[str, Any], message: str) -> None:
    with pytest.raises(CalendarConfigError, match=message):
        WorkCalendar.from_mapping(data)


def test_holiday_without_from_is_refused() -> None:
    data = with_change(["years", 2027, "holidays", 0], {"name": "元旦", "to": "2027-01-01"})
    with pytest.raises(CalendarConfigError, match=r"years\.2027\.holidays\[0\].*'from'"):
        WorkCalendar.from_mapping(data)


# ── the shipped data ─────────────────────────────────────────────────────────────────────────────


def test_shipped_holidays_yaml_follows_the_2026_notice() -> None:
    cal = WorkCalendar.from_mapping(yaml.safe_load((RESOURCES / "holidays.yaml").read_text("utf-8")))
    assert 2026 in cal.confirmed_years
    off = [date(2026, 1, 2), date(2026, 2, 23), date(2026, 4, 6), date(2026, 5, 5), date(2026, 10, 7)]
    make_up = [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20)]
    assert not any(cal.is_working_day(d) for d in off)
    assert all(cal.is_working_day(d) for d in [*make_up, date(2026, 10, 10)])
    assert cal.is_working_day(date(2026, 10, 8))
    assert not cal.is_working_day(date(2027, 2, 8))  # 2027 estimate: 初三 is statutory


# ── properties ───────────────────────────────────────────────────────────────────────────────────

moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.sampled_from([TZ, UTC])
)
durations = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=200))


@given(moments, durations, durations)
def test_adding_more_working_time_never_gives_an_earlier_moment(
    start: datetime, d1: timedelta, d2: timedelta
) -> None:
    short, long = sorted((d1, d2))
    assert CAL.add_working_time(start, short) <= CAL.add_working_time(start, long)


@given(moments, durations)
def test_working_time_between_start_and_added_time_is_what_was_added(start: datetime, d: timedelta) -> None:
    assert CAL.working_time_between(start, CAL.add_working_time(start, d)) == d


@given(moments, moments, durations)
def test_adding_the_working_time_between_reaches_a_moment_inside_working_hours(
    a: datetime, origin: datetime, d: timedelta
) -> None:
    b = CAL.add_working_time(origin, d + timedelta(minutes=1))  # strictly inside or at a window's end
    if b >= a:
        assert CAL.add_working_time(a, CAL.working_time_between(a, b)) == b


@given(moments, moments, moments)
def test_working_time_between_adds_up_and_is_antisymmetric(a: datetime, b: datetime, c: datetime) -> None:
    assert CAL.working_time_between(a, c) == CAL.working_time_between(a, b) + CAL.working_time_between(b, c)
    assert CAL.working_time_between(a, b) == -CAL.working_time_between(b, a)


@given(moments, st.integers(min_value=1, max_value=30))
def test_working_day_deadline_ends_a_working_day_after_the_start_day(start: datetime, n: int) -> None:
    due = CAL.add_working_days(start, n)
    assert CAL.is_working_day(due.date())
    assert due.time() == CAL.windows[-1].end
    assert due.date() > start.astimezone(TZ).date()
    assert CAL.working_time_between(start, due) >= n * CAL.working_day_length
