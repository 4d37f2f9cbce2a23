"""Hole 5: reads on record, against a real server process.

Before: writes were audited in `ops`, but ticket reads, pulls, KB reports, lead reads and logins
left no trace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from tests.security.conftest import Probe
from tests.sync.live import LiveServer
from tests.sync.server.wire import create_op

Login = Callable[..., httpx.Client]


def test_reads_are_on_record_and_only_admins_read_the_record(
    live: LiveServer, probe: Probe, session_for: Login
) -> None:
    seat, other, lead, admin = (
        session_for("a01"),
        session_for("a02"),
        session_for("lead"),
        session_for("admin"),
    )
    [result] = seat.post("/sync/push", json={"ops": [create_op("A01", at=datetime.now(UTC))]}).json()[
        "results"
    ]
    ticket = result["ticket"]["id"]
    seat.get(f"/tickets/{ticket}")
    other.get(f"/tickets/{ticket}")  # 404 for a02, still on record
    seat.get("/sync/pull", params={"cursor": 0})
    lead.get("/lead/seats")
    lead.get(
        "/kb/report", params={"since": "2026-01-01T00:00:00+08:00", "until": "2027-01-01T00:00:00+08:00"}
    )

    def entries(**params: Any) -> list[dict[str, Any]]:
        answer = admin.get("/admin/access-log", params=params)
        assert answer.status_code == 200, answer.text
        found: list[dict[str, Any]] = answer.json()["entries"]
        return found

    reads = [(e["username"], e["outcome"], e["address"]) for e in entries(ticket=ticket)]
    probe.record(
        5,
        "a01 and a02 read a01's ticket; admin asks the log for that ticket",
        str(reads),
        safe=reads == [("a02", "not_found", "127.0.0.1"), ("a01", "ok", "127.0.0.1")],
    )
    pulls = [e["detail"] for e in entries(user="a01") if e["action"] == "sync.pull"]
    probe.record(
        5,
        "a01 pulls from cursor 0",
        str(pulls),
        safe=len(pulls) == 1 and pulls[0]["tickets"] == [ticket] and pulls[0]["count"] == 1,
    )
    lead_actions = [e["action"] for e in entries(user="lead")]
    probe.record(
        5,
        "lead reads the seat board and the KB report",
        str(lead_actions),
        safe=lead_actions[:2] == ["kb.report", "lead.seats"],
    )
    denied = (seat.get("/admin/access-log").status_code, lead.get("/admin/access-log").status_code)
    probe.record(5, "an operator and a lead read the access log", str(denied), safe=denied == (403, 403))
    assert reads == [("a02", "not_found", "127.0.0.1"), ("a01", "ok", "127.0.0.1")]
    assert pulls[0]["tickets"] == [ticket] and lead_actions[:3] == ["kb.report", "lead.seats", "login"]
    assert denied == (403, 403)
