"""Accounts (issue 16 item 4): disable/enable, password change and reset, revoking sessions, an
absolute session lifetime and a password rule, over HTTP (admins) and for the user themself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from sync.server.users import WeakPassword, check_password_rule
from tests.sync.conftest import FakeClock

LOGIN, ME, REFRESH = f"{API_PREFIX}/auth/login", f"{API_PREFIX}/me", f"{API_PREFIX}/auth/refresh"
ADMIN = f"{API_PREFIX}/admin/users"
STRONG = "Rain-Gutter-8812"


@pytest.fixture
def app(db_url: str, clock: FakeClock) -> Iterator[FastAPI]:
    made = create_app(ServerSettings(db_url=db_url, clock=clock))
    yield made
    close_app(made)


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


Tokens = dict[str, str]


def _login(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> Tokens:
    answer = client.post(LOGIN, json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    tokens: Tokens = answer.json()
    return tokens


def _auth(tokens: Tokens) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def _me(client: TestClient, tokens: Tokens) -> int:
    return client.get(ME, headers=_auth(tokens)).status_code


def _refresh(client: TestClient, tokens: Tokens) -> int:
    return client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}).status_code


@pytest.fixture
def admin(anon: TestClient) -> Callable[..., object]:
    tokens = _login(anon, "admin")

    def call(method: str, path: str, **kwargs: object) -> object:
        return anon.request(method, f"{ADMIN}{path}", headers=_auth(tokens), **kwargs)  # type: ignore[arg-type]

    return call


# --- disable / enable ----------------------------------------------------------------------------


def test_a_disabled_account_cannot_log_in_and_its_sessions_end(
    anon: TestClient, admin: Callable[..., object]
) -> None:
    seat = _login(anon, "a01")
    assert admin("POST", "/a01/disable").status_code == 204  # type: ignore[attr-defined]
    assert _me(anon, seat) == 401 and _refresh(anon, seat) == 401
    right = anon.post(LOGIN, json={"username": "a01", "password": DEMO_PASSWORD})
    assert right.status_code == 403 and right.json()["code"] == "disabled"
    wrong = anon.post(LOGIN, json={"username": "a01", "password": "not-the-password"})
    assert wrong.status_code == 401  # a wrong password says nothing about the account's state
    assert admin("POST", "/a01/enable").status_code == 204  # type: ignore[attr-defined]
    assert _me(anon, _login(anon, "a01")) == 200


def test_the_last_enabled_admin_cannot_be_disabled(admin: Callable[..., object]) -> None:
    refused = admin("POST", "/admin/disable")
    assert refused.status_code == 422 and "last enabled admin" in refused.json()["message"]  # type: ignore[attr-defined]


def test_only_admins_manage_accounts(anon: TestClient) -> None:
    lead = _auth(_login(anon, "lead"))
    assert anon.get(ADMIN, headers=lead).status_code == 403
    assert anon.post(f"{ADMIN}/a01/disable", headers=lead).status_code == 403
    assert anon.post(f"{ADMIN}/a01/password", headers=lead, json={"new_password": STRONG}).status_code == 403
    assert anon.delete(f"{ADMIN}/a01/sessions", headers=lead).status_code == 403


def test_the_admin_list_shows_each_accounts_state(anon: TestClient, admin: Callable[..., object]) -> None:
    _login(anon, "a01"), _login(anon, "a01")
    admin("POST", "/a02/disable")
    for _ in range(6):
        anon.post(LOGIN, json={"username": "a03", "password": "wrong-password"})
    listed = {a["username"]: a for a in admin("GET", "").json()}  # type: ignore[attr-defined]
    assert listed["a01"]["sessions"] == 2 and not listed["a01"]["disabled"]
    assert listed["a02"]["disabled"] and listed["a02"]["sessions"] == 0
    assert listed["a03"]["locked_until"] is not None and listed["a04"]["locked_until"] is None


def test_an_admin_ends_every_session_of_an_account(anon: TestClient, admin: Callable[..., object]) -> None:
    first, second, other = _login(anon, "a01"), _login(anon, "a01"), _login(anon, "a02")
    assert admin("DELETE", "/a01/sessions").status_code == 204  # type: ignore[attr-defined]
    assert [_me(anon, t) for t in (first, second, other)] == [401, 401, 200]
    assert _refresh(anon, first) == 401
    assert admin("DELETE", "/nobody/sessions").status_code == 404  # type: ignore[attr-defined]


# --- passwords -----------------------------------------------------------------------------------


def test_an_admin_resets_a_password_and_the_accounts_sessions_end(
    anon: TestClient, admin: Callable[..., object]
) -> None:
    seat = _login(anon, "a01")
    weak = admin("POST", "/a01/password", json={"new_password": "password1234"})
    assert weak.status_code == 422 and weak.json()["code"] == "weak_password"  # type: ignore[attr-defined]
    assert admin("POST", "/a01/password", json={"new_password": STRONG}).status_code == 204  # type: ignore[attr-defined]
    assert _me(anon, seat) == 401
    assert anon.post(LOGIN, json={"username": "a01", "password": DEMO_PASSWORD}).status_code == 401
    assert _me(anon, _login(anon, "a01", STRONG)) == 200


def test_a_user_changes_their_own_password_with_the_old_one(anon: TestClient) -> None:
    this, other = _login(anon, "a01"), _login(anon, "a01")
    url = f"{API_PREFIX}/auth/password"
    wrong = anon.post(url, headers=_auth(this), json={"old_password": "guess-guess", "new_password": STRONG})
    assert wrong.status_code == 403 and wrong.json()["code"] == "wrong_password"
    weak = anon.post(
        url, headers=_auth(this), json={"old_password": DEMO_PASSWORD, "new_password": "a01a01a01a01"}
    )
    assert weak.status_code == 422
    done = anon.post(url, headers=_auth(this), json={"old_password": DEMO_PASSWORD, "new_password": STRONG})
    assert done.status_code == 204
    assert _me(anon, this) == 200 and _me(anon, other) == 401  # this session goes on, others end
    assert _me(anon, _login(anon, "a01", STRONG)) == 200


def test_guessing_the_old_password_is_throttled_like_a_login(anon: TestClient) -> None:
    tokens = _login(anon, "a01")
    url = f"{API_PREFIX}/auth/password"
    statuses = [
        anon.post(
            url, headers=_auth(tokens), json={"old_password": f"guess-{n}", "new_password": STRONG}
        ).status_code
        for n in range(7)
    ]
    assert statuses == [403] * 6 + [429]


@pytest.mark.parametrize(
    "password",
    [
        "short-1A",
        "password1234",
        "qwertyuiop123",
        "1qaz2wsx3edc",
        "a01-a01-a01-a01",
        "xx-a01-secret-99",
        "aaaaaaaaaaaa",
    ],
)
def test_the_password_rule_refuses_short_common_and_own_name_passwords(password: str) -> None:
    with pytest.raises(WeakPassword):
        check_password_rule(password, "a01")


@pytest.mark.parametrize("password", [STRONG, "correct horse battery", "Xk9!mq2Lp7zz"])
def test_the_password_rule_accepts_long_uncommon_passwords(password: str) -> None:
    check_password_rule(password, "a01")


def test_an_admin_cannot_create_an_account_with_a_weak_password(admin: Callable[..., object]) -> None:
    body = {"username": "b01", "password": "password1234", "role": "operator", "seat_id": "B01"}
    refused = admin("POST", "", json=body)
    assert refused.status_code == 422 and "too common" in refused.json()["message"]  # type: ignore[attr-defined]


# --- absolute session lifetime ---------------------------------------------------------------------


def test_refreshing_does_not_keep_a_session_alive_past_its_maximum(
    anon: TestClient, clock: FakeClock
) -> None:
    tokens = _login(anon, "a01")
    started = clock.now
    while clock.now + timedelta(minutes=20) < started + timedelta(hours=12):
        clock.now += timedelta(minutes=20)
        answer = anon.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
        assert answer.status_code == 200, clock.now - started
        tokens = answer.json()
        assert datetime.fromisoformat(tokens["expires_at"]) <= started + timedelta(hours=12)
    clock.now = started + timedelta(hours=12)
    assert _me(anon, tokens) == 401
    assert _refresh(anon, tokens) == 401
    assert _me(anon, _login(anon, "a01")) == 200  # a new login starts a new session
