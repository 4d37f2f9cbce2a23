"""A seat's clock is trusted only near the server's: times far off are refused, not planned from.

The server here runs on a fixed clock one hour after the test tickets were made (wire.NOW), with the
default offline window (72 h) and clock skew (5 min).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, select
from starlette.testclient import TestClient

from app.domain.kinds import Kind
from app.domain.status import Action
from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.models import EventRow
from sync.server.settings import CLOCK_SKEW_ENV, OFFLINE_WINDOW_ENV, ServerSettings
from tests.sync.conftest import login
from tests.sync.server.wire import NOW, command_op, create_op, created, push

Client = Callable[[str], TestClient]
SERVER_NOW = NOW + timedelta(hours=1)
ABSURD = "0001-01-01T00:00:00+14:00"  # year 0 in UTC: was an HTTP 500 (OverflowError)


@pytest.fixture
def seat(db_url: str) -> Iterator[Client]:
    app: FastAPI = create_app(ServerSettings(db_url=db_url, clock=lambda: SERVER_NOW))
    clients: list[TestClient] = []

    def make(username: str) -> TestClient:
        clients.append(TestClient(app))
        return login(clients[-1], username)

    yield make
    for client in clients:
        client.close()
    close_app(app)


def _create_at(at: datetime, where: str) -> dict[str, Any]:
    op = create_op("A01", at=NOW)
    if where == "event":
        op["event"]["at"] = at.isoformat()
    elif where == "ticket":
        op["ticket"]["created_at"] = at.isoformat()
    else:
        op["at"] = at.isoformat()
    return op


FAR = [
    datetime(2099, 1, 1, tzinfo=UTC),
    datetime(1970, 1, 2, tzinfo=UTC),
    SERVER_NOW - timedelta(hours=72, minutes=1),  # just out of the offline window
    SERVER_NOW + timedelta(minutes=6),  # just beyond the clock skew
]


@pytest.mark.parametrize("where", ["event", "ticket", "op"])
@pytest.mark.parametrize("at", FAR, ids=["2099", "1970", "window+1min", "skew+1min"])
def test_a_create_dated_far_from_the_servers_clock_is_refused_with_a_reason(
    seat: Client, at: datetime, where: str
) -> None:
    a01 = seat("a01")
    op = _create_at(at, where)
    [result] = push(a01, op)
    assert result["status"] == "rejected"
    assert "check this PC's clock" in result["reason"] and "请检查本机时钟" in result["reason"]
    assert a01.get(f"{API_PREFIX}/tickets/{op['ticket_id']}").status_code == 404  # nothing planned


@pytest.mark.parametrize(
    "at", [SERVER_NOW - timedelta(hours=71), SERVER_NOW + timedelta(minutes=4)], ids=["71h ago", "4min ahead"]
)
def test_a_create_inside_the_window_is_planned_from_the_seats_time(seat: Client, at: datetime) -> None:
    op = create_op("A01", at=at)
    [result] = push(seat("a01"), op)
    assert result["status"] == "applied"
    assert datetime.fromisoformat(result["ticket"]["accepted_at"]) == at


@pytest.mark.parametrize("at", FAR, ids=["2099", "1970", "window+1min", "skew+1min"])
def test_a_step_dated_far_from_the_servers_clock_is_refused(seat: Client, at: datetime) -> None:
    a01 = seat("a01")
    ticket = created(a01, "A01", kind=Kind.CONSULTATION)
    [result] = push(a01, command_op(ticket["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答", at=at))
    assert result["status"] == "rejected" and "check this PC's clock" in result["reason"]


def test_a_direct_close_dated_before_the_acceptance_is_refused(seat: Client) -> None:
    a01 = seat("a01")
    ticket = created(a01, "A01", kind=Kind.CONSULTATION)
    early = NOW - timedelta(minutes=1)
    [result] = push(a01, command_op(ticket["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答", at=early))
    assert result["status"] == "rejected" and "before the ticket was accepted" in result["reason"]
    assert result["ticket"]["status"] == "accepted"  # the seat's copy is put right
    [closed] = push(a01, command_op(ticket["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答", at=NOW))
    assert closed["status"] == "applied"


def test_every_event_keeps_the_servers_receive_time_beside_the_seats(seat: Client, db_url: str) -> None:
    a01 = seat("a01")
    ticket = created(a01, "A01", kind=Kind.CONSULTATION)
    push(a01, command_op(ticket["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答"))
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(EventRow.at, EventRow.received_at).where(EventRow.ticket_id == ticket["id"])
        )
        times = [(r.at.replace(tzinfo=UTC), r.received_at.replace(tzinfo=UTC)) for r in rows]
    engine.dispose()
    assert times == [(NOW, SERVER_NOW), (NOW, SERVER_NOW)]


def test_an_absurd_time_in_a_push_command_is_a_clear_422(seat: Client) -> None:
    a01 = seat("a01")
    ticket = created(a01, "A01")
    op = command_op(ticket["id"], 1, "A01", Action.DISPATCH, department="QZJJ")
    op["command"]["at"] = ABSURD
    answer = a01.post(f"{API_PREFIX}/sync/push", json={"ops": [op]})
    assert answer.status_code == 422
    assert "time out of range" in answer.json()["message"]


@pytest.mark.parametrize("where", ["event", "ticket", "op"])
def test_an_absurd_time_in_a_create_is_a_clear_422(seat: Client, where: str) -> None:
    op = create_op("A01")
    if where == "event":
        op["event"]["at"] = ABSURD
    elif where == "ticket":
        op["ticket"]["created_at"] = ABSURD
    else:
        op["at"] = ABSURD
    answer = seat("a01").post(f"{API_PREFIX}/sync/push", json={"ops": [op]})
    assert answer.status_code == 422 and "time out of range" in answer.json()["message"]


def test_an_absurd_time_in_a_kb_use_is_a_clear_422(seat: Client) -> None:
    a01 = seat("a01")
    ticket = created(a01, "A01")
    use = {"ticket_id": ticket["id"], "article_id": "GQ-1", "version": 1, "at": ABSURD}
    answer = a01.post(f"{API_PREFIX}/kb/uses", json={"uses": [use]})
    assert answer.status_code == 422 and "time out of range" in answer.json()["message"]


@pytest.mark.parametrize("param", ["since", "until"])
def test_an_absurd_time_in_the_kb_report_is_a_clear_422(seat: Client, param: str) -> None:
    params = {"since": "2026-11-01T00:00:00+08:00", "until": "2026-12-01T00:00:00+08:00", param: ABSURD}
    answer = seat("lead").get(f"{API_PREFIX}/kb/report", params=params)
    assert answer.status_code == 422 and "time out of range" in answer.json()["message"]


@pytest.mark.parametrize("at", FAR, ids=["2099", "1970", "window+1min", "skew+1min"])
def test_a_kb_use_dated_far_from_the_servers_clock_is_dropped(seat: Client, at: datetime) -> None:
    lead, a01 = seat("lead"), seat("a01")
    saved = lead.put(
        f"{API_PREFIX}/kb/articles/GQ-1",
        json={"title": "燃气开户", "body": "到营业厅办理。", "base_version": 0},
    )
    assert saved.status_code == 200, saved.text
    ticket = created(a01, "A01")
    use = {"ticket_id": ticket["id"], "article_id": "GQ-1", "version": 1, "at": at.isoformat()}
    answer = a01.post(f"{API_PREFIX}/kb/uses", json={"uses": [use]})
    assert answer.status_code == 200
    [refused] = answer.json()["refused"]
    assert "check this PC's clock" in refused["reason"]


def test_the_window_and_the_skew_are_settings(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OFFLINE_WINDOW_ENV, "3600")
    monkeypatch.setenv(CLOCK_SKEW_ENV, "60")
    settings = ServerSettings.from_env(db_url)
    assert (settings.offline_window, settings.clock_skew) == (timedelta(hours=1), timedelta(minutes=1))
    assert ServerSettings.from_env(db_url).to_env()[OFFLINE_WINDOW_ENV] == "3600"
    app = create_app(dataclasses.replace(settings, clock=lambda: SERVER_NOW))
    with TestClient(app) as client:
        a01 = login(client, "a01")
        [old] = push(a01, create_op("A01", at=SERVER_NOW - timedelta(hours=2)))
        [ahead] = push(a01, create_op("A01", at=SERVER_NOW + timedelta(minutes=2)))
        [fine] = push(a01, create_op("A01", at=SERVER_NOW - timedelta(minutes=30)))
    close_app(app)
    assert [old["status"], ahead["status"], fine["status"]] == ["rejected", "rejected", "applied"]
    assert (old["problem"], old["params"]["hours"]) == ("server.time_too_old", 1)
    assert (ahead["problem"], ahead["params"]["minutes"]) == ("server.time_ahead", 1)
