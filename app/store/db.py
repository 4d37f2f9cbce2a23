"""Opening the local store: SQLCipher-encrypted SQLite with WAL and synchronous=FULL, migrated by
Alembic on open.

The store holds callers' names, phones and addresses, drafts (the CTI caller number) and call
transcripts, so the whole file is encrypted (SQLCipher 4, AES-256) with a random key kept outside it
(app/store/keys.py). A plain store from an earlier version is encrypted in place on open, in a way a
kill -9 at any moment cannot lose: see `_encrypt_in_place`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.domain.problem import Problem, ProblemError
from app.store.keys import KeySource, SeatKeys, StoreKeyError, fsync_folder

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(ProblemError):
    """The local store cannot be opened or used; the problem says what to do."""

    def __init__(self, code: str, path: Path, cause: Exception) -> None:
        why = cause.problem if isinstance(cause, ProblemError) else str(cause)
        super().__init__(Problem(code, {"path": str(path), "problem": why}))


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


_default_keys: KeySource | None = None


def use_keys_by_default(keys: KeySource | None) -> None:
    """The key source `open_store` uses when given none (tests set one that needs no OS keyring).
    None restores the production one: the OS keyring, without a passphrase fallback."""
    global _default_keys
    _default_keys = keys


def open_store(path: Path, keys: KeySource | None = None) -> Store:
    """Open (creating, encrypting and migrating as needed) the store at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Callers' phones and addresses are in here: only the operator's OS account may read the folder.
    path.parent.chmod(0o700)
    try:
        key = _key_for(path, keys or _default_keys or SeatKeys())
    except (StoreKeyError, sqlite3.Error, sqlcipher3.Error, OSError) as exc:
        raise StoreError("store.cannot_open", path, exc) from exc
    engine = create_engine(
        # The raw 256-bit key (x'…'): SQLCipher then skips its passphrase KDF on every connection.
        URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path)),
        # The pysqlcipher dialect defaults to one connection per thread; keep pysqlite's file pool,
        # handing out the connection used last: its page cache holds the pages already decrypted.
        poolclass=QueuePool,
        pool_use_lifo=True,
        connect_args={"check_same_thread": False, "timeout": 30},
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "connect", lambda conn, _record: _tune_for_decryption(conn))
    try:
        migrate(engine)
    except Exception as exc:
        engine.dispose()
        raise StoreError("store.cannot_upgrade", path, exc) from exc
    return Store(engine)


PLAIN_HEADER = b"SQLite format 3\x00"


def is_plain(path: Path) -> bool:
    """The file is an unencrypted SQLite database (an encrypted one starts with its random salt)."""
    try:
        with path.open("rb") as file:
            return file.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def _key_for(path: Path, keys: KeySource) -> bytes:
    """The store's key, made on first run; a plain store is encrypted with it before it is used."""
    _remove_interrupted_conversion(path)
    plain = is_plain(path)
    exists = path.exists() and (path.is_dir() or path.stat().st_size > 0)
    key = keys.load(path)
    if exists and not plain:
        if key is None:  # never make a new key for a file already encrypted (or not ours at all)
            raise StoreKeyError("store.no_key")
        return key
    if key is None:
        # Kept durably before the file depends on it: a kill from here on leaves a plain store and
        # its key, and the next start simply encrypts it then.
        key = keys.create(path)
    if plain:
        _encrypt_in_place(path, key)
    return key


def _temp_for(path: Path) -> Path:
    return path.with_name(path.name + ".encrypting")


def _remove_interrupted_conversion(path: Path) -> None:
    """What an encryption killed half-way left behind; the plain store beside it is still whole."""
    temp = _temp_for(path)
    for leftover in (temp, *(temp.with_name(temp.name + s) for s in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def _encrypt_in_place(path: Path, key: bytes) -> None:
    """Encrypt a plain store, so that after a kill -9 at any point either the plain store or the
    encrypted one is in place with all the data.

    1. The plain store leaves WAL mode: its WAL is checkpointed into the file and deleted, so no plain
       WAL (with callers' data, and frames that would be replayed onto the wrong file) outlives it.
    2. sqlcipher_export copies everything into a temporary encrypted file, which is fsynced.
    3. An atomic rename puts it in place of the plain file; the folder is fsynced.
    A kill before 3 leaves the plain store (the temporary file is removed at the next start); a kill
    after it leaves the encrypted one."""
    log.info("encrypting the local store %s", path)
    temp = _temp_for(path)
    plain = sqlcipher3.connect(str(path), isolation_level=None, timeout=30)  # no key: plain SQLite
    try:
        mode = plain.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if mode != "delete":
            raise StoreKeyError("store.in_use", mode=str(mode))
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(temp), f"x'{key.hex()}'"))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    fd = os.open(temp, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    # Closed cleanly in DELETE mode, the plain store has no WAL, shm or hot journal any more; remove
    # anything of the kind regardless: beside the encrypted file it would be read as its own.
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(temp, path)
    fsync_folder(path.parent)
    log.info("local store encrypted")


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


# Room for the whole store of a busy seat; SQLite's default is 2 MB.
CACHE_KIB = 256 * 1024


def _tune_for_decryption(dbapi_connection: Any) -> None:
    """A page cache that can hold the whole store (bounded), where SQLite's default is 2 MB.

    Plain SQLite re-reads pages from the OS file cache almost for free; SQLCipher must decrypt and
    authenticate every page it reads again. The queue scans the tickets on a text search, so at 100k
    tickets (67 MB) the default cache made its p95 3.5× slower than plain SQLite. SQLite allocates
    cache pages only as it reads them, so a small store costs little memory; the bound is not sized
    from the file when the connection opens, since a store opened small (the first start, a day's
    work) grows while its connections live."""
    dbapi_connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    # Sorts and temporary indexes in memory: SQLCipher would encrypt each temp file page it writes
    # and read back (measured: the text-search filters' p95 from 1.9× to 1.3× of plain SQLite).
    dbapi_connection.execute("PRAGMA temp_store = MEMORY")


# Alembic's `context` and `op` are process-wide proxies: two migrations running at once in one
# process would run each other's DDL on the wrong connection (seen as errors, even segfaults).
_MIGRATING = threading.Lock()


def latest_revision() -> str:
    """The newest migration, from the version files' names (`0005_….py` is revision 0005): what an
    up-to-date store records, known without loading Alembic (tests hold it equal to Alembic's head)."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def _recorded_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DatabaseError:  # a new file: no table yet
            return None


def migrate(engine: Engine) -> None:
    """Bring the store to the latest revision. Alembic is imported only when there is work for it:
    its import and upgrade run were a few hundred ms of every start."""
    if _recorded_revision(engine) == latest_revision():
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _MIGRATING, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
