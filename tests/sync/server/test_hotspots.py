"""热点 and 苗头预警 on the server: leads and admins only, parameters checked, counts from the database,
the tickets behind each warning; on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.db import bulk_insert
from sync.server.models import AccessLogRow, TicketRow, table_of
from sync.server.services import Services
from sync.server.settings import ServerSettings
from tests.sync.conftest import login

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
WEEK = {"since": "2026-11-30T00:00:00+08:00", "until": "2026-12-07T00:00:00+08:00"}
Client = Callable[[str], TestClient]
_ids = itertools.count(1)

CALLS: list[tuple[str, str, Any]] = [
    ("get", "/lead/hotspots", WEEK),
    ("get", "/lead/warnings", None),
    ("post", "/lead/tickets", {"ticket_ids": ["01a212d3-0000-7000-8000-000000000001"]}),
]


@pytest.fixture
def app(db_url: str) -> Iterator[FastAPI]:
    settings = ServerSettings(db_url=db_url, clock=lambda: NOW, access_ttl=timedelta(days=36500))
    made = create_app(settings)
    yield made
    close_app(made)


@pytest.fixture
def as_user(app: FastAPI) -> Iterator[Client]:
    clients: list[TestClient] = []

    def make(username: str) -> TestClient:
        clients.append(TestClient(app))
        return login(clients[-1], username)

    yield make
    for client in clients:
        client.close()


def call(client: TestClient, method: str, path: str, args: Any) -> Any:
    if method == "get":
        return client.get(API_PREFIX + path, params=args)
    return client.post(API_PREFIX + path, json=args)


def seed(app: FastAPI, tickets: Sequence[tuple[datetime, str, str | None]]) -> list[str]:
    """Tickets created at the given times in (district, category); their ids."""
    rows = [_row(at, district, category) for at, district, category in tickets]
    services: Services = app.state.services
    with services.db.writing() as session:
        bulk_insert(session, table_of(TicketRow), rows)
    return [r["id"] for r in rows]


def _row(at: datetime, district: str, category: str | None) -> dict[str, Any]:
    id_ = f"01a212d3-0000-7000-8000-{next(_ids):012d}"
    return {
        "id": id_,
        "local_no": f"A01-{id_[-6:]}",
        "number": None,
        "kind": "complaint",
        "status": "accepted",
        "priority": "normal",
        "category_code": category,
        "caller_name": "张三",
        "caller_phone": "13800000000",
        "address": "",
        "district": district,
        "content": "停水",
        "seat_id": "A01",
        "assigned_seat": "A01",
        "department": None,
        "satisfaction": None,
        "supervised": False,
        "urgent": False,
        "occurred_at": None,
        "created_at": at,
        "accepted_at": at,
        "closed_at": None,
        "dispatch_due": None,
        "close_due": None,
        "next_due": None,
        "is_open": True,
        "version": 1,
        "changes": {},
        "updated_at": at,
    }


def baseline(days: int = 28, per_day: int = 2) -> list[tuple[datetime, str, str | None]]:
    """A steady month: `per_day` 噪声 tickets a day in each of two districts."""
    return [
        (NOW - timedelta(days=d, hours=h + 1), district, "GA.ZA.SH")
        for d in range(1, days + 1)
        for h in range(per_day)
        for district in ("东湖区", "西城区")
    ]


@pytest.mark.parametrize("username", ["a01", "qzjj"])
@pytest.mark.parametrize(("method", "path", "args"), CALLS)
def test_operators_and_departments_are_refused(
    as_user: Client, username: str, method: str, path: str, args: Any
) -> None:
    answer = call(as_user(username), method, path, args)
    assert answer.status_code == 403
    assert answer.json()["code"] == "forbidden"


@pytest.mark.parametrize("username", ["lead", "admin"])
@pytest.mark.parametrize(("method", "path", "args"), CALLS)
def test_leads_and_admins_are_answered(
    as_user: Client, username: str, method: str, path: str, args: Any
) -> None:
    assert call(as_user(username), method, path, args).status_code == 200


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": WEEK["until"], "until": WEEK["since"]}, "结束时间须晚于开始时间"),
        ({"since": "2026-08-01T00:00:00+08:00", "until": WEEK["until"]}, "92"),
        ({**WEEK, "top": 0}, "top"),
        ({**WEEK, "top": 51}, "top"),
        ({"until": WEEK["until"]}, "since"),
        ({"since": "2026-11-30T00:00:00", "until": WEEK["until"]}, "since"),  # no time zone
    ],
)
def test_bad_parameters_get_a_clear_422(as_user: Client, params: dict[str, Any], words: str) -> None:
    answer = as_user("lead").get(API_PREFIX + "/lead/hotspots", params=params)
    assert answer.status_code == 422, answer.text
    assert words in answer.json()["message"]


def test_too_many_ticket_ids_get_a_422(as_user: Client) -> None:
    ids = [f"01a212d3-0000-7000-8000-{n:012d}" for n in range(201)]
    answer = as_user("lead").post(API_PREFIX + "/lead/tickets", json={"ticket_ids": ids})
    assert answer.status_code == 422


def test_hotspots_count_the_period_against_the_one_before(app: FastAPI, as_user: Client) -> None:
    week_start = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # 2026-11-30 00:00 in Shanghai
    seed(
        app,
        [(week_start + timedelta(hours=h), "东湖区", "GY.GS.TS") for h in range(6)]
        + [(week_start + timedelta(hours=h), "西城区", "GA.ZA.SH") for h in range(2)]
        + [(week_start - timedelta(hours=h + 1), "西城区", "GA.ZA.SH") for h in range(3)]  # the week before
        + [(week_start - timedelta(minutes=1), "东湖区", "GY.GS.TS")]
        + [(week_start + timedelta(days=7), "东湖区", "GY.GS.TS")],  # after the period
    )
    answer = as_user("lead").get(API_PREFIX + "/lead/hotspots", params={**WEEK, "top": 5})
    assert answer.status_code == 200, answer.text
    report = answer.json()["report"]
    assert [(h["subject"], h["count"], h["previous"]) for h in report["categories"]] == [
        ("GY.GS.TS", 6, 1),
        ("GA.ZA.SH", 2, 3),
    ]
    assert [(h["subject"], h["count"]) for h in report["districts"]] == [("东湖区", 6), ("西城区", 2)]
    assert (report["total"], report["previous_total"]) == (8, 4)
    assert report["since"].endswith("+08:00")  # the centre's time zone
    grid = report["grid"]
    assert grid["rows"] == ["东湖区", "西城区"]
    assert grid["columns"] == ["GY", "GA"]
    assert grid["counts"] == [[6, 0], [0, 2]]


def test_a_cluster_today_is_warned_of_with_its_tickets(app: FastAPI, as_user: Client) -> None:
    seed(app, baseline())
    cluster = seed(app, [(NOW - timedelta(minutes=20 * n + 5), "东湖区", "GY.GS.TS") for n in range(9)])
    seed(app, [(NOW - timedelta(hours=3), "西城区", "GA.ZA.SH")])  # an ordinary call today
    answer = as_user("lead").get(API_PREFIX + "/lead/warnings")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["judged"] is True
    found = {(w["kind"], w["subject"]): w for w in body["warnings"]}
    assert set(found) == {("category", "GY.GS.TS"), ("district", "东湖区")}
    water = found[("category", "GY.GS.TS")]
    assert water["count"] == 9
    assert water["ticket_ids"] == cluster  # newest first
    assert water["baseline"] == [0] * 28
    assert water["until"] == "2026-12-07T10:00:00+08:00"
    assert set(cluster) <= set(found[("district", "东湖区")]["ticket_ids"])
    assert body["rule"]["alpha"] == 0.001


def test_an_ordinary_day_warns_of_nothing(app: FastAPI, as_user: Client) -> None:
    seed(app, baseline())
    seed(app, [(NOW - timedelta(hours=h + 1), d, "GA.ZA.SH") for h in range(3) for d in ("东湖区", "西城区")])
    body = as_user("lead").get(API_PREFIX + "/lead/warnings").json()
    assert body["judged"] is True
    assert body["warnings"] == []


def test_without_history_nothing_is_judged(app: FastAPI, as_user: Client) -> None:
    seed(app, [(NOW - timedelta(minutes=n + 1), "东湖区", "GY.GS.TS") for n in range(30)])
    body = as_user("lead").get(API_PREFIX + "/lead/warnings").json()
    assert (body["judged"], body["warnings"]) == (False, [])


def test_the_tickets_behind_a_warning_are_read_on_the_record(app: FastAPI, as_user: Client) -> None:
    ids = seed(app, [(NOW - timedelta(hours=n + 1), "东湖区", "GY.GS.TS") for n in range(3)])
    unknown = "01a212d3-0000-7000-8000-999999999999"
    answer = as_user("lead").post(API_PREFIX + "/lead/tickets", json={"ticket_ids": [*ids, unknown]})
    assert answer.status_code == 200, answer.text
    assert [t["id"] for t in answer.json()] == ids  # newest first; the unknown one left out
    services: Services = app.state.services
    with services.db.reading() as session:
        entry = session.scalars(select(AccessLogRow).where(AccessLogRow.action == "lead.tickets")).one()
    assert (entry.username, entry.detail["tickets"]) == ("lead", ids)


def test_warning_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_WARNING_ALPHA", "0.01")
    monkeypatch.setenv("HOTLINE_WARNING_MIN_COUNT", "8")
    monkeypatch.setenv("HOTLINE_WARNING_BASELINE_DAYS", "21")
    rule = ServerSettings.from_env("sqlite://").warning_rule
    assert (rule.alpha, rule.min_count, rule.baseline_days) == (0.01, 8, 21)
    monkeypatch.setenv("HOTLINE_WARNING_ALPHA", "2")
    with pytest.raises(ValueError, match="alpha"):
        ServerSettings.from_env("sqlite://")
