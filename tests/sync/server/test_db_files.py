"""The standalone server's SQLite file holds names, phones and password hashes: only the account
running the server may read it (issue 16, item 10). Checked under the umask a service usually has."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from sync.server.db import Database, migrate


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # files 0644 and folders 0755 unless the server says otherwise
    yield
    os.umask(old)


def _write(url: str) -> None:
    db = Database.open(url)
    try:
        with db.writing() as session:
            session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
            session.execute(text("INSERT INTO probe VALUES (1)"))
    finally:
        db.dispose()


def test_a_new_database_is_created_0600_in_a_0700_folder(tmp_path: Path) -> None:
    path = tmp_path / "srv" / "hotline-server" / "hotline-server.sqlite3"
    url = f"sqlite:///{path}"
    migrate(url)
    db = Database.open(url)  # kept open: the WAL and shared-memory files exist while it is
    try:
        with db.writing() as session:
            session.execute(text("CREATE TABLE probe (x INTEGER)"))
        assert mode(path.parent) == 0o700
        siblings = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert all(p.exists() for p in siblings)
        assert {p.name: mode(p) for p in siblings} == {p.name: 0o600 for p in siblings}
    finally:
        db.dispose()


def test_a_database_left_readable_by_an_older_version_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as plain:
        plain.execute("PRAGMA journal_mode=WAL")
        plain.execute("CREATE TABLE t (x INTEGER)")
    path.chmod(0o644)
    _write(f"sqlite:///{path}")
    assert mode(path) == 0o600
