"""The access log (访问记录): reads, logins and account administration, on record for admins.

One INSERT per request, written in the request's own transaction where it has one (a pull, a
login), so the record and the read stand or fall together and a pull costs one statement more.
Kept `ServerSettings.access_log_keep` (180 days by default); `purge_access_log` removes the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sync.protocol import AccessEntry, AccessLogPage, ExportWire
from sync.server.models import AccessLogRow, UserRow, table_of

# What was done: the `action` column.
LOGIN = "login"
PASSWORD_CHANGE = "password.change"
TICKET_READ = "ticket.read"
CALLER_HISTORY = "caller.history"  # a number's earlier tickets (sync.server.callers)
PULL = "sync.pull"
KB_REPORT = "kb.report"
LEAD_SEATS = "lead.seats"
CALLBACKS = "callbacks"  # a seat's callback list (callers' numbers)
LEAD_CALLBACKS = "lead.callbacks"  # every seat's unreturned calls
LEAD_BALANCE = "lead.balance"
LEAD_QUEUE = "lead.queue"  # one seat's open tickets on the board
LEAD_TICKETS = "lead.tickets"  # the tickets behind a 苗头预警 (sync.server.hotspots)
FIGURES = "figures"  # 统计: the query asked (whose seat, which days)
ADMIN_USERS = "admin.users"
ADMIN_USER_ADD = "admin.user.add"
ADMIN_USER_DISABLE = "admin.user.disable"
ADMIN_USER_ENABLE = "admin.user.enable"
ADMIN_USER_PASSWORD = "admin.user.password"
ADMIN_USER_REVOKE = "admin.user.revoke"
ADMIN_ACCESS_LOG = "admin.access_log"
EXPORT = "export"  # a list or report a seat wrote to a file (POST /access/exports)

# How it ended: the `outcome` column.
OK = "ok"
FAILED = "failed"  # wrong password
THROTTLED = "throttled"  # refused by login throttling (429)
BUSY = "busy"  # no turn to check the password (503)
DISABLED = "disabled"
NOT_FOUND = "not_found"  # no such ticket for this account (the same answer either way)
REFUSED = "refused"  # an admin action the server would not do (e.g. a weak password)

# Ticket ids kept per pull: a full page of 1,000 would make the row large; the count and the cursor
# range are always there.
PULL_IDS_KEPT = 200


@dataclass(frozen=True)
class Caller:
    """Who made a request and from where."""

    username: str
    role: str | None
    address: str

    @classmethod
    def of(cls, user: UserRow, address: str) -> Caller:
        return cls(user.username, user.role, address)


def record(
    session: Session,
    caller: Caller,
    at: datetime,
    action: str,
    outcome: str = OK,
    *,
    ticket_id: str | None = None,
    detail: dict[str, Any] | None = None,
    ref: str | None = None,
) -> None:
    session.execute(
        insert(table_of(AccessLogRow)).values(
            at=at,
            username=caller.username[:80],
            role=caller.role,
            address=caller.address[:64],
            action=action,
            ticket_id=ticket_id,
            detail=detail or {},
            outcome=outcome,
            ref=ref,
        )
    )


def record_exports(session: Session, caller: Caller, at: datetime, exports: list[ExportWire]) -> int:
    """A seat's exports on the record under the account that sent them, each once (by its id);
    how many were new. `at` is the server's clock (when it learned of them, which a seat cannot
    backdate); the seat's own time of the export is in the detail."""
    ids = {e.id for e in exports}
    known = set(session.scalars(select(AccessLogRow.ref).where(AccessLogRow.ref.in_(ids))))
    new = 0
    for e in exports:
        if e.id in known:
            continue
        known.add(e.id)
        detail = {
            "list": e.list,
            "rows": e.rows,
            "filters": dict(e.filters),
            "masked": e.masked,
            "format": e.format,
            "exported_at": e.at.isoformat(),
        }
        record(session, caller, at, EXPORT, detail=detail, ref=e.id)
        new += 1
    return new


def read(
    session: Session,
    *,
    user: str | None = None,
    ticket: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before: int | None = None,
    limit: int = 100,
) -> AccessLogPage:
    """Entries newest first, filtered; `before` (an id) pages back through older ones."""
    query = select(AccessLogRow).order_by(AccessLogRow.id.desc()).limit(limit + 1)
    if user is not None:
        query = query.where(AccessLogRow.username == user)
    if ticket is not None:
        query = query.where(AccessLogRow.ticket_id == ticket)
    if since is not None:
        query = query.where(AccessLogRow.at >= since)
    if until is not None:
        query = query.where(AccessLogRow.at < until)
    if before is not None:
        query = query.where(AccessLogRow.id < before)
    rows = list(session.scalars(query))
    more = len(rows) > limit
    rows = rows[:limit]
    return AccessLogPage(
        entries=[
            AccessEntry(
                id=r.id,
                at=r.at,
                username=r.username,
                role=r.role,
                address=r.address,
                action=r.action,
                ticket_id=r.ticket_id,
                detail=r.detail,
                outcome=r.outcome,
            )
            for r in rows
        ],
        next_before=rows[-1].id if more else None,
    )


def purge_access_log(session: Session, now: datetime, keep: timedelta, *, limit: int | None = None) -> int:
    """Delete entries older than `keep` before `now` (at most `limit`, oldest first); how many
    went. The caller commits."""
    old = AccessLogRow.at < now - keep
    if limit is not None:
        ids = select(AccessLogRow.id).where(old).order_by(AccessLogRow.id).limit(limit)
        old = AccessLogRow.id.in_(list(session.scalars(ids)))
    result = session.execute(delete(AccessLogRow).where(old))
    return int(getattr(result, "rowcount", 0) or 0)
