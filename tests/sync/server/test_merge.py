"""Field-level merge of edits, and assignment owned by the server (a lead's reassignment wins)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from app.domain.status import Action, Role
from sync.protocol import API_PREFIX
from sync.server.rights import NOT_YOURS
from tests.sync.server.wire import command_op, created, edit_op, push

Client = Callable[[str], TestClient]


def _reassign(lead: TestClient, ticket_id: str, seat: str, reason: str = "忙闲调整") -> None:
    body = {"ticket_ids": [ticket_id], "to_seat": seat, "reason": reason}
    answer = lead.post(f"{API_PREFIX}/lead/reassign", json=body)
    assert answer.status_code == 200 and answer.json()["moved"] == [ticket_id], answer.text


def test_an_edit_of_fields_nobody_else_changed_applies_whatever_its_base(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    assert push(lead, edit_op(ticket["id"], 1, "LEAD", address="福田区"))[0]["status"] == "applied"
    [mine] = push(a01, edit_op(ticket["id"], 1, "A01", content="电梯停运两天"))  # stale base
    assert mine["status"] == "applied" and mine["version"] == 3
    assert (mine["ticket"]["address"], mine["ticket"]["content"]) == ("福田区", "电梯停运两天")


def test_a_field_changed_meanwhile_by_someone_else_conflicts_the_rest_is_saved(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    push(lead, edit_op(ticket["id"], 1, "LEAD", address="福田区"))
    [mine] = push(a01, edit_op(ticket["id"], 1, "A01", address="南山区", content="电梯停运两天"))
    assert mine["status"] == "conflict"
    assert mine["conflicts"] == [{"field": "address", "mine": "南山区", "theirs": "福田区"}]
    assert mine["version"] == 3  # the content was applied: a new version
    assert (mine["ticket"]["address"], mine["ticket"]["content"]) == ("福田区", "电梯停运两天")


def test_a_fully_conflicting_edit_changes_nothing(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    push(a01, edit_op(ticket["id"], 1, "A01", address="南山区"))
    # The other way round: now the lead's stale edit meets the seat's newer value.
    [theirs] = push(lead, edit_op(ticket["id"], 1, "LEAD", address="福田区"))
    assert theirs["status"] == "conflict" and theirs["version"] == 2
    assert theirs["conflicts"] == [{"field": "address", "mine": "福田区", "theirs": "南山区"}]
    assert theirs["ticket"]["address"] == "南山区"


def test_the_same_value_from_both_sides_is_no_conflict(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    push(lead, edit_op(ticket["id"], 1, "LEAD", caller={"name": "李四", "phone": "13900000000"}))
    [mine] = push(a01, edit_op(ticket["id"], 1, "A01", caller={"name": "李四", "phone": "13900000000"}))
    assert mine["status"] == "applied"


def test_a_seats_own_successive_edits_never_conflict(client_for: Client) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    # Offline, the seat still knows version 1 for both edits of the same field.
    results = push(
        a01, edit_op(ticket["id"], 1, "A01", content="一"), edit_op(ticket["id"], 1, "A01", content="二")
    )
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[1]["ticket"]["content"] == "二"


def test_a_leads_reassignment_wins_and_the_seat_is_told_who_and_where(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    _reassign(lead, ticket["id"], "A07")
    [mine] = push(a01, edit_op(ticket["id"], 1, "A01", content="我离线时的修改"))
    assert mine["status"] == "conflict"
    assert mine["reason"] == "已由班长 班长李华 分配至 A07 (The team lead 班长李华 assigned it to A07)"
    assert mine["problem"] == "push.taken_by"
    assert mine["params"] == {"role": "team_lead", "actor": "班长李华", "seat": "A07"}
    assert mine["ticket"]["assigned_seat"] == "A07" and mine["ticket"]["content"] != "我离线时的修改"


def test_an_operators_claim_of_a_ticket_assigned_elsewhere_is_a_conflict(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    _reassign(lead, ticket["id"], "A07")
    # A01 took the call, so it may still see the ticket and is told who has it now.
    [claim] = push(a01, command_op(ticket["id"], 1, "A01", Action.ASSIGN, assign_to="A01"))
    assert claim["status"] == "conflict"
    assert "A07" in claim["reason"] and "班长李华" in claim["reason"]
    assert claim["ticket"]["assigned_seat"] == "A07"


def test_a_seats_claim_never_overrides_another_seats_acceptance(client_for: Client) -> None:
    a01, a02 = client_for("a01"), client_for("a02")
    ticket = created(a01, "A01")
    [claim] = push(a02, command_op(ticket["id"], 1, "A02", Action.ASSIGN, assign_to="A02"))
    # A02 may not see A01's ticket: refused like a missing one, without saying who has it.
    assert claim["status"] == "rejected" and claim["reason"] == str(NOT_YOURS) and claim["ticket"] is None


def test_a_lead_reassigns_through_push_as_well(client_for: Client) -> None:
    a01, lead = client_for("a01"), client_for("lead")
    ticket = created(a01, "A01")
    op = command_op(
        ticket["id"], 1, "LEAD", Action.ASSIGN, Role.TEAM_LEAD, assign_to="A03", reason="A01 小休"
    )
    [result] = push(lead, op)
    assert result["status"] == "applied" and result["ticket"]["assigned_seat"] == "A03"
    # A01 no longer owns it: a new step from there is refused, with the reason why.
    [late] = push(a01, command_op(ticket["id"], 1, "A01", Action.DISPATCH, department="QZJJ"))
    assert late["status"] == "conflict" and "A03" in late["reason"]
