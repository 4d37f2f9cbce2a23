"""统计 on the server (GET /figures): the database's sums are the Python definition's, on SQLite and
PostgreSQL; who may read whose figures; bad ranges refused; shifts kept from the seats' reports."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from starlette.testclient import TestClient

from app.domain.figures import Figure, Grouping, Period
from app.lead.figures import Buckets, cells_of, tally
from benchmarks.lead_report import random_facts, seed
from sync.protocol import API_PREFIX, FiguresReport
from sync.server import figures
from sync.server.db import Database

Client = Callable[[str], TestClient]
ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("by", list(Grouping))
def test_the_database_sums_each_figure_as_the_python_definition_does(db_url: str, by: Grouping) -> None:
    # Tickets of November (and a few of October, outside the report), every step the figures read.
    facts = random_facts(400, date(2026, 10, 30), 33, NOW, random.Random(5))
    seed(db_url, facts, NOW)
    for period, first, last in (
        (Period.DAY, date(2026, 11, 1), date(2026, 11, 30)),
        (Period.WEEK, date(2026, 11, 1), date(2026, 11, 30)),
    ):
        buckets = Buckets.covering(period, first, last, ZONE)
        db = Database.open(db_url)
        try:
            with db.reading() as session:
                found = figures.report(session, by, buckets, NOW, None)
        finally:
            db.dispose()
        expected = tally(facts, [], by, buckets, NOW)
        assert found.keys() == expected.keys()
        for cell, sums in expected.items():
            assert found[cell] == pytest.approx(sums), cell
    assert any(f.dispatched_at and f.dispatch_due and f.dispatched_at > f.dispatch_due for f in facts)


def _figures(client: TestClient, **params: str) -> tuple[int, dict[str, object]]:
    query = {"first": "2026-11-01", "last": "2026-11-30", **params}
    answer = client.get(f"{API_PREFIX}/figures", params=query)
    return answer.status_code, answer.json()


def test_a_lead_and_an_admin_read_every_seat_and_any_one_on_the_access_record(client_for: Client) -> None:
    for who in ("lead", "admin"):
        assert _figures(client_for(who))[0] == 200
        assert _figures(client_for(who), seat="A02", by="district")[0] == 200
    log = client_for("admin").get(f"{API_PREFIX}/admin/access-log").json()["entries"]
    asked = [(e["username"], e["detail"]["seat"], e["detail"]["by"]) for e in log if e["action"] == "figures"]
    assert ("lead", "A02", "district") in asked and ("admin", "", "seat") in asked


def test_an_operator_reads_only_their_own_seat(client_for: Client) -> None:
    a01 = client_for("a01")
    assert _figures(a01)[0] == 200
    assert _figures(a01, seat="A01", by="category")[0] == 200
    status, body = _figures(a01, seat="A02")
    assert status == 403 and body["problem"] == "figures.not_your_seat"


def test_a_department_reads_no_figures(client_for: Client, anon: TestClient) -> None:
    assert _figures(client_for("qzjj"))[0] == 403
    assert _figures(anon)[0] == 401


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"first": "2026-11-30", "last": "2026-11-01"}, "figures.last_before_first"),
        ({"first": "2026-01-01", "last": "2026-12-31", "period": "day"}, "figures.too_many_periods"),
        ({"period": "year"}, None),
        ({"by": "operator"}, None),
        ({"first": "yesterday"}, None),
        ({"first": "9999-12-31", "last": "9999-12-31"}, None),  # no period ends after date.max
        ({"seat": "A 01"}, None),
    ],
)
def test_a_bad_range_or_grouping_is_refused_plainly(
    client_for: Client, params: dict[str, str], code: str | None
) -> None:
    status, body = _figures(client_for("lead"), **params)
    assert status == 422
    if code is not None:
        assert body["problem"] == code


def test_an_operator_report_without_seat_shows_only_their_tickets(db_url: str, client_for: Client) -> None:
    facts = random_facts(60, date(2026, 11, 1), 30, NOW, random.Random(9))
    facts = [f.__class__(**{**f.__dict__, "seat": "A01" if i % 3 else "A02"}) for i, f in enumerate(facts)]
    seed(db_url, facts, NOW)
    status, body = _figures(client_for("a01"), by="team", period="month")
    report = FiguresReport.model_validate(body)
    mine = sum(1 for f in facts if f.seat == "A01")
    accepted = sum(c.sums[Figure.ACCEPTED_ON_TIME][1] for c in report.cells)
    assert status == 200 and accepted == mine


def test_a_seat_report_keeps_its_shift_for_the_call_figures(client_for: Client) -> None:
    a01 = client_for("a01")
    started = datetime.now(UTC) - timedelta(hours=2)
    report = {
        "state": "idle",
        "since": started.isoformat(),
        "calls": 12,
        "talk_seconds": 1800,
        "wrap_up_seconds": 360,
        "shift_started": started.isoformat(),
    }
    assert a01.put(f"{API_PREFIX}/seats/report", json=report).status_code == 204
    assert (
        a01.put(f"{API_PREFIX}/seats/report", json={**report, "calls": 18}).status_code == 204
    )  # the same shift
    today = started.astimezone(ZONE).date().isoformat()
    status, body = _figures(client_for("lead"), first=today, last=today, by="seat")
    cells = cells_of((c.key, c.period, c.sums) for c in FiguresReport.model_validate(body).cells)
    sums = cells[("A01", 0)]
    assert status == 200
    assert sums[Figure.HANDLING].value(Figure.HANDLING) == pytest.approx((1800 + 360) / 18)
    assert sums[Figure.CALLS_PER_HOUR].value(Figure.CALLS_PER_HOUR) == pytest.approx(18 / 2, rel=0.02)
