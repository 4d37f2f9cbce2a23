"""A lifecycle command as the outbox keeps it and the wire carries it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.lifecycle import Command
from app.domain.status import Action, Role
from app.store.mapping import command_from_wire, command_wire
from sync.protocol import CommandWire

AT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_an_extension_request_carries_the_deadline_asked_for_to_the_server() -> None:
    asked = Command(
        Action.EXTEND, "水务局", Role.DEPARTMENT, AT, "D-WATER", "需协调", until=AT + timedelta(days=9)
    )
    sent = command_wire(asked, "0193f0a0-0000-7000-8000-0000000000e1")
    assert command_from_wire(sent) == asked
    assert CommandWire.model_validate(sent).to_domain() == asked


def test_a_command_without_a_deadline_leaves_the_field_out_for_servers_from_before() -> None:
    signed = Command(Action.START, "水务局", Role.DEPARTMENT, AT, "D-WATER")
    sent = command_wire(signed, "0193f0a0-0000-7000-8000-0000000000e2")
    assert "until" not in sent and "merge_into" not in sent
