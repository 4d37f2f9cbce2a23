"""Open work per seat, counted as tickets are written, for the 班长台 board and 疏忙导闲.

Counting 200,000 open tickets on every board refresh took about 100 ms of PostgreSQL's time (a
parallel scan of the table), more on a busy machine. So the counts that do not depend on the clock
are kept in `seat_work`: one row per seat and kind of open ticket (督办, 紧急, the CATEGORY_SKILLS
prefix its category falls under) with how many there are. Push adds what a batch changed, in the
transaction that writes the tickets, after it has locked them (tickets in id order, then these rows
in key order: two batches cannot deadlock). What depends on the clock, past due and due within
NEAR, is asked of the tickets due by now + NEAR through `ix_tickets_open_due` (index only on
PostgreSQL), and taken off the counts.

The skill prefix is stored, so a change of CATEGORY_SKILLS makes the counts stale: `migrate`
recounts when the map differs from the one the counts were made with (a fingerprint in `counters`).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    delete,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.domain.ticket import Ticket
from app.lead import balance
from sync.server.models import CounterRow, SeatWorkRow, TicketRow, table_of

Key = tuple[str, bool, bool, str]  # seat, 督办, 紧急, skill prefix
FINGERPRINT = "seat_work.skills"  # the counters row: which CATEGORY_SKILLS the counts were made with


@dataclass(frozen=True)
class Kind:
    """Open tickets of one seat that the board and the balance cannot tell apart, and how many."""

    seat: str
    late: int  # 2 past due, 1 due within NEAR, 0 later or no deadline (as balance.weight reads it)
    supervised: bool
    urgent: bool
    skill: str  # the CATEGORY_SKILLS prefix, "" for none
    count: int


def key(ticket: Ticket) -> Key | None:
    """The kind a ticket counts as, None when it is closed or in the team pool."""
    seat = ticket.assigned_seat
    if not ticket.status.is_open or seat is None:
        return None
    return (seat, ticket.supervised, ticket.urgent, balance.skill_prefix(ticket.category_code))


def record(session: Session, before: Mapping[str, Key | None], after: Mapping[str, Key | None]) -> None:
    """Add to the counts what changed from `before` to `after` (per ticket id; a new ticket is
    missing from `before`). One upsert, its rows in key order."""
    delta: Counter[Key] = Counter()
    for ticket_id, now_key in after.items():
        was = before.get(ticket_id)
        if was == now_key:
            continue
        if was is not None:
            delta[was] -= 1
        if now_key is not None:
            delta[now_key] += 1
    rows = [
        {"seat_id": k[0], "supervised": k[1], "urgent": k[2], "skill": k[3], "count": n}
        for k, n in sorted(delta.items())
        if n
    ]
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = table_of(SeatWorkRow)
    upsert = dialect.insert(table).values(rows)
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=["seat_id", "supervised", "urgent", "skill"],
            set_={"count": table.c.count + upsert.excluded.count},
        )
    )


@dataclass(frozen=True)
class Counts:
    """One seat's open work as the board shows it."""

    open: int = 0
    overdue: int = 0  # due at or before now
    near: int = 0  # due after now, within NEAR
    supervised: int = 0
    urgent: int = 0


def board(session: Session, now: datetime) -> dict[str, Counts]:
    """Every seat's open work as of `now`: the kept counts summed per seat, and the tickets due by
    now + NEAR counted per seat (grouped by seat alone: the cheap part of the board's query)."""
    w = SeatWorkRow
    kept = select(
        w.seat_id,
        func.sum(w.count),
        func.sum(case((w.supervised == true(), w.count), else_=0)),
        func.sum(case((w.urgent == true(), w.count), else_=0)),
    ).group_by(w.seat_id)
    due = {
        seat: (int(overdue), int(soon - overdue))
        for seat, soon, overdue in session.execute(
            select(TicketRow.assigned_seat, func.count(), func.count().filter(TicketRow.next_due <= now))
            .where(*_due_by(now + balance.NEAR))
            .group_by(TicketRow.assigned_seat)
        )
    }
    found = {}
    for seat, n, supervised, urgent in session.execute(kept):
        if n:
            overdue, near = due.get(seat, (0, 0))
            found[seat] = Counts(int(n), overdue, near, int(supervised), int(urgent))
    return found


# The partial index's own condition, rendered bare on both databases (SQLAlchemy writes a boolean
# column as `is_open = 1` on SQLite, which SQLite, without statistics, takes as an equality on
# ix_tickets_open_assigned and reads every open ticket: 1.2 s at 200,000).
OPEN: ColumnElement[bool] = literal_column("tickets.is_open")


def _due_by(until: datetime) -> tuple[ColumnElement[bool], ...]:
    """Open, assigned tickets due by `until`, in ix_tickets_open_due's terms."""
    return (OPEN, TicketRow.next_due <= until, TicketRow.assigned_seat.is_not(None))


def kinds(session: Session, now: datetime) -> list[Kind]:
    """Every seat's open work by kind and deadline class, as of `now`: the tickets due by now + NEAR
    counted as they are, and the kept counts less those (the rest is due later or has no deadline).
    One statement: the database does the subtraction, a few thousand rows come back."""
    late = case((TicketRow.next_due <= now, 2), else_=1)
    prefix = skill_prefix_sql()
    t = TicketRow
    soon = (
        select(
            t.assigned_seat.label("seat"),
            late.label("late"),
            t.supervised.label("supervised"),
            t.urgent.label("urgent"),
            prefix.label("skill"),
            func.count().label("n"),
        )
        .where(*_due_by(now + balance.NEAR))
        .group_by(t.assigned_seat, late, t.supervised, t.urgent, prefix)
    ).cte("soon")
    w = SeatWorkRow
    parts = union_all(
        select(soon.c.seat, soon.c.late, soon.c.supervised, soon.c.urgent, soon.c.skill, soon.c.n),
        select(soon.c.seat, literal(0), soon.c.supervised, soon.c.urgent, soon.c.skill, -soon.c.n),
        select(w.seat_id, literal(0), w.supervised, w.urgent, w.skill, w.count),
    ).subquery()
    p = parts.c
    total = func.sum(p.n)
    query = (
        select(p.seat, p.late, p.supervised, p.urgent, p.skill, total)
        .group_by(p.seat, p.late, p.supervised, p.urgent, p.skill)
        .having(total != 0)
    )
    return [
        Kind(seat, late, bool(supervised), bool(urgent), skill, int(n))
        for seat, late, supervised, urgent, skill, n in session.execute(query)
    ]


def skill_prefix_sql() -> ColumnElement[str]:
    """balance.skill_prefix in SQL: the longest CATEGORY_SKILLS prefix a category falls under."""
    prefixes = sorted(balance.CATEGORY_SKILLS, key=len, reverse=True)
    whens = [(or_(TicketRow.category_code == p, TicketRow.category_code.like(p + ".%")), p) for p in prefixes]
    return case(*whens, else_="")


def recount(session: Session) -> None:
    """The counts made again from the tickets (after a bulk load, or when CATEGORY_SKILLS changed).
    On PostgreSQL the table is locked first: a push waits for the recount and then adds its change."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE seat_work IN EXCLUSIVE MODE"))
    session.execute(delete(SeatWorkRow))
    prefix = skill_prefix_sql()
    counted = (
        select(TicketRow.assigned_seat, TicketRow.supervised, TicketRow.urgent, prefix, func.count())
        .where(and_(TicketRow.is_open == true(), TicketRow.assigned_seat.is_not(None)))
        .group_by(TicketRow.assigned_seat, TicketRow.supervised, TicketRow.urgent, prefix)
    )
    columns = ["seat_id", "supervised", "urgent", "skill", "count"]
    session.execute(table_of(SeatWorkRow).insert().from_select(columns, counted))
    _set_fingerprint(session, fingerprint())


def recount_if_stale(session: Session) -> None:
    """Recount when the counts were made with another CATEGORY_SKILLS (or never)."""
    kept = session.get(CounterRow, FINGERPRINT)
    if kept is None or kept.value != fingerprint():
        recount(session)


def fingerprint(skills: Mapping[str, Iterable[str]] = balance.CATEGORY_SKILLS) -> int:
    text_ = repr(sorted((p, sorted(s)) for p, s in skills.items()))
    return zlib.crc32(text_.encode()) & 0x7FFFFFFF  # the counters column is a signed 32-bit integer


def _set_fingerprint(session: Session, value: int) -> None:
    row = session.get(CounterRow, FINGERPRINT)
    if row is None:
        session.add(CounterRow(name=FINGERPRINT, value=value))
    else:
        row.value = value
    session.flush()
