"""Login throttling (登录限流): wrong passwords slow down, then lock out, one account and one address.

Each failure counts against the account ("account:NAME", known or not, so a 429 tells nothing about
which names exist) and against the client address ("address:IP"). Past the free failures every
further one makes the key wait 1 s, 2 s, 4 s, ... up to `login_max_lockout`; while a key waits, every
attempt is refused with 429 and Retry-After without checking the password (a right one too) and
without counting, so hammering neither burns CPU nor lengthens the lockout. Counts are forgotten a
day after their last failure, and a successful login clears its account's count.

Locking a user out cheaply: an account's lockout does not apply at the address where that account
last logged in (`trusted_address`, a seat's own PC), so failures from elsewhere cannot keep an
operator out of their seat; attempts from that address are still bound by the address's own count.
A password change gets no such exemption: its caller holds a session, so it always stands there.
An address gets four times an account's free failures: a call centre behind one NAT shares it.

The state is in the database so that every worker process counts the same failures.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from sync.server.db import insert_missing
from sync.server.models import LoginThrottleRow, table_of
from sync.server.settings import ServerSettings

FORGET_AFTER = timedelta(days=1)
TRUST_KEPT = timedelta(days=30)  # an account's home address, remembered this long after its login
ADDRESS_ALLOWANCE = 4  # an address's free failures: this many times an account's
FIRST_DELAY = timedelta(seconds=1)


def account_key(username: str) -> str:
    return f"account:{username[:100]}"


def address_key(address: str) -> str:
    return f"address:{address[:100]}"


def wait_for(
    session: Session, username: str, address: str, now: datetime, *, home_exempt: bool = True
) -> int | None:
    """Whole seconds this attempt must wait before a password may be checked, or None: go ahead.
    `home_exempt=False` for a password change: its caller holds a session, so it is at "home"."""
    account, where = account_key(username), address_key(address)
    rows = session.scalars(select(LoginThrottleRow).where(LoginThrottleRow.key.in_([account, where])))
    waits = [
        row.blocked_until - now
        for row in rows
        if row.blocked_until is not None
        and row.blocked_until > now
        and not (home_exempt and row.key == account and row.trusted_address == address)
    ]
    return max(1, math.ceil(max(waits).total_seconds())) if waits else None


def failed(session: Session, settings: ServerSettings, username: str, address: str, now: datetime) -> None:
    """Count a wrong password against the account and the address."""
    free = settings.login_free_failures
    for key, allowed in ((account_key(username), free), (address_key(address), free * ADDRESS_ALLOWANCE)):
        row = _locked_row(session, key, now)
        if row.last_failure_at < now - FORGET_AFTER:
            row.failures, row.blocked_until = 0, None
        row.failures += 1
        row.last_failure_at = now
        over = row.failures - allowed
        if over > 0:
            # 2**over grows past any lockout long before it could overflow a timedelta.
            delay = FIRST_DELAY * 2 ** min(over - 1, 30)
            row.blocked_until = now + min(delay, settings.login_max_lockout)


def succeeded(session: Session, username: str, address: str, now: datetime) -> None:
    """The account's count starts over, and this address becomes where it is at home. The address's
    own count stays: a valid account of an attacker's must not wipe the failures it made on others."""
    row = _locked_row(session, account_key(username), now)
    row.failures, row.blocked_until = 0, None
    row.trusted_address, row.trusted_at = address, now
    # Housekeeping where it costs least: a login is rare, and stale counts mean nothing; a home
    # address is kept longer, so an operator back from a day off is still at home at their seat.
    session.execute(
        delete(LoginThrottleRow).where(
            LoginThrottleRow.last_failure_at < now - FORGET_AFTER,
            or_(LoginThrottleRow.trusted_at.is_(None), LoginThrottleRow.trusted_at < now - TRUST_KEPT),
        )
    )


def unlock(session: Session, username: str) -> None:
    """An admin's way out of a lockout: forget the account's failures."""
    session.execute(delete(LoginThrottleRow).where(LoginThrottleRow.key == account_key(username)))


def locked_until(session: Session, username: str, now: datetime) -> datetime | None:
    row = session.get(LoginThrottleRow, account_key(username))
    if row is None or row.blocked_until is None or row.blocked_until <= now:
        return None
    return row.blocked_until


def _locked_row(session: Session, key: str, now: datetime) -> LoginThrottleRow:
    """The key's row, created if missing, locked until the transaction ends (PostgreSQL: FOR UPDATE;
    SQLite's write transaction holds the whole file), so parallel failures each count."""
    insert_missing(
        session, table_of(LoginThrottleRow), {"key": key, "failures": 0, "last_failure_at": now}, ["key"]
    )
    row = session.scalar(
        select(LoginThrottleRow)
        .where(LoginThrottleRow.key == key)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert row is not None  # inserted just above if it was missing
    return row
