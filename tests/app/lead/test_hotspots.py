"""热点: top lists with their trend against the period before, the heat grid, the warnings' windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.hotspots import Dimension, Hotspot, Trend, WarningRule
from app.lead.hotspots import (
    Place,
    behind,
    heat_grid,
    hotspot_report,
    previous_period,
    warnings_from,
    window_of,
    window_starts,
)

SINCE = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # Monday 00:00 in Shanghai
UNTIL = SINCE + timedelta(days=7)


def domain(code: str) -> str:
    return code.split(".")[0]


def test_top_lists_rank_by_count_and_carry_the_previous_period() -> None:
    current = {
        ("东湖区", "CS.SW.TS"): 9,
        ("西城区", "CS.SW.TS"): 3,
        ("西城区", "HJ.ZS.JZ"): 5,
        ("南山新区", "JT.GJ.DT"): 1,
        ("", "JT.GJ.DT"): 4,  # no district: counted for the category and the total only
        ("东湖区", None): 2,
    }
    previous: dict[Place, int] = {
        ("东湖区", "CS.SW.TS"): 4,
        ("西城区", "HJ.ZS.JZ"): 5,
        ("南山新区", "JT.GJ.DT"): 6,
    }
    report = hotspot_report(current, previous, SINCE, UNTIL, top=2, domain_of=domain)
    assert report.categories == (
        Hotspot(Dimension.CATEGORY, "CS.SW.TS", 12, 4),
        Hotspot(Dimension.CATEGORY, "HJ.ZS.JZ", 5, 5),
    )
    assert report.districts == (
        Hotspot(Dimension.DISTRICT, "东湖区", 11, 4),
        Hotspot(Dimension.DISTRICT, "西城区", 8, 5),
    )
    assert (report.total, report.previous_total) == (24, 15)
    assert [h.trend for h in report.categories] == [Trend.UP, Trend.FLAT]
    assert Hotspot(Dimension.DISTRICT, "南山新区", 1, 6).trend is Trend.DOWN


def test_the_previous_period_is_as_long_and_just_before() -> None:
    assert previous_period(SINCE, UNTIL) == (SINCE - timedelta(days=7), SINCE)


def test_heat_grid_is_districts_by_domain_busiest_first() -> None:
    grid = heat_grid(
        {
            ("东湖区", "CS.SW.TS"): 2,
            ("东湖区", "CS.GS.TS"): 3,
            ("西城区", "HJ.ZS.JZ"): 9,
            ("西城区", None): 50,
        },
        domain,
    )
    assert grid.rows == ("西城区", "东湖区")
    assert grid.columns == ("HJ", "CS")
    assert grid.counts == ((9, 0), (0, 5))
    assert grid.peak == 9
    assert heat_grid({}, domain).peak == 0


def test_windows_are_24_hours_back_from_now() -> None:
    rule = WarningRule()
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert window_of(now - timedelta(minutes=1), now, rule) == 0
    assert window_of(now - timedelta(hours=24), now, rule) == 1
    assert window_of(now - timedelta(days=28, hours=23), now, rule) == 28
    assert window_of(now - timedelta(days=29), now, rule) is None
    assert window_of(now, now, rule) is None
    starts = window_starts(now, rule)
    assert len(starts) == 29 and starts[0] == now - timedelta(hours=24)


def test_warnings_from_grouped_counts_find_the_category_and_the_district() -> None:
    rule = WarningRule()
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    days = [(k, d, "HJ.ZS.JZ", 2) for k in range(1, 29) for d in ("东湖区", "西城区")]
    today = [(0, "东湖区", "HJ.ZS.JZ", 1), (0, "西城区", "HJ.ZS.JZ", 2), (0, "东湖区", "CS.SW.TS", 9)]
    # 停水 (CS.SW.TS): none in four weeks, nine today
    districts = [(k, d, n) for k, d, _c, n in days + today]
    categories = [(k, c, n) for k, _d, c, n in days + today]
    found, judged = warnings_from(districts, categories, now, rule)
    assert judged
    assert {(w.kind, w.subject) for w in found} == {
        (Dimension.CATEGORY, "CS.SW.TS"),
        (Dimension.DISTRICT, "东湖区"),
    }
    water = next(w for w in found if w.subject == "CS.SW.TS")
    assert behind(water, ("西城区", "CS.SW.TS"))
    assert not behind(water, ("东湖区", "HJ.ZS.JZ"))
    only_today = ([(0, "东湖区", 10)], [(0, "CS.SW.TS", 10)])
    assert warnings_from(*only_today, now, rule) == ([], False)  # nothing to judge by
