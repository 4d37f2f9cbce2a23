"""The lead's console: seat loads, 改派, 疏忙导闲; and the admin's accounts. Roles are checked."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from app.domain.kinds import Kind
from app.domain.status import Action, Role
from sync.protocol import API_PREFIX, CODES_PARAM
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from tests.sync.conftest import login
from tests.sync.server.wire import NOW, command_op, created, push

Client = Callable[[str], TestClient]
LEAD_CALLS = [
    ("get", "/lead/seats", None),
    ("get", "/lead/balance", None),
    ("get", "/lead/queue?seat=A02", None),
    ("get", "/lead/queue", None),
    ("put", "/lead/skills/A02", {"skills": ["涉企"]}),
    (
        "post",
        "/lead/reassign",
        {
            "ticket_ids": ["01a212d3-0000-7000-8000-000000000001"],
            "to_seat": None,
            "reason": "x",
            "versions": {"01a212d3-0000-7000-8000-000000000001": 1},
        },
    ),
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


def test_balance_evens_out_weighted_load_onto_seats_seen_lately_and_leaves_supervised_tickets(
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
    before = {s["seat_id"]: (s["open"], s["weighted"]) for s in proposal["before"] if s["open"]}
    assert before == {"A01": (7, 8.0)}  # the 督办 ticket weighs 2
    after = {s["seat_id"]: (s["open"], s["weighted"]) for s in proposal["after"] if s["open"]}
    assert after == {"A01": (3, 4.0), "A02": (4, 4.0)}  # A03..A08 were never seen: 离线, given nothing
    assert all(m["from_seat"] == "A01" and m["to_seat"] == "A02" for m in proposal["moves"])
    assert tickets[-1] not in {m["ticket_id"] for m in proposal["moves"]}
    assert proposal["moves"][0]["why"] == {"weight": 1.0, "from_load": 8.0, "to_load": 0.0, "skills": []}

    body = {"moves": proposal["moves"], "reason": "疏忙导闲"}
    applied = lead.post(f"{API_PREFIX}/lead/balance", json=body).json()
    assert sorted(applied["moved"]) == sorted(m["ticket_id"] for m in proposal["moves"])
    assert {k: v["open"] for k, v in _loads(lead).items() if v["open"]} == {"A01": 3, "A02": 4}
    # Applying the same (now stale) proposal again moves nothing back and forth.
    again = lead.post(f"{API_PREFIX}/lead/balance", json=body).json()
    assert again["moved"] == [] and len(again["refused"]) == 4
    assert all("no longer at A01" in r["reason"] for r in again["refused"])


def test_balance_lists_every_operator_seat_and_moves_nothing_when_none_was_seen(
    client_for: Client, db_url: str
) -> None:
    lead = client_for("lead")
    proposal = lead.get(f"{API_PREFIX}/lead/balance").json()
    assert [s["seat_id"] for s in proposal["before"]] == [f"A{n:02d}" for n in range(1, 9)]
    assert proposal["moves"] == []


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


# --- the board (班长台) -------------------------------------------------------------------------------


def _due(ticket: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(ticket["dispatch_due"])


def test_the_board_counts_near_and_past_due_weighted_load_and_todays_closed_work(
    as_user: Client, clock: Clock
) -> None:
    a01, lead = as_user("a01"), as_user("lead")
    soon = created(a01, "A01")
    created(a01, "A01", urgent=True)
    answered = created(a01, "A01", kind=Kind.CONSULTATION)
    assert (
        push(a01, command_op(answered["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答"))[0]["status"]
        == "applied"
    )
    assert _loads(lead)["A01"]["handled_today"] == 1
    clock.now = _due(soon) - timedelta(hours=1)  # both open ones are due within two hours
    a01.get(f"{API_PREFIX}/sync/pull")  # and A01 was just heard from
    seat = _loads(lead)["A01"]
    assert (seat["open"], seat["near_due"], seat["overdue"]) == (2, 2, 0)
    assert seat["weighted"] == 2 + 2 + 1  # near due weighs 2 each, 紧急 adds 1
    assert seat["online"] is True
    clock.now = _due(soon) + timedelta(minutes=1)
    seat = _loads(lead)["A01"]
    assert (seat["near_due"], seat["overdue"], seat["weighted"]) == (0, 2, 3 + 3 + 1)
    assert seat["online"] is False  # not heard from within 15 minutes: 离线, its queue kept
    assert seat["open"] == 2


def test_a_seats_queue_comes_soonest_due_first_and_the_pool_holds_what_a_lead_returned(
    client_for: Client,
) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    first, second = created(a01, "A01"), created(a01, "A01", kind=Kind.COMPLAINT)
    queue = lead.get(f"{API_PREFIX}/lead/queue", params={"seat": "A01"}).json()
    assert sorted(t["id"] for t in queue) == sorted([first["id"], second["id"]])
    assert [_due(t) for t in queue] == sorted(_due(t) for t in queue)
    assert lead.get(f"{API_PREFIX}/lead/queue").json() == []

    body = {"ticket_ids": [first["id"]], "to_seat": None, "reason": "A01 下班", "versions": {first["id"]: 1}}
    assert lead.post(f"{API_PREFIX}/lead/reassign", json=body).json()["moved"] == [first["id"]]
    assert [t["id"] for t in lead.get(f"{API_PREFIX}/lead/queue").json()] == [first["id"]]
    # A01 is told at its next pull, in a code it words itself; the ticket's history says who and why.
    pulled = a01.get(f"{API_PREFIX}/sync/pull", params={CODES_PARAM: "true"}).json()
    [change] = [c for c in pulled["changes"] if c["ticket"]["id"] == first["id"]]
    assert change["problem"] == "notice.pooled"
    assert change["params"]["reason"] == "A01 下班" and change["params"]["actor"] == "班长李华"
    moved = [e for e in change["events"] if e["action"] == "assign"][-1]
    assert moved["reason"] == "A01 下班" and moved["role"] == "team_lead"


def test_of_two_leads_moving_one_ticket_the_second_is_told_who_moved_it(client_for: Client) -> None:
    a01, lead, admin = client_for("a01"), client_for("lead"), client_for("admin")
    ticket = created(a01, "A01")
    seen = {ticket["id"]: ticket["version"]}
    first = {"ticket_ids": [ticket["id"]], "to_seat": "A02", "reason": "忙闲调整", "versions": seen}
    second = {**first, "to_seat": "A03"}
    assert lead.post(f"{API_PREFIX}/lead/reassign", json=first).json()["moved"] == [ticket["id"]]
    answer = admin.post(f"{API_PREFIX}/lead/reassign", params={CODES_PARAM: "true"}, json=second).json()
    [refused] = answer["refused"]
    assert answer["moved"] == [] and refused["status"] == "conflict"
    assert refused["problem"] == "push.taken_by"
    assert refused["params"] == {"role": "team_lead", "actor": "班长李华", "seat": "A02"}
    assert lead.get(f"{API_PREFIX}/lead/queue", params={"seat": "A02"}).json()[0]["id"] == ticket["id"]


def test_two_leads_moving_the_same_tickets_at_once_never_both_win(client_for: Client) -> None:
    a01 = client_for("a01")
    tickets = [created(a01, "A01") for _ in range(5)]
    seen = {t["id"]: t["version"] for t in tickets}
    leads = {"A02": client_for("lead"), "A03": client_for("admin")}
    start = threading.Barrier(2)
    answers: dict[str, dict[str, Any]] = {}

    def move(to: str) -> None:
        body = {"ticket_ids": list(seen), "to_seat": to, "reason": "忙闲调整", "versions": seen}
        start.wait()
        answers[to] = leads[to].post(f"{API_PREFIX}/lead/reassign", json=body).json()

    threads = [threading.Thread(target=move, args=(to,)) for to in leads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    moved = answers["A02"]["moved"] + answers["A03"]["moved"]
    assert sorted(moved) == sorted(seen)  # each ticket moved exactly once
    refused = answers["A02"]["refused"] + answers["A03"]["refused"]
    assert sorted(r["ticket"]["id"] for r in refused) == sorted(seen)
    winners = {t: to for to, a in answers.items() for t in a["moved"]}
    loads = _loads(leads["A02"])
    assert loads["A02"]["open"] + loads["A03"]["open"] == 5
    assert loads["A02"]["open"] == sum(1 for to in winners.values() if to == "A02")


def test_balance_gives_work_only_to_seats_that_take_it_and_have_the_skill(as_user: Client) -> None:
    lead = as_user("lead")
    seats = {n: as_user(f"a0{n}") for n in range(1, 5)}
    for _ in range(4):
        created(seats[1], "A01", category_code="ZC.QY.KB")  # 企业开办: needs 涉企
    report = {"state": "break", "since": NOW.isoformat(), "break_reason": "用餐"}
    assert seats[2].put(f"{API_PREFIX}/seats/report", json=report).status_code == 204  # A02 on 小休
    for n in (3, 4):
        seats[n].get(f"{API_PREFIX}/sync/pull")
    assert lead.put(f"{API_PREFIX}/lead/skills/A03", json={"skills": ["涉企", "方言"]}).status_code == 204
    assert lead.put(f"{API_PREFIX}/lead/skills/A02", json={"skills": ["涉企"]}).status_code == 204
    assert _loads(lead)["A03"]["skills"] == ["方言", "涉企"]

    proposal = lead.get(f"{API_PREFIX}/lead/balance").json()
    assert {m["to_seat"] for m in proposal["moves"]} == {"A03"}  # not A02 (小休), not A04 (no 涉企)
    assert len(proposal["moves"]) == 2 and proposal["moves"][0]["why"]["skills"] == ["涉企"]


def test_an_operator_cannot_read_another_seats_queue_or_move_its_tickets(client_for: Client) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    ticket = created(a01, "A01")
    assert a02.get(f"{API_PREFIX}/lead/queue", params={"seat": "A01"}).status_code == 403
    body = {"ticket_ids": [ticket["id"]], "to_seat": "A02", "reason": "我来", "versions": {ticket["id"]: 1}}
    assert a02.post(f"{API_PREFIX}/lead/reassign", json=body).status_code == 403
    moves = [{"ticket_id": ticket["id"], "from_seat": "A01", "to_seat": "A02"}]
    assert a02.post(f"{API_PREFIX}/lead/balance", json={"moves": moves, "reason": "我来"}).status_code == 403
    assert a02.put(f"{API_PREFIX}/lead/skills/A02", json={"skills": ["English"]}).status_code == 403
    assert (
        client_for("lead").get(f"{API_PREFIX}/lead/queue", params={"seat": "A01"}).json()[0]["id"]
        == ticket["id"]
    )
