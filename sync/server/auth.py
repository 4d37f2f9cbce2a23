"""Passwords (argon2id) and bearer tokens: opaque random strings, stored only as their SHA-256.

A login opens a session with an access token (short-lived) and a refresh token (long-lived). A
refresh rotates both: the old refresh token is spent, and presenting it again revokes the whole
session, since only a thief would hold a spent token. Logout revokes the session. A session ends
`session_max` after its login whatever refreshes happen, and at once when its account is disabled.
Logging in (throttling, bounded hashing, the access log) is orchestrated in sync.server.login.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.domain.problem import Problem, ProblemError
from app.domain.status import Role
from sync.protocol import TokenResponse, UserInfo
from sync.server.models import TokenRow, UserRow
from sync.server.settings import ServerSettings

ACCESS = "access"
REFRESH = "refresh"

_hasher = PasswordHasher()
# Verified when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AuthError(ProblemError):
    """Not logged in: unknown user, wrong password, or a missing, expired or revoked token."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_info(user: UserRow) -> UserInfo:
    return UserInfo(
        username=user.username, display_name=user.display_name, role=Role(user.role), seat_id=user.seat_id
    )


@dataclass(frozen=True)
class Principal:
    """The user behind a request's bearer token."""

    user: UserRow
    session_id: str

    @property
    def role(self) -> Role:
        return Role(self.user.role)


WRONG_LOGIN = Problem("server.wrong_login")
BAD_TOKEN = Problem("server.token_invalid")


DISABLED = Problem("server.disabled")


def find_user(session: Session, username: str) -> UserRow | None:
    return session.scalar(select(UserRow).where(UserRow.username == username))


def check_password(user: UserRow | None, password: str) -> bool:
    """Does `password` open `user`'s account? An unknown user costs a check too, so a wrong name
    takes as long as a wrong password. Slow on purpose (argon2): run it through the HashGate."""
    if user is None:
        password_matches(_DUMMY_HASH, password)
        return False
    return password_matches(user.password_hash, password)


def open_session(session: Session, settings: ServerSettings, user: UserRow, now: datetime) -> TokenResponse:
    """A new session for a user whose password was just checked."""
    # Housekeeping where it costs least: a login is rare, and spent tokens are useless after expiry.
    session.execute(delete(TokenRow).where(TokenRow.expires_at < now))
    return _issue(session, settings, user, secrets.token_hex(16), now, now)


def revoke_sessions(session: Session, user_id: int, keep: str | None = None) -> None:
    """End every session of the account (but `keep`, the caller's own, when it changes its password)."""
    query = update(TokenRow).where(TokenRow.user_id == user_id, TokenRow.revoked.is_(False))
    if keep is not None:
        query = query.where(TokenRow.session_id != keep)
    session.execute(query.values(revoked=True))


def refresh(session: Session, settings: ServerSettings, refresh_token: str) -> TokenResponse | None:
    """New tokens, or None when refused. Refusing a spent token revokes its session, so the caller
    must commit even then (an exception would roll the revocation back)."""
    now = settings.clock()
    row = session.scalar(
        select(TokenRow)
        .where(TokenRow.token_hash == token_digest(refresh_token), TokenRow.kind == REFRESH)
        .with_for_update()
    )
    if row is None or row.expires_at <= now:
        return None
    if row.revoked:
        _revoke_session(session, row.session_id)
        return None
    _revoke_session(session, row.session_id)
    user = session.get(UserRow, row.user_id)
    assert user is not None  # tokens reference users by foreign key
    if user.disabled or now >= row.session_started_at + settings.session_max:
        return None  # the session is over for good (and was just revoked)
    return _issue(session, settings, user, row.session_id, row.session_started_at, now)


def authenticate(session: Session, settings: ServerSettings, access_token: str) -> Principal:
    found = session.execute(
        select(UserRow, TokenRow.session_id)
        .join(TokenRow, TokenRow.user_id == UserRow.id)
        .where(
            TokenRow.token_hash == token_digest(access_token),
            TokenRow.kind == ACCESS,
            TokenRow.revoked.is_(False),
            TokenRow.expires_at > settings.clock(),
            UserRow.disabled.is_(False),
        )
    ).first()
    if found is None:
        raise AuthError(BAD_TOKEN)
    return Principal(found[0], found[1])


def logout(session: Session, principal: Principal) -> None:
    _revoke_session(session, principal.session_id)


def _revoke_session(session: Session, session_id: str) -> None:
    session.execute(update(TokenRow).where(TokenRow.session_id == session_id).values(revoked=True))


def _issue(
    session: Session,
    settings: ServerSettings,
    user: UserRow,
    session_id: str,
    started: datetime,
    now: datetime,
) -> TokenResponse:
    access, refresh_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    # No token outlives the session: refreshing keeps a session going only up to session_max.
    end = started + settings.session_max
    expires, refresh_expires = min(now + settings.access_ttl, end), min(now + settings.refresh_ttl, end)
    for token, kind, until in ((access, ACCESS, expires), (refresh_token, REFRESH, refresh_expires)):
        session.add(
            TokenRow(
                token_hash=token_digest(token),
                user_id=user.id,
                session_id=session_id,
                kind=kind,
                expires_at=until,
                revoked=False,
                created_at=now,
                session_started_at=started,
            )
        )
    return TokenResponse(
        access_token=access,
        refresh_token=refresh_token,
        expires_at=expires,
        refresh_expires_at=refresh_expires,
        user=user_info(user),
    )
