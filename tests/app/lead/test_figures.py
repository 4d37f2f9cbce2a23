"""统计: each figure on a small set worked out by hand, and the periods in the centre's time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.figures import Figure, Grouping, Period
from app.domain.problem import Problem
from app.lead.figures import Buckets, ReportRangeError, ShiftFact, TicketFact, tally, totals

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 2)  # a Monday
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=ZONE)
NOW = datetime(2026, 11, 3, 9, 0, tzinfo=ZONE)
H = timedelta(hours=1)
ONE_DAY = Buckets.covering(Period.DAY, DAY, DAY, ZONE)


def ticket(**kw: object) -> TicketFact:
    base: dict[str, object] = {
        "seat": "A01",
        "category": "CJ.WY.DT",
        "district": "福田区",
        "kind": "complaint",
        "created_at": T0,
        "accepted_at": T0 + timedelta(minutes=5),
    }
    return TicketFact(**(base | kw))  # type: ignore[arg-type]


def figure(
    tickets: list[TicketFact], f: Figure, shifts: list[ShiftFact] | None = None
) -> tuple[float, float]:
    cells = tally(tickets, shifts or [], Grouping.TEAM, ONE_DAY, NOW)
    sums = totals(cells).get("*", {}).get(f)
    return (sums.numerator, sums.denominator) if sums else (0, 0)


def test_on_time_acceptance_is_within_thirty_minutes_of_the_call() -> None:
    tickets = [
        ticket(accepted_at=T0 + timedelta(minutes=30)),  # on the limit: on time
        ticket(accepted_at=T0 + timedelta(minutes=31)),  # late
        ticket(),  # 5 minutes: on time
    ]
    assert figure(tickets, Figure.ACCEPTED_ON_TIME) == (2, 3)


def test_on_time_dispatch_counts_late_undispatched_and_leaves_out_direct_and_withdrawn() -> None:
    due = T0 + 2 * H
    tickets = [
        ticket(dispatch_due=due, dispatched_at=due),  # on time (at the deadline)
        ticket(dispatch_due=due, dispatched_at=due + H),  # late
        ticket(dispatch_due=due),  # not dispatched, past due at NOW: late
        ticket(dispatch_due=NOW + H),  # not dispatched, not yet due: not counted
        ticket(dispatch_due=due, direct=True),  # 直接办结: never needed a 派单
        ticket(dispatch_due=due, ended=True),  # 撤单 before 派单
        ticket(dispatch_due=due, dispatched_at=due - H, ended=True),  # dispatched, then withdrawn: counts
    ]
    assert figure(tickets, Figure.DISPATCHED_ON_TIME) == (2, 4)


def test_on_time_close_is_the_reply_by_the_close_deadline_and_overdue_open_ones_are_late() -> None:
    due = T0 + 10 * H
    sent = T0 + H
    tickets = [
        ticket(dispatched_at=sent, close_due=due, replied_at=due - H),  # on time
        ticket(dispatched_at=sent, close_due=due, replied_at=due + H),  # late
        ticket(dispatched_at=sent, close_due=due),  # unanswered, past due: late
        ticket(dispatched_at=sent, close_due=NOW + H),  # unanswered, not due yet: not counted
        ticket(dispatched_at=sent, close_due=due, ended=True),  # withdrawn: off the clock
        ticket(close_due=due),  # never dispatched: not the 承办单位's
    ]
    assert figure(tickets, Figure.CLOSED_ON_TIME) == (1, 3)


def test_satisfaction_counts_satisfied_and_basically_satisfied_of_those_asked() -> None:
    tickets = [
        ticket(satisfaction="satisfied"),
        ticket(satisfaction="basic"),
        ticket(satisfaction="unsatisfied"),
        ticket(),  # not visited
    ]
    assert figure(tickets, Figure.SATISFIED) == (2, 3)


def test_first_call_resolution_is_the_direct_share_of_consultations() -> None:
    tickets = [
        ticket(kind="consultation", direct=True),
        ticket(kind="consultation"),
        ticket(kind="consultation", direct=True, ended=False),
        ticket(kind="consultation", ended=True),  # withdrawn: left out
        ticket(kind="complaint", direct=True),  # not a consultation
    ]
    assert figure(tickets, Figure.FIRST_CALL) == (2, 3)


def test_reopen_rate_is_of_the_tickets_visited_or_reopened() -> None:
    tickets = [
        ticket(satisfaction="satisfied"),
        ticket(satisfaction="unsatisfied"),
        ticket(reopened=True),  # reopened, its new 回访 still to come
        ticket(satisfaction="basic", reopened=True),
        ticket(),  # never visited
    ]
    assert figure(tickets, Figure.REOPENED) == (2, 4)


def test_call_figures_are_per_answered_call_and_per_hour_signed_on() -> None:
    shifts = [
        ShiftFact("A01", T0, seconds_on=4 * 3600, calls=20, talk_seconds=3000, wrap_up_seconds=600),
        ShiftFact("A02", T0 + H, seconds_on=2 * 3600, calls=10, talk_seconds=1500, wrap_up_seconds=300),
    ]
    cells = tally([], shifts, Grouping.TEAM, ONE_DAY, NOW)
    team = totals(cells)["*"]
    assert team[Figure.HANDLING].value(Figure.HANDLING) == pytest.approx((4500 + 900) / 30)
    assert team[Figure.WRAP_UP].value(Figure.WRAP_UP) == pytest.approx(900 / 30)
    assert team[Figure.CALLS_PER_HOUR].value(Figure.CALLS_PER_HOUR) == pytest.approx(30 / 6)


def test_a_figure_with_nothing_to_count_has_no_value_rather_than_zero() -> None:
    cells = tally([ticket()], [], Grouping.TEAM, ONE_DAY, NOW)
    assert totals(cells)["*"][Figure.SATISFIED].value(Figure.SATISFIED) is None


def test_rows_group_by_seat_category_top_level_and_district() -> None:
    tickets = [
        ticket(seat="A01", category="CJ.WY.DT", district="福田区"),
        ticket(seat="A02", category="CJ.GS.TS", district="南山区"),
        ticket(seat="A02", category=None, district=""),
    ]
    count = Figure.ACCEPTED_ON_TIME
    by_seat = totals(tally(tickets, [], Grouping.SEAT, ONE_DAY, NOW))
    assert {k: v[count].denominator for k, v in by_seat.items()} == {"A01": 1, "A02": 2}
    by_category = totals(tally(tickets, [], Grouping.CATEGORY, ONE_DAY, NOW))
    assert {k: v[count].denominator for k, v in by_category.items()} == {"CJ": 2, "": 1}
    by_district = totals(tally(tickets, [], Grouping.DISTRICT, ONE_DAY, NOW))
    assert {k: v[count].denominator for k, v in by_district.items()} == {"福田区": 1, "南山区": 1, "": 1}


def test_shifts_have_no_category_or_district_row() -> None:
    shift = ShiftFact("A01", T0, 3600, 5, 100, 10)
    assert tally([], [shift], Grouping.DISTRICT, ONE_DAY, NOW) == {}


def test_a_ticket_counts_on_the_local_day_it_was_accepted() -> None:
    # 23:30 UTC on 1 November is 07:30 on 2 November in Shanghai
    early = datetime(2026, 11, 1, 23, 30, tzinfo=ZoneInfo("UTC"))
    days = Buckets.covering(Period.DAY, date(2026, 11, 1), date(2026, 11, 2), ZONE)
    cells = tally([ticket(created_at=early, accepted_at=early)], [], Grouping.TEAM, days, NOW)
    assert list(cells) == [("*", 1)]


def test_weeks_start_on_monday_and_months_on_the_first() -> None:
    weeks = Buckets.covering(Period.WEEK, date(2026, 11, 4), date(2026, 11, 18), ZONE)
    assert weeks.days == (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16))
    months = Buckets.covering(Period.MONTH, date(2026, 11, 15), date(2027, 1, 2), ZONE)
    assert months.days == (date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1))
    assert months.until == datetime(2027, 2, 1, tzinfo=ZONE)


def test_a_report_spans_a_bounded_number_of_periods() -> None:
    with pytest.raises(ReportRangeError) as long:
        Buckets.covering(Period.DAY, date(2026, 1, 1), date(2026, 12, 31), ZONE)
    assert long.value.problem == Problem("figures.too_many_periods", {"most": 93})
    with pytest.raises(ReportRangeError) as reversed_:
        Buckets.covering(Period.DAY, date(2026, 2, 1), date(2026, 1, 1), ZONE)
    assert reversed_.value.problem.code == "figures.last_before_first"
