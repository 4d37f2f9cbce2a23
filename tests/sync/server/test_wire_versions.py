"""A seat of the previous version keeps working with this server: it neither sends nor reads
`urgent` (紧急, added in wire version 2), and nothing it sends or pulls mentions it unless used."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from app.domain import codec
from app.domain.ticket import Ticket
from tests.sync.server.wire import TICKETS, create_op, push

# The previous version's TicketWire, as it was released: history, so written down rather than derived.
FIRST_VERSION = {
    "id", "local_no", "number", "kind", "status", "priority", "category_code", "caller_name", "caller_phone",
    "address", "district", "content", "seat_id", "assigned_seat", "department", "satisfaction", "supervised",
    "created_at", "accepted_at", "closed_at", "dispatch_due", "close_due", "version",
}  # fmt: skip


def test_the_fields_added_since_are_exactly_those_marked_as_later() -> None:
    later = {c.name for c in codec.columns(Ticket) if c.since > 1}
    assert set(codec.names(Ticket)) - FIRST_VERSION == later == {"urgent"}


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
    [result] = push(a01, create_op("A01"))
    assert set(result["ticket"]) <= FIRST_VERSION  # its wire models refuse a field they do not know
    pulled = a01.get("/api/v1/sync/pull", params={"cursor": 0}).json()
    assert pulled["changes"] and all(set(c["ticket"]) <= FIRST_VERSION for c in pulled["changes"])


def test_an_urgent_ticket_travels_with_the_field(client_for: Callable[[str], TestClient]) -> None:
    a01 = client_for("a01")
    op = create_op("A01", urgent=True)
    assert op["ticket"]["urgent"] is True
    [result] = push(a01, op)
    assert result["status"] == "applied" and result["ticket"]["urgent"] is True
    pulled = a01.get("/api/v1/sync/pull", params={"cursor": 0}).json()
    assert [c["ticket"]["urgent"] for c in pulled["changes"]] == [True]
