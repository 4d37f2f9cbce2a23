"""Push never shows a ticket, nor tells that it exists, to an account that may not see it.

Whatever op an operator or a department account pushes for someone else's ticket, with any base
version, the answer is exactly the one a ticket id that does not exist gets: the same status and
reason, no ticket, no version, no number, no field conflicts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.domain.ids import new_id
from app.domain.status import Action, Role
from sync.server.rights import NOT_YOURS
from tests.sync.server.wire import command_op, created, edit_op, push

Client = Callable[[str], TestClient]
OTHER_DEPARTMENT = "QCGJ"
BASES = (0, 1, 2, 3, 4, 99)  # below, at and above the foreign ticket's version (3)


def _op(kind: str, ticket_id: str, base: int, seat: str, role: Role) -> dict[str, Any]:
    if kind == "update":
        op = edit_op(ticket_id, base, seat, content="看看里面写了什么", address="南山区")
        op["command"]["role"] = role.value
        return op
    if kind == "start":
        return command_op(ticket_id, base, seat, Action.START, role)
    if kind == "dispatch":
        return command_op(ticket_id, base, seat, Action.DISPATCH, role, department="QZJJ")
    return command_op(ticket_id, base, seat, Action.ASSIGN, role, assign_to=seat)


def _foreign_ticket(client_for: Client) -> dict[str, Any]:
    """A02's ticket, dispatched to QCGJ and started there: version 3, neither A01's nor QZJJ's."""
    a02 = client_for("a02")
    ticket = created(a02, "A02")
    [dispatched] = push(a02, command_op(ticket["id"], 1, "A02", Action.DISPATCH, department=OTHER_DEPARTMENT))
    [started] = push(
        client_for("qcgj"), command_op(ticket["id"], 2, OTHER_DEPARTMENT, Action.START, Role.DEPARTMENT)
    )
    assert (dispatched["status"], started["status"]) == ("applied", "applied")
    assert started["version"] == 3
    return ticket


def _answer(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "op_id"}


@pytest.mark.parametrize("kind", ["update", "start", "dispatch", "assign"])
@pytest.mark.parametrize(
    ("username", "seat", "role"), [("a01", "A01", Role.OPERATOR), ("qzjj", "QZJJ", Role.DEPARTMENT)]
)
def test_an_op_on_a_ticket_the_account_may_not_see_is_answered_like_a_missing_ticket(
    client_for: Client, username: str, seat: str, role: Role, kind: str
) -> None:
    ticket = _foreign_ticket(client_for)
    attacker = client_for(username)
    missing = new_id()
    ops = [_op(kind, tid, base, seat, role) for base in BASES for tid in (ticket["id"], missing)]
    results = push(attacker, *ops)
    for base, real, absent in zip(BASES, results[0::2], results[1::2], strict=True):
        assert _answer(real) == _answer(absent), f"base {base}"
        assert real["status"] == "rejected" and real["reason"] == str(NOT_YOURS), f"base {base}"
        assert real["ticket"] is None and real["version"] is None and real["conflicts"] == []


def test_a_seat_that_took_the_call_still_sees_the_conflict_after_a_lead_moved_it(
    client_for: Client,
) -> None:
    """The rule hides nothing from an account that may see the ticket: A01 took the call, so it is
    told who moved the ticket and where it is now."""
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    op = command_op(
        ticket["id"], 1, "LEAD", Action.ASSIGN, Role.TEAM_LEAD, assign_to="A03", reason="忙闲调整"
    )
    assert push(lead, op)[0]["status"] == "applied"
    [mine] = push(a01, edit_op(ticket["id"], 0, "A01", content="离线修改"))
    assert mine["status"] == "conflict" and mine["ticket"]["assigned_seat"] == "A03"


def test_a_department_that_lost_a_ticket_is_answered_like_a_missing_ticket(client_for: Client) -> None:
    """QZJJ had the ticket, returned it, a lead agreed and it went on to QCGJ: QZJJ may not see it."""
    a01, qzjj = client_for("a01"), client_for("qzjj")
    ticket = created(a01, "A01")
    tid = ticket["id"]
    assert push(a01, command_op(tid, 1, "A01", Action.DISPATCH, department="QZJJ"))[0]["status"] == "applied"
    back = command_op(tid, 2, "QZJJ", Action.RETURN, Role.DEPARTMENT, reason="非我单位职责")
    assert push(qzjj, back)[0]["status"] == "applied"
    review = command_op(tid, 3, "LEAD", Action.APPROVE_RETURN, Role.TEAM_LEAD)
    assert push(client_for("lead"), review)[0]["status"] == "applied"
    again = command_op(tid, 4, "A01", Action.DISPATCH, department=OTHER_DEPARTMENT)
    assert push(a01, again)[0]["status"] == "applied"
    late = command_op(tid, 2, "QZJJ", Action.START, Role.DEPARTMENT)
    missing = command_op(new_id(), 2, "QZJJ", Action.START, Role.DEPARTMENT)
    real, absent = push(qzjj, late, missing)
    assert _answer(real) == _answer(absent)


def test_another_accounts_op_id_tells_nothing_of_how_that_op_went(client_for: Client) -> None:
    """A02's op ended in a field conflict (mine/theirs values); A01 replaying its op id learns
    neither the conflict nor the values, and its own op is refused."""
    a02, lead = client_for("a02"), client_for("lead")
    ticket = created(a02, "A02")
    theirs = edit_op(ticket["id"], 1, "LEAD", address="福田区")
    theirs["command"]["role"] = Role.TEAM_LEAD.value
    assert push(lead, theirs)[0]["status"] == "applied"
    [mine] = push(a02, edit_op(ticket["id"], 1, "A02", address="南山区"))
    assert mine["status"] == "conflict" and mine["conflicts"]

    own = created(client_for("a01"), "A01")
    replay = edit_op(own["id"], 1, "A01", content="x")
    replay["op_id"] = mine["op_id"]
    [result] = push(client_for("a01"), replay)
    assert result["status"] == "rejected" and result["conflicts"] == [] and result["original"] is None
    assert "福田区" not in str(result) and "南山区" not in str(result)
