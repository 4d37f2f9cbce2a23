"""热点 and 苗头预警 as data: what the server sends, the 班长台 shows and a notification can be made of.
The rules that make them are in app.lead (hotspots, early_warning)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from enum import StrEnum
from math import isfinite

WEEK = 7
MAX_WARNING_TICKETS = 200


class Dimension(StrEnum):
    """What a hot spot or warning is about."""

    CATEGORY = "category"  # a leaf category's code
    DISTRICT = "district"  # a district's name


@dataclass(frozen=True)
class WarningRule:
    """The parameters of the early-warning rule (app.lead.early_warning); the server's are settings
    (sync.server.settings)."""

    baseline_days: int = 28
    alpha: float = 0.001
    min_count: int = 5
    min_ratio: float = 2.0
    floor: float = 0.1  # expected calls a day at least, for a subject never seen in the baseline
    min_history: int = 14

    def __post_init__(self) -> None:
        if self.baseline_days < WEEK or self.min_count < 1 or self.min_history < 1:
            raise ValueError("baseline_days must be at least 7, min_count and min_history at least 1")
        if self.min_history > self.baseline_days:
            raise ValueError("min_history cannot exceed baseline_days")
        if not (0 < self.alpha < 1) or self.min_ratio < 1 or not (self.floor > 0 and isfinite(self.floor)):
            raise ValueError("alpha must be in (0, 1), min_ratio at least 1, floor positive")


@dataclass(frozen=True)
class EarlyWarning:
    """苗头预警, as data: what, how many against how many expected, and the tickets behind it.
    A notification, a list or a report can each be made from it."""

    kind: Dimension
    subject: str  # category code or district name
    count: int  # tickets in the window judged
    expected: float
    p_value: float
    baseline: tuple[int, ...]  # the subject's counts in the N windows before, newest first
    since: datetime  # the window judged: since <= created < until
    until: datetime
    ticket_ids: tuple[str, ...] = ()  # newest first, at most MAX_WARNING_TICKETS

    @property
    def ratio(self) -> float:
        return self.count / self.expected if self.expected > 0 else float("inf")

    def located(self, zone: tzinfo, ticket_ids: tuple[str, ...]) -> EarlyWarning:
        """The warning with its window in the centre's time zone and the tickets behind it."""
        since, until = self.since.astimezone(zone), self.until.astimezone(zone)
        return replace(self, since=since, until=until, ticket_ids=ticket_ids)


@dataclass(frozen=True)
class Watch:
    """The warnings of the 24 hours before `at`; `judged` False when there was too little history
    to judge by (then there are none, and the lead is told why)."""

    at: datetime
    judged: bool
    warnings: tuple[EarlyWarning, ...]


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


@dataclass(frozen=True)
class Hotspot:
    """One category or district of a top list: its count and the count of the period before."""

    kind: Dimension
    subject: str
    count: int
    previous: int

    @property
    def trend(self) -> Trend:
        if self.count == self.previous:
            return Trend.FLAT
        return Trend.UP if self.count > self.previous else Trend.DOWN


@dataclass(frozen=True)
class HeatGrid:
    """District (rows) by category domain (columns): tickets of the period in each cell."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def peak(self) -> int:
        return max((max(row) for row in self.counts if row), default=0)


@dataclass(frozen=True)
class HotspotReport:
    since: datetime  # the period: since <= created < until
    until: datetime
    total: int
    previous_total: int  # the period of the same length just before
    categories: tuple[Hotspot, ...]  # busiest first
    districts: tuple[Hotspot, ...]
    grid: HeatGrid
