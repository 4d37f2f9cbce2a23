"""Seats and the server's ledger for the reliability tests.

A `Seat` is what runs on an operator's (or lead's, or 承办单位's) machine: its own SQLite store, a
keyring vault, a ServerApi and a SyncEngine, all real. The `Ledger` reads the server's database
directly, so exactly-once is checked against what was stored, not against what the API reports.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.domain.ticket import Ticket
from app.store import models as local
from app.store.db import Store, open_store
from app.store.mapping import ticket_from_row
from app.store.tickets import TicketStore
from sync.client.api import ServerApi
from sync.client.credentials import SessionOnlyKeyring, TokenVault, vault_for
from sync.client.engine import SyncEngine
from sync.demo import DEMO_PASSWORD
from sync.server import models as central
from sync.server.db import Database
from sync.server.tickets import to_ticket

LEAD_SEAT = "L01"  # a lead's login has no seat; its commands say it works at this one
SETTLED = ("applied", "duplicate", "conflict", "rejected")


@dataclass
class Seat:
    username: str
    seat_id: str
    role: Role
    store: Store
    tickets: TicketStore
    vault: TokenVault
    api: ServerApi
    engine: SyncEngine

    def accept(
        self,
        kind: Kind = Kind.COMPLAINT,
        category: str = "CJ.WY.DT",
        *,
        close_reason: str | None = None,
        **fields: Any,
    ) -> Ticket:
        """受理 (and with `close_reason`, 直接办结 in the same commit, as a consultation answered on
        the call is)."""
        values: dict[str, Any] = {
            "caller_name": "张三",
            "caller_phone": "13812345678",
            "address": "福田区某小区3栋",
            "content": "电梯停运两天，无人维修",
            **fields,
        }
        draft = Draft(
            id=new_id(),
            seat_id=self.seat_id,
            started_at=datetime.now(UTC),
            kind=kind,
            category_code=category,
            **values,
        )
        return self.tickets.accept(draft, actor=self.username, role=self.role, close_reason=close_reason)[0]

    def act(self, ticket_id: str, action: Action, **fields: Any) -> Ticket:
        cmd = Command(action, self.username, self.role, datetime.now(UTC), seat_id=self.seat_id, **fields)
        return self.tickets.act(ticket_id, cmd)[0]

    def local_tickets(self) -> dict[str, Ticket]:
        with self.store.reading() as session:
            return {row.id: ticket_from_row(row) for row in session.scalars(select(local.TicketRow))}

    def outbox(self) -> list[local.OutboxRow]:
        with self.store.reading() as session:
            return list(session.scalars(select(local.OutboxRow).order_by(local.OutboxRow.seq)))

    def conflict_op_ids(self) -> set[str]:
        with self.store.reading() as session:
            return set(session.scalars(select(local.ConflictRow.op_id)))

    def local_event_ids(self, ticket_id: str) -> set[str]:
        with self.store.reading() as session:
            return set(
                session.scalars(select(local.EventRow.id).where(local.EventRow.ticket_id == ticket_id))
            )

    def close(self) -> None:
        self.vault.clear()
        self.api.close()
        self.store.close()


def open_seat(
    base_url: str,
    username: str,
    store_path: Path,
    sla: SlaClock,
    *,
    http: httpx.Client | None = None,
    timeout: float = 10,
    batch_size: int = 50,
    pull_limit: int = 200,
    os_keyring: bool = True,
) -> Seat:
    """A seat logged in as a demo account. The vault entry is new for each seat (vault_for: the OS
    keyring when there is one, else this process's memory), so seats and runs never share a login.
    `os_keyring=False` keeps it in memory: for runs that log in thousands of seats, which brought
    gnome-keyring-daemon down after a few minutes (a D-Bus session per keyring call)."""
    url = f"http://seat.test/{uuid.uuid4()}"
    vault = vault_for(url) if os_keyring else TokenVault(url, backend=SessionOnlyKeyring())
    api = ServerApi(base_url, vault, http=http, timeout=timeout)
    user = api.login(username, DEMO_PASSWORD)
    store = open_store(store_path)
    engine = SyncEngine(store, sla, api, batch_size=batch_size, pull_limit=pull_limit)
    seat_id = user.seat_id or LEAD_SEAT
    return Seat(username, seat_id, user.role, store, TicketStore(store, sla), vault, api, engine)


@dataclass(frozen=True)
class OpRecord:
    op_id: str
    ticket_id: str
    status: str
    event_id: str
    seat: str


@dataclass
class Ledger:
    """The server's database as it is, read directly."""

    db_url: str
    _db: Database | None = field(default=None, repr=False)

    def _open(self) -> Database:
        if self._db is None:
            self._db = Database.open(self.db_url)
        return self._db

    def ops(self) -> list[OpRecord]:
        with self._open().reading() as session:
            rows = session.execute(
                select(
                    central.OpRow.op_id,
                    central.OpRow.ticket_id,
                    central.OpRow.status,
                    central.OpRow.payload,
                    central.OpRow.seat,
                )
            )
            return [OpRecord(r[0], r[1], r[2], _event_id(r[3]), r[4]) for r in rows]

    def tickets(self) -> dict[str, Ticket]:
        with self._open().reading() as session:
            return {row.id: to_ticket(row) for row in session.scalars(select(central.TicketRow))}

    def events(self) -> dict[str, list[str]]:
        """Event ids per ticket."""
        by_ticket: dict[str, list[str]] = {}
        with self._open().reading() as session:
            for event_id, ticket_id in session.execute(
                select(central.EventRow.id, central.EventRow.ticket_id)
            ):
                by_ticket.setdefault(ticket_id, []).append(event_id)
        return by_ticket

    def user(self, username: str) -> central.UserRow:
        with self._open().reading() as session:
            row = session.scalar(select(central.UserRow).where(central.UserRow.username == username))
            assert row is not None, username
            return row

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


def _event_id(payload: dict[str, Any]) -> str:
    return str(payload["event_id"])


CONSOLE = "console"  # the seat a lead's console reassignment is recorded under (sync.server.lead)


def assert_exactly_once(ledger: Ledger, seats: Iterable[Seat]) -> list[OpRecord]:
    """Every op any seat queued is on the server exactly once and settled on its seat; every applied op
    changed its ticket exactly once (one event, one version step); nothing else changed a ticket.

    The only ops no outbox holds are the ones a lead's console made on the server itself."""
    ops = ledger.ops()
    by_id = {op.op_id: op for op in ops}
    assert len(by_id) == len(ops)
    queued = [row for seat in seats for row in seat.outbox()]
    queued_ids = [row.op_id for row in queued]
    queued_set = set(queued_ids)
    assert len(queued_set) == len(queued_ids), "an op id was queued twice"
    missing = [op_id for op_id in queued_ids if op_id not in by_id]
    assert not missing, f"{len(missing)} queued ops never reached the server: {missing[:5]}"
    foreign = [op for op in ops if op.op_id not in queued_set and op.seat != CONSOLE]
    assert not foreign, f"the server holds ops no seat queued: {foreign[:3]}"
    unsettled = [row.op_id for row in queued if row.sent_at is None or row.result not in SETTLED]
    assert not unsettled, f"{len(unsettled)} ops still pending on their seats"

    tickets, events = ledger.tickets(), ledger.events()
    changed_by = Counter(op.ticket_id for op in ops if op.event_id in _all(events))
    for ticket_id, ticket in tickets.items():
        ids = events.get(ticket_id, [])
        assert len(ids) == len(set(ids))
        # One event per change, one version step per change, one op behind each change.
        assert ticket.version == len(ids) == changed_by[ticket_id], (ticket_id, ticket.version, len(ids))
    applied_events = {op.event_id for op in ops if op.status == "applied"}
    assert applied_events <= _all(events), "an applied op left no event"
    return ops


def _all(events: dict[str, list[str]]) -> set[str]:
    return {e for ids in events.values() for e in ids}


def comparable(ticket: Ticket) -> Ticket:
    """A ticket without what only one side keeps (the seat keeps its provisional number)."""
    return dataclasses.replace(ticket, local_no="")


def statuses(ops: Sequence[OpRecord]) -> Counter[str]:
    return Counter(op.status for op in ops)


def payload_of(row: local.OutboxRow) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(row.payload)
    return loaded
