"""Hole 11: KB uses could be forged (random tickets, a missing article) and the report counted them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx

from app.domain.ids import new_id
from tests.security.conftest import Probe
from tests.sync.server.wire import create_op


def test_forged_uses_are_not_counted(probe: Probe, session_for: Callable[[str], httpx.Client]) -> None:
    lead, a01, now = session_for("lead"), session_for("a01"), datetime.now(UTC)
    article = {"title": "燃气开户", "body": "到营业厅办理。", "base_version": 0}
    assert lead.put("/kb/articles/GQ-1", json=article).status_code == 200
    a02_ticket = create_op("A02", at=now)
    assert session_for("a02").post("/sync/push", json={"ops": [a02_ticket]}).status_code == 200

    uses = [
        {"ticket_id": new_id(), "article_id": "GQ-1", "version": 1, "at": now.isoformat()} for _ in range(498)
    ]
    uses.append(
        {"ticket_id": a02_ticket["ticket_id"], "article_id": "GQ-1", "version": 1, "at": now.isoformat()}
    )
    uses.append({"ticket_id": new_id(), "article_id": "NO-SUCH", "version": 1, "at": now.isoformat()})
    answer = a01.post("/kb/uses", json={"uses": uses})
    kept = answer.json().get("recorded") if answer.status_code == 200 else None
    report = lead.get(
        "/kb/report",
        params={
            "since": (now - timedelta(days=1)).isoformat(),
            "until": (now + timedelta(days=1)).isoformat(),
        },
    ).json()
    counted = sum(u["uses"] for u in report["used"])
    probe.record(
        11,
        "a01 posts 500 uses: random tickets, A02's ticket, a missing article",
        f"{answer.status_code}, kept {kept}, report counts {counted}",
        safe=counted == 0,
    )
    assert counted == 0 and report["tickets"] == 0

    qzjj = session_for("qzjj")
    denied = qzjj.post("/kb/uses", json={"uses": uses[:1]})
    probe.record(11, "department qzjj posts a use", f"{denied.status_code}", safe=denied.status_code == 403)
    assert denied.status_code == 403
