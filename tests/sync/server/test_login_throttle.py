"""Login throttling (issue 16 item 2): backoff then lockout per account and per address, with
Retry-After; a bounded number of password checks at once; every attempt in the access log."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy import create_engine, select, update
from starlette.testclient import TestClient

from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX
from sync.server.app import close_app, create_app
from sync.server.models import AccessLogRow, UserRow
from sync.server.services import Services
from sync.server.settings import ServerSettings
from tests.sync.conftest import FakeClock

LOGIN = f"{API_PREFIX}/auth/login"
SEAT, ELSEWHERE = "10.0.0.1", "10.6.6.6"


AppFor = Callable[..., FastAPI]


@pytest.fixture
def app_for(db_url: str, clock: FakeClock) -> Iterator[AppFor]:
    apps: list[FastAPI] = []

    def make(**settings: object) -> FastAPI:
        app = create_app(ServerSettings(db_url=db_url, clock=clock, **settings))  # type: ignore[arg-type]
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_app(app)


@pytest.fixture
def app(app_for: AppFor) -> FastAPI:
    return app_for()


def _client(app: FastAPI, address: str = SEAT) -> TestClient:
    return TestClient(app, client=(address, 50000))


def _try(
    client: TestClient, username: str = "a01", password: str = "wrong-password"
) -> tuple[int, str | None]:
    answer = client.post(LOGIN, json={"username": username, "password": password})
    return answer.status_code, answer.headers.get("Retry-After")


def test_wrong_passwords_past_the_free_ones_lock_the_account_even_for_the_right_one(app: FastAPI) -> None:
    with _client(app, ELSEWHERE) as client:
        assert [_try(client) for _ in range(5)] == [(401, None)] * 5
        assert _try(client) == (401, "1")  # the sixth: the next attempt must wait a second
        assert _try(client, password=DEMO_PASSWORD) == (429, "1")  # the right password is refused too
        answer = client.post(LOGIN, json={"username": "a01", "password": DEMO_PASSWORD})
        assert answer.json()["code"] == "throttled" and "Too many failed sign-ins" in answer.json()["message"]


def test_the_wait_doubles_up_to_the_longest_lockout(app_for: AppFor, clock: FakeClock) -> None:
    app = app_for(login_max_lockout=timedelta(seconds=8))
    waits = []
    with _client(app, ELSEWHERE) as client:
        for _ in range(5):
            _try(client)
        for _ in range(6):
            status, wait = _try(client)
            assert status == 401 and wait is not None
            waits.append(int(wait))
            assert _try(client)[0] == 429  # during the wait: refused, and not counted
            clock.now += timedelta(seconds=int(wait))
    assert waits == [1, 2, 4, 8, 8, 8]


def test_after_the_lockout_the_right_password_works_and_the_count_starts_over(
    app: FastAPI, clock: FakeClock
) -> None:
    with _client(app, ELSEWHERE) as client:
        for _ in range(6):
            _try(client)
        clock.now += timedelta(seconds=1)
        assert _try(client, password=DEMO_PASSWORD) == (200, None)
        assert [_try(client) for _ in range(5)] == [(401, None)] * 5  # five free ones again


def test_failures_from_elsewhere_do_not_lock_a_user_out_of_their_own_seat(app: FastAPI) -> None:
    with _client(app, SEAT) as seat, _client(app, ELSEWHERE) as attacker:
        assert _try(seat, password=DEMO_PASSWORD)[0] == 200  # a01 works at SEAT
        for _ in range(8):
            _try(attacker)
        assert _try(attacker, password=DEMO_PASSWORD)[0] == 429  # the attacker's guesses stop
        assert _try(seat, password=DEMO_PASSWORD)[0] == 200  # the operator still gets in


def test_one_address_is_throttled_across_accounts(app: FastAPI) -> None:
    names = [f"a0{n}" for n in range(1, 9)] + ["lead", "admin"]
    with _client(app, ELSEWHERE) as sprayer, _client(app, SEAT) as seat:
        for round_ in range(2):
            for name in names:
                assert _try(sprayer, name)[0] == 401, (round_, name)  # two tries each: 20 in all
        assert _try(sprayer, "qzjj")[0] == 401
        assert _try(sprayer, "qcgj", DEMO_PASSWORD)[0] == 429  # the address waits, whatever account
        assert _try(seat, "qcgj", DEMO_PASSWORD)[0] == 200


def test_unknown_usernames_are_throttled_like_real_ones(app: FastAPI) -> None:
    with _client(app, ELSEWHERE) as client:
        real = [_try(client, "a02")[0] for _ in range(7)]
        unknown = [_try(client, "nobody")[0] for _ in range(7)]
    assert real == unknown == [401] * 6 + [429]  # a 429 tells nothing about which names exist


def test_throttle_state_is_shared_by_worker_processes(app_for: AppFor) -> None:
    first, second = app_for(), app_for()  # two apps on one database, as two uvicorn workers
    with _client(first, ELSEWHERE) as one, _client(second, ELSEWHERE) as other:
        for _ in range(6):
            _try(one)
        assert _try(other, password=DEMO_PASSWORD)[0] == 429


def test_every_login_attempt_is_logged_with_account_and_address(app: FastAPI, db_url: str) -> None:
    with _client(app, SEAT) as seat:
        _try(seat, password=DEMO_PASSWORD)
    with _client(app, ELSEWHERE) as client:
        for _ in range(6):
            _try(client)
        _try(client)
        _try(client, "nobody")
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(AccessLogRow.username, AccessLogRow.address, AccessLogRow.outcome, AccessLogRow.role)
            .where(AccessLogRow.action == "login")
            .order_by(AccessLogRow.id)
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("a01", SEAT, "ok", "operator"),
        *[("a01", ELSEWHERE, "failed", None)] * 6,
        ("a01", ELSEWHERE, "throttled", None),
        ("nobody", ELSEWHERE, "failed", None),
    ]


# --- bounded hashing -----------------------------------------------------------------------------

SLOW = PasswordHasher(time_cost=6, memory_cost=32 * 1024, parallelism=1)  # ~0.2 s a check here


def _slow_hashes(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(update(UserRow).values(password_hash=SLOW.hash(DEMO_PASSWORD)))
    engine.dispose()


def _parallel_logins(app: FastAPI, count: int) -> list[int]:
    names = [f"a0{n % 8 + 1}" for n in range(count)]
    with _client(app) as client, ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda name: _try(client, name, DEMO_PASSWORD)[0], names))


def test_password_checks_never_run_more_than_the_bound_at_once(app_for: AppFor, db_url: str) -> None:
    _slow_hashes(db_url)
    app = app_for(login_hashing=2)
    statuses = _parallel_logins(app, 12)
    gate = app.state.services.gate
    assert statuses == [200] * 12
    assert gate.peak == 2  # reached, never passed


def test_logins_that_cannot_get_a_turn_are_told_to_come_back(app_for: AppFor, db_url: str) -> None:
    _slow_hashes(db_url)
    app = app_for(login_hashing=1, login_queue_wait=timedelta(milliseconds=50))
    with _client(app) as client, ThreadPoolExecutor(6) as pool:
        answers = list(
            pool.map(
                lambda n: client.post(LOGIN, json={"username": f"a0{n + 1}", "password": DEMO_PASSWORD}),
                range(6),
            )
        )
    busy = [a for a in answers if a.status_code == 503]
    assert busy and all(a.headers["Retry-After"] == "2" and a.json()["code"] == "busy" for a in busy)
    assert any(a.status_code == 200 for a in answers)


def test_health_answers_while_logins_wait_for_their_turn(app_for: AppFor, db_url: str) -> None:
    _slow_hashes(db_url)
    app = app_for(login_hashing=1)
    services: Services = app.state.services
    done = threading.Event()
    health_before_done = []
    with _client(app) as client:

        def probe_health() -> None:
            while services.gate.running == 0:
                pass  # until the first check runs
            for _ in range(5):
                assert client.get(f"{API_PREFIX}/health").status_code == 200
                health_before_done.append(not done.is_set())

        prober = threading.Thread(target=probe_health)
        prober.start()
        assert _parallel_logins(app, 10) == [200] * 10
        done.set()
        prober.join()
    # Ten checks of ~0.2 s one after another: /health answered five times before they were all done.
    assert health_before_done == [True] * 5


def test_a_seat_stays_home_across_days_of_housekeeping(app: FastAPI, clock: FakeClock) -> None:
    with _client(app, SEAT) as seat, _client(app, ELSEWHERE) as attacker:
        assert _try(seat, password=DEMO_PASSWORD)[0] == 200  # a01 at home at SEAT
        clock.now += timedelta(days=3)  # a long weekend; others log in meanwhile (housekeeping runs)
        assert _try(seat, "a02", DEMO_PASSWORD)[0] == 200
        for _ in range(8):
            _try(attacker)
        assert _try(attacker, password=DEMO_PASSWORD)[0] == 429
        assert _try(seat, password=DEMO_PASSWORD)[0] == 200
