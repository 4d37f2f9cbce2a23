"""苗头预警: the rule on constructed series, with and without a spike.

Series are newest first: index 0 is the last 24 hours (judged), 1..28 the baseline windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from app.domain.hotspots import Dimension, WarningRule
from app.lead.early_warning import early_warnings, has_history, judge, upper_tail, weekday_factors

RULE = WarningRule()
N = RULE.baseline_days
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
FLAT = [1.0] * (N + 1)


def poisson_days(mean: float, seed: int) -> list[int]:
    return [int(x) for x in np.random.default_rng(seed).poisson(mean, N)]


def with_today(today: int, baseline: list[int]) -> list[int]:
    return [today, *baseline]


def weekly(weekday: float, weekend: float, seed: int) -> list[int]:
    """Window k is k days before window 0, a Monday: windows 1 and 2 are Sunday and Saturday."""
    rng = np.random.default_rng(seed)
    return [int(rng.poisson(weekend if (k % 7) in (1, 2) else weekday)) for k in range(1, N + 1)]


def test_a_flat_series_at_its_usual_level_is_no_alarm() -> None:
    assert not judge(with_today(13, poisson_days(10, 1)), FLAT, RULE).alarm


def test_flat_series_give_almost_no_false_alarms() -> None:
    """500 series of Poisson noise, the judged day drawn like the rest: alpha 0.001 allows one or two."""
    rng = np.random.default_rng(7)
    alarms = 0
    for seed in range(500):
        mean = float(rng.choice([0.5, 2, 5, 10, 40]))
        days = [int(x) for x in np.random.default_rng(seed).poisson(mean, N + 1)]
        alarms += judge(days, FLAT, RULE).alarm
    assert alarms <= 2


def test_a_real_spike_is_an_alarm() -> None:
    verdict = judge(with_today(30, poisson_days(10, 2)), FLAT, RULE)
    assert verdict.alarm
    assert verdict.p_value < 1e-5
    assert 8 < verdict.expected < 12


def test_a_spike_in_a_tiny_series_is_an_alarm() -> None:
    baseline = [0] * N
    baseline[3] = baseline[11] = baseline[20] = 1  # three calls in four weeks
    assert judge(with_today(6, baseline), FLAT, RULE).alarm


def test_one_to_three_is_no_alarm_however_quiet_the_series() -> None:
    assert not judge(with_today(3, [1] * N), FLAT, RULE).alarm
    assert not judge(with_today(4, [0] * N), FLAT, RULE).alarm  # below min_count


def test_a_subject_never_seen_before_with_a_cluster_is_an_alarm() -> None:
    """苗头 of something new: five calls about what nobody called about in four weeks."""
    assert judge(with_today(5, [0] * N), FLAT, RULE).alarm


def test_a_slow_trend_is_no_alarm() -> None:
    rising = [round(20 - 10 * k / N) for k in range(1, N + 1)]  # 10 four weeks ago, 20 yesterday
    assert not judge(with_today(21, rising), FLAT, RULE).alarm


def test_a_count_below_twice_the_expected_is_no_alarm_even_when_improbable() -> None:
    """A steady 100 a day: 150 is improbable under Poisson but not 'well above' by the rule."""
    verdict = judge(with_today(150, [100] * N), FLAT, RULE)
    assert verdict.p_value < RULE.alpha
    assert not verdict.alarm


def test_an_ordinary_monday_in_a_weekday_rhythm_is_no_alarm() -> None:
    centre = with_today(0, weekly(200, 40, seed=3))  # the centre's totals: busy weekdays, quiet weekends
    factors = weekday_factors(centre)
    assert factors[0] > 1.1  # Monday: a weekday
    assert not judge(with_today(14, weekly(12, 2, seed=4)), factors, RULE).alarm


def test_a_weekday_volume_on_a_quiet_sunday_is_an_alarm_that_a_plain_mean_misses() -> None:
    """Window 0 a Sunday (windows 7, 14, 21, 28 too): its own Sundays had about 1 call."""
    rng = np.random.default_rng(5)

    def sunday(k: int) -> bool:
        return k % 7 == 0

    baseline = [int(rng.poisson(1 if sunday(k) else 10)) for k in range(1, N + 1)]
    centre = [0] + [int(rng.poisson(40 if sunday(k) else 400)) for k in range(1, N + 1)]
    today = with_today(11, baseline)
    assert judge(today, weekday_factors(centre), RULE).alarm
    assert not judge(today, FLAT, RULE).alarm
    series = {(Dimension.DISTRICT, "东湖区"): today}  # early_warnings reads the rhythm from the centre
    found = early_warnings(series, centre, RULE, NOW - timedelta(hours=24), NOW)
    assert [w.subject for w in found] == ["东湖区"]


def test_a_series_that_swings_by_nature_is_judged_against_its_swing() -> None:
    swinging = [0, 20] * (N // 2)  # mean 10, far more spread than Poisson
    verdict = judge(with_today(25, swinging), FLAT, RULE)
    assert verdict.dispersion > 5
    assert not verdict.alarm
    assert judge(with_today(25, poisson_days(10, 6)), FLAT, RULE).alarm


def test_no_history_no_warnings() -> None:
    series = {(Dimension.CATEGORY, "HJ.ZS.JZ"): with_today(50, [0] * N)}
    assert early_warnings(series, with_today(50, [0] * N), RULE, NOW - timedelta(hours=24), NOW) == []
    short = with_today(50, [30] * 10 + [0] * (N - 10))  # ten days of a new deployment
    assert not has_history(short, RULE)
    assert early_warnings(series, short, RULE, NOW - timedelta(hours=24), NOW) == []


def test_early_warnings_name_kind_subject_counts_and_the_window() -> None:
    spike = with_today(30, poisson_days(10, 2))
    quiet = with_today(9, poisson_days(10, 8))
    series = {
        (Dimension.CATEGORY, "CS.SW.TS"): spike,
        (Dimension.DISTRICT, "东湖区"): quiet,
        (Dimension.DISTRICT, ""): with_today(99, [0] * N),  # no district: never a subject
    }
    totals = [sum(s[k] for s in series.values()) for k in range(N + 1)]
    found = early_warnings(series, totals, RULE, NOW - timedelta(hours=24), NOW)
    assert [(w.kind, w.subject, w.count) for w in found] == [(Dimension.CATEGORY, "CS.SW.TS", 30)]
    assert found[0].baseline == tuple(spike[1:])
    assert (found[0].since, found[0].until) == (NOW - timedelta(hours=24), NOW)
    assert found[0].ratio > 2


def test_a_rule_that_cannot_work_is_refused() -> None:
    with pytest.raises(ValueError):
        WarningRule(alpha=0)
    with pytest.raises(ValueError):
        WarningRule(baseline_days=5)
    with pytest.raises(ValueError):
        WarningRule(min_history=40)


@pytest.mark.parametrize("mean", [0.1, 0.5, 2.0, 10.0, 40.0])
@pytest.mark.parametrize("dispersion", [1.0, 1.5, 4.0])
def test_tail_probabilities_are_scipys(mean: float, dispersion: float) -> None:
    """The plain-Python tail against scipy.stats (which the seat does not import to judge)."""
    from scipy.stats import nbinom, poisson

    for count in (0, 1, 2, 3, 5, 8, 13, 30, 60, 120):
        if dispersion == 1:
            expected = poisson.sf(count - 1, mean)
        else:
            expected = nbinom.sf(count - 1, mean / (dispersion - 1), 1 / dispersion)
        assert upper_tail(count, mean, dispersion) == pytest.approx(expected, rel=1e-9, abs=1e-300)
