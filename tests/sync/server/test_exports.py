"""导出 on the access record (issue 20 item 7): each export a seat made is kept once, under the
account that sent it, readable by admins; nobody records for another account; bad input is 422."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX, MAX_EXPORTS

Client = Callable[[str], TestClient]
EXPORTS = f"{API_PREFIX}/access/exports"


def export(**changes: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "at": "2026-12-07T10:30:00+08:00",
        "list": "queue",
        "rows": 42,
        "filters": {"status": "open", "search": "噪音"},
        "masked": False,
        "format": "xlsx",
    } | changes


def exports_on_record(admin: TestClient, user: str) -> list[dict[str, Any]]:
    entries = admin.get(f"{API_PREFIX}/admin/access-log", params={"user": user}).json()["entries"]
    return [e for e in entries if e["action"] == "export"]


@pytest.mark.parametrize("user", ["a01", "lead", "qzjj"])
def test_any_signed_in_account_records_its_own_exports(client_for: Client, user: str) -> None:
    seat, admin = client_for(user), client_for("admin")
    sent = export(masked=user == "qzjj")
    answer = seat.post(EXPORTS, json={"exports": [sent]})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"recorded": 1}
    [entry] = exports_on_record(admin, user)
    assert entry["username"] == user and entry["outcome"] == "ok"
    assert entry["detail"] == {
        "list": "queue",
        "rows": 42,
        "filters": {"status": "open", "search": "噪音"},
        "masked": user == "qzjj",
        "format": "xlsx",
        "exported_at": "2026-12-07T10:30:00+08:00",
    }


def test_an_export_sent_again_is_recorded_once(client_for: Client) -> None:
    seat, admin = client_for("a01"), client_for("admin")
    first, second = export(), export(list="callbacks")
    assert seat.post(EXPORTS, json={"exports": [first]}).json() == {"recorded": 1}
    # The answer was lost: the seat sends it again with the next one, and the same twice in a batch.
    assert seat.post(EXPORTS, json={"exports": [first, second, second]}).json() == {"recorded": 1}
    assert [e["detail"]["list"] for e in exports_on_record(admin, "a01")] == ["callbacks", "queue"]


def test_an_operator_cannot_record_an_export_for_another_account(client_for: Client) -> None:
    seat, admin = client_for("a01"), client_for("admin")
    answer = seat.post(EXPORTS, json={"exports": [export(username="a02")]})
    assert answer.status_code == 422
    assert exports_on_record(admin, "a02") == [] and exports_on_record(admin, "a01") == []


def test_an_export_needs_a_signed_in_account(anon: TestClient) -> None:
    assert anon.post(EXPORTS, json={"exports": [export()]}).status_code == 401


@pytest.mark.parametrize(
    "bad",
    [
        {"rows": -1},
        {"rows": "many"},
        {"format": "xls"},
        {"list": "队列; DROP TABLE access_log"},
        {"list": ""},
        {"id": "not-a-uuid"},
        {"at": "2026-12-07T10:30:00"},  # no time zone
        {"filters": {"status\n": "x"}},
        {"filters": {f"f{n}": "x" for n in range(21)}},
        {"filters": {"search": "长" * 81}},
        {"masked": "perhaps"},
    ],
)
def test_hostile_input_is_422_and_records_nothing(client_for: Client, bad: dict[str, Any]) -> None:
    seat, admin = client_for("a01"), client_for("admin")
    assert seat.post(EXPORTS, json={"exports": [export(**bad)]}).status_code == 422
    assert exports_on_record(admin, "a01") == []


def test_an_empty_or_oversized_batch_is_422(client_for: Client) -> None:
    seat = client_for("a01")
    assert seat.post(EXPORTS, json={"exports": []}).status_code == 422
    too_many = [export() for _ in range(MAX_EXPORTS + 1)]
    assert seat.post(EXPORTS, json={"exports": too_many}).status_code == 422


def test_only_admins_read_the_exports_on_record(client_for: Client) -> None:
    client_for("a01").post(EXPORTS, json={"exports": [export()]})
    assert client_for("lead").get(f"{API_PREFIX}/admin/access-log").status_code == 403
    assert client_for("a01").get(f"{API_PREFIX}/admin/access-log").status_code == 403
