"""Pull (下载): the feed after a cursor, as the tickets it touched, for the rows this user may see."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, not_, select
from sqlalchemy.orm import Session

from app.domain import codec
from app.domain.problem import Problem, from_column
from sync.protocol import (
    WIRE_VERSION,
    CodedPullResponse,
    CodedTicketChange,
    PullResponse,
    ReferenceVersions,
    SeqRange,
    TicketChange,
    coded,
)
from sync.server import feed, kb
from sync.server.db import Database, among
from sync.server.models import EventRow, FeedRow, TicketRow, UserRow, table_of
from sync.server.rights import feed_visibility
from sync.server.seats import mark_seen
from sync.server.tickets import to_event, to_ticket

Served = Callable[[Session, list[str], int], None]


def pull(
    db: Database,
    user: UserRow,
    cursor: int,
    limit: int,
    now: datetime,
    *,
    skip: Sequence[SeqRange] = (),
    reference: ReferenceVersions,
    served: Served | None = None,
    problems: bool = False,
    reads: int = WIRE_VERSION,
) -> PullResponse:
    """One page of at most `limit` feed rows after `cursor`, grouped by ticket: each ticket as it is
    now, with the events of those rows and the latest note (why it moved). Rows in `skip` (a push's
    echo: the seat holds those tickets as they are) are left out, and the cursor still moves past
    them once nothing else is left. `served(session, ticket_ids, next_cursor)` is called in the
    same transaction when the page holds tickets (the access log). `reference`: the versions of the
    reference documents the server serves now (sync.server.reference), the KB's revision added.
    `problems`: the seat words notes from their codes (sync.protocol.CODES_PARAM); `reads`: the
    ticket wire version the seat reads (sync.protocol.WIRE_PARAM)."""
    # Plain rows, not ORM objects: a page is read once and dropped, and building 1,000 tracked
    # instances cost more than the queries. One transaction: mark_seen seldom writes.
    with db.writing() as session:
        mark_seen(session, user, now)
        query = (
            _columns(FeedRow)
            .where(FeedRow.seq > cursor, feed_visibility(user), *_outside(skip))
            .order_by(FeedRow.seq)
            .limit(limit + 1)
        )
        rows = list(session.connection().execute(query))  # Core: no ORM layer for plain rows
        more = len(rows) > limit
        rows = rows[:limit]
        tickets, events = _tickets_and_events(session, rows) if rows else ({}, {})  # idle pulls: none
        kb_revision = kb.latest_revision(session)
        next_cursor = _next_cursor(cursor, rows, more, skip, lambda: feed.head(session))
        if rows and served is not None:
            served(session, list(dict.fromkeys(r.ticket_id for r in rows)), next_cursor)
    by_ticket: dict[str, list[Row[Any]]] = {}
    for row in rows:
        by_ticket.setdefault(row.ticket_id, []).append(row)
    changes = [
        _change(group, tickets[ticket_id], events, problems, reads)
        for ticket_id, group in sorted(by_ticket.items(), key=lambda item: item[1][-1].seq)
    ]
    page = CodedPullResponse if problems else PullResponse
    return page(
        changes=changes,  # type: ignore[arg-type]  # CodedTicketChange each when problems
        cursor=next_cursor,
        more=more,
        reference=reference.model_copy(update={"kb": str(kb_revision)}),
    )


def _outside(skip: Sequence[SeqRange]) -> list[ColumnElement[bool]]:
    return [not_(FeedRow.seq.between(r.first, r.last)) for r in skip]


def _next_cursor(
    cursor: int, rows: list[Row[Any]], more: bool, skip: Sequence[SeqRange], head: Callable[[], int]
) -> int:
    """Past the last row sent; past the skipped ranges too when no row is left after the page (every
    other row before their end was sent), but never past the feed's committed head: a range the
    server never gave must not make the seat miss rows still to come."""
    last = rows[-1].seq if rows else cursor
    if more or not skip:
        return last
    return max(last, min(max(r.last for r in skip), head()))


def _tickets_and_events(
    session: Session, rows: list[Row[Any]]
) -> tuple[dict[str, Row[Any]], dict[str, Row[Any]]]:
    ticket_ids = {r.ticket_id for r in rows}
    db = session.connection()
    ticket_rows = db.execute(_columns(TicketRow).where(among(session, TicketRow.id, ticket_ids)))
    tickets = {t.id: t for t in ticket_rows}
    event_ids = [e for r in rows for e in r.event_ids]
    events = {e.id: e for e in db.execute(_columns(EventRow).where(among(session, EventRow.id, event_ids)))}
    return tickets, events


def _columns(mapped: type[FeedRow | TicketRow | EventRow]) -> Select[Any]:
    return select(*table_of(mapped).columns)


def _change(
    rows: list[Row[Any]], ticket: Row[Any], events: dict[str, Row[Any]], problems: bool, reads: int
) -> TicketChange:
    notes = [r.note for r in rows if r.note]
    # A row written before notes were codes holds their words: sent as they are.
    said = from_column(notes[-1]) if notes else None
    change = CodedTicketChange if problems else TicketChange
    return change(
        seq=rows[-1].seq,
        ticket=codec.as_read_by(to_ticket(ticket), reads),
        events=[to_event(events[e]) for r in rows for e in r.event_ids if e in events],
        note=str(said) if said is not None else None,
        **(coded(said) if problems and isinstance(said, Problem) else {}),
    )
