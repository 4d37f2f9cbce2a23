"""Login, bearer tokens with expiry, refresh rotation and logout (DESIGN §4, issue 3.2)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select
from starlette.testclient import TestClient

from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.models import TokenRow, UserRow
from sync.server.settings import ServerSettings
from tests.sync.conftest import FakeClock

LOGIN = f"{API_PREFIX}/auth/login"


@pytest.fixture
def client(db_url: str, clock: FakeClock) -> Iterator[TestClient]:
    app = create_app(ServerSettings(db_url=db_url, clock=clock))
    with TestClient(app) as test_client:
        yield test_client
    close_app(app)


def _login(client: TestClient, username: str = "a01", password: str = DEMO_PASSWORD) -> dict[str, str]:
    answer = client.post(LOGIN, json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    tokens: dict[str, str] = answer.json()
    return tokens


def _me(client: TestClient, token: str) -> int:
    return client.get(f"{API_PREFIX}/me", headers={"Authorization": f"Bearer {token}"}).status_code


def test_login_gives_tokens_and_the_user(client: TestClient) -> None:
    tokens = _login(client)
    assert tokens["token_type"] == "bearer"
    assert tokens["user"] == {
        "username": "a01",
        "display_name": "话务员01",
        "role": "operator",
        "seat_id": "A01",
    }
    me = client.get(f"{API_PREFIX}/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.json()["seat_id"] == "A01"


def test_wrong_password_and_unknown_user_get_the_same_401(client: TestClient) -> None:
    wrong = client.post(LOGIN, json={"username": "a01", "password": "nope-nope"})
    unknown = client.post(LOGIN, json={"username": "nobody", "password": DEMO_PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json()
        == unknown.json()
        == {
            "code": "unauthorized",
            "problem": "server.wrong_login",
            "params": {},
            "message": "用户名或密码错误 (Wrong username or password)",
        }
    )


def test_the_database_holds_hashes_never_passwords_or_tokens(client: TestClient, db_url: str) -> None:
    tokens = _login(client)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        hashes = list(conn.scalars(select(UserRow.password_hash)))
        stored = list(conn.scalars(select(TokenRow.token_hash)))
    engine.dispose()
    assert all(h.startswith("$argon2id$") and DEMO_PASSWORD not in h for h in hashes)
    assert tokens["access_token"] not in stored and tokens["refresh_token"] not in stored
    assert len(stored) == 2 and all(len(h) == 64 for h in stored)  # SHA-256 hex


def test_an_access_token_expires(client: TestClient, clock: FakeClock) -> None:
    tokens = _login(client)
    clock.now += timedelta(minutes=29)
    assert _me(client, tokens["access_token"]) == 200
    clock.now += timedelta(minutes=2)
    answer = client.get(f"{API_PREFIX}/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert answer.json()["code"] == "unauthorized"


def test_refresh_rotates_and_a_spent_refresh_token_ends_the_session(
    client: TestClient, clock: FakeClock
) -> None:
    first = _login(client)
    clock.now += timedelta(hours=1)  # the access token has expired; the refresh token has not
    assert _me(client, first["access_token"]) == 401
    second = client.post(f"{API_PREFIX}/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    assert second["refresh_token"] != first["refresh_token"]
    assert _me(client, second["access_token"]) == 200

    replayed = client.post(f"{API_PREFIX}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replayed.status_code == 401
    # Only a thief holds a spent refresh token: the whole session is revoked, the new tokens too.
    assert _me(client, second["access_token"]) == 401
    again = client.post(f"{API_PREFIX}/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert again.status_code == 401


def test_a_refresh_token_expires_too(client: TestClient, clock: FakeClock) -> None:
    tokens = _login(client)
    clock.now += timedelta(days=7, seconds=1)
    answer = client.post(f"{API_PREFIX}/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert answer.status_code == 401


def test_logout_revokes_the_session_but_not_other_logins(client: TestClient) -> None:
    mine, other = _login(client), _login(client)
    answer = client.post(
        f"{API_PREFIX}/auth/logout", headers={"Authorization": f"Bearer {mine['access_token']}"}
    )
    assert answer.status_code == 204
    assert _me(client, mine["access_token"]) == 401
    refreshed = client.post(f"{API_PREFIX}/auth/refresh", json={"refresh_token": mine["refresh_token"]})
    assert refreshed.status_code == 401
    assert _me(client, other["access_token"]) == 200


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer garbage", "Basic YTAxOmRlbW8xMjM0", "bearer "])
def test_missing_or_garbage_tokens_get_401(anon: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    answer = anon.get(f"{API_PREFIX}/me", headers=headers)
    assert answer.status_code == 401
    assert set(answer.json()) == {"code", "problem", "params", "message"}
