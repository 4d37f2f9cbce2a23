"""User accounts: operators on seats, team leads, admins and 承办单位 staff."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from zxcvbn import zxcvbn

from app.domain.problem import Problem, ProblemError
from app.domain.status import Role
from app.resources import load_taxonomy
from sync.demo import DEMO_PASSWORD
from sync.protocol import UserAccount, UserInfo
from sync.server import throttle
from sync.server.auth import REFRESH, hash_password, revoke_sessions, user_info
from sync.server.models import TokenRow, UserRow

MIN_PASSWORD = 10
# zxcvbn's score (0-4): 3 is "safely unguessable: moderate protection from offline slow-hash
# scenario". Its frequency lists hold the common passwords of leaked sets (and English words, names).
MIN_STRENGTH = 3
# zxcvbn's time grows with the length; the rest of a long password only adds strength.
STRENGTH_CHECKED = 64
ACCOUNT_ROLES = (Role.OPERATOR, Role.TEAM_LEAD, Role.ADMIN, Role.DEPARTMENT)


class UserError(ProblemError, ValueError):
    """The account cannot be created or changed as asked; the problem says why."""


class UserExists(UserError):
    pass


def add_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    seat_id: str | None = None,
    display_name: str | None = None,
    *,
    checked: bool = True,
    password_hash: str | None = None,
) -> UserInfo:
    """Create an account. Operators need a seat and department users their department code.
    `checked=False` skips the password rule: only for the demo seed. `password_hash` if the caller
    hashed the password already (off the request thread)."""
    if role not in ACCOUNT_ROLES:
        raise UserError(Problem("user.no_accounts_for_role", {"role": role.value}))
    if role in (Role.OPERATOR, Role.DEPARTMENT) and not seat_id:
        needed = "user.seat_needed" if role is Role.OPERATOR else "user.department_needed"
        raise UserError(Problem(needed))
    if role is Role.DEPARTMENT and seat_id not in {d.code for d in load_taxonomy().departments}:
        raise UserError(Problem("user.unknown_department", {"department": str(seat_id)}))
    if session.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
        raise UserExists(Problem("user.exists", {"username": username}))
    if checked:
        check_password_rule(password, username, display_name)
    user = UserRow(
        username=username,
        display_name=display_name or username,
        role=role.value,
        seat_id=seat_id,
        password_hash=password_hash or hash_password(password),
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    return user_info(user)


def list_users(session: Session) -> list[UserInfo]:
    return [user_info(u) for u in session.scalars(select(UserRow).order_by(UserRow.username))]


class NoSuchUser(UserError):
    pass


class WeakPassword(UserError):
    pass


def check_password_rule(password: str, username: str, display_name: str | None = None) -> None:
    """WeakPassword unless the password is long enough, not the account's own name, and not common
    (zxcvbn: leaked-password and dictionary lists, keyboard walks, repeats, dates)."""
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(Problem("user.password_too_short", {"minimum": MIN_PASSWORD}))
    names = [n for n in (username, display_name) if n]
    if any(n.lower() in password.lower() for n in names):
        raise WeakPassword(Problem("user.password_has_name"))
    verdict = zxcvbn(password[:STRENGTH_CHECKED], user_inputs=[*names, "hotline", "12345"])
    if verdict["score"] < MIN_STRENGTH:
        hint = verdict["feedback"]["warning"] or "too easy to guess"
        raise WeakPassword(Problem("user.password_too_common", {"hint": hint}))


def get_user(session: Session, username: str) -> UserRow:
    user = session.scalar(select(UserRow).where(UserRow.username == username).with_for_update())
    if user is None:
        raise NoSuchUser(Problem("user.no_such_user", {"username": username}))
    return user


def set_password(session: Session, username: str, password: str, *, password_hash: str | None = None) -> None:
    """An admin's reset: the new password (checked by the rule) and every session of the account
    ends. `password_hash` if the caller hashed it already (off the request thread)."""
    user = get_user(session, username)
    check_password_rule(password, user.username, user.display_name)
    user.password_hash = password_hash or hash_password(password)
    revoke_sessions(session, user.id)
    throttle.unlock(session, username)


def set_disabled(session: Session, username: str, disabled: bool) -> None:
    """停用/启用. Disabling ends every session of the account at once; the last enabled admin stays."""
    user = get_user(session, username)
    if disabled and user.role == Role.ADMIN.value and not user.disabled:
        admins = session.scalar(
            select(func.count())
            .select_from(UserRow)
            .where(UserRow.role == Role.ADMIN.value, UserRow.disabled.is_(False))
        )
        if admins is not None and admins <= 1:
            raise UserError(Problem("user.last_admin"))
    user.disabled = disabled
    if disabled:
        revoke_sessions(session, user.id)
    else:
        throttle.unlock(session, username)


def revoke(session: Session, username: str) -> None:
    """End every session of the account: its seats must log in again."""
    revoke_sessions(session, get_user(session, username).id)


def unlock(session: Session, username: str) -> None:
    get_user(session, username)
    throttle.unlock(session, username)


def accounts(session: Session, now: datetime) -> list[UserAccount]:
    """Every account with its state, for the admin's list."""
    query = (
        select(TokenRow.user_id, func.count(func.distinct(TokenRow.session_id)))
        .where(TokenRow.kind == REFRESH, TokenRow.revoked.is_(False), TokenRow.expires_at > now)
        .group_by(TokenRow.user_id)
    )
    open_sessions: dict[int, int] = {user_id: count for user_id, count in session.execute(query)}
    return [
        UserAccount(
            **user_info(u).model_dump(),
            disabled=u.disabled,
            created_at=u.created_at,
            sessions=open_sessions.get(u.id, 0),
            locked_until=throttle.locked_until(session, u.username, now),
        )
        for u in session.scalars(select(UserRow).order_by(UserRow.username))
    ]


def demo_accounts() -> list[tuple[str, Role, str | None, str]]:
    """(username, role, seat or department, display name) of the demo: eight seats, a lead, an
    admin and two 承办单位."""
    accounts: list[tuple[str, Role, str | None, str]] = [
        (f"a{n:02d}", Role.OPERATOR, f"A{n:02d}", f"话务员{n:02d}") for n in range(1, 9)
    ]
    accounts += [("lead", Role.TEAM_LEAD, None, "班长李华"), ("admin", Role.ADMIN, None, "管理员")]
    accounts += [(d.code.lower(), Role.DEPARTMENT, d.code, d.name) for d in load_taxonomy().departments[:2]]
    return accounts


def seed_demo(session: Session) -> list[str]:
    """Create the demo accounts that do not exist yet (password demo1234); the names created."""
    existing = set(session.scalars(select(UserRow.username)))
    created = []
    for username, role, seat, name in demo_accounts():
        if username not in existing:
            add_user(session, username, DEMO_PASSWORD, role, seat, name, checked=False)
            created.append(username)
    return created
