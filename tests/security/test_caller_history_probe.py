"""来电历史 and 并单 (issue 18 item 6) probed against a real server process: the lowest role sees a
summary of another seat's tickets of the number and nothing more, a department nothing, hostile
numbers and another seat's ticket ids get nothing, and walking through numbers is stopped. Recorded
in the probe table under 18 (the issue's number, not a hole of issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from app.domain.ids import new_id
from app.domain.status import Action
from app.domain.ticket import Caller
from tests.security.conftest import Probe
from tests.sync.live import LiveServer
from tests.sync.server.wire import command_op, create_op

Login = Callable[..., httpx.Client]
ISSUE = 18
PHONE = "13912345678"


def _filed(client: httpx.Client, seat: str, **ticket: object) -> dict[str, object]:
    op = create_op(seat, at=datetime.now(UTC), **ticket)  # type: ignore[arg-type]
    [result] = client.post("/sync/push", json={"ops": [op]}).json()["results"]
    assert result["status"] == "applied", result
    filed: dict[str, object] = result["ticket"]
    return filed


@pytest.mark.slow
def test_the_lowest_role_reads_a_summary_and_nothing_else(
    live: LiveServer, probe: Probe, session_for: Login
) -> None:
    a01, a02, qzjj = session_for("a01"), session_for("a02"), session_for("qzjj")
    theirs = _filed(a02, "A02", caller=Caller("刘女士", PHONE), address="幸福路8号", content="私人诉求内容")
    answer = a01.post("/callers/history", json={"phone": PHONE})
    body = answer.text
    leaked = [word for word in ("私人诉求内容", "幸福路", "刘女士", PHONE, "A02") if word in body]
    probe.record(
        ISSUE, "a01 (operator) looks up the number of a02's ticket", f"{answer.status_code}, leaked {leaked}",
        safe=answer.status_code == 200 and not leaked and answer.json()["tickets"][0]["mine"] is False,
    )  # fmt: skip
    assert answer.status_code == 200 and not leaked
    opened = a01.get(f"/tickets/{theirs['id']}")
    probe.record(
        ISSUE, "a01 opens the id the history showed", str(opened.status_code), safe=opened.status_code == 404
    )
    assert opened.status_code == 404
    refused = qzjj.post("/callers/history", json={"phone": PHONE})
    probe.record(
        ISSUE, "a department looks a number up", str(refused.status_code), safe=refused.status_code == 403
    )
    assert refused.status_code == 403


def test_hostile_numbers_and_a_foreign_merge_get_nothing(
    live: LiveServer, probe: Probe, session_for: Login
) -> None:
    a01, a02 = session_for("a01"), session_for("a02")
    foreign = _filed(a02, "A02", caller=Caller("王先生", "13800000000"))
    for hostile in ("1391234%", "' OR '1'='1", "%", "1" * 200, "139\u0000123456"):
        answer = a01.post("/callers/history", json={"phone": hostile})
        probe.record(
            ISSUE, f"history for {hostile[:20]!r}", str(answer.status_code), safe=answer.status_code == 422
        )
        assert answer.status_code == 422
    mine = _filed(a01, "A01", caller=Caller("", PHONE))
    for target, what in ((foreign["id"], "a02's ticket of another caller"), (new_id(), "an id nobody has")):
        op = command_op(str(mine["id"]), 1, "A01", Action.MERGE, at=datetime.now(UTC), merge_into=target)
        [result] = a01.post("/sync/push", json={"ops": [op]}).json()["results"]
        got = f"{result['status']}: {result['reason']}"
        probe.record(ISSUE, f"a01 merges its ticket into {what}", got, safe=result["status"] == "rejected")
        assert result["status"] == "rejected" and "13800000000" not in str(result)


@pytest.mark.slow
def test_walking_through_numbers_is_stopped(live: LiveServer, probe: Probe, session_for: Login) -> None:
    a01 = session_for("a01")
    codes = [a01.post("/callers/history", json={"phone": f"1391234{n:04d}"}).status_code for n in range(35)]
    stopped = codes.count(429)
    probe.record(
        ISSUE,
        "a01 looks up 35 numbers in a row",
        f"{codes.count(200)} answered, {stopped} refused (429)",
        safe=stopped > 0,
    )
    assert codes[:30] == [200] * 30 and set(codes[30:]) == {429}
