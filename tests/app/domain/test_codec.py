"""The codec reads a domain dataclass's columns from its fields: one flat list for every store and wire."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.domain import codec
from app.domain.events import TicketEvent
from app.domain.kinds import Kind, Priority
from app.domain.status import Action, Role, Status
from app.domain.ticket import Caller, Ticket

AT = datetime(2026, 12, 7, 9, 30, tzinfo=timezone(timedelta(hours=8)))
TICKET = Ticket(
    id="01890000-0000-7000-8000-000000000001", local_no="A01-0001", kind=Kind.HELP, status=Status.ACCEPTED,
    seat_id="A01", created_at=AT, caller=Caller("张三", "13800000000"), content="停水", urgent=True,
)  # fmt: skip


def test_a_nested_value_becomes_prefixed_columns_in_field_order() -> None:
    names = codec.names(Ticket)
    assert names[:6] == ("id", "local_no", "kind", "status", "seat_id", "created_at")
    assert "caller" not in names and names.index("caller_name") + 1 == names.index("caller_phone")
    assert [f.name for f in dataclasses.fields(Ticket) if f.name != "caller"] == [
        n for n in names if not n.startswith("caller_")
    ]


def test_every_text_column_declares_its_shape_so_the_wire_can_bound_it() -> None:
    for cls in (Ticket, TicketEvent):
        unshaped = [c.name for c in codec.columns(cls) if c.type is str and c.shape is None]
        assert not unshaped


def test_rows_keep_datetimes_and_json_writes_them_with_their_offset() -> None:
    row, text = codec.to_columns(TICKET), codec.to_json(TICKET)
    assert row["kind"] == text["kind"] == "help" and row["caller_name"] == "张三"
    assert row["created_at"] is AT and text["created_at"] == "2026-12-07T09:30:00+08:00"
    assert codec.from_columns(Ticket, row) == codec.from_columns(Ticket, text) == TICKET


def test_a_field_the_writer_did_not_know_yet_takes_its_default() -> None:
    # An outbox row or a push written by the previous version has no `urgent`.
    older = {k: v for k, v in codec.to_json(TICKET).items() if k != "urgent"}
    assert codec.from_columns(Ticket, older) == dataclasses.replace(TICKET, urgent=False)


def test_a_missing_required_column_or_a_none_where_none_is_not_a_value_is_refused() -> None:
    row = codec.to_columns(TICKET)
    with pytest.raises(KeyError, match="local_no"):
        codec.from_columns(Ticket, {k: v for k, v in row.items() if k != "local_no"})
    with pytest.raises(ValueError, match="kind"):
        codec.from_columns(Ticket, {**row, "kind": None})


def test_only_fields_added_after_the_first_wire_version_are_marked() -> None:
    details = {"occurred_at", "company_name", "plate_number", "id_number", "order_number"}
    lifecycle = {"contact_due", "extension_due", "urge_count"}
    assert {c.name for c in codec.columns(Ticket) if c.since > 1} == {"urgent", *details, *lifecycle}


def test_an_event_reads_its_data_from_a_dict_or_from_json_text() -> None:
    event = TicketEvent(
        "01890000-0000-7000-8000-000000000002", TICKET.id, Action.ACCEPT, Status.DRAFT, Status.ACCEPTED,
        AT, "话务员", Role.OPERATOR, "A01", data={"来源": "电话"},
    )  # fmt: skip
    assert codec.from_columns(TicketEvent, codec.to_columns(event)) == event
    assert codec.from_columns(TicketEvent, {**codec.to_columns(event), "data": '{"来源": "电话"}'}) == event


def test_edited_fields_travel_by_their_own_columns() -> None:
    changes = {"caller": Caller("李四", "139"), "priority": Priority.FAST, "content": "补充"}
    sent = codec.fields_to_json(changes)
    assert sent == {"caller": {"name": "李四", "phone": "139"}, "priority": "fast", "content": "补充"}
    assert codec.fields_from_json(Ticket, sent) == changes


def test_times_in_any_zone_compare_as_the_same_moment() -> None:
    utc = dataclasses.replace(TICKET, created_at=AT.astimezone(UTC))
    assert codec.from_columns(Ticket, codec.to_json(utc)) == TICKET


def test_a_reader_of_an_earlier_wire_version_gets_later_fields_at_their_defaults() -> None:
    later = dataclasses.replace(TICKET, plate_number="粤B12345", urge_count=2, contact_due=AT)  # urgent too
    assert codec.as_read_by(later, 4) is later
    assert codec.as_read_by(later, 3) == dataclasses.replace(TICKET, plate_number="粤B12345")
    assert codec.as_read_by(later, 1) == dataclasses.replace(TICKET, urgent=False)
