"""Store keys for benchmark stores: throw-away data, so the key is derived from the store's path and a
child process (startup_child) opens the parent's store without an OS keyring. SQLCipher encrypts
for real, so the figures include its cost."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.store.db import use_keys_by_default


class BenchmarkKeys:
    def load(self, store: Path) -> bytes | None:
        return hashlib.sha256(b"hotline benchmark only:" + str(store.resolve()).encode()).digest()

    def create(self, store: Path) -> bytes:
        key = self.load(store)
        assert key is not None
        return key


def use_benchmark_keys() -> None:
    use_keys_by_default(BenchmarkKeys())
