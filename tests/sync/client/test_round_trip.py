"""Every field of a ticket travels seat store → outbox → wire → real server → pull → another seat's
store and arrives equal, on SQLite and PostgreSQL.

The tickets are generated from app.domain.codec's columns of Ticket, so a field added to the
dataclass (urgent, 紧急, was the first) is generated and compared here without touching this test.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import string
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from sqlalchemy import insert

from app.domain import codec
from app.domain.ids import new_id
from app.domain.lifecycle import Command
from app.domain.ops import OpKind
from app.domain.planning import apply_planned
from app.domain.sla import SlaClock
from app.domain.status import Action, Status
from app.domain.ticket import Ticket
from app.resources import load_sla_clock, load_taxonomy
from app.store import outbox
from app.store.db import Store, open_store
from app.store.mapping import event_columns, event_wire, ticket_columns, ticket_wire
from app.store.models import EventRow, TicketRow
from app.store.replica import Pulled, Replica
from app.store.tickets import TicketStore
from sync.protocol import PullResponse, ReferenceVersions, TicketChange, TicketWire
from sync.server.db import Database
from sync.server.models import TicketRow as ServerRow
from sync.server.tickets import ticket_columns as server_columns
from sync.server.tickets import to_ticket
from tests.sync.client.conftest import Central, SeatRig, Seats

# What the server decides when it accepts a ticket (it plans again, numbers it, owns assignment):
# the seat's values of these are replaced by the server's; every other field must arrive as sent.
SERVER_DECIDES = {
    "number", "assigned_seat", "department", "satisfaction", "supervised", "accepted_at", "closed_at",
    "dispatch_due", "close_due", "contact_due", "extension_due", "urge_count", "version",
}  # fmt: skip
NOW = datetime.now(UTC)


def _text(shape: codec.Line | codec.Para) -> st.SearchStrategy[str]:
    # Letters (Chinese among them), digits and punctuation: the wire cleans only control and format
    # characters, which the protocol tests cover.
    alphabet = st.characters(categories=("L", "N", "P"), max_codepoint=0x9FFF) | st.sampled_from(" 张三区")
    if isinstance(shape, codec.Para):
        alphabet |= st.just("\n")
    shortest = shape.shortest if isinstance(shape, codec.Line) else 0
    return st.text(alphabet, min_size=shortest, max_size=min(shape.longest, 60))


def _values(column: codec.Column) -> st.SearchStrategy[Any]:
    """Any value the column may hold on the wire."""
    shape = column.shape
    kind: st.SearchStrategy[Any]
    if column.name == "seat_id":
        return st.just("A01")  # the seat pushing it: the server refuses another seat's ticket
    if column.name == "category_code":  # 受理 needs one, and the server knows only these
        return st.sampled_from([c.code for c in load_taxonomy().leaves()])
    if column.name == "content":  # 受理 needs what the citizen asked
        return _text(codec.TEXT).filter(str.strip)
    if column.is_time:
        kind = st.timedeltas(timedelta(0), timedelta(hours=2)).map(lambda back: NOW - back)
    elif isinstance(shape, codec.Key):
        kind = st.uuids(version=4).map(str)
    elif isinstance(shape, codec.Code):
        kind = st.text(string.ascii_letters + string.digits + "_.-", min_size=1, max_size=40)
    elif isinstance(shape, codec.Line | codec.Para):
        kind = _text(shape)
    elif isinstance(shape, codec.Count):
        kind = st.integers(0, shape.largest)
    else:
        kind = st.from_type(column.type)  # enums, bool
    return st.none() | kind if column.optional else kind


@st.composite
def tickets(draw: st.DrawFn) -> Ticket:
    """A ticket with every column drawn."""
    return codec.from_columns(Ticket, {c.name: draw(_values(c)) for c in codec.columns(Ticket)})


@st.composite
def drafts(draw: st.DrawFn) -> Ticket:
    """A draft: every column drawn but those only the server and the lifecycle set."""
    server = {c.name: c.default for c in codec.columns(Ticket) if c.path[0] in SERVER_DECIDES}
    drawn = codec.to_columns(draw(tickets()))
    return codec.from_columns(Ticket, {**drawn, **server, "status": Status.DRAFT})


def _accept_on_seat(seat: SeatRig, draft: Ticket, sla: SlaClock) -> Ticket:
    """受理 on the seat as TicketStore.accept does it: the ticket, its event and its outbox op in one
    commit (here from a whole Ticket, not the intake form, so that every field can be set)."""
    at = max(draft.created_at, NOW - timedelta(minutes=5))
    ticket, event = apply_planned(draft, Command(Action.ACCEPT, "话务员", seat.role, at, seat_id="A01"), sla)
    with seat.store.transaction() as session:
        session.execute(insert(TicketRow).values(**ticket_columns(ticket), updated_at=at))
        session.execute(insert(EventRow).values(**event_columns(event)))
        payload = {"ticket": ticket_wire(ticket), "event": event_wire(event)}
        outbox.enqueue(
            session, kind=OpKind.CREATE, ticket_id=ticket.id, base_version=0, payload=payload, at=at
        )
    return ticket


def _on_server(central: Central, ticket_id: str) -> Ticket:
    db = Database.open(central.db_url)
    try:
        with db.reading() as session:
            row = session.get(ServerRow, ticket_id)
            assert row is not None
            return to_ticket(row)
    finally:
        db.dispose()


def test_every_ticket_field_arrives_equal_on_another_seat(
    central: Central, seats: Seats, sla_clock: SlaClock
) -> None:
    maker, reader = seats("a01"), seats("a01")  # the same account on a second PC: a fresh store

    made = itertools.count()

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(draft=drafts())
    def round_trip(draft: Ticket) -> None:
        # Hypothesis may draw a draft again (shrinking): the stores and the server keep every ticket,
        # so each gets an id and a local number of its own.
        draft = dataclasses.replace(draft, id=new_id(), local_no=f"{next(made)}-{draft.local_no}"[:40])
        sent = _accept_on_seat(maker, draft, sla_clock)
        report = maker.engine.sync_once()
        assert (report.applied, report.rejected, report.conflicts) == (1, 0, 0)
        reader.engine.sync_once()

        server = _on_server(central, sent.id)
        answered, pulled = maker.tickets.get(sent.id), reader.tickets.get(sent.id)
        assert codec.to_columns(answered) == codec.to_columns(server)  # column by column, for the diff
        assert answered == server == pulled
        for column in codec.columns(Ticket):
            if column.path[0] not in SERVER_DECIDES:
                assert codec.to_columns(pulled)[column.name] == codec.to_columns(sent)[column.name], (
                    column.name
                )

    round_trip()


def _anywhen(column: codec.Column) -> st.SearchStrategy[Any]:
    """Any aware time the wire allows, in any offset."""
    offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    kind = st.datetimes(datetime(1901, 1, 1), datetime(2998, 12, 31), timezones=offsets)
    return st.none() | kind if column.optional else kind


@st.composite
def any_tickets(draw: st.DrawFn) -> Ticket:
    """Every column drawn from all it may hold: any status, code, time, version."""
    flat: dict[str, Any] = {}
    for column in codec.columns(Ticket):
        if column.is_time:
            flat[column.name] = draw(_anywhen(column))
        elif isinstance(column.shape, codec.Code):
            code = st.text(string.ascii_letters + string.digits + "_.-", min_size=1, max_size=40)
            flat[column.name] = draw(st.none() | code if column.optional else code)
        else:
            flat[column.name] = draw(_values(column))
    return codec.from_columns(Ticket, flat)


def test_any_value_of_every_field_survives_each_leg(db_url: str, tmp_path: Path, sla_clock: SlaClock) -> None:
    """Not only what the lifecycle lets a seat make: each leg of the trip above, with any ticket."""
    server = Database.open(db_url)
    seats = [open_store(tmp_path / name / "seat.sqlite3") for name in ("maker", "reader")]
    maker, reader = seats
    ticket_wire_json: TypeAdapter[Ticket] = TypeAdapter(TicketWire)
    made = itertools.count(1)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ticket=any_tickets())
    def each_leg(ticket: Ticket) -> None:
        n = next(made)
        ticket = dataclasses.replace(ticket, id=new_id(), local_no=f"{n}-{ticket.local_no}"[:40], number=None)
        with maker.transaction() as session:  # the seat's store
            session.execute(insert(TicketRow).values(**ticket_columns(ticket), updated_at=NOW))
        stored = stored_ticket(maker, ticket.id)
        with maker.transaction() as session:  # its outbox
            outbox.enqueue(
                session, kind=OpKind.UPDATE, ticket_id=ticket.id, base_version=0, at=NOW,
                payload={"ticket": ticket_wire(stored)},
            )  # fmt: skip
        [queued] = outbox.Outbox(maker).pending(after=n - 1)
        sent = ticket_wire_json.validate_json(json.dumps(queued.payload["ticket"]))  # the push body
        with server.writing() as session:
            row = {**server_columns(sent), "changes": {}, "updated_at": NOW}
            session.execute(insert(ServerRow).values(**row))
        with server.reading() as session:
            kept = to_ticket(session.get_one(ServerRow, ticket.id))
        page = PullResponse(
            changes=[TicketChange(seq=n, ticket=kept)], cursor=n, more=False,
            reference=ReferenceVersions(taxonomy="t", sla="s"),
        )  # fmt: skip
        pulled = PullResponse.model_validate_json(page.model_dump_json()).changes[0].ticket
        Replica(reader, sla_clock).apply_pull([Pulled(pulled)], cursor=n)
        assert stored_ticket(reader, ticket.id) == ticket

    try:
        each_leg()
    finally:
        for store in seats:
            store.close()
        server.dispose()


def stored_ticket(store: Store, ticket_id: str) -> Ticket:
    return TicketStore(store, load_sla_clock()).get(ticket_id)


def test_urgent_is_generated_as_a_ticket_column() -> None:
    # The test above covers what codec.columns lists: urgent must be among them.
    assert "urgent" in codec.names(Ticket)
