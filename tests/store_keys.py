"""The store key source for tests that are not about keys: no OS keyring, no passphrase, no key file.

The key is derived from the store's path, so a child process (the kill tests) opens the same store
with the same key. SQLCipher still encrypts for real; only where the key is kept differs. Where the
key is kept is tested for real in tests/app/store/test_keys.py (OS keyring, passphrase).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine

from app.store.db import use_keys_by_default


class PathKeys:
    def load(self, store: Path) -> bytes | None:
        return hashlib.sha256(b"hotline tests only:" + str(store.resolve()).encode()).digest()

    def create(self, store: Path) -> bytes:
        key = self.load(store)
        assert key is not None
        return key


def use_test_keys() -> None:
    use_keys_by_default(PathKeys())


def keyed_engine(path: Path) -> Engine:
    """A bare SQLAlchemy engine on a test store (no PRAGMAs, no migration): for tests that step the
    store's Alembic history by hand, as `create_engine(f"sqlite:///{path}")` did on a plain store."""
    key = PathKeys().create(path)
    return create_engine(URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path)))
