"""Every answer forbids caching and content sniffing; /docs (which loads Swagger UI from a CDN) is
off unless an admin turns it on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX, MAX_BODY_BYTES
from sync.server.app import close_app, create_app
from sync.server.settings import API_DOCS_ENV, ServerSettings

Client = Callable[[str], TestClient]


def _safe(headers: object) -> bool:
    assert hasattr(headers, "get")
    return headers.get("cache-control") == "no-store" and headers.get("x-content-type-options") == "nosniff"


def test_answers_and_errors_carry_no_store_and_nosniff(anon: TestClient, client_for: Client) -> None:
    a01 = client_for("a01")
    assert _safe(a01.get(f"{API_PREFIX}/me").headers)
    assert _safe(a01.get(f"{API_PREFIX}/sync/pull").headers)
    assert _safe(anon.get(f"{API_PREFIX}/me").headers)  # 401
    assert _safe(anon.get(f"{API_PREFIX}/no-such-endpoint").headers)  # 404
    too_big = anon.post(f"{API_PREFIX}/auth/login", content=b"x" * (MAX_BODY_BYTES + 1))
    assert too_big.status_code == 413 and _safe(too_big.headers)


def test_an_internal_error_carries_them_too(db_url: str) -> None:
    app = create_app(ServerSettings(db_url=db_url))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/boom")
    close_app(app)
    assert answer.status_code == 500 and _safe(answer.headers)


def test_docs_are_off_by_default_and_on_by_setting(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    default = create_app(ServerSettings(db_url=db_url))
    with TestClient(default) as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/openapi.json").status_code == 200  # the document itself loads nothing
    close_app(default)
    monkeypatch.setenv(API_DOCS_ENV, "1")
    settings = ServerSettings.from_env(db_url)
    assert settings.api_docs and settings.to_env()[API_DOCS_ENV] == "1"
    with_docs = create_app(settings)
    with TestClient(with_docs) as client:
        assert client.get("/docs").status_code == 200
    close_app(with_docs)
