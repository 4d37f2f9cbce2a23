"""A seat of the previous version keeps working with this server: it neither sends nor reads
`urgent` (紧急, added in wire version 2) nor the details a category asks for (wire version 3), and
nothing it sends or pulls mentions them unless used."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from starlette.testclient import TestClient

from app.domain import codec
from app.domain.article import MAX_TITLE
from app.domain.problem import Problem
from app.domain.ticket import Ticket
from sync.protocol import (
    API_PREFIX,
    CODES_PARAM,
    WIRE_PARAM,
    WIRE_VERSION,
    CodedPullResponse,
    KbImportResult,
    PushResponse,
)
from tests.sync.server.wire import TICKETS, create_op, push

# The previous version's TicketWire, as it was released: history, so written down rather than derived.
FIRST_VERSION = {
    "id", "local_no", "number", "kind", "status", "priority", "category_code", "caller_name", "caller_phone",
    "address", "district", "content", "seat_id", "assigned_seat", "department", "satisfaction", "supervised",
    "created_at", "accepted_at", "closed_at", "dispatch_due", "close_due", "version",
}  # fmt: skip


def test_the_fields_added_since_are_exactly_those_marked_as_later() -> None:
    later = {c.name for c in codec.columns(Ticket) if c.since > 1}
    details = {"occurred_at", "company_name", "plate_number", "id_number", "order_number"}
    lifecycle = {"contact_due", "extension_due", "urge_count"}  # wire version 4
    assert set(codec.names(Ticket)) - FIRST_VERSION == later == {"urgent", *details, *lifecycle}


def test_a_push_without_urgent_is_applied_as_not_urgent(client_for: Callable[[str], TestClient]) -> None:
    op = create_op("A01")
    op["ticket"].pop("urgent", None)  # a seat of the previous version has no such field
    [result] = push(client_for("a01"), op)
    assert result["status"] == "applied"
    assert TICKETS.validate_python(result["ticket"]).urgent is False


def test_a_ticket_not_urgent_is_answered_and_pulled_in_the_fields_the_previous_seat_knows(
    client_for: Callable[[str], TestClient],
) -> None:
    a01 = client_for("a01")
    [result] = push(a01, create_op("A01"), reads=None)
    assert set(result["ticket"]) <= FIRST_VERSION  # its wire models refuse a field they do not know
    pulled = a01.get("/api/v1/sync/pull", params={"cursor": 0}).json()
    assert pulled["changes"] and all(set(c["ticket"]) <= FIRST_VERSION for c in pulled["changes"])


def test_a_seat_that_reads_the_lifecycle_fields_gets_the_contact_deadline_others_do_not(
    client_for: Callable[[str], TestClient],
) -> None:
    a01 = client_for("a01")
    op = create_op("A01")
    current = {WIRE_PARAM: WIRE_VERSION}
    answer = a01.post(f"{API_PREFIX}/sync/push", json={"ops": [op]}, params=current).json()
    assert TICKETS.validate_python(answer["results"][0]["ticket"]).contact_due is not None
    pulled = a01.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0, **current}).json()
    assert [c["ticket"]["contact_due"] is not None for c in pulled["changes"]] == [True]
    previous = a01.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0}).json()
    assert [set(c["ticket"]) <= FIRST_VERSION for c in previous["changes"]] == [True]


def test_an_urgent_ticket_travels_with_the_field(client_for: Callable[[str], TestClient]) -> None:
    a01 = client_for("a01")
    op = create_op("A01", urgent=True)
    assert op["ticket"]["urgent"] is True
    [result] = push(a01, op)
    assert result["status"] == "applied" and result["ticket"]["urgent"] is True
    pulled = a01.get("/api/v1/sync/pull", params={"cursor": 0}).json()
    assert [c["ticket"]["urgent"] for c in pulled["changes"]] == [True]


def test_a_ticket_with_details_travels_with_them_and_one_without_is_read_with_none(
    client_for: Callable[[str], TestClient],
) -> None:
    a01 = client_for("a01")
    with_details = create_op("A01", plate_number="粤B12345", id_number="11010519491231002X")
    without = create_op("A01")
    for name in ("occurred_at", "company_name", "plate_number", "id_number", "order_number"):
        without["ticket"].pop(name, None)  # a seat of the previous version has no such fields
    results = push(a01, with_details, without)
    assert [r["status"] for r in results] == ["applied", "applied"]
    sent, plain = (TICKETS.validate_python(r["ticket"]) for r in results)
    assert (sent.plate_number, sent.id_number) == ("粤B12345", "11010519491231002X")
    assert (plain.plate_number, plain.id_number, plain.occurred_at) == ("", "", None)


def test_a_refused_op_is_answered_in_the_fields_the_previous_seat_knows(
    client_for: Callable[[str], TestClient],
) -> None:
    """The previous seat's OpResult refuses fields it does not know: the code of why goes only to a
    seat that asks for it, and the readable reason, both languages, to every seat."""
    [result] = push(
        client_for("a01"), create_op("A02"), codes=False, reads=None
    )  # another seat's ticket: refused
    assert result["status"] == "rejected"
    assert {"problem", "params"}.isdisjoint(result)
    assert result["reason"] == str(Problem("push.other_seat", {"account_seat": "A01", "seat": "A02"}))


def test_a_seat_that_asks_gets_the_code_of_why_an_op_was_refused_also_when_it_is_replayed(
    client_for: Callable[[str], TestClient],
) -> None:
    a01, op = client_for("a01"), create_op("A01", at=datetime.now(UTC) + timedelta(hours=1))
    for _replay in range(2):
        answer = a01.post(f"{API_PREFIX}/sync/push", params={CODES_PARAM: "true"}, json={"ops": [op]})
        [result] = PushResponse.model_validate(answer.json()).results
        problem = result.as_problem()
        assert problem is not None and problem.code == "server.time_ahead"
        assert problem.params["minutes"] == 5 and result.reason == str(problem)


def test_a_refused_kb_import_tells_the_code_only_to_a_seat_that_asks(
    client_for: Callable[[str], TestClient],
) -> None:
    lead = client_for("lead")
    bad = {"articles": [{"id": "X-1", "where": "第 2 行 (row 2)", "title": "", "body": "正文"}]}
    [before] = lead.post(f"{API_PREFIX}/kb/import", json=bad).json()["problems"]
    assert set(before) == {"index", "where", "message"}  # what the previous seat's model accepts
    answer = lead.post(f"{API_PREFIX}/kb/import", params={CODES_PARAM: "true"}, json=bad)
    [coded] = KbImportResult.model_validate(answer.json()).problems
    assert coded.as_problem() == Problem("article.bad_title", {"limit": MAX_TITLE})
    assert coded.message == before["message"] == str(coded.as_problem())


def test_a_reassignment_note_is_a_code_for_a_seat_that_asks_and_readable_text_for_the_previous_one(
    client_for: Callable[[str], TestClient],
) -> None:
    """改派: the seat words the note in its operator's language; a seat of the previous version,
    whose TicketChange refuses fields it does not know, reads it in both languages."""
    a01, lead = client_for("a01"), client_for("lead")
    [created] = push(a01, create_op("A01"))
    cursor = a01.get(f"{API_PREFIX}/sync/pull").json()["cursor"]
    body = {"ticket_ids": [created["ticket"]["id"]], "to_seat": "A07", "reason": "忙闲调整"}
    assert lead.post(f"{API_PREFIX}/lead/reassign", json=body).status_code == 200
    said = Problem(
        "notice.reassigned_because",
        {
            "role": "team_lead",
            "actor": "班长李华",
            "ticket": created["number"],
            "seat": "A07",
            "reason": "忙闲调整",
        },
    )
    [before] = a01.get(f"{API_PREFIX}/sync/pull", params={"cursor": cursor}).json()["changes"]
    assert {"problem", "params"}.isdisjoint(before) and before["note"] == str(said)
    answer = a01.get(f"{API_PREFIX}/sync/pull", params={"cursor": cursor, CODES_PARAM: "true"})
    [change] = CodedPullResponse.model_validate(answer.json()).changes
    assert change.as_problem() == said and change.note == str(said)
