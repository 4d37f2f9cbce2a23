"""Hole 1 (high): a push conflict showed a ticket, caller included, to an account that may not see it.

A02's ticket is dispatched to QCGJ and started there (version 3). Operator a01 and department qzjj,
who may see none of it, push update, start and assign ops for it with every base version, and the
same ops for an id that does not exist: the two answers must be the same, and carry no ticket.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.domain.ids import new_id
from app.domain.status import Action, Role
from tests.security.conftest import Probe
from tests.sync.server.wire import command_op, create_op, edit_op

BASES = (0, 1, 2, 3)
CALLER = "张三"


def _push(client: httpx.Client, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.post("/sync/push", json={"ops": list(ops)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def _op(kind: str, ticket_id: str, base: int, seat: str, role: Role, at: datetime) -> dict[str, Any]:
    if kind == "update":
        op = edit_op(ticket_id, base, seat, at=at, content="x")
        op["command"]["role"] = role.value
        return op
    if kind == "start":
        return command_op(ticket_id, base, seat, Action.START, role, at=at)
    return command_op(ticket_id, base, seat, Action.ASSIGN, role, at=at, assign_to=seat)


@pytest.mark.parametrize(
    ("username", "seat", "role"), [("a01", "A01", Role.OPERATOR), ("qzjj", "QZJJ", Role.DEPARTMENT)]
)
def test_an_op_on_a_foreign_ticket_is_answered_like_a_missing_one(
    probe: Probe, session_for: Callable[[str], httpx.Client], username: str, seat: str, role: Role
) -> None:
    now = datetime.now(UTC)
    a02, qcgj = session_for("a02"), session_for("qcgj")
    create = create_op("A02", at=now)
    tid = create["ticket_id"]
    assert _push(a02, create)[0]["status"] == "applied"
    assert (
        _push(a02, command_op(tid, 1, "A02", Action.DISPATCH, department="QCGJ", at=now))[0]["version"] == 2
    )
    assert _push(qcgj, command_op(tid, 2, "QCGJ", Action.START, Role.DEPARTMENT, at=now))[0]["version"] == 3

    attacker = session_for(username)
    for kind in ("update", "start", "assign"):
        missing = new_id()
        ops = [_op(kind, t, base, seat, role, now) for base in BASES for t in (tid, missing)]
        results = _push(attacker, *ops)
        for base, real, absent in zip(BASES, results[0::2], results[1::2], strict=True):
            same = {k: v for k, v in real.items() if k != "op_id"} == {
                k: v for k, v in absent.items() if k != "op_id"
            }
            leaked = CALLER in str(real) or real["ticket"] is not None or real["version"] is not None
            got = f"{real['status']} ({'same as a missing id' if same else 'differs from a missing id'})"
            if leaked:
                got += ", ticket leaked"
            tried = f"{username} pushes {kind} base {base} for A02's ticket (at QCGJ, v3)"
            probe.record(1, tried, got, safe=same and not leaked)
            assert same and not leaked, (kind, base, real)
