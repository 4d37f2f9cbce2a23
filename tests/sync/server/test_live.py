"""The server as a real process (tests/sync/live.py): serves, survives kill -9, runs several workers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from sync.demo import DEMO_PASSWORD
from tests.sync.conftest import PostgresDatabases, seed_database
from tests.sync.live import LiveServer
from tests.sync.server.wire import create_op


def _client(server: LiveServer, username: str) -> httpx.Client:
    client = httpx.Client(base_url=server.api, timeout=10)
    tokens = client.post("/auth/login", json={"username": username, "password": DEMO_PASSWORD}).json()
    client.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    return client


def _push(client: httpx.Client, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.post("/sync/push", json={"ops": list(ops)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def test_a_pushed_ticket_survives_kill_9_and_a_restart(live_server: LiveServer) -> None:
    op = create_op("A01", at=datetime.now(UTC))
    with closing(_client(live_server, "a01")) as a01:
        [first] = _push(a01, op)
    live_server.kill()
    live_server.start()
    with closing(_client(live_server, "a01")) as a01:
        [again] = _push(a01, op)
        assert again["status"] == "duplicate" and again["number"] == first["number"]
        assert a01.get(f"/tickets/{op['ticket_id']}").json()["number"] == first["number"]


@pytest.mark.slow
def test_two_workers_on_postgresql_share_all_state(pg: PostgresDatabases) -> None:
    url = pg.create()
    seed_database(url)
    with LiveServer(url, workers=2) as server:
        clients = [_client(server, f"a{n:02d}") for n in range(1, 5)]  # tokens work on any worker
        with ThreadPoolExecutor(4) as pool:
            batches = pool.map(
                lambda c: [
                    r
                    for _ in range(5)
                    for r in _push(c[1], *(create_op(c[0], at=datetime.now(UTC)) for _ in range(10)))
                ],
                [(f"A{n:02d}", client) for n, client in enumerate(clients, 1)],
            )
            results = [r for batch in batches for r in batch]
        for client in clients:
            client.close()
    assert len({r["number"] for r in results}) == len(results) == 200
