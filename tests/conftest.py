"""Shared fixtures: a real store in a temporary folder, the shipped SLA rules and taxonomy."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain.sla import SlaClock
from app.resources import load_sla_clock
from app.store.db import Store, open_store
from app.store.tickets import TicketStore
from tests.store_keys import use_test_keys

# Every store a test opens is encrypted for real, with a key that needs no OS keyring (see store_keys).
use_test_keys()


@pytest.fixture(scope="session", autouse=True)
def intake_model_as_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The intake model's weights as `make dist` ships them, trained at most once a test run (and
    worker), when a seat first asks: else every test seat would train its own (seconds of CPU)."""
    folder = tmp_path_factory.mktemp("intake-model")
    lock = threading.Lock()

    def built() -> Path:
        path = folder / "intake_model.json"
        with lock:
            if not path.exists():  # in a process of its own, as the build does: no GIL held here
                train = [sys.executable, "-m", "app.intake.train", "--out", str(path)]
                subprocess.run(train, check=True, capture_output=True)
        return path

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("app.intake.model.shipped_weights_file", built)
        yield


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "seat.sqlite3")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def sla_clock() -> SlaClock:
    return load_sla_clock()


@pytest.fixture
def ticket_store(store: Store, sla_clock: SlaClock) -> TicketStore:
    return TicketStore(store, sla_clock)


# PostgreSQL twins that stay in the quick selection: the wire's hot paths, where SQLite and
# PostgreSQL differ most (locking, sequences). Every other twin runs in `make test-all` (CI).
QUICK_POSTGRES_MODULES = {"test_push.py", "test_pull.py", "test_concurrency.py"}
# Fixtures that make a test slow by nature: audio played in real time into the virtual microphone.
SLOW_FIXTURES = {"pulse_vmic"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark as slow what the quick `make test` leaves to `make test-all`, by rule rather than by hand."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        postgres_twin = "postgresql" in params.values()
        if postgres_twin and item.path.name not in QUICK_POSTGRES_MODULES:
            item.add_marker(pytest.mark.slow)
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
            # One virtual microphone: two tests playing into it at once hear each other's audio, so
            # they share one xdist worker (`--dist loadgroup` in the Makefile).
            item.add_marker(pytest.mark.xdist_group("pulse_vmic"))
