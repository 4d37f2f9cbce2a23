"""Hole 4: accounts, against a real server process.

Before: only add and list existed; no disable, no password change, no revoking; refreshing every
few seconds kept a session alive forever; any 8 characters made a password."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from sync.demo import DEMO_PASSWORD
from tests.security.conftest import Probe
from tests.sync.live import LiveServer

Login = Callable[..., httpx.Client]
STRONG = "Rain-Gutter-8812"


def test_a_disabled_account_is_out_at_once(live: LiveServer, probe: Probe, session_for: Login) -> None:
    admin, seat = session_for("admin"), session_for("a02")
    disabled = admin.post("/admin/users/a02/disable")
    me = seat.get("/me")
    with httpx.Client(base_url=live.api, timeout=30) as anon:
        again = anon.post("/auth/login", json={"username": "a02", "password": DEMO_PASSWORD})
    probe.record(
        4,
        "admin disables a02; a02's open session, then a02 logs in again",
        f"disable {disabled.status_code}; session {me.status_code}; login {again.status_code}",
        safe=me.status_code == 401 and again.status_code == 403,
    )
    assert disabled.status_code == 204 and me.status_code == 401 and again.status_code == 403


def test_revoke_and_reset_end_sessions(live: LiveServer, probe: Probe, session_for: Login) -> None:
    admin, a03, a04 = session_for("admin"), session_for("a03"), session_for("a04")
    revoked = admin.delete("/admin/users/a03/sessions")
    weak = admin.post("/admin/users/a04/password", json={"new_password": "password1234"})
    reset = admin.post("/admin/users/a04/password", json={"new_password": STRONG})
    after = (a03.get("/me").status_code, a04.get("/me").status_code)
    probe.record(
        4,
        "admin revokes a03's sessions, resets a04's password (first to password1234)",
        f"revoke {revoked.status_code}, weak {weak.status_code}, reset {reset.status_code}; sessions {after}",
        safe=weak.status_code == 422 and after == (401, 401),
    )
    assert revoked.status_code == reset.status_code == 204 and weak.status_code == 422 and after == (401, 401)


def test_an_operator_changes_their_password(live: LiveServer, probe: Probe, session_for: Login) -> None:
    seat = session_for("a05")
    wrong = seat.post("/auth/password", json={"old_password": "guess-guess", "new_password": STRONG})
    own_name = seat.post(
        "/auth/password", json={"old_password": DEMO_PASSWORD, "new_password": "a05-a05-a05-x"}
    )
    done = seat.post("/auth/password", json={"old_password": DEMO_PASSWORD, "new_password": STRONG})
    with httpx.Client(base_url=live.api, timeout=30) as anon:
        old = anon.post("/auth/login", json={"username": "a05", "password": DEMO_PASSWORD}).status_code
        new = anon.post("/auth/login", json={"username": "a05", "password": STRONG}).status_code
    got = f"wrong old {wrong.status_code}, own name {own_name.status_code}, ok {done.status_code}; "
    got += f"old {old}, new {new}"
    safe = (wrong.status_code, own_name.status_code, done.status_code, old, new) == (403, 422, 204, 401, 200)
    probe.record(4, "a05 changes password: wrong old, own name, then a good one", got, safe=safe)
    assert safe, got


@pytest.mark.slow
def test_refreshing_cannot_keep_a_session_past_its_maximum(live: LiveServer, probe: Probe) -> None:
    # A second process on the same database, with a 3 s session maximum.
    env = {"HOTLINE_SESSION_MAX_SECONDS": "3"}
    with (
        LiveServer(live.db_url, env=env, log_dir=live.log_path.parent) as short,
        httpx.Client(base_url=short.api, timeout=30) as client,
    ):
        tokens = client.post("/auth/login", json={"username": "a06", "password": DEMO_PASSWORD}).json()
        statuses = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            answer = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
            statuses.append(answer.status_code)
            if answer.status_code != 200:
                break
            tokens = answer.json()
            time.sleep(0.5)
        me = client.get("/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).status_code
    got = f"{statuses.count(200)} refreshes ok, then {statuses[-1]}; /me {me}"
    safe = statuses[-1] == 401 and me == 401
    probe.record(4, "refresh every 0.5 s for 5 s with a 3 s session maximum", got, safe=safe)
    assert safe, got


def test_common_passwords_are_refused_for_new_accounts(
    live: LiveServer, probe: Probe, session_for: Login
) -> None:
    admin = session_for("admin")
    tried = {}
    for password in ("demo1234", "password1234", "1qaz2wsx3edc", "b07b07b07b07", STRONG):
        body = {"username": "b07", "password": password, "role": "operator", "seat_id": "B07"}
        tried[password] = admin.post("/admin/users", json=body).status_code
    safe = tried == {
        "demo1234": 422,
        "password1234": 422,
        "1qaz2wsx3edc": 422,
        "b07b07b07b07": 422,
        STRONG: 201,
    }
    probe.record(
        4, "admin creates b07 with weak, common, own-name, then a strong password", str(tried), safe=safe
    )
    assert safe, tried
