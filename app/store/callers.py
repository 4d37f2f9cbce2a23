"""The seat's own tickets for 来电历史 and 相似工单, and its 并单 count: narrow reads of the local store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, String, func, literal_column, select

from app.domain.status import Action, Status
from app.domain.ticket import Ticket
from app.store.db import Store
from app.store.mapping import ticket_from_row
from app.store.models import EventRow, TicketRow

_OPEN = [s.value for s in Status if s.is_open]


def phone_digits() -> ColumnElement[str]:
    # As typed, the number may hold spaces or dashes (138-0000-0000); the lookup uses digits. The
    # characters are written into the SQL, not bound: SQLite matches an expression index (0009) only
    # to the same expression, and with `?` in it every ticket was read (1.5 s at 100k).
    dash, space, nothing = (literal_column(f"'{c}'", String) for c in ("-", " ", ""))
    return func.replace(func.replace(TicketRow.caller_phone, dash, nothing), space, nothing)


def phone_query(phone: str, since: datetime, limit: int) -> Select[TicketRow]:
    return (
        select(TicketRow)
        .where(phone_digits() == phone, TicketRow.created_at >= since)
        .order_by(TicketRow.created_at.desc(), TicketRow.id.desc())
        .limit(limit)
    )


def by_phone(store: Store, phone: str, since: datetime, *, limit: int = 50) -> list[Ticket]:
    """This seat's tickets of the number (digits) filed since `since`, newest first."""
    query = phone_query(phone, since, limit)
    with store.reading() as session:
        return [ticket_from_row(row) for row in session.scalars(query)]


def open_alike(store: Store, category_code: str, district: str, since: datetime) -> list[Ticket]:
    """Open tickets of the category (and district, when known) filed since `since`: the candidates
    app.intake.duplicates ranks."""
    query = select(TicketRow).where(
        TicketRow.category_code == category_code,
        TicketRow.status.in_(_OPEN),
        TicketRow.created_at >= since,
    )
    if district:
        query = query.where(TicketRow.district == district)
    with store.reading() as session:
        return [ticket_from_row(row) for row in session.scalars(query)]


def repeat_count(store: Store, since: datetime, until: datetime) -> int:
    """并单 repeats this store knows of, `since` <= time < `until`: the repeat's own event (it closes
    the repeat), not the link on the ticket it joined (which keeps its status)."""
    query = select(func.count()).where(
        EventRow.action == Action.MERGE.value,
        EventRow.from_status != EventRow.to_status,
        EventRow.at >= since,
        EventRow.at < until,
    )
    with store.reading() as session:
        return session.scalar(query) or 0
