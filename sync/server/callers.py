"""来电历史: a caller's earlier tickets for the seat where the number rings.

Who sees what: an operator gets a summary of every ticket of the number (when, kind, category,
district, status), since knowing that this caller rang about the same 噪声 twice last week, and that
it is 办理中, is the call in hand's business; the 诉求内容, address, name and who holds it stay
behind the ticket's own rights (GET /tickets/{id}), and `mine` tells the seat which ones it may open.
A 承办单位 account takes no calls and gets 403. Every read is on the access record with the
number masked and the ids it served, and an account gets `per_minute` reads a minute: a seat looks a
number up when it rings and when it is typed, not a directory's worth of numbers.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.domain.callers import EarlierTicket
from app.domain.pii import mask_phone
from app.domain.problem import Problem
from app.domain.status import Action, Role
from sync.protocol import MAX_CALLER_HISTORY, CallerHistory
from sync.server import access
from sync.server.access import Caller
from sync.server.errors import ApiError, forbidden
from sync.server.models import AccessLogRow, EventRow, TicketRow, UserRow
from sync.server.rights import can_see, role_of
from sync.server.tickets import to_ticket

WINDOW = timedelta(minutes=1)
IDS_KEPT = MAX_CALLER_HISTORY


def phone_digits() -> ColumnElement[str]:
    """The stored number without the spaces and dashes a seat may have typed (138-0000-0000): the
    expression of index ix_tickets_caller_digits, so a lookup is an index search on both databases."""
    return func.replace(func.replace(TicketRow.caller_phone, "-", ""), " ", "")


def history(
    session: Session, user: UserRow, caller: Caller, phone: str, days: int, now: datetime, per_minute: int
) -> CallerHistory | ApiError:
    """The number's tickets of the last `days` days as `user` may see them, the read on record (a
    refused one too: the refusal is returned, not raised, so the transaction keeps its record).
    403 for a department, 429 past `per_minute` reads of the last minute."""
    detail = {"phone": mask_phone(phone), "days": days}
    if role_of(user) is Role.DEPARTMENT:
        access.record(session, caller, now, access.CALLER_HISTORY, access.REFUSED, detail=detail)
        return forbidden()
    if _recent_reads(session, user.username, now) >= per_minute:
        access.record(session, caller, now, access.CALLER_HISTORY, access.THROTTLED, detail=detail)
        seconds = int(WINDOW.total_seconds())
        problem = Problem("server.too_many_lookups", {"seconds": seconds})
        return ApiError(429, "throttled", problem, {"Retry-After": str(seconds)})
    matching = (phone_digits() == phone, TicketRow.created_at >= now - timedelta(days=days))
    total = session.scalar(select(func.count()).select_from(TicketRow).where(*matching)) or 0
    rows = session.execute(
        select(*TicketRow.__table__.columns)
        .where(*matching)
        .order_by(TicketRow.created_at.desc(), TicketRow.id.desc())  # UUIDv7 ids: the later one first
        .limit(MAX_CALLER_HISTORY)
    )
    tickets = [to_ticket(row) for row in rows]
    found = [EarlierTicket.of(t, mine=can_see(user, t)) for t in tickets]
    access.record(
        session,
        caller,
        now,
        access.CALLER_HISTORY,
        detail={**detail, "count": total, "tickets": [t.id for t in tickets[:IDS_KEPT]]},
    )
    return CallerHistory(tickets=found, total=total)


def _recent_reads(session: Session, username: str, now: datetime) -> int:
    reads = select(func.count()).where(
        AccessLogRow.username == username,
        AccessLogRow.action == access.CALLER_HISTORY,
        AccessLogRow.outcome == access.OK,
        AccessLogRow.at > now - WINDOW,
    )
    return session.scalar(reads) or 0


def repeat_count(session: Session, since: datetime, until: datetime) -> int:
    """并单 repeats made `since` <= time < `until` (the repeat's own event: it changes the status;
    the link on the ticket it joined does not), for the report."""
    repeats = select(func.count()).where(
        EventRow.action == Action.MERGE.value,
        EventRow.from_status != EventRow.to_status,
        EventRow.at >= since,
        EventRow.at < until,
    )
    return session.scalar(repeats) or 0
