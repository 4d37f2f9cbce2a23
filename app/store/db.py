"""Opening the local store: SQLite with WAL and synchronous=FULL, migrated by Alembic on open."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(Exception):
    """The local store cannot be opened or used; the message says what to do."""


class Store:
    """The seat's durable local database. Thread-safe: each unit of work takes its own session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit of work: committed at the end, rolled back on any error."""
        with self._sessions.begin() as session:
            # Take the write lock first. pysqlite only begins at the first INSERT/UPDATE, so the reads
            # before it (the daily counter, a draft's revision) could interleave with another writer
            # and be written back stale. Readers are not blocked: WAL lets them read meanwhile.
            session.execute(text("BEGIN IMMEDIATE"))
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def integrity_ok(self) -> bool:
        try:
            with self.engine.connect() as conn:
                return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        except DatabaseError as exc:
            # A file damaged badly enough makes the check itself fail: that is a "no", not a crash.
            # Other errors (locked, I/O) say nothing about the file and are raised as they are.
            if _is_corruption(exc):
                return False
            raise

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path) -> Store:
    """Open (creating and migrating as needed) the store at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Callers' phones and addresses are in here: only the operator's OS account may read the folder.
    path.parent.chmod(0o700)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 30},
    )
    event.listen(engine, "connect", _configure_connection)
    try:
        migrate(engine)
    except Exception as exc:
        engine.dispose()
        raise StoreError(f"本地数据库无法打开或升级 (local store cannot be opened): {path}: {exc}") from exc
    return Store(engine)


def _is_corruption(exc: DatabaseError) -> bool:
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the queue read while a draft is being written; FULL makes a commit survive power loss.
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "foreign_keys=ON",
        "busy_timeout=30000",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


# Alembic's `context` and `op` are process-wide proxies: two migrations running at once in one
# process would run each other's DDL on the wrong connection (seen as errors, even segfaults).
_MIGRATING = threading.Lock()


def migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _MIGRATING, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
