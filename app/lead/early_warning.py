"""苗头预警: a category or district whose count in the last 24 hours rises well above its own baseline.

The rule, as a statistician of count surveillance would read it (a quasi-Poisson threshold in the
manner of Farrington et al. 1996 and Noufaily et al. 2013, which public-health agencies run daily on
hundreds of small series, as a centre has one per category and district):

Counts are taken over 24-hour windows ending at `now`: window 0 is the last 24 hours, the one judged;
windows 1..N the N before it (N = `WarningRule.baseline_days`, 28 by default: four of each weekday).
Sliding windows rather than calendar days, so that a morning's cluster is judged against full days
at any hour, and a cluster that began last evening is not split in two at midnight.

1. Weekday profile. From the centre's own totals per window T_k (every category together: large
   counts, a stable shape), window k's factor is w_k = mean(T_j : 1 <= j <= N, j = k mod 7) / mean(T_1..T_N).
   Window 0 has the weekday of windows 7, 14, 21, 28. A quiet Sunday's baseline then does not make
   Monday's ordinary rush an alarm.
2. Expected count: m = mean over the baseline of c_k / w_k (the subject's weekday-free level), never
   below `floor` (a subject with no history still has some chance of a call); mu = m * w_0.
3. Overdispersion: phi = max(1, sum_k (c_k - m w_k)^2 / (m w_k) / (N - 1)), Pearson's estimate: a
   subject whose days swing more than Poisson (a slow trend, a weekly rhythm of its own) is judged
   against its own swing, not against Poisson's.
4. An alarm when all three hold:
     c_0 >= `min_count`              (1 -> 3 is never an alarm, however quiet the subject was),
     c_0 >= `min_ratio` * mu         (well above: at least twice what was expected),
     P(X >= c_0) < `alpha`           X negative binomial with mean mu and variance phi * mu
                                     (Poisson when phi = 1).
5. No judgement without history: the centre must have tickets in at least `min_history` of the N
   baseline windows (a new deployment, or a server that lost its data, warns of nothing).

Why not a z-score (mean + 3 SD, EWMA, the CDC's EARS C1-C3): for daily counts of 0 to 5 the normal
approximation is poor (the standard deviation of a run of zeros is zero, so any single call is
"infinitely" unusual, and a mean of 1 puts 3 SD at 4 calls where Poisson says 1 in 50), and those
methods cannot tell a series that is noisy by nature from one that is not. The tail probability of
a count distribution is exact for small counts, and the dispersion term covers the noisy ones.
With about 400 subjects judged at alpha = 0.001, chance alone gives about one false alarm in three
days at most (fewer: min_count and min_ratio cut the small subjects out).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from math import exp, lgamma, log

from app.domain.hotspots import WEEK, Dimension, EarlyWarning, WarningRule


@dataclass(frozen=True)
class Judgement:
    """How one series' last window compares with its baseline."""

    count: int
    expected: float
    dispersion: float
    p_value: float  # P(X >= count) under the baseline
    alarm: bool


def weekday_factors(totals: Sequence[int]) -> list[float]:
    """w_k for windows 0..N from the centre's totals T_0..T_N (T_0 is not used: it is being judged)."""
    baseline = totals[1:]
    overall = sum(baseline) / len(baseline) if baseline else 0.0
    if overall <= 0:
        return [1.0] * len(totals)
    factors = []
    for k in range(len(totals)):
        same = [totals[j] for j in range(1, len(totals)) if (j - k) % WEEK == 0]
        factors.append(sum(same) / len(same) / overall if same else 1.0)
    return factors


def judge(counts: Sequence[int], factors: Sequence[float], rule: WarningRule) -> Judgement:
    """Window 0 of `counts` (then windows 1..N, newest first) against the rule, with the weekday
    `factors` from weekday_factors (all 1.0 for no weekly rhythm)."""
    count, baseline = counts[0], counts[1:]
    usable = [(c, w) for c, w in zip(baseline, factors[1:], strict=True) if w > 0]
    level = max(rule.floor, sum(c / w for c, w in usable) / len(usable)) if usable else rule.floor
    expected = level * factors[0] if factors[0] > 0 else level
    spread = sum((c - level * w) ** 2 / (level * w) for c, w in usable)
    dispersion = max(1.0, spread / (len(usable) - 1)) if len(usable) > 1 else 1.0
    p_value = upper_tail(count, expected, dispersion)
    alarm = count >= rule.min_count and count >= rule.min_ratio * expected and p_value < rule.alpha
    return Judgement(count, expected, dispersion, p_value, alarm)


def upper_tail(count: int, mean: float, dispersion: float = 1.0) -> float:
    """P(X >= count) for X Poisson (dispersion 1) or negative binomial with that mean and variance
    dispersion * mean. In plain Python, not scipy.stats: importing scipy takes seconds and holds the
    GIL long enough to freeze the seat's window while the 热点 page loads (checked against scipy in
    the tests). The tail is summed directly where its terms fall (count above the mean), else as
    one minus the head, so neither loses the precision the threshold needs."""
    if count <= 0:
        return 1.0
    if dispersion > 1:  # n = mu / (phi - 1), p = 1 / phi (scipy's nbinom)
        n, p = mean / (dispersion - 1), 1 / dispersion
        base = lgamma(n) - n * log(p)

        def log_pmf(x: int) -> float:
            return lgamma(x + n) - lgamma(x + 1) + x * log(1 - p) - base
    else:

        def log_pmf(x: int) -> float:
            return x * log(mean) - mean - lgamma(x + 1)

    if count <= mean:
        return max(0.0, 1.0 - sum(exp(log_pmf(x)) for x in range(count)))
    total, x = 0.0, count
    while True:
        term = exp(log_pmf(x))
        total += term
        if term <= total * 1e-15 or x - count > 100_000:
            return min(1.0, total)
        x += 1


def has_history(totals: Sequence[int], rule: WarningRule) -> bool:
    """Enough of the centre's past to judge by (step 5)."""
    return sum(1 for t in totals[1:] if t > 0) >= rule.min_history


def early_warnings(
    series: Mapping[tuple[Dimension, str], Sequence[int]],
    totals: Sequence[int],
    rule: WarningRule,
    since: datetime,
    until: datetime,
) -> list[EarlyWarning]:
    """Every subject whose window 0 is an alarm, the most surprising first (ticket ids not yet
    attached: the caller fetches them for these few subjects only). `series` and `totals` hold
    windows 0..N, newest first."""
    if len(totals) != rule.baseline_days + 1:
        raise ValueError(f"expected {rule.baseline_days + 1} windows, got {len(totals)}")
    if not has_history(totals, rule):
        return []
    factors = weekday_factors(totals)
    found = []
    for (kind, subject), counts in series.items():
        if not subject or counts[0] < rule.min_count:  # the cheap test first: most subjects stop here
            continue
        verdict = judge(counts, factors, rule)
        if verdict.alarm:
            found.append(
                EarlyWarning(
                    kind,
                    subject,
                    verdict.count,
                    round(verdict.expected, 2),
                    verdict.p_value,
                    tuple(counts[1:]),
                    since,
                    until,
                )
            )
    return sorted(found, key=lambda w: (w.p_value, -w.count, w.kind, w.subject))
