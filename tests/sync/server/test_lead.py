"""The lead's console: seat loads, 改派, 疏忙导闲; and the admin's accounts. Roles are checked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from app.domain.status import Action, Role
from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from tests.sync.conftest import login
from tests.sync.server.wire import NOW, command_op, created, push

Client = Callable[[str], TestClient]
LEAD_CALLS = [
    ("get", "/lead/seats", None),
    ("get", "/lead/balance", None),
    (
        "post",
        "/lead/reassign",
        {"ticket_ids": ["01a212d3-0000-7000-8000-000000000001"], "to_seat": "A02", "reason": "x"},
    ),
    (
        "post",
        "/lead/balance",
        {
            "moves": [
                {"ticket_id": "01a212d3-0000-7000-8000-000000000001", "from_seat": "A01", "to_seat": "A02"}
            ],
            "reason": "x",
        },
    ),
]


class Clock:
    """The server's clock, starting when the test tickets were made (wire.NOW): deadlines are planned
    from that moment, so reading them against the real date would make them overdue some day."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed_app(db_url: str, clock: Clock) -> Iterator[FastAPI]:
    # Tokens outlive the jumps in time these tests make.
    settings = ServerSettings(
        db_url=db_url, clock=clock, access_ttl=timedelta(days=36500), session_max=timedelta(days=36500)
    )
    app = create_app(settings)
    yield app
    close_app(app)


@pytest.fixture
def as_user(timed_app: FastAPI) -> Iterator[Client]:
    clients: list[TestClient] = []

    def make(username: str) -> TestClient:
        clients.append(TestClient(timed_app))
        return login(clients[-1], username)

    yield make
    for client in clients:
        client.close()


def _loads(lead: TestClient, path: str = "/lead/seats") -> dict[str, dict[str, Any]]:
    answer = lead.get(API_PREFIX + path)
    assert answer.status_code == 200, answer.text
    return {s["seat_id"]: s for s in answer.json()}


@pytest.mark.parametrize("username", ["a01", "qzjj"])
@pytest.mark.parametrize(("method", "path", "body"), LEAD_CALLS)
def test_only_leads_and_admins_reach_the_console(
    client_for: Client, username: str, method: str, path: str, body: Any
) -> None:
    answer = getattr(client_for(username), method)(API_PREFIX + path, **({"json": body} if body else {}))
    assert answer.status_code == 403
    assert answer.json()["code"] == "forbidden"


def test_an_admin_reaches_the_console_too(client_for: Client) -> None:
    assert client_for("admin").get(f"{API_PREFIX}/lead/seats").status_code == 200


def test_seat_loads_count_open_overdue_and_supervised(as_user: Client, clock: Clock) -> None:
    a01, a02, lead = as_user("a01"), as_user("a02"), as_user("lead")
    first, second = created(a01, "A01"), created(a01, "A01")
    created(a02, "A02")
    op = command_op(first["id"], 1, "LEAD", Action.SUPERVISE, Role.TEAM_LEAD, reason="领导批示")
    assert push(lead, op)[0]["status"] == "applied"
    push(a01, command_op(second["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答"))  # 求助: refused
    loads = _loads(lead)
    assert set(loads) == {f"A{n:02d}" for n in range(1, 9)}
    assert (loads["A01"]["open"], loads["A01"]["supervised"], loads["A01"]["overdue"]) == (2, 1, 0)
    assert loads["A01"]["operator"] == "话务员01" and loads["A01"]["last_seen"] is not None
    assert loads["A03"]["open"] == 0 and loads["A03"]["last_seen"] is None
    clock.now = datetime(2030, 1, 1, tzinfo=UTC)  # long past every 派单 deadline
    assert _loads(lead)["A01"]["overdue"] == 2


def test_reassign_moves_what_it_can_and_says_why_not_for_the_rest(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    unknown = "01a212d3-0000-7000-8000-00000000beef"
    body = {"ticket_ids": [ticket["id"], unknown], "to_seat": "A05", "reason": "A01 培训"}
    result = lead.post(f"{API_PREFIX}/lead/reassign", json=body).json()
    assert result["moved"] == [ticket["id"]]
    [refused] = result["refused"]
    assert refused["status"] == "rejected" and unknown in refused["reason"]
    assert _loads(lead)["A05"]["open"] == 1


def test_balance_evens_out_the_seats_seen_lately_and_leaves_supervised_tickets(
    as_user: Client, clock: Clock
) -> None:
    a01, a02, lead = as_user("a01"), as_user("a02"), as_user("lead")
    tickets = [created(a01, "A01")["id"] for _ in range(6)]
    push(lead, command_op(tickets[-1], 1, "LEAD", Action.SUPERVISE, Role.TEAM_LEAD, reason="督办"))
    clock.now += timedelta(minutes=20)  # A01 is now "not seen lately" ...
    created(a01, "A01")  # ... until it pushes again, with A02
    a02.get(f"{API_PREFIX}/sync/pull")

    proposal = lead.get(f"{API_PREFIX}/lead/balance").json()
    assert proposal == lead.get(f"{API_PREFIX}/lead/balance").json()  # deterministic
    assert {s["seat_id"]: s["open"] for s in proposal["before"]} == {"A01": 7, "A02": 0}
    assert {s["seat_id"]: s["open"] for s in proposal["after"]} == {"A01": 4, "A02": 3}
    assert all(m["from_seat"] == "A01" and m["to_seat"] == "A02" for m in proposal["moves"])
    assert tickets[-1] not in {m["ticket_id"] for m in proposal["moves"]}

    body = {"moves": proposal["moves"], "reason": "疏忙导闲"}
    applied = lead.post(f"{API_PREFIX}/lead/balance", json=body).json()
    assert sorted(applied["moved"]) == sorted(m["ticket_id"] for m in proposal["moves"])
    assert {k: v["open"] for k, v in _loads(lead).items() if v["open"]} == {"A01": 4, "A02": 3}
    # Applying the same (now stale) proposal again moves nothing back and forth.
    again = lead.post(f"{API_PREFIX}/lead/balance", json=body).json()
    assert again["moved"] == [] and len(again["refused"]) == 3
    assert all("no longer at A01" in r["reason"] for r in again["refused"])


def test_balance_uses_every_operator_seat_when_none_was_seen(client_for: Client, db_url: str) -> None:
    lead = client_for("lead")
    assert [s["seat_id"] for s in lead.get(f"{API_PREFIX}/lead/balance").json()["before"]] == [
        f"A{n:02d}" for n in range(1, 9)
    ]


def test_an_admin_creates_accounts(client_for: Client, anon: TestClient) -> None:
    admin = client_for("admin")
    body = {"username": "b01", "password": "Rain-Gutter-8812", "role": "operator", "seat_id": "B01"}
    made = admin.post(f"{API_PREFIX}/admin/users", json=body)
    assert made.status_code == 201 and made.json()["seat_id"] == "B01"
    assert login(anon, "b01", "Rain-Gutter-8812").get(f"{API_PREFIX}/me").json()["username"] == "b01"
    assert admin.post(f"{API_PREFIX}/admin/users", json=body).status_code == 409
    no_seat = admin.post(f"{API_PREFIX}/admin/users", json={**body, "username": "b02", "seat_id": None})
    assert no_seat.status_code == 422 and "seat" in no_seat.json()["message"]
    bad_department = {**body, "username": "d9", "role": "department", "seat_id": "NOPE"}
    assert admin.post(f"{API_PREFIX}/admin/users", json=bad_department).status_code == 422


@pytest.mark.parametrize("username", ["lead", "a01"])
def test_only_an_admin_creates_accounts(client_for: Client, username: str) -> None:
    body = {"username": "b01", "password": "Rain-Gutter-8812", "role": "admin"}
    assert client_for(username).post(f"{API_PREFIX}/admin/users", json=body).status_code == 403
