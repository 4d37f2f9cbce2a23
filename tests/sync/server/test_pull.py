"""Pull: the changes after a cursor, in commit order, only those this user may see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.domain.status import Action
from app.paths import resources_dir
from app.reference import FILES, read_document
from sync.protocol import API_PREFIX
from tests.sync.server.wire import DEPARTMENT, command_op, create_op, created, edit_op, push, push_answer

Client = Callable[[str], TestClient]


def _pull(client: TestClient, cursor: int = 0, limit: int = 200) -> dict[str, Any]:
    answer = client.get(f"{API_PREFIX}/sync/pull", params={"cursor": cursor, "limit": limit})
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def _ids(page: dict[str, Any]) -> list[str]:
    return [c["ticket"]["id"] for c in page["changes"]]


def test_pages_follow_the_cursor_until_nothing_is_left(client_for: Client) -> None:
    a01 = client_for("a01")
    made = [created(a01, "A01")["id"] for _ in range(5)]
    seen: list[str] = []
    cursor, pages = 0, 0
    while True:
        page = _pull(a01, cursor, limit=2)
        assert page["cursor"] >= cursor
        assert all(c["seq"] > cursor for c in page["changes"])
        seen += _ids(page)
        cursor, pages = page["cursor"], pages + 1
        if not page["more"]:
            break
    assert seen == made and pages == 3
    assert _pull(a01, cursor) == {**_pull(a01, cursor), "changes": [], "cursor": cursor, "more": False}


def test_a_page_groups_a_tickets_changes_with_their_events(client_for: Client) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    push(a01, edit_op(ticket["id"], 1, "A01", address="罗湖区"))
    [change] = _pull(a01)["changes"]
    assert [e["action"] for e in change["events"]] == ["accept", "edit"]
    assert change["ticket"]["version"] == 2 and change["ticket"]["address"] == "罗湖区"


def test_a_seat_sees_only_its_own_tickets_a_lead_sees_all(client_for: Client) -> None:
    a01, a02, lead = client_for("a01"), client_for("a02"), client_for("lead")
    mine, theirs = created(a01, "A01")["id"], created(a02, "A02")["id"]
    assert _ids(_pull(a01)) == [mine]
    assert _ids(_pull(a02)) == [theirs]
    assert _ids(_pull(lead)) == [mine, theirs]


def test_a_department_sees_a_ticket_once_dispatched_to_it(client_for: Client) -> None:
    a01, qzjj, qcgj = client_for("a01"), client_for("qzjj"), client_for("qcgj")
    ticket = created(a01, "A01")
    assert _ids(_pull(qzjj)) == []
    push(a01, command_op(ticket["id"], 1, "A01", Action.DISPATCH, department=DEPARTMENT))
    [change] = _pull(qzjj)["changes"]
    assert change["ticket"]["status"] == "dispatched"
    assert _ids(_pull(qcgj)) == []


def test_a_reassignment_note_reaches_the_old_seat_and_the_new_one(client_for: Client) -> None:
    a01, a07, lead = client_for("a01"), client_for("a07"), client_for("lead")
    ticket = created(a01, "A01")
    cursor = _pull(a01)["cursor"]
    body = {"ticket_ids": [ticket["id"]], "to_seat": "A07", "reason": "忙闲调整"}
    assert lead.post(f"{API_PREFIX}/lead/reassign", json=body).status_code == 200
    [change] = _pull(a01, cursor)["changes"]
    no = change["ticket"]["number"]
    assert change["note"] == (  # for a seat of the previous version: both languages
        f"班长 班长李华 将工单 {no} 改派至 A07：忙闲调整 (The team lead 班长李华 reassigned {no} to A07: 忙闲调整)"  # noqa: E501
    )
    assert change["ticket"]["assigned_seat"] == "A07"
    assert [e["action"] for e in change["events"]] == ["assign"]
    assert _ids(_pull(a07)) == [ticket["id"]]


def test_pull_names_the_reference_data_versions(client_for: Client) -> None:
    reference = _pull(client_for("a01"))["reference"]
    shipped = {name: read_document(resources_dir(), name) for name in FILES}  # the default folder
    assert reference["taxonomy"] == shipped["taxonomy"].version  # type: ignore[union-attr]
    assert reference["sla"] == shipped["sla"].version  # type: ignore[union-attr]
    assert "emergency" not in reference  # named only to a seat that asks (test_reference.py)
    assert reference["kb"] == "0"  # no article yet (tests/sync/server/test_kb.py moves it)


def test_pull_marks_the_seat_as_seen(client_for: Client) -> None:
    a03, lead = client_for("a03"), client_for("lead")
    before = {s["seat_id"]: s["last_seen"] for s in lead.get(f"{API_PREFIX}/lead/seats").json()}
    _pull(a03)
    after = {s["seat_id"]: s["last_seen"] for s in lead.get(f"{API_PREFIX}/lead/seats").json()}
    assert before["A03"] is None and after["A03"] is not None


def test_a_push_names_its_echo_and_a_pull_that_skips_it_still_gets_the_rest(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    first, second = create_op("A01"), create_op("A01")
    body = push_answer(a01, first, second, edit_op(first["ticket_id"], 1, "A01", address="罗湖区"))
    echo = body["echo"]
    assert echo["last"] - echo["first"] == 2  # one feed row per applied op, all carried
    moved = lead.post(
        f"{API_PREFIX}/lead/reassign",
        json={"ticket_ids": [second["ticket_id"]], "to_seat": "A02", "reason": "忙闲调整"},
    )
    assert moved.status_code == 200, moved.text

    skip = f"{echo['first']}-{echo['last']}"
    page = a01.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0, "skip": skip}).json()
    assert _ids(page) == [second["ticket_id"]]  # the lead's move, not the seat's own changes
    assert page["cursor"] == echo["last"] + 1 and not page["more"]
    assert _pull(a01)["changes"][0]["ticket"]["id"] == first["ticket_id"]  # no skip: all of it


def test_the_cursor_passes_a_skipped_range_only_when_the_page_is_the_last(client_for: Client) -> None:
    a01 = client_for("a01")
    others = [created(a01, "A01")["id"] for _ in range(2)]
    echo = push_answer(a01, *(create_op("A01") for _ in range(3)))["echo"]
    skip = f"{echo['first']}-{echo['last']}"

    def page(cursor: int, limit: int, skip: str = skip) -> dict[str, Any]:
        params: dict[str, Any] = {"cursor": cursor, "skip": skip, "limit": limit}
        found: dict[str, Any] = a01.get(f"{API_PREFIX}/sync/pull", params=params).json()
        return found

    one = page(0, limit=1)
    assert _ids(one) == others[:1] and one["more"] and one["cursor"] < echo["first"]
    two = page(one["cursor"], limit=1)
    assert _ids(two) == others[1:] and not two["more"] and two["cursor"] == echo["last"]
    assert _ids(page(0, limit=10, skip=skip + ",1-1")) == others[1:]  # ranges merge, no error


def test_a_skip_beyond_the_feed_does_not_move_the_cursor_past_rows_to_come(client_for: Client) -> None:
    a01 = client_for("a01")
    created(a01, "A01")
    page = a01.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0, "skip": "5-900000"}).json()
    assert page["cursor"] == 1 and len(page["changes"]) == 1
    later = created(a01, "A01")["id"]
    assert _ids(_pull(a01, page["cursor"])) == [later]


@pytest.mark.parametrize(
    ("skip", "why"),
    [
        ("5-1", "starts after it ends"),
        ("1-", "invalid"),
        ("a-b", "invalid"),
        (",".join(["1-2"] * 65), "invalid"),
    ],
)
def test_a_malformed_skip_is_a_clear_422(client_for: Client, skip: str, why: str) -> None:
    answer = client_for("a01").get(f"{API_PREFIX}/sync/pull", params={"skip": skip})
    assert answer.status_code == 422 and why in answer.json()["message"], answer.text
