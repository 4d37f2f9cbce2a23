"""The central server of tests/sync/conftest.py (in-process through TestClient) and real seats:
SQLite store, keyring vault, ServerApi and SyncEngine, logged in as the demo accounts."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from starlette.testclient import TestClient

from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.domain.ticket import Ticket
from app.os_keyring import keyring_problem
from app.store.db import Store, open_store
from app.store.tickets import TicketStore
from sync.client.api import ServerApi
from sync.client.credentials import TokenVault
from sync.client.engine import SyncEngine
from sync.demo import DEMO_PASSWORD
from sync.server.db import Database
from sync.server.models import EventRow, OpRow


@pytest.fixture(scope="session")
def secret_service() -> None:
    """The real OS keyring (Secret Service). Run the tests under .ci/with-keyring to have one."""
    backend = keyring.get_keyring()
    usable = keyring_problem(backend) is None  # a plaintext file or memory is not one
    if usable:
        try:
            probe = f"probe-{uuid.uuid4()}"
            backend.set_password("hotline-seat-test", probe, "x")
            backend.delete_password("hotline-seat-test", probe)
        except keyring.errors.KeyringError:
            usable = False
    if not usable:
        reason = f"no usable OS keyring ({type(backend).__name__}): run under .ci/with-keyring"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@dataclass
class Central:
    """The central server under test (the `server_app` of tests/sync/conftest.py), in-process."""

    db_url: str
    app: FastAPI
    http: TestClient
    base_url: str = "http://localhost"

    def ops_of(self, ticket_id: str) -> int:
        with self._db() as db, db.reading() as session:
            return int(session.scalar(select(func.count()).where(OpRow.ticket_id == ticket_id)) or 0)

    def events_of(self, ticket_id: str) -> list[str]:
        with self._db() as db, db.reading() as session:
            return list(session.scalars(select(EventRow.id).where(EventRow.ticket_id == ticket_id)))

    @contextmanager
    def _db(self) -> Iterator[Database]:
        db = Database.open(self.db_url)
        try:
            yield db
        finally:
            db.dispose()


@pytest.fixture
def central(db_url: str, server_app: FastAPI) -> Iterator[Central]:
    with TestClient(server_app) as http:
        yield Central(db_url, server_app, http)


@dataclass
class SeatRig:
    """One seat: its own store and login, pushing and pulling through the real client code."""

    seat_id: str
    role: Role
    store: Store
    tickets: TicketStore
    vault: TokenVault
    api: ServerApi
    engine: SyncEngine
    data_dir: Path
    made: list[Ticket] = field(default_factory=list)

    def accept(self, **fields: Any) -> Ticket:
        values: dict[str, Any] = {
            "kind": Kind.COMPLAINT,
            "category_code": "CJ.WY.DT",
            "caller_name": "张三",
            "caller_phone": "13812345678",
            "address": "福田区某小区3栋",
            "content": "电梯停运两天，无人维修",
            **fields,
        }
        draft = Draft(id=new_id(), seat_id=self.seat_id, started_at=datetime.now(UTC), **values)
        ticket, _ = self.tickets.accept(draft, actor=self.seat_id, role=self.role)
        self.made.append(ticket)
        return ticket

    def act(self, ticket_id: str, action: Action, **fields: Any) -> Ticket:
        cmd = Command(action, self.seat_id, self.role, datetime.now(UTC), seat_id=self.seat_id, **fields)
        return self.tickets.act(ticket_id, cmd)[0]


class Seats:
    """Makes seats logged in as demo accounts (a01..a08 on A01..A08, lead); forgets their tokens after."""

    def __init__(self, central: Central, root: Path, sla: SlaClock) -> None:
        self.central, self.root, self.sla = central, root, sla
        self.rigs: list[SeatRig] = []

    def __call__(self, username: str, *, base_url: str | None = None) -> SeatRig:
        # A vault entry of its own per test, so runs never see each other's logins.
        vault = TokenVault(f"http://central.test/{uuid.uuid4()}")
        # In-process by default; a seat given a base_url talks to a real port with its own client.
        api = ServerApi(
            base_url or self.central.base_url, vault, http=None if base_url else self.central.http
        )
        user = api.login(username, DEMO_PASSWORD)
        seat_id = user.seat_id or "L01"  # a lead works at a seat of its own
        data_dir = self.root / f"seat-{username}"
        store = open_store(data_dir / "seat.sqlite3")
        engine = SyncEngine(store, self.sla, api, batch_size=50, pull_limit=50)
        rig = SeatRig(seat_id, user.role, store, TicketStore(store, self.sla), vault, api, engine, data_dir)
        self.rigs.append(rig)
        return rig

    def close(self) -> None:
        for rig in self.rigs:
            rig.vault.clear()
            rig.api.close()
            rig.store.close()


@pytest.fixture
def seats(central: Central, tmp_path: Path, sla_clock: SlaClock, secret_service: None) -> Iterator[Seats]:
    made = Seats(central, tmp_path, sla_clock)
    yield made
    made.close()
