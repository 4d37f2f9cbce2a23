"""Logging in and changing one's password: throttled, with bounded hashing, every attempt on record.

An attempt goes: (1) is the account or address locked out? then 429 with Retry-After, the password
unchecked; (2) a turn at the HashGate (or 503 with Retry-After) to check the password; (3) one write
transaction that counts the failure or clears the count, opens the session and writes the access
log line. The answer for a refused attempt is returned, not raised, from the transaction so that
its count and log line are committed.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TypeVar

import anyio.to_thread
from sqlalchemy.orm import Session

from app.domain.problem import Problem
from sync.protocol import TokenResponse
from sync.server import access, auth, throttle, users
from sync.server.access import Caller
from sync.server.errors import ApiError, unauthorized
from sync.server.gate import GateBusy
from sync.server.models import UserRow
from sync.server.services import Services

BUSY = Problem("server.busy")
WRONG_OLD = Problem("server.wrong_old_password")
BUSY_RETRY_S = 2

T = TypeVar("T")


def too_many(seconds: int) -> ApiError:
    return ApiError(
        429, "throttled", Problem("server.locked", {"seconds": seconds}), {"Retry-After": str(seconds)}
    )


async def login(svc: Services, username: str, password: str, address: str) -> TokenResponse:
    caller = Caller(username, None, address)
    user, ok = await _checked(svc, caller, access.LOGIN, password)

    def settle() -> TokenResponse | ApiError:
        with svc.db.writing() as session:
            now = svc.settings.clock()
            if not ok or user is None:
                return _failed(session, svc, caller, access.LOGIN, now, unauthorized(auth.WRONG_LOGIN))
            wait = throttle.wait_for(session, username, address, now)  # locked while we checked
            if wait is not None:
                access.record(session, caller, now, access.LOGIN, access.THROTTLED)
                return too_many(wait)
            current = session.get(UserRow, user.id)
            assert current is not None  # accounts are never deleted
            if current.disabled:
                access.record(session, Caller.of(current, address), now, access.LOGIN, access.DISABLED)
                return ApiError(403, "disabled", auth.DISABLED)
            throttle.succeeded(session, username, address, now)
            access.record(session, Caller.of(current, address), now, access.LOGIN)
            return auth.open_session(session, svc.settings, current, now)

    return answer(await anyio.to_thread.run_sync(settle))


async def change_password(svc: Services, who: auth.Principal, old: str, new: str, address: str) -> None:
    """The user's own change: the old password first (throttled like a login), then the rule; the
    user's other sessions end, this one goes on."""
    caller = Caller.of(who.user, address)
    _, ok = await _checked(svc, caller, access.PASSWORD_CHANGE, old)
    if ok:
        try:
            users.check_password_rule(new, who.user.username, who.user.display_name)
        except users.WeakPassword as exc:
            raise ApiError(422, "weak_password", exc.problem) from None
        new_hash = await _gated(svc, caller, access.PASSWORD_CHANGE, partial(auth.hash_password, new))

    def settle() -> ApiError | None:
        with svc.db.writing() as session:
            now = svc.settings.clock()
            if not ok:
                wrong = ApiError(403, "wrong_password", WRONG_OLD)
                return _failed(session, svc, caller, access.PASSWORD_CHANGE, now, wrong)
            user = session.get(UserRow, who.user.id)
            assert user is not None
            user.password_hash = new_hash
            auth.revoke_sessions(session, user.id, keep=who.session_id)
            access.record(session, caller, now, access.PASSWORD_CHANGE)
            return None

    answer(await anyio.to_thread.run_sync(settle))


async def hashed(svc: Services, caller: Caller, action: str, password: str) -> str:
    """An argon2 hash of a new password, made at the HashGate like every other."""
    return await _gated(svc, caller, action, partial(auth.hash_password, password))


async def _checked(svc: Services, caller: Caller, action: str, password: str) -> tuple[UserRow | None, bool]:
    """The account and whether the password opens it, after the throttle let the attempt through."""
    home_exempt = action == access.LOGIN

    def look() -> tuple[UserRow | None, int | None]:
        with svc.db.reading() as session:
            now = svc.settings.clock()
            wait = throttle.wait_for(session, caller.username, caller.address, now, home_exempt=home_exempt)
            return auth.find_user(session, caller.username), wait

    user, wait = await anyio.to_thread.run_sync(look)
    if wait is not None:
        await _log(svc, caller, action, access.THROTTLED)
        raise too_many(wait)
    ok = await _gated(svc, caller, action, partial(auth.check_password, user, password))
    return user, ok


async def _gated(svc: Services, caller: Caller, action: str, work: partial[T]) -> T:
    try:
        return await svc.gate.run(work)
    except GateBusy:
        await _log(svc, caller, action, access.BUSY)
        raise ApiError(503, "busy", BUSY, {"Retry-After": str(BUSY_RETRY_S)}) from None


def _failed(
    session: Session, svc: Services, caller: Caller, action: str, now: datetime, error: ApiError
) -> ApiError:
    """Count the wrong password, log it, and say when the next attempt may come if it must wait."""
    throttle.failed(session, svc.settings, caller.username, caller.address, now)
    access.record(session, caller, now, action, access.FAILED)
    home_exempt = action == access.LOGIN
    wait = throttle.wait_for(session, caller.username, caller.address, now, home_exempt=home_exempt)
    if wait is not None:
        error.headers["Retry-After"] = str(wait)  # the next attempt will be refused until then
    return error


async def _log(svc: Services, caller: Caller, action: str, outcome: str) -> None:
    def write() -> None:
        with svc.db.writing() as session:
            access.record(session, caller, svc.settings.clock(), action, outcome)

    await anyio.to_thread.run_sync(write)


def answer(result: T | ApiError) -> T:
    if isinstance(result, ApiError):
        raise result
    return result
