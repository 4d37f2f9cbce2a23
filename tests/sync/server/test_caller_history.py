"""来电历史 (issue 18 item 6): POST /callers/history gives the seat where a number rings that number's
earlier tickets as a summary, checks the role, keeps the read on the access record, is bounded and
refuses hostile input. Each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from app.domain.ticket import Caller
from sync.protocol import API_PREFIX, MAX_CALLER_HISTORY
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from tests.sync.conftest import WIDE_WINDOW, login
from tests.sync.server.wire import create_op, created, push

Client = Callable[[str], TestClient]
HISTORY = f"{API_PREFIX}/callers/history"
NUMBER = "13912345678"
SUMMARY = {"id", "number", "created_at", "kind", "status", "category_code", "district", "mine"}


def _history(client: TestClient, phone: str = NUMBER, **query: Any) -> dict[str, Any]:
    answer = client.post(HISTORY, json={"phone": phone, **query})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _log(admin: TestClient) -> list[dict[str, Any]]:
    entries = admin.get(f"{API_PREFIX}/admin/access-log", params={"limit": 50}).json()["entries"]
    return [e for e in entries if e["action"] == "caller.history"]


def test_an_operator_sees_every_ticket_of_the_number_as_a_summary_and_may_open_only_its_own(
    client_for: Client,
) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    own = created(a01, "A01", caller=Caller("刘女士", NUMBER), district="东湖区", content="楼上装修噪声")
    other = created(a02, "A02", caller=Caller("刘女士", "139-1234-5678"), address="幸福路8号", content="私事")
    created(a02, "A02", caller=Caller("王先生", "13800000000"))  # another number
    found = _history(a01)
    assert found["total"] == 2
    assert [t["id"] for t in found["tickets"]] == sorted([own["id"], other["id"]], reverse=True)
    by_id = {t["id"]: t for t in found["tickets"]}
    assert by_id[own["id"]]["mine"] is True and by_id[other["id"]]["mine"] is False
    assert by_id[own["id"]]["district"] == "东湖区" and by_id[own["id"]]["number"] == own["number"]
    # Only the summary travels: no content, address, name, phone or who holds it.
    assert all(set(t) <= SUMMARY for t in found["tickets"])
    assert "私事" not in str(found) and "幸福路" not in str(found) and "刘女士" not in str(found)
    # Knowing another seat's id from the history opens nothing more.
    assert a01.get(f"{API_PREFIX}/tickets/{other['id']}").status_code == 404


def test_the_id_number_goes_only_where_the_callers_phone_goes(client_for: Client) -> None:
    """身份证号 is personal data like the phone: never in the summary, only in the ticket itself to
    whoever may open it (its seat, a lead), and the number as it was given there."""
    a01, a02, lead = client_for("a01"), client_for("a02"), client_for("lead")
    other = created(a02, "A02", caller=Caller("刘女士", NUMBER), id_number="11010519491231002X")
    assert "11010519491231002X" not in str(_history(a01)) and "11010519491231002X" not in str(_history(lead))
    assert a01.get(f"{API_PREFIX}/tickets/{other['id']}").status_code == 404
    for allowed in (a02, lead):
        ticket = allowed.get(f"{API_PREFIX}/tickets/{other['id']}").json()
        assert (ticket["caller_phone"], ticket["id_number"]) == (NUMBER, "11010519491231002X")


def test_a_lead_may_open_every_ticket_of_the_number(client_for: Client) -> None:
    created(client_for("a02"), "A02", caller=Caller("", NUMBER))
    [ticket] = _history(client_for("lead"))["tickets"]
    assert ticket["mine"] is True


def test_a_department_takes_no_calls_and_is_refused_on_record(client_for: Client) -> None:
    created(client_for("a01"), "A01", caller=Caller("", NUMBER))
    answer = client_for("qzjj").post(HISTORY, json={"phone": NUMBER})
    assert answer.status_code == 403
    [entry] = _log(client_for("admin"))
    assert (entry["username"], entry["outcome"]) == ("qzjj", "refused")


def test_the_read_is_on_the_access_record_with_the_number_masked_and_the_ids_served(
    client_for: Client,
) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01", caller=Caller("", NUMBER))
    _history(a01)
    [entry] = _log(client_for("admin"))
    assert (entry["username"], entry["role"], entry["outcome"]) == ("a01", "operator", "ok")
    assert entry["detail"] == {"phone": "139****5678", "days": 365, "count": 1, "tickets": [ticket["id"]]}
    assert NUMBER not in str(entry)


def test_the_answer_is_bounded_and_the_total_says_how_many_there_are(client_for: Client) -> None:
    a01 = client_for("a01")
    ops = [create_op("A01", caller=Caller("", NUMBER)) for _ in range(MAX_CALLER_HISTORY + 3)]
    assert {r["status"] for r in push(a01, *ops)} == {"applied"}
    found = _history(a01)
    assert (len(found["tickets"]), found["total"]) == (MAX_CALLER_HISTORY, MAX_CALLER_HISTORY + 3)


def test_tickets_older_than_the_days_asked_for_are_left_out(client_for: Client) -> None:
    a01 = client_for("a01")
    created(a01, "A01", caller=Caller("", NUMBER))  # filed at wire.NOW, days before the real clock
    assert _history(a01, days=365)["total"] == 1
    assert _history(a01, days=1) == {"tickets": [], "total": 0}


@pytest.mark.parametrize(
    "body",
    [
        {"phone": "1391234%"},  # a LIKE wildcard
        {"phone": "' OR '1'='1"},
        {"phone": "139 1234 5678"},  # the seat sends digits only
        {"phone": "1391"},  # too short: a prefix would match a crowd
        {"phone": "1" * 21},
        {"phone": ""},
        {"phone": "１３９１２３４５６７８"},  # full-width digits
        {"phone": 13912345678},
        {"phone": NUMBER, "days": 0},
        {"phone": NUMBER, "days": 100_000},
        {"phone": NUMBER, "seat": "A02"},  # unknown fields
        {},
    ],
)
def test_hostile_input_is_refused_before_any_query(client_for: Client, body: dict[str, Any]) -> None:
    a01 = client_for("a01")
    created(a01, "A01", caller=Caller("", NUMBER))
    answer = a01.post(HISTORY, json=body)
    assert answer.status_code == 422, answer.text
    assert _log(client_for("admin")) == []


def test_without_a_token_nothing_is_told(anon: TestClient) -> None:
    assert anon.post(HISTORY, json={"phone": NUMBER}).status_code == 401


@pytest.fixture
def strict_app(db_url: str) -> Iterator[FastAPI]:
    app = create_app(ServerSettings(db_url=db_url, offline_window=WIDE_WINDOW, caller_lookups_per_minute=3))
    yield app
    close_app(app)


def test_an_account_walking_through_numbers_is_stopped_and_that_is_on_record(strict_app: FastAPI) -> None:
    with TestClient(strict_app) as raw, TestClient(strict_app) as other_raw:
        a01, a02 = login(raw, "a01"), login(other_raw, "a02")
        answers = [a01.post(HISTORY, json={"phone": f"1391234{n:04d}"}) for n in range(5)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
        assert answers[3].headers["Retry-After"] == "60"
        # The bound is the account's: another seat still looks its caller up.
        assert a02.post(HISTORY, json={"phone": NUMBER}).status_code == 200
        with TestClient(strict_app) as admin_raw:
            outcomes = [e["outcome"] for e in _log(login(admin_raw, "admin")) if e["username"] == "a01"]
    assert sorted(outcomes) == ["ok", "ok", "ok", "throttled", "throttled"]
