"""漏接回拨 on the server: a seat sends its callbacks (PUT /callbacks) and reads its own back
(GET /callbacks); a lead sees every seat's unreturned calls (GET /lead/callbacks). A callback is its
seat's: another seat's operator can neither read nor change it. Each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from app.domain.ids import new_id
from sync.protocol import API_PREFIX

Client = Callable[[str], TestClient]
PUT = f"{API_PREFIX}/callbacks"
LEAD = f"{API_PREFIX}/lead/callbacks"


def a_callback(seat: str = "A01", **fields: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "kind": "missed",
        "seat_id": seat,
        "number": "13812345678",
        "at": "2026-12-07T09:00:00+08:00",
        "call_id": "pbx-1",
        "state": "waiting",
        "version": 1,
        **fields,
    }


def put(client: TestClient, *callbacks: dict[str, Any]) -> dict[str, Any]:
    answer = client.put(PUT, json={"callbacks": list(callbacks)})
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def own(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(PUT, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def lead_list(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(LEAD, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_a_seats_callbacks_come_back_to_it_and_unreturned_ones_to_the_lead(client_for: Client) -> None:
    a01, a02, lead = client_for("a01"), client_for("a02"), client_for("lead")
    waiting = a_callback(at="2026-12-07T09:05:00+08:00")
    done = a_callback(
        state="done", result="reached", attempts=1, version=3, done_at="2026-12-07T09:30:00+08:00"
    )
    other = a_callback("A02", number="13900001111", at="2026-12-07T09:01:00+08:00")
    assert put(a01, waiting, done) == {"kept": 2, "refused": []}
    assert put(a02, other)["kept"] == 1
    assert [c["id"] for c in own(a01)] == [done["id"], waiting["id"]]  # oldest first
    assert [c["id"] for c in own(a01, open_only=True)] == [waiting["id"]]
    assert [c["id"] for c in lead_list(lead)] == [other["id"], waiting["id"]]  # every seat, open only
    assert [c["id"] for c in lead_list(lead, seat="A02")] == [other["id"]]
    shown = lead_list(lead)[1]
    assert (shown["seat_id"], shown["number"], shown["call_id"], shown["state"]) == (
        "A01",
        "13812345678",
        "pbx-1",
        "waiting",
    )


def test_the_server_keeps_the_highest_version_so_a_late_batch_rolls_nothing_back(client_for: Client) -> None:
    a01 = client_for("a01")
    first = a_callback()
    later = {**first, "state": "calling", "attempts": 1, "version": 2}
    assert put(a01, later)["kept"] == 1
    assert put(a01, first)["kept"] == 1  # taken, and changes nothing
    (kept,) = own(a01)
    assert (kept["state"], kept["attempts"], kept["version"]) == ("calling", 1, 2)
    done = {
        **later,
        "state": "done",
        "result": "no_answer",
        "version": 5,
        "done_at": "2026-12-07T10:00:00+08:00",
    }
    put(a01, done)
    assert own(a01)[0]["result"] == "no_answer" and lead_list(client_for("lead")) == []


def test_an_operator_cannot_send_a_callback_for_another_seat(client_for: Client) -> None:
    a01 = client_for("a01")
    forged = a_callback("A02")
    answer = put(a01, forged)
    assert answer["kept"] == 0
    (refused,) = answer["refused"]
    assert (refused["id"], refused["problem"]) == (forged["id"], "server.callback_not_yours")
    assert own(client_for("a02")) == [] and lead_list(client_for("lead")) == []


def test_an_operator_cannot_change_another_seats_callback_by_its_id(client_for: Client) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    theirs = a_callback("A02")
    put(a02, theirs)
    # A01 sends the same id as its own, closed: refused, A02's callback stays as it was.
    hijack = {**theirs, "seat_id": "A01", "state": "done", "result": "not_needed", "version": 9}
    answer = put(a01, hijack)
    assert answer["kept"] == 0 and answer["refused"][0]["problem"] == "server.callback_not_yours"
    (kept,) = own(a02)
    assert (kept["state"], kept["version"], kept["seat_id"]) == ("waiting", 1, "A02")
    assert own(a01) == []


def test_an_operator_reads_only_its_own_seats_callbacks_and_not_the_leads_list(client_for: Client) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    put(a02, a_callback("A02"))
    assert own(a01) == []
    assert a01.get(LEAD).status_code == 403
    assert a01.get(LEAD, params={"seat": "A02"}).status_code == 403


def test_accounts_without_a_seat_neither_send_nor_read_a_seats_list(client_for: Client) -> None:
    for name in ("lead", "admin", "qzjj"):
        client = client_for(name)
        assert client.put(PUT, json={"callbacks": [a_callback()]}).status_code == 403, name
        assert client.get(PUT).status_code == 403, name
    assert client_for("qzjj").get(LEAD).status_code == 403  # a 承办单位 is no lead
    assert client_for("admin").get(LEAD).status_code == 200  # an admin also leads


def test_signed_out_requests_are_refused(anon: TestClient) -> None:
    assert anon.put(PUT, json={"callbacks": [a_callback()]}).status_code == 401
    assert anon.get(PUT).status_code == 401
    assert anon.get(LEAD).status_code == 401


def test_malformed_callbacks_are_refused_whole_and_keep_nothing(client_for: Client) -> None:
    a01 = client_for("a01")
    for bad in (
        a_callback(state="lost"),
        a_callback(kind="visit"),
        a_callback(result="maybe"),
        a_callback(at="2026-12-07T09:00:00"),  # no time zone
        a_callback(number="1" * 41),
        a_callback(call_id="has space"),
        a_callback(attempts=-1),
        a_callback(version=0),
        a_callback(surprise=1),
        a_callback(id="not-an-id"),
    ):
        assert a01.put(PUT, json={"callbacks": [a_callback(), bad]}).status_code == 422, bad
    assert a01.put(PUT, json={"callbacks": []}).status_code == 422
    assert own(a01) == []


def test_reading_callbacks_is_written_to_the_access_record(client_for: Client) -> None:
    own(client_for("a01"))
    lead_list(client_for("lead"), seat="A01")
    answer = client_for("admin").get(f"{API_PREFIX}/admin/access-log")
    assert answer.status_code == 200, answer.text
    actions = {(e["action"], e["username"]) for e in answer.json()["entries"]}
    assert {("callbacks", "a01"), ("lead.callbacks", "lead")} <= actions
