"""What both sync benchmarks stand on: throwaway PostgreSQL databases, operator accounts, a real
server process (tests/sync/live.py), a seat's login kept in memory, and latency summaries."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from app.domain.status import Role
from sync.client.api import ServerApi
from sync.client.credentials import SessionOnlyKeyring, TokenVault
from sync.server.db import Database, migrate
from sync.server.models import UserRow
from tests.sync.live import LiveServer

PG_ADMIN_URL = os.environ.get(
    "HOTLINE_TEST_PG_URL", "postgresql+psycopg://hotline:hotline@localhost:5432/postgres"
)
PASSWORD = "bench-password"


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """A new, migrated PostgreSQL database (its URL), dropped afterwards whatever happens."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"hotline_bench_{uuid.uuid4().hex[:12]}"
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        migrate(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def add_operators(url: str, seats: list[str]) -> list[str]:
    """One operator account per seat (username = seat id lowercased), password PASSWORD; the names.

    Rows go in with one insert and one shared hash made with argon2's cheapest parameters: the server
    reads the parameters from each hash, so 200 logins cost nothing and hashing 200 real passwords
    (~90 ms each) does not dominate the set-up. Logins are not what is measured."""
    hashed = PasswordHasher.from_parameters(CHEAPEST).hash(PASSWORD)
    now = datetime.now(UTC)
    rows = [
        {
            "username": seat.lower(),
            "display_name": f"话务员{seat}",
            "role": Role.OPERATOR.value,
            "seat_id": seat,
            "password_hash": hashed,
            "created_at": now,
        }
        for seat in seats
    ]
    db = Database.open(url)
    try:
        with db.writing() as session:
            session.execute(insert(UserRow), rows)
    finally:
        db.dispose()
    return [row["username"] for row in rows]


def scalar(url: str, sql: str) -> int:
    """One number from the server's database (how many ops, tickets ... it holds)."""
    db = Database.open(url)
    try:
        with db.reading() as session:
            return int(session.execute(text(sql)).scalar_one())
    finally:
        db.dispose()


A = TypeVar("A", bound=ServerApi)


def seat_api(server: LiveServer, username: str, kind: type[A]) -> A:
    """A seat's ServerApi, logged in, its tokens in process memory: the OS keyring (a D-Bus round
    trip per request on Linux) is the seat's business, not the sync path's, and is left out."""
    api = kind(server.url, TokenVault(server.url, backend=SessionOnlyKeyring()), timeout=60)
    api.login(username, PASSWORD)
    return api


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency_summary(seconds: list[float]) -> dict[str, float | int]:
    if not seconds:
        return {"count": 0}
    return {
        "count": len(seconds),
        "p50_ms": ms(percentile(seconds, 0.50)),
        "p95_ms": ms(percentile(seconds, 0.95)),
        "p99_ms": ms(percentile(seconds, 0.99)),
        "max_ms": ms(max(seconds)),
    }


def machine() -> dict[str, object]:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0], "database": "PostgreSQL (loopback)"}
