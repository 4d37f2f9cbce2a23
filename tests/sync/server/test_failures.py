"""When the server itself fails, the answer is still an ErrorBody: 503 without a database, 500 else."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from tests.sync.conftest import PostgresDatabases, login, seed_database


def test_a_lost_database_is_503_and_the_client_may_retry(pg: PostgresDatabases) -> None:
    url = pg.create()
    seed_database(url)
    app = create_app(ServerSettings(db_url=url))
    with TestClient(app) as client:
        login(client, "a01")
        pg.drop(url)  # gone, connections and all
        answer = client.get(f"{API_PREFIX}/sync/pull")
    close_app(app)
    assert answer.status_code == 503
    assert answer.json()["code"] == "unavailable"


def test_an_unexpected_failure_is_a_500_error_body_and_is_logged(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(ServerSettings(db_url=db_url))
    with TestClient(app, raise_server_exceptions=False) as client:
        login(client, "lead")
        engine = create_engine(db_url)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE seats"))  # a broken deployment, not bad input
        engine.dispose()
        answer = client.get(f"{API_PREFIX}/lead/seats")
    close_app(app)
    assert answer.status_code == 500
    assert answer.json() == {
        "code": "internal",
        "problem": "server.internal",
        "params": {},
        "message": "服务器内部错误 (Internal server error)",
    }
    assert "unexpected error on GET /api/v1/lead/seats" in caplog.text
