"""Fixtures for the central server and everything that talks to it.

- ``db_url``: a migrated database seeded with the demo accounts (password ``demo1234``: operators
  a01..a08 on seats A01..A08, ``lead``, ``admin``, department users ``qzjj`` and ``qcgj``), once on
  SQLite and once on PostgreSQL (a fresh database per test, dropped afterwards).
- ``server_settings``, ``server_app`` (FastAPI app on that database), ``anon`` (a TestClient without
  a token) and ``client_for(username)`` (a TestClient logged in as that user).
- ``pg``: the PostgreSQL helper (``pg.create()`` → URL of a new empty database, dropped at the end).
- ``live_server``: a real uvicorn process (tests/sync/live.py) on a seeded SQLite file.

PostgreSQL is HOTLINE_TEST_PG_URL (an admin URL; default the local hotline role). If it cannot be
reached the PostgreSQL variants are skipped, except under CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from fastapi import FastAPI
from sqlalchemy import Engine, create_engine, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from starlette.testclient import TestClient

from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.db import Database, migrate
from sync.server.models import UserRow
from sync.server.settings import ServerSettings
from sync.server.users import seed_demo
from tests.sync.live import LiveServer

WIDE_WINDOW = timedelta(days=36500)
PG_ADMIN_URL = os.environ.get(
    "HOTLINE_TEST_PG_URL", "postgresql+psycopg://hotline:hotline@localhost:5432/postgres"
)


class PostgresDatabases:
    """Creates and drops throwaway databases on the test PostgreSQL server."""

    def __init__(self, admin: Engine) -> None:
        self.admin = admin
        self.created: list[str] = []

    def create(self, template: str | None = None) -> str:
        """A new database (a copy of `template` if given); its URL."""
        name = f"hotline_test_{uuid.uuid4().hex[:12]}"
        copy = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}{copy}"))
        self.created.append(name)
        return self.url(name)

    def url(self, name: str) -> str:
        return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as conn:
            try:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            except ProgrammingError:
                # FORCE may not end an autovacuum worker without pg_signal_backend (.ci/run grants
                # it); a plain DROP has the server cancel autovacuum itself.
                conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        if name in self.created:
            self.created.remove(name)


class FakeClock:
    """The server's clock in tests that move time (token expiry, lockouts): `clock.now += ...`."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def pg() -> Iterator[PostgresDatabases]:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect():
            pass
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL unreachable at {make_url(PG_ADMIN_URL)!r}: {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    databases = PostgresDatabases(admin)
    yield databases
    for name in list(databases.created):
        databases.drop(databases.url(name))
    admin.dispose()


def seed_database(url: str) -> None:
    """Migrate the database at `url` and add the demo accounts (password demo1234).

    Their hashes are then redone with argon2's cheapest parameters: the server reads the parameters
    from each hash, so a login costs microseconds instead of ~90 ms, hundreds of times per run.
    """
    migrate(url)
    db = Database.open(url)
    try:
        with db.writing() as session:
            seed_demo(session)
            cheap = PasswordHasher.from_parameters(CHEAPEST).hash(DEMO_PASSWORD)
            session.execute(update(UserRow).values(password_hash=cheap))
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file, copied for each test (hashing the passwords takes a second)."""
    path = tmp_path_factory.mktemp("template") / "server.sqlite3"
    seed_database(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template(pg: PostgresDatabases) -> str:
    url = pg.create()
    seed_database(url)
    name = make_url(url).database
    assert name is not None
    return name


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        target = tmp_path / "server.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite:///{target}"
        return
    databases: PostgresDatabases = request.getfixturevalue("pg")
    url = databases.create(template=request.getfixturevalue("pg_template"))
    yield url
    databases.drop(url)


@pytest.fixture
def server_settings(db_url: str) -> ServerSettings:
    # Most server tests push ops dated at wire.NOW, a fixed day in the past: the offline window is
    # opened wide for them. tests/sync/server/test_client_times.py checks the default window.
    return ServerSettings(db_url=db_url, offline_window=WIDE_WINDOW)


@pytest.fixture
def server_app(server_settings: ServerSettings) -> Iterator[FastAPI]:
    app = create_app(server_settings)
    yield app
    close_app(app)


def login(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> TestClient:
    """Log `client` in: its requests carry the access token from then on."""
    answer = client.post(f"{API_PREFIX}/auth/login", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return client


@pytest.fixture
def anon(server_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(server_app) as client:
        yield client


@pytest.fixture
def client_for(server_app: FastAPI) -> Iterator[Callable[[str], TestClient]]:
    clients: list[TestClient] = []

    def logged_in(username: str) -> TestClient:
        client = TestClient(server_app)
        clients.append(client)
        return login(client, username)

    yield logged_in
    for client in clients:
        client.close()


@pytest.fixture
def live_server(sqlite_template: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A real server process on a seeded SQLite copy; stopped (or killed) at the end."""
    target = tmp_path / "live.sqlite3"
    shutil.copy(sqlite_template, target)
    with LiveServer(f"sqlite:///{target}", log_dir=tmp_path) as server:
        yield server
