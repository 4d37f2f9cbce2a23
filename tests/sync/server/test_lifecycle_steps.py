"""The lifecycle's steps between the centre and the 承办单位 on the server: the domain's table with
each account's rights. A 承办单位 acts only on tickets dispatched to it (another unit's ticket is
answered like a missing one); the centre's decisions (延期, 退单审核) are the team lead's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from starlette.testclient import TestClient

from app.domain.ids import new_id
from app.domain.status import Action, Role
from sync.server.models import EventRow
from sync.server.rights import NOT_YOURS
from tests.sync.server.wire import NOW, TICKETS, command_op, create_op, created, push

Client = Callable[[str], TestClient]
OTHER_DEPARTMENT = "QCGJ"


def _dispatched(client_for: Client) -> tuple[TestClient, str]:
    """A01's ticket dispatched to QZJJ (version 2)."""
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    [sent] = push(a01, command_op(ticket["id"], 1, "A01", Action.DISPATCH, department="QZJJ"))
    assert sent["status"] == "applied"
    return a01, ticket["id"]


def _actions(db_url: str, ticket_id: str) -> list[str]:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(EventRow.action).where(EventRow.ticket_id == ticket_id).order_by(EventRow.at)
        )
        actions = [r.action for r in rows]
    engine.dispose()
    return actions


def test_a_department_signs_asks_an_extension_and_only_the_team_lead_grants_it(
    client_for: Client, db_url: str
) -> None:
    a01, tid = _dispatched(client_for)
    qzjj, lead = client_for("qzjj"), client_for("lead")
    [signed] = push(
        qzjj, command_op(tid, 2, "QZJJ", Action.START, Role.DEPARTMENT, at=NOW + timedelta(minutes=1))
    )
    assert (signed["status"], signed["ticket"]["status"]) == ("applied", "in_progress")
    close_due = TICKETS.validate_python(signed["ticket"]).close_due
    assert close_due is not None
    until = close_due + timedelta(days=10)
    ask = command_op(
        tid,
        3,
        "QZJJ",
        Action.EXTEND,
        Role.DEPARTMENT,
        at=NOW + timedelta(minutes=2),
        until=until,
        reason="需协调燃气公司",
    )
    [asked] = push(qzjj, ask)
    assert asked["status"] == "applied"
    assert TICKETS.validate_python(asked["ticket"]).extension_due == until

    grant = {"at": NOW + timedelta(minutes=3)}
    [by_operator] = push(a01, command_op(tid, 4, "A01", Action.APPROVE_EXTENSION, **grant))
    assert (by_operator["status"], by_operator["problem"]) == ("rejected", "lifecycle.role_may_not")
    [by_department] = push(
        qzjj, command_op(tid, 4, "QZJJ", Action.APPROVE_EXTENSION, Role.DEPARTMENT, **grant)
    )
    assert by_department["status"] == "rejected"
    [granted] = push(lead, command_op(tid, 4, "LEAD", Action.APPROVE_EXTENSION, Role.TEAM_LEAD, **grant))
    assert granted["status"] == "applied"
    ticket = TICKETS.validate_python(granted["ticket"])
    assert (ticket.close_due, ticket.extension_due) == (until, None)
    assert _actions(db_url, tid) == ["accept", "dispatch", "start", "extend", "approve_extension"]


def test_a_return_is_reviewed_by_the_team_lead_before_it_is_dispatched_anew(
    client_for: Client, db_url: str
) -> None:
    a01, tid = _dispatched(client_for)
    qzjj, lead = client_for("qzjj"), client_for("lead")
    back = command_op(tid, 2, "QZJJ", Action.RETURN, Role.DEPARTMENT, reason="不属本单位职责")
    [returned] = push(qzjj, back)
    assert (returned["status"], returned["ticket"]["status"]) == ("applied", "returned")
    assert returned["ticket"]["department"] == "QZJJ"  # theirs until the centre agrees
    later = NOW + timedelta(minutes=5)
    [by_operator] = push(a01, command_op(tid, 3, "A01", Action.APPROVE_RETURN, at=later))
    assert (by_operator["status"], by_operator["problem"]) == ("rejected", "lifecycle.role_may_not")
    [redispatch_first] = push(
        a01, command_op(tid, 3, "A01", Action.DISPATCH, at=later, department=OTHER_DEPARTMENT)
    )
    assert (redispatch_first["status"], redispatch_first["problem"]) == (
        "rejected",
        "lifecycle.not_from_status",
    )
    [agreed] = push(lead, command_op(tid, 3, "LEAD", Action.APPROVE_RETURN, Role.TEAM_LEAD, at=later))
    assert (agreed["ticket"]["status"], agreed["ticket"]["department"]) == ("accepted", None)
    [moved] = push(a01, command_op(tid, 4, "A01", Action.DISPATCH, at=later, department=OTHER_DEPARTMENT))
    assert (moved["status"], moved["ticket"]["department"]) == ("applied", OTHER_DEPARTMENT)
    assert _actions(db_url, tid) == ["accept", "dispatch", "return", "approve_return", "dispatch"]


def test_chases_are_counted_and_a_withdrawal_ends_the_ticket_on_the_server(client_for: Client) -> None:
    a01, tid = _dispatched(client_for)
    first, second = (
        command_op(tid, base, "A01", Action.URGE, at=NOW + timedelta(minutes=base)) for base in (2, 3)
    )
    results = push(a01, first, second)
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[-1]["ticket"]["urge_count"] == 2
    withdraw = command_op(
        tid, 4, "A01", Action.WITHDRAW, at=NOW + timedelta(minutes=5), reason="市民撤回诉求"
    )
    [ended] = push(a01, withdraw)
    assert (ended["status"], ended["ticket"]["status"]) == ("applied", "closed")


def _answer(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "op_id"}


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        (Action.START, {}),
        (Action.RETURN, {"reason": "不属本单位职责"}),
        (Action.EXTEND, {"reason": "需协调", "until": NOW + timedelta(days=60)}),
    ],
)
def test_another_units_ticket_is_answered_like_a_missing_one(
    client_for: Client, action: Action, fields: dict[str, Any]
) -> None:
    _, tid = _dispatched(client_for)  # dispatched to QZJJ
    qcgj = client_for("qcgj")
    mine, missing = (
        command_op(ticket_id, 2, OTHER_DEPARTMENT, action, Role.DEPARTMENT, **fields)
        for ticket_id in (tid, new_id())
    )
    real, absent = push(qcgj, mine, missing)
    assert _answer(real) == _answer(absent)
    assert real["status"] == "rejected" and real["reason"] == str(NOT_YOURS) and real["ticket"] is None


def test_a_new_ticket_brings_no_chases_nor_an_extension_of_its_own(client_for: Client) -> None:
    op = create_op("A01")
    op["ticket"].update(urge_count=7, extension_due=(NOW + timedelta(days=90)).isoformat())
    [result] = push(client_for("a01"), op)
    ticket = TICKETS.validate_python(result["ticket"])
    assert (result["status"], ticket.urge_count, ticket.extension_due) == ("applied", 0, None)
    assert ticket.contact_due is not None  # planned by the server at 受理, as the other deadlines
