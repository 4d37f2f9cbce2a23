"""schemathesis against the served OpenAPI: no input gives a 5xx, nothing is served without a token.

Bounded (a few dozen examples per operation) to stay quick; the positive cases are mostly refused
with 4xx by the strict wire models, which is the point: refusal at the boundary, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import BaseSchema, Case
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX
from tests.sync.conftest import login

PUBLIC = {f"{API_PREFIX}/health", f"{API_PREFIX}/auth/login", f"{API_PREFIX}/auth/refresh"}
# Every operation, a few dozen examples each, on both databases: a minute of the run, so in
# `make test-all` (CI) rather than the quick selection.
pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture
def lead_token(server_app: FastAPI) -> Iterator[str]:
    with TestClient(server_app) as client:
        yield login(client, "lead").headers["Authorization"]


def _schema(app: FastAPI) -> BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _fuzz(schema: BaseSchema, check: Callable[[Case], None], skip: str = "") -> list[str]:
    """Run `check` on generated cases of every operation but `skip`; the operations run."""
    # schemathesis' own pytest plugin (subtests) does not work with pytest 9, so each operation
    # gets a plain Hypothesis test here.
    ran = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path == skip:
            continue

        @FUZZ
        @given(case=operation.as_strategy())
        def run(case: Case) -> None:
            check(case)

        run()
        ran.append(f"{operation.method.upper()} {operation.path}")
    return ran


def test_the_schema_declares_bearer_security(anon: TestClient) -> None:
    document = anon.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "访问令牌 (access token from /auth/login)",
    }
    secured = {path for path, ops in document["paths"].items() for op in ops.values() if op.get("security")}
    assert secured == set(document["paths"]) - PUBLIC


def test_no_input_makes_a_server_error(server_app: FastAPI, lead_token: str) -> None:
    def check(case: Case) -> None:
        response = case.call(headers={"Authorization": lead_token})
        assert response.status_code < 500, f"{case.method} {case.path}: {response.text}"

    # Logging out would revoke the token the rest of the run uses (it is fuzzed without one below).
    ran = _fuzz(_schema(server_app), check, skip=f"{API_PREFIX}/auth/logout")
    # Every operation but logout: kb, reference, admin, caller history, repeat count, seat report,
    # callbacks, the board's queue and skills, the figures, exports, 热点, 苗头预警 and the tickets
    # behind one included.
    assert len(ran) == 39


def test_nothing_is_served_without_a_token(server_app: FastAPI) -> None:
    def check(case: Case) -> None:
        if case.headers:
            case.headers = {k: v for k, v in case.headers.items() if k.lower() != "authorization"}
        response = case.call()
        assert response.status_code < 500, response.text
        if case.path not in PUBLIC:
            assert not 200 <= response.status_code < 300, f"{case.method} {case.path}: {response.status_code}"

    assert len(_fuzz(_schema(server_app), check)) == 40
