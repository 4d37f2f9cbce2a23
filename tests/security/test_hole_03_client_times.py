"""Hole 3: times from the seat were trusted (SLA planned from 2099; HTTP 500 on year 0 in UTC)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.domain.kinds import Kind
from app.domain.status import Action
from tests.security.conftest import Probe
from tests.sync.server.wire import command_op, create_op

ABSURD = "0001-01-01T00:00:00+14:00"


def _push(client: httpx.Client, op: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    answer = client.post("/sync/push", json={"ops": [op]})
    return answer.status_code, (answer.json()["results"][0] if answer.status_code == 200 else answer.json())


@pytest.mark.parametrize("at", ["2099-01-01T00:00:00+00:00", "1970-01-02T00:00:00+00:00"])
def test_a_create_dated_far_away_is_refused(
    probe: Probe, session_for: Callable[[str], httpx.Client], at: str
) -> None:
    op = create_op("A01", at=datetime.now(UTC))
    op["event"]["at"] = at
    status, body = _push(session_for("a01"), op)
    verdict = body.get("status", body.get("code"))
    probe.record(
        3, f"a01 creates a ticket with event.at {at[:10]}", f"{status} {verdict}", safe=verdict == "rejected"
    )
    assert verdict == "rejected"


def test_a_direct_close_dated_before_acceptance_is_refused(
    probe: Probe, session_for: Callable[[str], httpx.Client]
) -> None:
    a01, now = session_for("a01"), datetime.now(UTC)
    made = create_op("A01", at=now, kind=Kind.CONSULTATION)
    assert _push(a01, made)[1]["status"] == "applied"
    close = command_op(
        made["ticket_id"], 1, "A01", Action.CLOSE_DIRECT, reason="已解答", at=now - timedelta(hours=1)
    )
    status, body = _push(a01, close)
    probe.record(
        3,
        "a01 closes directly 1 h before the acceptance",
        f"{status} {body['status']}",
        safe=body["status"] == "rejected",
    )
    assert body["status"] == "rejected"


def test_year_zero_in_utc_is_a_422_everywhere(
    probe: Probe, session_for: Callable[[str], httpx.Client]
) -> None:
    a01, lead, now = session_for("a01"), session_for("lead"), datetime.now(UTC)
    made = create_op("A01", at=now)
    assert _push(a01, made)[1]["status"] == "applied"
    step = command_op(made["ticket_id"], 1, "A01", Action.DISPATCH, department="QZJJ", at=now)
    step["command"]["at"] = ABSURD
    use = {"ticket_id": made["ticket_id"], "article_id": "GQ-1", "version": 1, "at": ABSURD}
    attempts = {
        "push command.at": lambda: a01.post("/sync/push", json={"ops": [step]}),
        "POST /kb/uses at": lambda: a01.post("/kb/uses", json={"uses": [use]}),
        "GET /kb/report?since=": lambda: lead.get(
            "/kb/report", params={"since": ABSURD, "until": now.isoformat()}
        ),
    }
    for where, attempt in attempts.items():
        answer = attempt()
        probe.record(3, f"{where} = {ABSURD}", f"{answer.status_code}", safe=answer.status_code == 422)
        assert answer.status_code == 422, (where, answer.text)
    assert a01.get("/health").status_code == 200  # and the server is still there
