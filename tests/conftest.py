"""Shared fixtures: a real store in a temporary folder, the shipped SLA rules and taxonomy."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain.sla import SlaClock
from app.resources import load_sla_clock
from app.store.db import Store, open_store
from app.store.tickets import TicketStore


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
