"""Pull: the changes after a cursor, in commit order, only those this user may see."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from app.domain.status import Action
from app.paths import resources_dir
from sync.protocol import API_PREFIX
from tests.sync.server.wire import DEPARTMENT, command_op, created, edit_op, push

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
    assert change["note"] == "班长 班长李华 改派至 A07：忙闲调整 (reassigned to A07 by team lead 班长李华)"
    assert change["ticket"]["assigned_seat"] == "A07"
    assert [e["action"] for e in change["events"]] == ["assign"]
    assert _ids(_pull(a07)) == [ticket["id"]]


def test_pull_names_the_reference_data_versions(client_for: Client) -> None:
    reference = _pull(client_for("a01"))["reference"]
    taxonomy = hashlib.sha256((resources_dir() / "taxonomy.yaml").read_bytes()).hexdigest()
    assert taxonomy.startswith(reference["taxonomy"]) and len(reference["sla"]) == 12
    assert reference["kb"] == "0"  # no article yet (tests/sync/server/test_kb.py moves it)


def test_pull_marks_the_seat_as_seen(client_for: Client) -> None:
    a03, lead = client_for("a03"), client_for("lead")
    before = {s["seat_id"]: s["last_seen"] for s in lead.get(f"{API_PREFIX}/lead/seats").json()}
    _pull(a03)
    after = {s["seat_id"]: s["last_seen"] for s in lead.get(f"{API_PREFIX}/lead/seats").json()}
    assert before["A03"] is None and after["A03"] is not None
