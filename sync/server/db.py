"""The server's database: SQLite (embedded, one file) or PostgreSQL (production), migrated by Alembic."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    Column,
    ColumnElement,
    Engine,
    SQLColumnExpression,
    String,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
    insert,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.orm import Session, sessionmaker

from sync.server import seat_work

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger(__name__)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            _private_sqlite_file(Path(parsed.database))
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    # Each worker keeps a few connections; 200 seats pushing at once queue on the pool, not on errors.
    # At most 15 per worker: 4 workers stay well under PostgreSQL's default max_connections of 100
    # (at 30 each, 200 seats logging in at once got "too many clients" as 503s).
    return create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True)


def among(session: Session, column: SQLColumnExpression[str], values: Collection[str]) -> ColumnElement[bool]:
    """`column IN values`, on PostgreSQL as `= ANY(one array)`: psycopg parses a query of more than
    50 parameters again on every call (it caches only smaller ones), 2-3 ms of CPU for each of a
    push's lookups of 500 ids."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(String)))
    return column.in_(values)


def _private_sqlite_file(path: Path) -> None:
    """The file holds citizens' names and phones and the password hashes: readable by this account
    only. A missing folder is made 0700 and the file 0600 before SQLite opens it (its journal, WAL and
    shared-memory files take the database file's mode); files an older version left 0644 are
    tightened. A folder that already exists is the administrator's choice and is left as it is."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "posix":
        path.touch(exist_ok=True)
        return
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))  # an empty file is a new SQLite database
    for file in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except FileNotFoundError:
            pass
        except PermissionError:  # someone else's file: say so, the database may still be usable
            log.warning("cannot make %s private (mode 0600): not this account's file", file)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets pulls read while a push writes; FULL keeps an acknowledged push through a power cut;
    # busy_timeout makes a second worker wait for the write lock instead of failing.
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


class Database:
    """Sessions on one engine. Thread-safe: every unit of work takes its own session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Database:
        return cls(make_engine(url))

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One atomic write: committed at the end, rolled back on any error."""
        with self._sessions.begin() as session:
            if self.is_sqlite:
                # Take the write lock up front: a read-then-write transaction that upgrades later can
                # fail with "database is locked" without waiting for busy_timeout.
                session.execute(text("BEGIN IMMEDIATE"))
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


# Alembic's `context` and `op` are process-wide proxies: two migrations at once in one process would
# run each other's DDL on the wrong connection.
_MIGRATING = threading.Lock()


def migrate(url: str) -> None:
    """Bring the database at `url` up to the newest schema (creating it if it is a new SQLite file)."""
    engine = make_engine(url)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with _MIGRATING, engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            with Session(connection) as session:  # the counts follow the code's CATEGORY_SKILLS
                seat_work.recount_if_stale(session)
    finally:
        engine.dispose()


def bump_counter(session: Session, name: str, by: int = 1) -> int:
    """Add `by` to a named counter and return its new value, in one statement on both dialects.

    The counter row stays locked until the transaction ends, so concurrent workers get disjoint
    ranges and commit in the order they took them.
    """
    value = session.execute(
        text(
            "INSERT INTO counters (name, value) VALUES (:name, :by) "
            "ON CONFLICT (name) DO UPDATE SET value = counters.value + :by RETURNING value"
        ),
        {"name": name, "by": by},
    ).scalar_one()
    return int(value)


# Below this many rows a plain INSERT wins: COPY takes an extra round trip to set up, and the
# one-op pushes of seats at work are most pushes.
COPY_FROM_ROWS = 16


def bulk_insert(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (all with the same keys) into `table`: COPY on PostgreSQL, executemany on SQLite.

    psycopg runs an executemany as one INSERT per row, pipelined; for the thousands of op, event and
    feed rows of a drain that was the largest part of a push on the server. COPY streams them in one
    statement. Values go through the columns' own bind processing (UTC datetimes, strict booleans),
    and JSON columns are sent as JSON, so a row is stored the same either way.
    """
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql" or len(rows) < COPY_FROM_ROWS:
        connection.execute(insert(table), rows)
        return
    # psycopg only here: the embedded server on SQLite (the seat's installer) never loads it.
    from psycopg import sql

    names = list(rows[0])
    bind = [_copy_value(table.c[name], connection.dialect) for name in names]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    driver = connection.connection.driver_connection
    assert driver is not None, "a connection in use always has its psycopg connection"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([to_db(row[name]) for to_db, name in zip(bind, names, strict=True)])


def _copy_value(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any]:
    if isinstance(column.type, JSON):
        from psycopg.types.json import Json

        return lambda value: None if value is None else Json(value)
    process = column.type.bind_processor(dialect)
    return process if process is not None else _same


def _same(value: Any) -> Any:
    return value


def insert_missing(session: Session, table: Table, row: Mapping[str, Any], keys: Sequence[str]) -> None:
    """INSERT the row unless one with the same `keys` exists (ON CONFLICT DO NOTHING, both dialects)."""
    dialect = postgresql if session.connection().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(table).values(**row).on_conflict_do_nothing(index_elements=list(keys)))
