"""Several workers at once: official numbers stay unique, the feed is read in commit order.

Each "worker" is its own app with its own engine and connection pool, as separate uvicorn worker
processes would have; the threads push at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from tests.sync.conftest import WIDE_WINDOW, login
from tests.sync.server.wire import create_op, push

WORKERS, PUSHES, BATCH = 6, 8, 5


@pytest.fixture
def workers(db_url: str) -> Iterator[list[FastAPI]]:
    apps = [create_app(ServerSettings(db_url=db_url, offline_window=WIDE_WINDOW)) for _ in range(WORKERS)]
    yield apps
    for app in apps:
        close_app(app)


def _seat_pushes(app: FastAPI, n: int) -> list[dict[str, Any]]:
    seat = f"A{n + 1:02d}"
    with TestClient(app) as client:
        login(client, f"a{n + 1:02d}")
        return [r for _ in range(PUSHES) for r in push(client, *(create_op(seat) for _ in range(BATCH)))]


@pytest.mark.slow
def test_official_numbers_are_unique_and_gapless_across_workers(workers: list[FastAPI]) -> None:
    with ThreadPoolExecutor(WORKERS) as pool:
        results = [r for rs in pool.map(_seat_pushes, workers, range(WORKERS)) for r in rs]
    assert all(r["status"] == "applied" for r in results)
    numbers = sorted(r["number"] for r in results)
    total = WORKERS * PUSHES * BATCH
    assert len(set(numbers)) == total
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == list(range(1, total + 1))


@pytest.mark.slow
def test_a_reader_following_the_cursor_misses_nothing_while_workers_write(workers: list[FastAPI]) -> None:
    done = threading.Event()
    seen: list[str] = []

    def follow() -> None:
        with TestClient(workers[0]) as lead:
            login(lead, "lead")
            cursor = 0
            while True:
                finished = done.is_set()  # read before pulling: the last pull then sees everything
                page = lead.get(f"{API_PREFIX}/sync/pull", params={"cursor": cursor, "limit": 7}).json()
                seen.extend(c["ticket"]["id"] for c in page["changes"])
                cursor = page["cursor"]
                if finished and not page["more"]:
                    return

    reader = threading.Thread(target=follow)
    reader.start()
    with ThreadPoolExecutor(WORKERS - 1) as pool:
        results = [r for rs in pool.map(_seat_pushes, workers[1:], range(WORKERS - 1)) for r in rs]
    done.set()
    reader.join(60)
    assert sorted(seen) == sorted(r["ticket"]["id"] for r in results)  # each once, none skipped
