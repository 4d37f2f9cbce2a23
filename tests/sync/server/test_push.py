"""Push: every op settled on its own (applied / duplicate / conflict / rejected), kept for audit."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from starlette.testclient import TestClient

from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.planning import planned
from app.domain.status import Action, Role, Satisfaction
from app.resources import load_sla_clock
from sync.server.app import close_app, create_app
from sync.server.models import EventRow, OpRow
from sync.server.settings import ServerSettings
from tests.sync.conftest import login
from tests.sync.server.wire import DEPARTMENT, TICKETS, command_op, create_op, created, edit_op, push

Client = Callable[[str], TestClient]
NUMBER = re.compile(r"^12345-\d{8}-\d{6}$")


def _count(db_url: str, model: type[OpRow] | type[EventRow]) -> int:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        count = conn.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return int(count or 0)


def test_a_created_ticket_gets_version_1_an_official_number_and_the_servers_deadlines(
    client_for: Client,
) -> None:
    a01 = client_for("a01")
    op = create_op("A01")
    op["ticket"]["dispatch_due"] = "2030-01-01T00:00:00Z"  # a seat's clock or rules may be off
    [result] = push(a01, op)
    assert result["status"] == "applied"
    ticket = result["ticket"]
    assert ticket["version"] == result["version"] == 1
    assert NUMBER.match(ticket["number"]) and result["number"] == ticket["number"]
    assert ticket["assigned_seat"] == "A01" and ticket["status"] == "accepted"
    # The server plans with the shared domain code, so its deadlines are the domain's, not the seat's.
    domain = TICKETS.validate_python(ticket)
    assert domain.accepted_at is not None
    accept = Command(Action.ACCEPT, "x", Role.OPERATOR, domain.accepted_at, seat_id="A01")
    expected = planned(domain, accept, load_sla_clock())
    assert (domain.dispatch_due, domain.close_due) == (expected.dispatch_due, expected.close_due)
    assert domain.dispatch_due is not None and domain.dispatch_due.year == 2026


def test_a_replayed_batch_is_all_duplicates_and_nothing_is_applied_twice(
    client_for: Client, db_url: str
) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    good = edit_op(ticket["id"], 1, "A01", address="深南大道 1 号")
    bad = command_op(ticket["id"], 2, "A01", Action.CLOSE_DIRECT, reason="已解答")  # 求助 cannot
    batch = [create_op("A01"), good, bad]
    first = push(a01, *batch)
    assert [r["status"] for r in first] == ["applied", "applied", "rejected"]
    events, ops = _count(db_url, EventRow), _count(db_url, OpRow)

    replay = push(a01, *batch)
    assert [r["status"] for r in replay] == ["duplicate"] * 3
    assert [r["original"] for r in replay] == ["applied", "applied", "rejected"]
    assert replay[1]["version"] == 2 and replay[2]["ticket"]["address"] == "深南大道 1 号"
    assert replay[0]["number"] == first[0]["number"]
    assert replay[2]["reason"] == first[2]["reason"]
    assert (_count(db_url, EventRow), _count(db_url, OpRow)) == (events, ops)


def test_an_applied_answer_carries_the_ticket_only_when_it_is_the_last_for_that_ticket(
    client_for: Client,
) -> None:
    a01 = client_for("a01")
    create = create_op("A01")
    ticket_id = create["ticket_id"]
    edit = edit_op(ticket_id, 1, "A01", address="深南大道 1 号")
    other = create_op("A01")
    answers = push(a01, create, other, edit)
    assert [r["status"] for r in answers] == ["applied"] * 3
    assert answers[0]["ticket"] is None  # the edit's answer brings this ticket
    assert (answers[0]["version"], answers[2]["version"]) == (1, 2)
    assert answers[0]["number"] == answers[2]["number"] == answers[2]["ticket"]["number"]
    assert answers[2]["ticket"]["address"] == "深南大道 1 号"
    assert answers[1]["ticket"]["id"] == other["ticket_id"]


def test_an_op_repeated_inside_one_batch_is_settled_once(client_for: Client) -> None:
    a01 = client_for("a01")
    op = create_op("A01")
    results = push(a01, op, op)
    assert [r["status"] for r in results] == ["applied", "duplicate"]
    assert results[1]["original"] == "applied" and results[1]["number"] == results[0]["number"]


def test_one_bad_op_never_sinks_the_batch_and_every_op_is_kept(client_for: Client, db_url: str) -> None:
    a01 = client_for("a01")
    empty = create_op("A01")
    empty["ticket"]["content"] = "   "  # 受理 needs content
    results = push(a01, empty, create_op("A01"), create_op("A02"))
    assert [r["status"] for r in results] == ["rejected", "applied", "rejected"]
    assert "content is empty" in results[0]["reason"]
    assert "A01" in results[2]["reason"]  # the account belongs to A01, not A02
    assert _count(db_url, OpRow) == 3  # the refused ones too, for audit and duplicate answers


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"seat_id": "A02"}, "push.ticket_seat_differs"),
        ({"category_code": "NO.SUCH.CODE"}, "server.unknown_category"),
    ],
)
def test_creates_the_server_refuses(client_for: Client, change: dict[str, str], why: str) -> None:
    op = create_op("A01")
    op["ticket"].update(change)
    [result] = push(client_for("a01"), op)
    assert result["status"] == "rejected" and result["problem"] == why


def test_a_known_ticket_cannot_be_created_again_under_a_new_op(client_for: Client) -> None:
    a01 = client_for("a01")
    op = create_op("A01")
    push(a01, op)
    again = {**op, "op_id": "01a212d3-0000-7000-8000-000000000001"}
    again["event"] = {**op["event"], "id": "01a212d3-0000-7000-8000-000000000002"}
    [result] = push(a01, again)
    assert result["status"] == "rejected" and "already exists" in result["reason"]


def test_an_event_id_cannot_be_used_twice(client_for: Client) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    first = edit_op(ticket["id"], 1, "A01", address="一")
    second = edit_op(ticket["id"], 2, "A01", address="二")
    second["command"]["event_id"] = first["command"]["event_id"]
    assert [r["status"] for r in push(a01, first, second)] == ["applied", "rejected"]


def test_official_numbers_count_per_day_in_shanghai(db_url: str) -> None:
    # 17:30 UTC on the 25th is already 01:30 on the 26th in Shenzhen.
    settings = ServerSettings(db_url=db_url, clock=lambda: datetime(2026, 11, 25, 17, 30, tzinfo=UTC))
    app = create_app(settings)
    with TestClient(app) as client:
        login(client, "a01")
        results = push(client, *(create_op("A01") for _ in range(3)))
    close_app(app)
    assert [r["number"] for r in results] == [f"12345-20261126-{n:06d}" for n in (1, 2, 3)]


def test_an_operator_cannot_touch_another_seats_ticket(client_for: Client) -> None:
    ticket = created(client_for("a01"), "A01")
    a02 = client_for("a02")
    [result] = push(a02, edit_op(ticket["id"], 1, "A02", content="改掉"))
    assert result["status"] == "rejected"
    assert result["ticket"] is None  # nor learns what it holds
    [unknown] = push(a02, edit_op("01a212d3-0000-7000-8000-00000000dead", 1, "A02", content="x"))
    assert unknown["reason"] == result["reason"]  # the same answer: existence is not leaked


def test_an_operator_cannot_act_in_a_higher_role(client_for: Client) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    op = command_op(ticket["id"], 1, "A01", Action.SUPERVISE, Role.TEAM_LEAD, reason="重点")
    [result] = push(a01, op)
    assert result["status"] == "rejected" and result["problem"] == "push.cannot_act_as"
    assert result["params"] == {"role": "operator", "acting": "team_lead"}


def test_a_step_the_lifecycle_forbids_is_rejected(client_for: Client) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01", kind=Kind.COMPLAINT)
    [result] = push(a01, command_op(ticket["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答"))
    assert result["status"] == "rejected"
    assert "must be dispatched" in result["reason"]


def test_a_step_refused_because_the_ticket_moved_on_is_a_conflict(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01", kind=Kind.CONSULTATION)
    [dispatched] = push(
        lead, command_op(ticket["id"], 1, "A01", Action.DISPATCH, Role.TEAM_LEAD, department=DEPARTMENT)
    )
    assert dispatched["status"] == "applied"
    # a01, offline, still saw version 1 and closed the consultation directly.
    [result] = push(a01, command_op(ticket["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答"))
    assert result["status"] == "conflict"
    assert result["ticket"]["status"] == "dispatched" and result["ticket"]["version"] == 2
    assert "cannot close direct a dispatched ticket" in result["reason"]


def test_the_department_flow_start_reply_then_visit_and_close(client_for: Client) -> None:
    a01, qzjj, qcgj = client_for("a01"), client_for("qzjj"), client_for("qcgj")
    ticket = created(a01, "A01")
    tid = ticket["id"]
    assert (
        push(a01, command_op(tid, 1, "A01", Action.DISPATCH, department=DEPARTMENT))[0]["status"] == "applied"
    )

    [other] = push(qcgj, command_op(tid, 2, "QCGJ", Action.START, Role.DEPARTMENT))
    assert other["status"] == "rejected"  # dispatched to QZJJ, not to QCGJ
    [started] = push(qzjj, command_op(tid, 2, DEPARTMENT, Action.START, Role.DEPARTMENT))
    [replied] = push(qzjj, command_op(tid, 3, DEPARTMENT, Action.REPLY, Role.DEPARTMENT, reason="已维修电梯"))
    assert (started["status"], replied["status"]) == ("applied", "applied")
    assert replied["ticket"]["status"] == "replied"

    [visited] = push(a01, command_op(tid, 4, "A01", Action.VISIT, satisfaction=Satisfaction.SATISFIED))
    [closed] = push(a01, command_op(tid, 5, "A01", Action.CLOSE))
    assert visited["status"] == "applied"
    assert closed["status"] == "applied" and closed["ticket"]["status"] == "closed"
    assert closed["version"] == 6


def test_a_department_cannot_accept_calls(client_for: Client) -> None:
    op = create_op(DEPARTMENT)
    op["event"]["role"] = "department"
    [result] = push(client_for("qzjj"), op)
    assert result["status"] == "rejected"


def test_a_lead_acts_on_any_seats_ticket(client_for: Client) -> None:
    lead, a01 = client_for("lead"), client_for("a01")
    ticket = created(a01, "A01")
    op = command_op(ticket["id"], 1, "LEAD", Action.SUPERVISE, Role.TEAM_LEAD, reason="市领导关注")
    [result] = push(lead, op)
    assert result["status"] == "applied" and result["ticket"]["supervised"] is True


def test_an_edit_without_changes_is_rejected(client_for: Client) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    [result] = push(a01, edit_op(ticket["id"], 1, "A01"))
    assert result["status"] == "rejected" and "Nothing was changed" in result["reason"]


def test_a_refused_edit_comes_back_with_the_servers_ticket_to_put_the_seats_copy_right(
    client_for: Client,
) -> None:
    """The seat already shows its edit; the server refuses it (the lead moved the ticket away
    before the edit was made). Without the server's ticket in the answer the seat's copy would keep
    the refused text for good: no later change to the ticket need ever reach this seat."""
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    moved = lead.post(
        "/api/v1/lead/reassign", json={"ticket_ids": [ticket["id"]], "to_seat": "A02", "reason": "忙闲调整"}
    )
    assert moved.status_code == 200, moved.text
    [result] = push(a01, edit_op(ticket["id"], 2, "A01", content="物业称已修复"))
    assert result["status"] == "rejected"
    assert result["ticket"]["content"] == ticket["content"] and result["ticket"]["assigned_seat"] == "A02"


def test_the_op_record_keeps_what_was_asked_not_a_second_copy_of_the_ticket(
    client_for: Client, db_url: str
) -> None:
    a01 = client_for("a01")
    create = create_op("A01", content="楼上漏水三天")
    ticket = create["ticket_id"]
    edit = edit_op(ticket, 1, "A01", caller={"name": "李四", "phone": "13900000000"}, address="福田区某路")
    assert [r["status"] for r in push(a01, create, edit)] == ["applied", "applied"]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        payloads: dict[str, Any] = dict(conn.execute(select(OpRow.op_id, OpRow.payload)).all())
    engine.dispose()
    kept = str(payloads)
    for personal in ("张三", "13800000000", "楼上漏水三天", "李四", "13900000000", "福田区某路"):
        assert personal not in kept
    assert payloads[create["op_id"]]["event_id"] == create["event"]["id"]
    assert payloads[create["op_id"]]["ticket"]["kind"] == "help"
    assert payloads[edit["op_id"]]["fields"] == ["address", "caller"]
    assert payloads[edit["op_id"]]["action"] == "edit"
