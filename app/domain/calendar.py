"""工作日历: working days, working hours, 法定节假日 and 调休 for SLA deadlines.

Pure domain code. Build a calendar with ``WorkCalendar.from_mapping(yaml.safe_load(...))`` from
resources/holidays.yaml; this module never reads files itself.

All arithmetic happens in the calendar's own timezone (Asia/Shanghai by default) on wall-clock time:
callers may pass aware datetimes in any zone, results come back in the calendar's zone. Naive datetimes
are refused because guessing their zone would silently shift deadlines by hours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.config_shape import ConfigShape

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_WORKING_HOURS = ("09:00-12:00", "13:30-18:00")

# Saturday and Sunday (date.weekday()); the State Council moves work onto them with 调休, never the
# other way round, so the weekend itself is not configurable.
_WEEKEND = frozenset({5, 6})
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_ZERO = timedelta(0)


class CalendarConfigError(ValueError):
    """The holiday calendar data is malformed; the message names the bad key and value."""


@dataclass(frozen=True)
class WorkWindow:
    """One stretch of 工作时间 inside a working day, e.g. 上午 09:00-12:00 (end exclusive)."""

    start: time
    end: time

    @property
    def length(self) -> timedelta:
        return datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are 工作日 and which hours of them count as working time.

    A day is a working day when it is Monday-Friday and not a 法定节假日, or when it is a 调休
    make-up working day (a Saturday or Sunday the State Council turned into a working day).
    ``confirmed_years`` lists the years whose data comes from a published State Council notice; other
    years are estimates (or only weekends), so callers can warn that deadlines there may still move.
    """

    timezone: ZoneInfo
    windows: tuple[WorkWindow, ...]
    holidays: frozenset[date] = frozenset()
    make_up_workdays: frozenset[date] = frozenset()
    confirmed_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        _check_windows(self.windows)
        _check_make_up_days(self.holidays, self.make_up_workdays)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> WorkCalendar:
        """Build from parsed holidays.yaml: ``timezone``, ``working_hours``, ``years``."""
        data = _as_mapping(data, "holidays")
        _reject_unknown_keys(data, {"timezone", "working_hours", "years"}, "holidays")
        holidays, make_ups, confirmed = _parse_years(data.get("years", {}))
        return cls(
            timezone=_parse_timezone(data.get("timezone", DEFAULT_TIMEZONE)),
            windows=_parse_windows(data.get("working_hours", list(DEFAULT_WORKING_HOURS))),
            holidays=holidays,
            make_up_workdays=make_ups,
            confirmed_years=confirmed,
        )

    @property
    def working_day_length(self) -> timedelta:
        """Working time in one full working day (7.5 h with the default 09:00-12:00, 13:30-18:00)."""
        return sum((w.length for w in self.windows), _ZERO)

    def to_local(self, moment: datetime, name: str = "moment") -> datetime:
        """``moment`` in the calendar's timezone; ValueError if it is naive."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got naive {moment.isoformat()}")
        return moment.astimezone(self.timezone)

    def is_working_day(self, day: date) -> bool:
        """工作日? A datetime is first converted to the calendar's timezone, then its date is used."""
        if isinstance(day, datetime):
            day = self.to_local(day, "day").date()
        if day in self.make_up_workdays:
            return True
        return day.weekday() not in _WEEKEND and day not in self.holidays

    def add_working_time(self, start: datetime, delta: timedelta) -> datetime:
        """The moment when ``delta`` of working time has elapsed after ``start``.

        Time outside the working windows (lunch break, nights, weekends, holidays) does not count. If
        the time runs out exactly at the end of a window, that end is returned, not the next morning.
        """
        if delta < _ZERO:
            raise ValueError(f"delta must not be negative, got {delta}")
        local = self.to_local(start, "start")
        left = delta
        if not left:
            return local
        for begin, end in self._intervals_from(local):
            if left <= end - begin:
                return begin + left
            left -= end - begin
        raise AssertionError("unreachable: _intervals_from never ends")

    def add_working_days(self, start: datetime, n: int) -> datetime:
        """End of the last working window of the ``n``-th working day after ``start``'s day.

        The start day itself never counts, whatever the hour (期间开始的当日不计入, 民法典第二百零一条),
        so a ticket accepted on Friday morning with 1 working day is due on Monday evening.
        """
        if n < 1:
            raise ValueError(f"n must be at least 1 working day, got {n}")
        day = self.to_local(start, "start").date()
        counted = 0
        while counted < n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return datetime.combine(day, self.windows[-1].end, self.timezone)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from ``a`` to ``b``; negative when ``b`` is before ``a``."""
        a, b = self.to_local(a, "a"), self.to_local(b, "b")
        if b < a:
            return -self.working_time_between(b, a)
        total = _ZERO
        for begin, end in self._intervals_from(a):
            if begin >= b:
                break
            total += min(end, b) - begin
        return total

    def _intervals_from(self, local: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals from ``local`` on, clipped at its start; endless (holidays are finite)."""
        day = local.date()
        while True:
            if self.is_working_day(day):
                for window in self.windows:
                    begin = max(datetime.combine(day, window.start, self.timezone), local)
                    end = datetime.combine(day, window.end, self.timezone)
                    if begin < end:
                        yield begin, end
            day += timedelta(days=1)


def _check_windows(windows: tuple[WorkWindow, ...]) -> None:
    if not windows:
        raise CalendarConfigError("working_hours: at least one working window is needed")
    for window in windows:
        if window.start >= window.end:
            raise CalendarConfigError(f"working_hours: window {window} ends before it starts")
    for earlier, later in pairwise(windows):
        if later.start < earlier.end:
            raise CalendarConfigError(
                f"working_hours: windows must be in order and not overlap: {earlier} then {later}"
            )


def _check_make_up_days(holidays: frozenset[date], make_ups: frozenset[date]) -> None:
    for day in sorted(make_ups):
        if day in holidays:
            raise CalendarConfigError(f"{day} is listed both as a holiday and as a 调休 working day")
        if day.weekday() not in _WEEKEND:
            # A weekday is a working day anyway: listing it is almost certainly a typo for another date.
            raise CalendarConfigError(f"调休 working day {day} is a {day:%A}, not a Saturday or Sunday")


def _parse_timezone(value: object) -> ZoneInfo:
    if not isinstance(value, str):
        raise CalendarConfigError(f"timezone: expected an IANA name like 'Asia/Shanghai', got {value!r}")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CalendarConfigError(f"timezone: unknown timezone {value!r}") from exc


def _parse_windows(value: object) -> tuple[WorkWindow, ...]:
    if not isinstance(value, list):
        raise CalendarConfigError(f"working_hours: expected a list like ['09:00-12:00'], got {value!r}")
    return tuple(_parse_window(item, f"working_hours[{i}]") for i, item in enumerate(value))


def _parse_window(value: object, key: str) -> WorkWindow:
    # Unquoted 13:30 reaches us as the int 810 (YAML 1.1 base-60), hence the hint about quotes.
    match = _WINDOW.match(value) if isinstance(value, str) else None
    if match is None:
        raise CalendarConfigError(f"{key}: expected a quoted 'HH:MM-HH:MM' string, got {value!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        return WorkWindow(time(h1, m1), time(h2, m2))
    except ValueError as exc:
        raise CalendarConfigError(f"{key}: {value!r} is not a valid time range ({exc})") from exc


def _parse_years(value: object) -> tuple[frozenset[date], frozenset[date], frozenset[int]]:
    holidays: set[date] = set()
    make_ups: set[date] = set()
    confirmed: set[int] = set()
    for year, raw_spec in _as_mapping(value, "years").items():
        key = f"years.{year}"
        number = _parse_year(year, key)
        spec = _as_mapping(raw_spec, key)
        _reject_unknown_keys(spec, {"status", "source", "holidays"}, key)
        if _parse_status(spec.get("status"), f"{key}.status"):
            confirmed.add(number)
        for i, entry in enumerate(_as_list(spec.get("holidays", []), f"{key}.holidays")):
            days, workdays = _parse_holiday(entry, f"{key}.holidays[{i}]")
            holidays.update(days)
            make_ups.update(workdays)
    return frozenset(holidays), frozenset(make_ups), frozenset(confirmed)


def _parse_year(value: object, key: str) -> int:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise CalendarConfigError(f"{key}: year keys must be numbers like 2026, got {value!r}")


def _parse_status(value: object, key: str) -> bool:
    if value not in ("official", "provisional"):
        raise CalendarConfigError(f"{key}: expected 'official' or 'provisional', got {value!r}")
    return value == "official"


def _parse_holiday(entry: object, key: str) -> tuple[list[date], list[date]]:
    entry = _as_mapping(entry, key)
    _reject_unknown_keys(entry, {"name", "from", "to", "make_up_workdays"}, key)
    if "from" not in entry:
        raise CalendarConfigError(f"{key}: 'from' (first day off) is required")
    first = _parse_date(entry["from"], f"{key}.from")
    last = _parse_date(entry.get("to", first), f"{key}.to")
    if last < first:
        raise CalendarConfigError(f"{key}: 'to' {last} is before 'from' {first}")
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    raw_workdays = _as_list(entry.get("make_up_workdays", []), f"{key}.make_up_workdays")
    workdays = [_parse_date(d, f"{key}.make_up_workdays[{i}]") for i, d in enumerate(raw_workdays)]
    return days, workdays


def _parse_date(value: object, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CalendarConfigError(f"{key}: expected a date like 2026-02-15, got {value!r}")


_shape = ConfigShape(CalendarConfigError)
_as_mapping, _as_list, _reject_unknown_keys = _shape.mapping, _shape.list, _shape.known_keys
