"""Login, token refresh and logout against the real server; tokens only ever in the OS keyring."""

from __future__ import annotations

import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.SecretService
import pytest
from starlette.testclient import TestClient

from app.domain.status import Role
from sync.client.api import AuthRequired, ServerApi
from sync.client.credentials import SERVICE, KeyringUnavailable, Tokens, TokenVault
from sync.client.engine import SyncEngine
from sync.client.session import SeatSession
from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from tests.sync.client.conftest import Seats


class MovableClock:
    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class Rig:
    server_clock: MovableClock
    http: TestClient
    vault: TokenVault
    api: ServerApi


@pytest.fixture
def rig(db_url: str, secret_service: None) -> Iterator[Rig]:
    clock = MovableClock()
    app = create_app(ServerSettings(db_url=db_url, clock=clock))
    vault = TokenVault(f"http://central.test/{uuid.uuid4()}")
    with TestClient(app) as http:
        yield Rig(clock, http, vault, ServerApi("http://localhost", vault, http=http))
    vault.clear()
    close_app(app)


@pytest.mark.slow
def test_login_keeps_the_tokens_and_who_in_the_keyring(rig: Rig) -> None:
    user = rig.api.login("a01", DEMO_PASSWORD)
    assert (user.username, user.role, user.seat_id) == ("a01", Role.OPERATOR, "A01")
    tokens = rig.vault.load()
    assert tokens is not None and (tokens.username, tokens.role, tokens.seat_id) == ("a01", "operator", "A01")
    # The secret is really in the OS keyring, under the service and the server's URL.
    raw = keyring.get_password(SERVICE, rig.vault.server_url)
    assert raw is not None and tokens.access_token in raw
    assert rig.api.user() == user


def test_a_wrong_password_is_refused_and_nothing_is_kept(rig: Rig) -> None:
    with pytest.raises(AuthRequired, match="Wrong username or password"):
        rig.api.login("a01", "not the password")
    assert rig.vault.load() is None
    with pytest.raises(AuthRequired, match="Not signed in"):
        rig.api.pull(0, 10)


def test_an_expired_access_token_is_refreshed_once_and_the_call_goes_through(rig: Rig) -> None:
    rig.api.login("a01", DEMO_PASSWORD)
    before = rig.vault.load()
    assert before is not None
    rig.server_clock.offset = timedelta(
        minutes=45
    )  # past the 30-minute access token, seen by the server only

    assert rig.api.pull(0, 10).cursor >= 0

    after = rig.vault.load()
    assert after is not None
    assert after.access_token != before.access_token and after.refresh_token != before.refresh_token
    assert rig.api.pull(0, 10).cursor >= 0  # the rotated token works without another refresh
    assert rig.vault.load() == after


def test_a_token_about_to_expire_is_refreshed_before_the_call(db_url: str, secret_service: None) -> None:
    app = create_app(ServerSettings(db_url=db_url))
    vault = TokenVault(f"http://central.test/{uuid.uuid4()}")
    seat_clock = MovableClock()
    try:
        with TestClient(app) as http:
            api = ServerApi("http://localhost", vault, http=http, clock=seat_clock)
            api.login("a01", DEMO_PASSWORD)
            first = vault.load()
            seat_clock.offset = timedelta(minutes=29, seconds=45)  # inside the 30 s margin
            api.pull(0, 10)
            second = vault.load()
            assert first is not None and second is not None
            assert second.access_token != first.access_token
    finally:
        vault.clear()
        close_app(app)


def test_a_refused_refresh_means_log_in_again_and_forgets_the_tokens(rig: Rig) -> None:
    rig.api.login("a01", DEMO_PASSWORD)
    rig.server_clock.offset = timedelta(days=8)  # the refresh token (7 days) is gone too
    with pytest.raises(AuthRequired, match="sign in again"):
        rig.api.pull(0, 10)
    assert rig.vault.load() is None


def test_logout_ends_the_session_on_the_server_and_here(rig: Rig) -> None:
    rig.api.login("a01", DEMO_PASSWORD)
    tokens = rig.vault.load()
    assert tokens is not None
    rig.api.logout()
    assert rig.vault.load() is None
    stale = rig.http.get(f"{API_PREFIX}/me", headers={"Authorization": f"Bearer {tokens.access_token}"})
    assert stale.status_code == 401


def test_seat_session_restores_a_kept_login_without_the_password(rig: Rig) -> None:
    session = SeatSession("http://localhost", http=rig.http)
    user = session.login("a02", DEMO_PASSWORD)
    try:
        again = SeatSession("http://localhost", http=rig.http)
        assert again.restore() == user
        assert again.api.pull(0, 5).cursor >= 0
        again.logout()
        assert SeatSession("http://localhost", http=rig.http).restore() is None
    finally:
        TokenVault("http://localhost").clear()


def test_signing_in_to_a_server_still_starting_gives_up_when_the_seat_closes(secret_service: None) -> None:
    with socket.socket() as probe:  # a port nothing listens on: the demo server is not up yet
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    session, closing = SeatSession(url), threading.Event()
    threading.Timer(0.5, closing.set).start()
    started = time.monotonic()
    assert session.login_when_up("a01", DEMO_PASSWORD, closing=closing) is None
    assert time.monotonic() - started < 2  # it kept trying until the seat closed, then stopped


def test_signing_in_to_a_server_slow_to_start_keeps_trying_and_says_so(
    secret_service: None, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:  # nothing listens: a demo server still seeding on a busy PC
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    session, closing = SeatSession(url), threading.Event()
    threading.Timer(1.5, closing.set).start()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        assert session.login_when_up("a01", DEMO_PASSWORD, closing=closing, slow_after=0.3) is None
    assert time.monotonic() - started >= 1.4  # past slow_after it did not give up
    assert [r.getMessage() for r in caplog.records if "still trying" in r.getMessage()] == [
        f"{url} has not answered for 0 s: still trying"
    ]


def test_no_token_or_password_reaches_a_file_or_a_log(
    seats: Seats, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log_file = tmp_path / "seat-a01" / "seat.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    try:
        seat = seats("a01")
        seat.accept()
        seat.engine.sync_once()
        seat.api.pull(0, 10)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    tokens = seat.vault.load()
    assert tokens is not None
    secrets = [tokens.access_token, tokens.refresh_token, DEMO_PASSWORD]
    files = [p for p in seat.data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "seat.sqlite3" for p in files) and log_file in files
    assert log_file.stat().st_size > 0, "the log must have recorded the sync, or the check proves nothing"
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"a secret leaked into {path.name}"
    for secret in secrets:
        assert secret not in caplog.text
    assert tokens.access_token not in repr(tokens) and tokens.refresh_token not in repr(tokens)


def test_without_a_keyring_backend_the_vault_refuses_with_a_clear_message() -> None:
    vault = TokenVault("http://central.test", backend=keyring.backends.fail.Keyring())
    for attempt in (vault.load, vault.clear):
        with pytest.raises(KeyringUnavailable) as info:
            attempt()
        assert info.value.problem.code == "keyring.unavailable"  # worded where it is shown
    now = datetime.now(UTC)
    with pytest.raises(KeyringUnavailable):
        vault.save(Tokens("a", "r", now, now, "a01", "话务员01", "operator", "A01"))


def test_vault_round_trip_in_the_real_keyring(secret_service: None) -> None:
    vault = TokenVault(f"http://central.test/{uuid.uuid4()}/")
    now = datetime.now(UTC).replace(microsecond=0)
    tokens = Tokens(
        "acc-" + uuid.uuid4().hex,
        "ref-" + uuid.uuid4().hex,
        now,
        now + timedelta(days=7),
        "a01",
        "话务员01",
        "operator",
        "A01",
    )
    try:
        assert vault.load() is None
        vault.save(tokens)
        assert TokenVault(vault.server_url).load() == tokens  # another instance, the same OS secret
        vault.clear()
        assert vault.load() is None
        vault.clear()  # clearing twice is harmless
    finally:
        vault.clear()


def test_the_keyring_is_read_once_however_many_requests_ask(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every request needs the token; pull pages go out on several threads at once.
    rig.api.login("a01", DEMO_PASSWORD)
    reads: list[str] = []
    backend = keyring.backends.SecretService.Keyring
    real_get = backend.get_password
    monkeypatch.setattr(backend, "get_password", lambda self, *a: reads.append(a[1]) or real_get(self, *a))
    fresh = TokenVault(rig.vault.server_url)
    api = ServerApi("http://localhost", fresh, http=rig.http)
    with ThreadPoolExecutor(4) as pool:
        pages = list(pool.map(lambda _: api.pull(0, 10), range(4)))
    assert len(pages) == 4
    assert reads == [fresh.server_url]


def test_engine_without_login_reports_auth_required(seats: Seats) -> None:
    seat = seats("a01")
    seat.vault.clear()
    engine = SyncEngine(seat.store, seat.engine.replica._sla, seat.api)
    seat.accept()
    with pytest.raises(AuthRequired):
        engine.sync_once()
    assert engine.status().state.value == "auth_required" and engine.status().pending == 1
