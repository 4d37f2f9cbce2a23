"""并单 on the server (issue 18 item 6): a seat's merge closes its repeat and puts a link event on
the ticket it joined, in one push; it may join a ticket it may see or one of the same caller, and
any other answer is the one a missing ticket gets; the lead's report counts the repeats. Each test
runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from app.domain.ids import new_id
from app.domain.problem import Problem
from app.domain.status import Action, Role
from app.domain.ticket import Caller
from sync.protocol import API_PREFIX, CODES_PARAM
from sync.server.db import Database
from sync.server.models import EventRow, OpRow
from sync.server.rights import NOT_YOURS
from tests.sync.server.wire import NOW, command_op, created, push

Client = Callable[[str], TestClient]
CALLER = Caller("刘女士", "13912345678")


def _merge(client: TestClient, repeat: dict[str, Any], into: str, seat: str = "A01") -> dict[str, Any]:
    op = command_op(repeat["id"], repeat["version"], seat, Action.MERGE, merge_into=into)
    [result] = push(client, op)
    return result


def _events(db_url: str, ticket_id: str) -> list[EventRow]:
    db = Database.open(db_url)
    try:
        with db.reading() as session:
            query = select(EventRow).where(EventRow.ticket_id == ticket_id).order_by(EventRow.at, EventRow.id)
            return list(session.scalars(query))
    finally:
        db.dispose()


def test_a_repeat_of_the_same_caller_joins_another_seats_ticket_and_both_carry_an_event(
    client_for: Client, db_url: str
) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    main = created(a02, "A02", caller=CALLER, content="幸福路工地夜间打桩")
    repeat = created(a01, "A01", caller=Caller("", "139-1234-5678"), content="又是幸福路工地半夜打桩")
    result = _merge(a01, repeat, main["id"])
    assert result["status"] == "applied", result
    assert (result["ticket"]["status"], result["version"]) == ("closed", repeat["version"] + 1)
    [_accepted, merged] = _events(db_url, repeat["id"])
    assert (merged.action, merged.to_status, merged.data) == ("merge", "closed", {"into": main["id"]})
    link = _events(db_url, main["id"])[-1]
    assert (link.action, link.from_status, link.to_status) == ("merge", "accepted", "accepted")
    assert link.data == {"from": repeat["id"], "from_no": repeat["number"]}
    # A02 learns of it on its next pull: its ticket at a new version, with the link and a notice.
    change = next(
        c for c in a02.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0}).json()["changes"]
        if c["ticket"]["id"] == main["id"]
    )  # fmt: skip
    assert change["ticket"]["version"] == main["version"] + 1 and change["ticket"]["status"] == "accepted"
    assert link.id in [e["id"] for e in change["events"]]
    said = Problem("notice.merged", {"actor": "话务员01", "ticket": repeat["number"]})
    assert change["note"] == str(said)  # for a seat of the previous version, both languages
    coded = a02.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0, CODES_PARAM: "true"}).json()
    [told] = [c for c in coded["changes"] if c["ticket"]["id"] == main["id"]]
    assert (told["problem"], told["params"]) == (said.code, said.params)
    # The repeat's content is kept where it was: nothing is deleted or copied over.
    assert a01.get(f"{API_PREFIX}/tickets/{repeat['id']}").json()["content"] == "又是幸福路工地半夜打桩"


def test_another_seats_ticket_of_another_caller_is_answered_like_a_missing_one(
    client_for: Client, db_url: str
) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    foreign = created(a02, "A02", caller=Caller("王先生", "13800000000"))
    answers = [
        _merge(a01, created(a01, "A01", caller=CALLER), target) for target in (foreign["id"], new_id())
    ]
    assert {(a["status"], a["reason"]) for a in answers} == {("rejected", str(NOT_YOURS))}
    assert all(a["ticket"]["status"] == "accepted" for a in answers)  # the seat's copy is put right
    assert [e.action for e in _events(db_url, foreign["id"])] == ["accept"]  # untouched


def test_a_ticket_the_seat_holds_may_take_a_repeat_of_another_caller(client_for: Client) -> None:
    a01 = client_for("a01")
    main = created(a01, "A01", caller=Caller("王先生", "13800000000"), content="路灯不亮")
    repeat = created(a01, "A01", caller=CALLER, content="同一路段路灯不亮")  # a neighbour, same matter
    assert _merge(a01, repeat, main["id"])["status"] == "applied"


def test_a_closed_ticket_takes_no_repeat_and_a_ticket_cannot_join_itself(client_for: Client) -> None:
    a01 = client_for("a01")
    main = created(a01, "A01", caller=CALLER)
    closed = _merge(a01, created(a01, "A01", caller=CALLER), main["id"])["ticket"]
    late = _merge(a01, created(a01, "A01", caller=CALLER), closed["id"])
    assert (late["status"], "已办结" in late["reason"]) == ("rejected", True)
    itself = created(a01, "A01", caller=CALLER)
    assert _merge(a01, itself, itself["id"])["status"] == "rejected"


def test_a_department_does_not_merge(client_for: Client) -> None:
    a01, qzjj = client_for("a01"), client_for("qzjj")
    main, repeat = created(a01, "A01", caller=CALLER), created(a01, "A01", caller=CALLER)
    op = command_op(
        repeat["id"], repeat["version"], "QZJJ", Action.MERGE, Role.DEPARTMENT, merge_into=main["id"]
    )
    [result] = push(qzjj, op)
    assert result["status"] == "rejected"


def test_the_lead_counts_repeats_not_the_links_and_only_within_the_period(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    main = created(a01, "A01", caller=CALLER)
    for _ in range(2):
        assert _merge(a01, created(a01, "A01", caller=CALLER), main["id"])["status"] == "applied"

    def count(since: Any, until: Any) -> int:
        params = {"since": since.isoformat(), "until": until.isoformat()}
        answer = lead.get(f"{API_PREFIX}/lead/repeats", params=params)
        assert answer.status_code == 200, answer.text
        repeats: int = answer.json()["repeats"]
        return repeats

    assert count(NOW - timedelta(hours=1), NOW + timedelta(hours=1)) == 2
    assert count(NOW + timedelta(hours=1), NOW + timedelta(hours=2)) == 0
    assert (
        a01.get(
            f"{API_PREFIX}/lead/repeats", params={"since": NOW.isoformat(), "until": NOW.isoformat()}
        ).status_code
        == 403
    )


def test_the_ops_audit_record_names_the_ticket_joined(client_for: Client, db_url: str) -> None:
    a01 = client_for("a01")
    main, repeat = created(a01, "A01", caller=CALLER), created(a01, "A01", caller=CALLER)
    result = _merge(a01, repeat, main["id"])
    db = Database.open(db_url)
    try:
        with db.reading() as session:
            op = session.get(OpRow, result["op_id"])
            assert op is not None and op.payload["merge_into"] == main["id"]
            assert op.payload["action"] == "merge"
    finally:
        db.dispose()
