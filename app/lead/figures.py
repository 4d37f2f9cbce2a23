"""统计 (日通报 · 周汇总 · 月分析): the centre's figures, each defined once, here.

Every figure is a ratio of two sums over facts: tickets (one `TicketFact` each) or seat shifts (one
`ShiftFact` each). The same definition objects are evaluated in Python (`tally`, the seat's own
figures and the test oracle) and compiled to SQL (`app.lead.figures_sql`, the server's month report):
there is one definition and two evaluators, and a test runs both on the same data.

A ticket counts in the period of its 受理 (accepted_at, in the centre's time zone); a shift in the
period it began. "Now" is when the report is made: an open ticket past a deadline counts as late.

Ticket figures:
- 按时受理率: of the tickets 受理'd, those 受理'd within ACCEPT_WITHIN of the call (created_at: the
  draft opens when the call is answered). The centre's own step, so every accepted ticket counts.
- 按时派单率: of the tickets the centre had to dispatch, those whose first 派单 came by the 派单时限
  (dispatch_due). To dispatch: dispatched, or not yet and past the 派单时限. A ticket 直接办结 or
  ended (撤单, 并单 into another) before any 派单 never needed one and is left out. 改派 after a 退单
  does not count again: the first 派单 is the centre's.
- 按时办结率: of the dispatched tickets, those whose 承办单位's latest 答复 came by the 办结时限 in
  force (close_due: re-planned by 改派 and 重办, moved by an approved 延期). Counted once answered
  or once past the 办结时限 unanswered (late). Tickets ended by 撤单 or 并单 are left out: the caller
  took them off the clock.
- 满意率: of the tickets with a 回访 answer (the latest one; 重办 clears it), 满意 or 基本满意.
- 一次性解决率: of the consultations (咨询) 受理'd and not ended by 撤单/并单, those 直接办结 on the call.
- 重办率: of the tickets that had a 回访 (an answer now, or a 重办 since), those reopened (重办) at
  least once.
Call figures (from the seats' shift counts, PUT /seats/report):
- 平均处理时长: (talk + wrap-up seconds) per answered call (the call centre's AHT).
- 平均话后时长: wrap-up seconds per answered call.
- 每小时接话量: answered calls per hour signed on (a shift's start to its last report).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.figures import Figure, Grouping, Period
from app.domain.kinds import Kind
from app.domain.problem import Problem, ProblemError
from app.domain.shift import SeatSession
from app.domain.status import Satisfaction

ACCEPT_WITHIN = timedelta(minutes=30)  # 按时受理: the ticket is 受理'd within this of the call
NOW = "now"  # the moment of the report, as a field name conditions can compare with


@dataclass(frozen=True)
class TicketFact:
    """What the figures need of one ticket (from its row and its events)."""

    seat: str  # the seat that took the call
    category: str | None
    district: str
    kind: str  # Kind value
    created_at: datetime
    accepted_at: datetime | None
    dispatch_due: datetime | None = None
    dispatched_at: datetime | None = None  # the first 派单
    close_due: datetime | None = None
    replied_at: datetime | None = None  # the latest 答复
    satisfaction: str | None = None  # Satisfaction value of the latest 回访
    direct: bool = False  # 直接办结
    ended: bool = False  # 撤单, or 并单 into another ticket
    reopened: bool = False  # 重办 at least once


@dataclass(frozen=True)
class ShiftFact:
    """One seat's shift (an app run) as its last report gave it."""

    seat: str
    started_at: datetime
    seconds_on: float  # from the start to the last report
    calls: int
    talk_seconds: float
    wrap_up_seconds: float


# --- conditions: one definition, two evaluators ----------------------------------------------------


class Cond:
    """A condition on a fact. `holds` answers it in Python; app.lead.figures_sql compiles it."""

    def holds(self, fact: Any, now: datetime) -> bool:
        raise NotImplementedError


@dataclass(frozen=True)
class IsSet(Cond):
    name: str

    def holds(self, fact: Any, now: datetime) -> bool:
        return getattr(fact, self.name) is not None


@dataclass(frozen=True)
class Flag(Cond):
    name: str

    def holds(self, fact: Any, now: datetime) -> bool:
        return bool(getattr(fact, self.name))


@dataclass(frozen=True)
class In(Cond):
    name: str
    values: frozenset[str]

    def holds(self, fact: Any, now: datetime) -> bool:
        return getattr(fact, self.name) in self.values


@dataclass(frozen=True)
class NotLater(Cond):
    """`first` + `slack` is no later than `second`; false when either is unset (SQL's NULL)."""

    first: str
    second: str
    slack: timedelta = timedelta(0)

    def holds(self, fact: Any, now: datetime) -> bool:
        a = now if self.first == NOW else getattr(fact, self.first)
        b = now if self.second == NOW else getattr(fact, self.second)
        return a is not None and b is not None and a <= b + self.slack


@dataclass(frozen=True)
class Not(Cond):
    of: Cond

    def holds(self, fact: Any, now: datetime) -> bool:
        return not self.of.holds(fact, now)


@dataclass(frozen=True)
class All(Cond):
    of: tuple[Cond, ...]

    def holds(self, fact: Any, now: datetime) -> bool:
        return all(c.holds(fact, now) for c in self.of)


@dataclass(frozen=True)
class AnyOf(Cond):
    of: tuple[Cond, ...]

    def holds(self, fact: Any, now: datetime) -> bool:
        return any(c.holds(fact, now) for c in self.of)


@dataclass(frozen=True)
class Term:
    """Σ over the facts where `when` holds of `value` (a fact field; None: count 1 each)."""

    when: Cond | None = None
    value: str | None = None

    def of(self, fact: Any, now: datetime) -> float:
        if self.when is not None and not self.when.holds(fact, now):
            return 0
        return 1 if self.value is None else float(getattr(fact, self.value))


class Source(StrEnum):
    TICKETS = "tickets"
    SHIFTS = "shifts"


@dataclass(frozen=True)
class Definition:
    """A figure = scale × Σ numerator / Σ denominator over the facts of `source`. For rates the
    numerator is counted only where the denominator holds, so a rate never exceeds 1."""

    source: Source
    numerator: tuple[Term, ...]
    denominator: Term
    scale: float = 1.0
    rate: bool = True  # a share (shown as %), else a mean (seconds, calls per hour)


_ACCEPTED = IsSet("accepted_at")
_DISPATCHED = IsSet("dispatched_at")
_ENDED = Flag("ended")
_TO_DISPATCH = All(
    (_ACCEPTED, Not(Flag("direct")), AnyOf((_DISPATCHED, All((Not(_ENDED), NotLater("dispatch_due", NOW))))))
)
_TO_CLOSE = All((_DISPATCHED, Not(_ENDED), AnyOf((IsSet("replied_at"), NotLater("close_due", NOW)))))
_VISITED = AnyOf((IsSet("satisfaction"), Flag("reopened")))
_CONSULTATIONS = All((_ACCEPTED, In("kind", frozenset({Kind.CONSULTATION.value})), Not(_ENDED)))


def _share(whole: Cond, part: Cond) -> Definition:
    return Definition(Source.TICKETS, (Term(All((whole, part))),), Term(whole))


DEFINITIONS: Mapping[Figure, Definition] = {
    Figure.ACCEPTED_ON_TIME: _share(_ACCEPTED, NotLater("accepted_at", "created_at", ACCEPT_WITHIN)),
    Figure.DISPATCHED_ON_TIME: _share(_TO_DISPATCH, NotLater("dispatched_at", "dispatch_due")),
    Figure.CLOSED_ON_TIME: _share(_TO_CLOSE, NotLater("replied_at", "close_due")),
    Figure.SATISFIED: _share(
        IsSet("satisfaction"),
        In("satisfaction", frozenset({Satisfaction.SATISFIED.value, Satisfaction.BASIC.value})),
    ),
    Figure.FIRST_CALL: _share(_CONSULTATIONS, Flag("direct")),
    Figure.REOPENED: _share(_VISITED, Flag("reopened")),
    Figure.HANDLING: Definition(
        Source.SHIFTS,
        (Term(value="talk_seconds"), Term(value="wrap_up_seconds")),
        Term(value="calls"),
        rate=False,
    ),
    Figure.WRAP_UP: Definition(
        Source.SHIFTS, (Term(value="wrap_up_seconds"),), Term(value="calls"), rate=False
    ),
    Figure.CALLS_PER_HOUR: Definition(
        Source.SHIFTS, (Term(value="calls"),), Term(value="seconds_on"), scale=3600.0, rate=False
    ),
}


def figures_of(source: Source) -> list[Figure]:
    return [f for f, d in DEFINITIONS.items() if d.source is source]


# --- grouping and periods --------------------------------------------------------------------------


TEAM_KEY = "*"  # the one row of Grouping.TEAM
NO_KEY = ""  # a ticket without a category or district


def category_key(code: str | None) -> str:
    """A category's 大类 (first segment of its code): the report groups by the top level."""
    return (code or NO_KEY).split(".", 1)[0]


def group_key(by: Grouping, fact: TicketFact | ShiftFact) -> str | None:
    """The row a fact counts in; None: not in this grouping (a shift has no category or district)."""
    if by is Grouping.TEAM:
        return TEAM_KEY
    if by is Grouping.SEAT:
        return fact.seat
    if isinstance(fact, ShiftFact):
        return None
    return category_key(fact.category) if by is Grouping.CATEGORY else fact.district


# How many periods one report may span: bounded, so a request cannot ask for years by day.
MOST_PERIODS = {Period.DAY: 93, Period.WEEK: 53, Period.MONTH: 24}


def period_start(day: date, period: Period) -> date:
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    if period is Period.MONTH:
        return day.replace(day=1)
    return day


def _next_start(start: date, period: Period) -> date:
    if period is Period.DAY:
        return start + timedelta(days=1)
    if period is Period.WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


class ReportRangeError(ProblemError):
    """The days asked for make no report: reversed, or more periods than MOST_PERIODS allows."""


@dataclass(frozen=True)
class Buckets:
    """The periods from the one holding `first` to the one holding `last` (local dates, inclusive),
    with their bounds as moments in the centre's time zone."""

    period: Period
    days: tuple[date, ...]  # each period's first day
    bounds: tuple[datetime, ...] = field(repr=False)  # len(days) + 1 moments: starts, then the end

    @classmethod
    def covering(cls, period: Period, first: date, last: date, zone: ZoneInfo) -> Buckets:
        if last < first:
            raise ReportRangeError(Problem("figures.last_before_first"))
        days = [period_start(first, period)]
        while (following := _next_start(days[-1], period)) <= last:
            days.append(following)
        if len(days) > MOST_PERIODS[period]:
            raise ReportRangeError(Problem("figures.too_many_periods", {"most": MOST_PERIODS[period]}))
        ends = [*days, _next_start(days[-1], period)]
        return cls(period, tuple(days), tuple(datetime.combine(d, time(), zone) for d in ends))

    @property
    def since(self) -> datetime:
        return self.bounds[0]

    @property
    def until(self) -> datetime:
        return self.bounds[-1]

    def index(self, moment: datetime | None) -> int | None:
        """Which period `moment` falls in; None outside them all (or unset)."""
        if moment is None or not self.since <= moment < self.until:
            return None
        return bisect.bisect_right(self.bounds, moment) - 1


# --- the result, and the Python evaluator ----------------------------------------------------------


@dataclass(frozen=True)
class Sums:
    """One figure's numerator and denominator sums: ratios of sums add up across rows and periods."""

    numerator: float = 0.0
    denominator: float = 0.0

    def __add__(self, other: Sums) -> Sums:
        return Sums(self.numerator + other.numerator, self.denominator + other.denominator)

    def value(self, figure: Figure) -> float | None:
        """The figure (a share in 0..1, or a mean); None when nothing counted."""
        if not self.denominator:
            return None
        return DEFINITIONS[figure].scale * self.numerator / self.denominator


Cells = dict[tuple[str, int], dict[Figure, Sums]]  # (row key, period index) -> sums per figure


def merge(into: Cells, key: str, period: int, sums: Mapping[Figure, Sums]) -> None:
    cell = into.setdefault((key, period), {})
    for figure, s in sums.items():
        cell[figure] = cell.get(figure, Sums()) + s


def tally(
    tickets: Iterable[TicketFact],
    shifts: Iterable[ShiftFact],
    by: Grouping,
    buckets: Buckets,
    now: datetime,
) -> Cells:
    """The figures over the facts, per row and period: the definition evaluated in Python."""
    cells: Cells = {}
    for source, facts, when in (
        (Source.TICKETS, tickets, _accepted_at),
        (Source.SHIFTS, shifts, _started_at),
    ):
        figures = figures_of(source)
        for fact in facts:
            period, key = buckets.index(when(fact)), group_key(by, fact)
            if period is None or key is None:
                continue
            merge(cells, key, period, {f: _sums(DEFINITIONS[f], fact, now) for f in figures})
    return cells


def with_shifts(
    cells: Cells, shifts: Iterable[ShiftFact], by: Grouping, buckets: Buckets, now: datetime
) -> Cells:
    """`cells` (ticket figures, however summed) with the shifts' call figures added to their rows."""
    for key, sums in tally([], shifts, by, buckets, now).items():
        cells.setdefault(key, {}).update(sums)
    return cells


def _accepted_at(fact: Any) -> datetime | None:
    return fact.accepted_at  # type: ignore[no-any-return]


def _started_at(fact: Any) -> datetime | None:
    return fact.started_at  # type: ignore[no-any-return]


def _sums(definition: Definition, fact: Any, now: datetime) -> Sums:
    return Sums(
        sum(t.of(fact, now) for t in definition.numerator),
        definition.denominator.of(fact, now),
    )


def totals(cells: Cells, by_row: bool = True) -> dict[str, dict[Figure, Sums]]:
    """Each row's sums over all periods (by_row), or each period's over all rows (keys: index)."""
    out: dict[str, dict[Figure, Sums]] = {}
    for (key, period), sums in cells.items():
        target = out.setdefault(key if by_row else str(period), {})
        for figure, s in sums.items():
            target[figure] = target.get(figure, Sums()) + s
    return out


def cells_of(sent: Iterable[tuple[str, int, Mapping[Figure, tuple[float, float]]]]) -> Cells:
    """Cells from (row, period, figure → (numerator, denominator)) as the wire carries them."""
    return {(key, period): {f: Sums(*pair) for f, pair in sums.items()} for key, period, sums in sent}


def shift_fact(seat: str, session: SeatSession, now: datetime) -> ShiftFact | None:
    """The shift now running on this seat, as the figures count it (None before it has a start)."""
    if session.shift_started is None:
        return None
    counts = session.counters
    seconds_on = max(0.0, (now - session.shift_started).total_seconds())
    return ShiftFact(
        seat, session.shift_started, seconds_on, counts.calls, counts.talk_seconds, counts.wrap_up_seconds
    )
