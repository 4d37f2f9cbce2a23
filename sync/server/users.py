"""User accounts: operators on seats, team leads, admins and 承办单位 staff."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.status import Role
from app.resources import load_taxonomy
from sync.protocol import UserInfo
from sync.server.auth import hash_password, user_info
from sync.server.models import UserRow

DEMO_PASSWORD = "demo1234"
ACCOUNT_ROLES = (Role.OPERATOR, Role.TEAM_LEAD, Role.ADMIN, Role.DEPARTMENT)


class UserError(ValueError):
    """The account cannot be created as asked; the message says why."""


class UserExists(UserError):
    pass


def add_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    seat_id: str | None = None,
    display_name: str | None = None,
) -> UserInfo:
    """Create an account. Operators need a seat and department users their department code."""
    if role not in ACCOUNT_ROLES:
        raise UserError(f"无效角色 (no accounts for role {role.value})")
    if role in (Role.OPERATOR, Role.DEPARTMENT) and not seat_id:
        what = "坐席号 (seat)" if role is Role.OPERATOR else "承办单位代码 (department code)"
        raise UserError(f"{role.label}账号须指定{what}")
    if role is Role.DEPARTMENT and seat_id not in {d.code for d in load_taxonomy().departments}:
        raise UserError(f"未知承办单位 (unknown department): {seat_id}")
    if len(password) < 8:
        raise UserError("密码至少 8 位 (password needs at least 8 characters)")
    if session.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
        raise UserExists(f"用户名已存在 (username taken): {username}")
    user = UserRow(
        username=username,
        display_name=display_name or username,
        role=role.value,
        seat_id=seat_id,
        password_hash=hash_password(password),
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    return user_info(user)


def list_users(session: Session) -> list[UserInfo]:
    return [user_info(u) for u in session.scalars(select(UserRow).order_by(UserRow.username))]


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
            add_user(session, username, DEMO_PASSWORD, role, seat, name)
            created.append(username)
    return created
