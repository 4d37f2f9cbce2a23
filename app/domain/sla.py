"""SLA 时限: 派单, 承办单位联系市民 and 办结 deadlines per priority, kind and category.

Pure domain code. ``SlaPolicy.from_mapping(yaml.safe_load(...))`` reads resources/sla.yaml; a
``SlaClock`` combines the policy with a ``WorkCalendar`` to compute deadlines, remaining time and the
traffic-light level shown on tickets.

Every time limit names the clock it runs on: calendar time (自然时间: ``30m``, ``2h``, ``1d``) runs
around the clock, working time (工作时间: ``8wh`` working hours, ``15wd`` working days) only inside the
calendar's working windows on working days.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Literal, TypeVar

from app.domain.calendar import WorkCalendar
from app.domain.config_shape import ConfigShape
from app.domain.kinds import Kind, Priority

Clock = Literal["calendar", "working"]
LIMITS = ("dispatch", "contact", "close")

_DURATION = re.compile(r"^(\d+)(m|h|d|wh|wd)$")
_CALENDAR_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}
_CATEGORY_PREFIX = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")
# A category rule may only make a ticket more urgent, so priorities need an order.
_URGENCY = {Priority.NORMAL: 0, Priority.FAST: 1, Priority.URGENT: 2}

_E = TypeVar("_E", Kind, Priority)


class SlaConfigError(ValueError):
    """The SLA policy data is malformed; the message names the bad key and value."""


class SlaLevel(StrEnum):
    """Traffic light of one deadline: how much of the allowed time is already used."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    OVERDUE = "overdue"  # 超期


@dataclass(frozen=True)
class SlaDuration:
    """One time limit and its clock: ``30m``, ``2h``, ``1d`` (calendar) or ``8wh``, ``15wd`` (working)."""

    amount: int
    unit: str

    @classmethod
    def parse(cls, value: object, key: str) -> SlaDuration:
        match = _DURATION.match(value.strip()) if isinstance(value, str) else None
        if match is None or int(match.group(1)) == 0:
            raise SlaConfigError(
                f"{key}: expected a positive duration like 30m, 2h, 1d, 8wh or 15wd, got {value!r}"
            )
        return cls(int(match.group(1)), match.group(2))

    @property
    def clock(self) -> Clock:
        return "calendar" if self.unit in _CALENDAR_UNITS else "working"

    def due_from(self, start: datetime, calendar: WorkCalendar) -> datetime:
        """The deadline for a clock started at ``start``, in the calendar's timezone."""
        if self.unit == "wh":
            return calendar.add_working_time(start, timedelta(hours=self.amount))
        if self.unit == "wd":
            return calendar.add_working_days(start, self.amount)
        return calendar.to_local(start, "start") + self.amount * _CALENDAR_UNITS[self.unit]

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@dataclass(frozen=True)
class SlaRule:
    """The three limits that apply to one ticket, and the priority they were taken from."""

    priority: Priority
    dispatch: SlaDuration  # 派单时限: accepted → dispatched to the 承办单位
    contact: SlaDuration  # 承办单位 contacts the citizen
    close: SlaDuration  # 办结时限


@dataclass(frozen=True)
class SlaOverride:
    """Exception to the priority rules for a kind and/or a category-code prefix (e.g. ``CJ.GS``).

    ``min_priority`` raises the ticket's priority (water outages are at least 快速); the limits that
    are set replace the priority's ones. When several overrides match, the most specific wins per limit.
    """

    kind: Kind | None = None
    category: str | None = None
    min_priority: Priority | None = None
    dispatch: SlaDuration | None = None
    contact: SlaDuration | None = None
    close: SlaDuration | None = None

    def matches(self, kind: Kind, category_code: str | None) -> bool:
        if self.kind is not None and self.kind != kind:
            return False
        if self.category is None:
            return True
        # Whole segments only: prefix CJ.G must not match CJ.GS.TS.
        return category_code is not None and (
            category_code == self.category or category_code.startswith(self.category + ".")
        )

    @property
    def specificity(self) -> tuple[int, bool]:
        """Deeper category first, then a kind on top of it: kind-only < CJ.GS < CJ.GS + kind < CJ.GS.TS."""
        depth = 0 if self.category is None else self.category.count(".") + 1
        return depth, self.kind is not None

    def apply(self, rule: SlaRule) -> SlaRule:
        changes = {name: getattr(self, name) for name in LIMITS if getattr(self, name) is not None}
        return replace(rule, **changes)


@dataclass(frozen=True)
class SlaPolicy:
    """All SLA rules: one ``SlaRule`` per priority, overrides, and the amber/red thresholds."""

    rules: Mapping[Priority, SlaRule] = field(hash=False)  # a dict: keep the policy hashable
    overrides: tuple[SlaOverride, ...] = ()
    amber_at: float = 0.5
    red_at: float = 0.8
    # rule_for's answers: a handful of (kind, category, priority) cover every ticket, and the server
    # asks once per pushed op.
    _rules_seen: dict[tuple[Kind, str | None, Priority], SlaRule] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SlaPolicy:
        """Build from parsed sla.yaml: ``levels``, ``priorities``, ``overrides``."""
        data = _as_mapping(data, "sla")
        _reject_unknown_keys(data, {"levels", "priorities", "overrides"}, "sla")
        amber_at, red_at = _parse_levels(data.get("levels"))
        raw_overrides = _as_list(data.get("overrides", []), "overrides")
        overrides = tuple(_parse_override(o, f"overrides[{i}]") for i, o in enumerate(raw_overrides))
        _reject_duplicate_matchers(overrides)
        return cls(_parse_priorities(data.get("priorities")), overrides, amber_at, red_at)

    def rule_for(self, kind: Kind, category_code: str | None, priority: Priority) -> SlaRule:
        """The limits for a ticket: its (possibly raised) priority's rule, then matching overrides."""
        key = (kind, category_code, priority)
        if (known := self._rules_seen.get(key)) is None:
            known = self._rules_seen[key] = self._rule_for(kind, category_code, priority)
        return known

    def _rule_for(self, kind: Kind, category_code: str | None, priority: Priority) -> SlaRule:
        matching = sorted(
            (o for o in self.overrides if o.matches(kind, category_code)), key=lambda o: o.specificity
        )
        raised = [o.min_priority for o in matching if o.min_priority is not None]
        effective = max([priority, *raised], key=_URGENCY.__getitem__)
        rule = self.rules[effective]
        for override in matching:  # least specific first, so the most specific is applied last and wins
            rule = override.apply(rule)
        return rule


@dataclass(frozen=True)
class Deadlines:
    """When each step of a ticket is due; ``rule`` tells which limits (and clocks) produced them."""

    dispatch_due: datetime  # 派单时限
    contact_due: datetime  # 承办单位联系市民时限
    close_due: datetime  # 办结时限
    rule: SlaRule


@dataclass(frozen=True)
class SlaClock:
    """Deadlines, remaining time and levels from an ``SlaPolicy`` and a ``WorkCalendar``."""

    policy: SlaPolicy
    calendar: WorkCalendar

    def deadlines(
        self,
        kind: Kind,
        category_code: str | None,
        priority: Priority,
        accepted_at: datetime,
        *,
        dispatched_at: datetime | None = None,
    ) -> Deadlines:
        """Deadlines for a ticket accepted (受理) at ``accepted_at``.

        Contact and close run from the moment the 承办单位 received the ticket. Before dispatch they
        are projected from ``accepted_at``, the earliest possible dispatch, so the projection is never
        later than the real deadline.
        """
        rule = self.policy.rule_for(kind, category_code, priority)
        handed_over = accepted_at if dispatched_at is None else dispatched_at
        return Deadlines(
            dispatch_due=rule.dispatch.due_from(accepted_at, self.calendar),
            contact_due=rule.contact.due_from(handed_over, self.calendar),
            close_due=rule.close.due_from(handed_over, self.calendar),
            rule=rule,
        )

    def remaining(self, due: datetime, now: datetime, clock: Clock) -> timedelta:
        """Time left until ``due`` on the given clock; negative when overdue."""
        return self._span(now, due, clock)

    def level(
        self, started: datetime, due: datetime, now: datetime, *, clock: Clock = "calendar"
    ) -> SlaLevel:
        """GREEN/AMBER/RED by the share of the allowed time used on ``clock``; OVERDUE once past ``due``."""
        if self.calendar.to_local(now, "now") > self.calendar.to_local(due, "due"):
            return SlaLevel.OVERDUE
        allowed = self._span(started, due, clock)
        if allowed <= timedelta(0):
            return SlaLevel.RED  # nothing was allowed at all, but it is not late yet
        used = self._span(started, now, clock) / allowed
        if used >= self.policy.red_at:
            return SlaLevel.RED
        if used >= self.policy.amber_at:
            return SlaLevel.AMBER
        return SlaLevel.GREEN

    def running_level(
        self,
        kind: Kind,
        category_code: str | None,
        priority: Priority,
        *,
        dispatched: bool,
        started: datetime,
        due: datetime,
        now: datetime,
    ) -> SlaLevel:
        """The level of a ticket's running deadline (派单 before dispatch, 办结 after) on that limit's
        own clock: a ticket taken on a holiday has used none of its 8 working hours, not most of a week."""
        rule = self.policy.rule_for(kind, category_code, priority)
        limit = rule.close if dispatched else rule.dispatch
        return self.level(started, due, now, clock=limit.clock)

    def _span(self, a: datetime, b: datetime, clock: Clock) -> timedelta:
        if clock == "working":
            return self.calendar.working_time_between(a, b)
        if clock == "calendar":
            return self.calendar.to_local(b, "b") - self.calendar.to_local(a, "a")
        raise ValueError(f"clock must be 'calendar' or 'working', got {clock!r}")


def _parse_levels(value: object) -> tuple[float, float]:
    levels = _as_mapping(value, "levels")
    _reject_unknown_keys(levels, {"amber", "red"}, "levels")
    amber, red = (_parse_share(levels.get(name), f"levels.{name}") for name in ("amber", "red"))
    if amber >= red:
        raise SlaConfigError(f"levels: amber ({amber}) must be below red ({red})")
    return amber, red


def _parse_share(value: object, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise SlaConfigError(
            f"{key}: expected a share of the allowed time in (0, 1], like 0.5; got {value!r}"
        )
    return float(value)


def _parse_priorities(value: object) -> dict[Priority, SlaRule]:
    data = _as_mapping(value, "priorities")
    _reject_unknown_keys(data, [p.value for p in Priority], "priorities")
    rules = {}
    for priority in Priority:
        key = f"priorities.{priority.value}"
        if priority.value not in data:
            raise SlaConfigError(f"{key}: missing; every priority ({priority.label}) needs its limits")
        spec = _as_mapping(data[priority.value], key)
        _reject_unknown_keys(spec, LIMITS, key)
        missing = [name for name in LIMITS if name not in spec]
        if missing:
            raise SlaConfigError(f"{key}: missing limit(s) {', '.join(missing)}")
        dispatch, contact, close = (SlaDuration.parse(spec[name], f"{key}.{name}") for name in LIMITS)
        rules[priority] = SlaRule(priority, dispatch, contact, close)
    return rules


def _parse_override(value: object, key: str) -> SlaOverride:
    data = _as_mapping(value, key)
    _reject_unknown_keys(data, ("kind", "category", "min_priority", *LIMITS), key)
    dispatch, contact, close = (
        None if name not in data else SlaDuration.parse(data[name], f"{key}.{name}") for name in LIMITS
    )
    override = SlaOverride(
        kind=_parse_enum(Kind, data.get("kind"), f"{key}.kind"),
        category=_parse_category(data.get("category"), f"{key}.category"),
        min_priority=_parse_enum(Priority, data.get("min_priority"), f"{key}.min_priority"),
        dispatch=dispatch,
        contact=contact,
        close=close,
    )
    if override.kind is None and override.category is None:
        raise SlaConfigError(f"{key}: needs 'kind' and/or 'category' to match (use priorities for all)")
    if override.min_priority is None and all(limit is None for limit in (dispatch, contact, close)):
        raise SlaConfigError(f"{key}: sets nothing; give min_priority or one of {', '.join(LIMITS)}")
    return override


def _parse_enum(enum: type[_E], value: object, key: str) -> _E | None:
    if value is None:
        return None
    try:
        return enum(str(value))
    except ValueError:
        allowed = ", ".join(f"{m.value} ({m.label})" for m in enum)
        raise SlaConfigError(f"{key}: unknown value {value!r}; allowed: {allowed}") from None


def _parse_category(value: object, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _CATEGORY_PREFIX.match(value):
        raise SlaConfigError(f"{key}: expected a category code prefix like 'CJ.GS', got {value!r}")
    return value


def _reject_duplicate_matchers(overrides: tuple[SlaOverride, ...]) -> None:
    # Two overrides with the same matchers would be equally specific: which one wins would depend on
    # list order, so refuse them instead of guessing.
    seen: set[tuple[Kind | None, str | None]] = set()
    for i, override in enumerate(overrides):
        matcher = (override.kind, override.category)
        if matcher in seen:
            kind = None if override.kind is None else override.kind.value
            raise SlaConfigError(
                f"overrides[{i}]: another override already matches kind={kind} "
                f"category={override.category}; merge them into one"
            )
        seen.add(matcher)


_shape = ConfigShape(SlaConfigError)
_as_mapping, _as_list, _reject_unknown_keys = _shape.mapping, _shape.list, _shape.known_keys
