"""热点: where the calls come from and what they are about, for the lead's 热点 page.

The same counting for the server (which groups in SQL) and a seat's own store (the demo): both hand
over counts per (district, category) for a period and per 24-hour window for the warnings; what is
made of them is decided here, once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

from app.domain.hotspots import Dimension, EarlyWarning, HeatGrid, Hotspot, HotspotReport, WarningRule
from app.lead.early_warning import early_warnings, has_history

WINDOW = timedelta(hours=24)
MAX_TOP = 50  # a top list longer than this is no longer a list of hot spots
MAX_GRID_ROWS = 40  # districts of the heat grid, busiest first
MAX_PERIOD = timedelta(days=92)  # a quarter: a 热点 period longer than that is a report, not a view

Place = tuple[str, str | None]  # (district, category code) of a ticket


def previous_period(since: datetime, until: datetime) -> tuple[datetime, datetime]:
    return since - (until - since), since


def hotspot_report(
    current: Mapping[Place, int],
    previous: Mapping[Place, int],
    since: datetime,
    until: datetime,
    *,
    top: int,
    domain_of: Callable[[str], str],
) -> HotspotReport:
    """Top `top` categories and districts of the period with the period before, and the heat grid.
    Tickets without a district or category count in the totals, not in the lists."""
    return HotspotReport(
        since,
        until,
        sum(current.values()),
        sum(previous.values()),
        _top(Dimension.CATEGORY, _by(current, 1), _by(previous, 1), top),
        _top(Dimension.DISTRICT, _by(current, 0), _by(previous, 0), top),
        heat_grid(current, domain_of),
    )


def _by(counts: Mapping[Place, int], part: int) -> Counter[str]:
    found: Counter[str] = Counter()
    for place, n in counts.items():
        if key := place[part]:
            found[key] += n
    return found


def _top(kind: Dimension, now: Counter[str], before: Counter[str], n: int) -> tuple[Hotspot, ...]:
    ranked = sorted(now.items(), key=lambda item: (-item[1], item[0]))[:n]
    return tuple(Hotspot(kind, subject, count, before.get(subject, 0)) for subject, count in ranked)


def heat_grid(counts: Mapping[Place, int], domain_of: Callable[[str], str]) -> HeatGrid:
    """Districts by category domain (the catalogue's first level), busiest row and column first."""
    cells: Counter[tuple[str, str]] = Counter()
    for (district, category), n in counts.items():
        if district and category:
            cells[(district, domain_of(category))] += n
    rows = _ranked(cells, 0)[:MAX_GRID_ROWS]
    columns = _ranked(cells, 1)
    return HeatGrid(
        tuple(rows), tuple(columns), tuple(tuple(cells.get((r, c), 0) for c in columns) for r in rows)
    )


def _ranked(cells: Counter[tuple[str, str]], part: int) -> list[str]:
    totals: Counter[str] = Counter()
    for key, n in cells.items():
        totals[key[part]] += n
    return [name for name, _n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]


# -- the warnings' windows -----------------------------------------------------------------------------


def window_starts(now: datetime, rule: WarningRule) -> list[datetime]:
    """Where windows 0..N begin (window k: starts[k] <= created < starts[k] + WINDOW), newest first."""
    return [now - WINDOW * (k + 1) for k in range(rule.baseline_days + 1)]


def window_of(created: datetime, now: datetime, rule: WarningRule) -> int | None:
    """The window a ticket created at `created` falls in, or None outside them all."""
    if created >= now:
        return None
    k = int((now - created) / WINDOW)
    return k if k <= rule.baseline_days else None


def warnings_from(
    districts: Iterable[tuple[int, str | None, int]],
    categories: Iterable[tuple[int, str | None, int]],
    now: datetime,
    rule: WarningRule,
) -> tuple[list[EarlyWarning], bool]:
    """The warnings for (window, subject, tickets) counts by district and by category, every ticket
    counted once in each (the centre's totals are read from `districts`), ticket ids not yet
    attached; and whether there was history enough to judge by."""
    size = rule.baseline_days + 1
    series: dict[tuple[Dimension, str], list[int]] = {}
    totals = [0] * size
    for window, district, n in districts:
        if not 0 <= window < size:  # a database's rounding at the far edge: outside every window
            continue
        totals[window] += n
        if district:
            series.setdefault((Dimension.DISTRICT, district), [0] * size)[window] += n
    for window, category, n in categories:
        if category and 0 <= window < size:
            series.setdefault((Dimension.CATEGORY, category), [0] * size)[window] += n
    return early_warnings(series, totals, rule, now - WINDOW, now), has_history(totals, rule)


def behind(warning: EarlyWarning, place: Place) -> bool:
    """Is a ticket of the judged window at `place` one of those behind the warning?"""
    district, category = place
    return (district if warning.kind is Dimension.DISTRICT else category) == warning.subject
