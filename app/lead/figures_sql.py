"""The figures of app.lead.figures compiled to SQL: the database sums, the definitions stay there.

Works on any pair of tables with the ticket and event columns the server and the seat's store both
have (tickets: id, seat_id, kind, category_code, district, created_at, accepted_at, dispatch_due,
close_due, satisfaction; events: ticket_id, action, to_status, at), on SQLite and PostgreSQL. A
month's city report is then one aggregate query: the database sends a row per group and period, not
300,000 tickets.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Interval,
    Select,
    Table,
    and_,
    case,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlalchemy.sql.expression import Subquery

from app.domain.figures import Grouping
from app.domain.status import Action, Status
from app.lead.figures import (
    DEFINITIONS,
    NOW,
    TEAM_KEY,
    All,
    AnyOf,
    Buckets,
    Cells,
    Cond,
    Flag,
    In,
    IsSet,
    Not,
    NotLater,
    Source,
    Sums,
    Term,
    category_key,
    figures_of,
    merge,
)

# Events older than this before the report's first day are not read: a ticket accepted in the report
# has all its steps after its 受理, and this leaves room for a seat's clock being off.
EVENTS_BEFORE = timedelta(days=1)


def ticket_facts(tickets: Table, events: Table, since: datetime | None = None) -> Subquery:
    """One row per ticket with TicketFact's fields as columns, from the ticket and its events.
    `since`: only tickets accepted then or later matter (the events read are bounded by it too)."""
    ev = events.c
    bounded = [] if since is None else [ev.at >= literal(since - EVENTS_BEFORE, ev.at.type)]
    steps = (
        select(
            ev.ticket_id,
            func.min(case((ev.action == Action.DISPATCH.value, ev.at))).label("dispatched_at"),
            func.max(case((ev.action == Action.REPLY.value, ev.at))).label("replied_at"),
            func.max(case((ev.action == Action.CLOSE_DIRECT.value, 1), else_=0)).label("direct"),
            func.max(
                case(
                    (
                        and_(
                            ev.action.in_([Action.WITHDRAW.value, Action.MERGE.value]),
                            ev.to_status == Status.CLOSED.value,
                        ),
                        1,
                    ),
                    else_=0,
                )
            ).label("ended"),
            func.max(case((ev.action == Action.REOPEN.value, 1), else_=0)).label("reopened"),
        )
        .where(
            ev.action.in_(
                [a.value for a in (Action.DISPATCH, Action.REPLY, Action.CLOSE_DIRECT, Action.WITHDRAW)]
                + [Action.MERGE.value, Action.REOPEN.value]
            ),
            *bounded,
        )
        .group_by(ev.ticket_id)
        .subquery("steps")
    )
    t = tickets.c
    return (
        select(
            t.seat_id.label("seat"),
            t.category_code.label("category"),
            t.district,
            t.kind,
            t.created_at,
            t.accepted_at,
            t.dispatch_due,
            t.close_due,
            t.satisfaction,
            steps.c.dispatched_at,
            steps.c.replied_at,
            func.coalesce(steps.c.direct, 0).label("direct"),
            func.coalesce(steps.c.ended, 0).label("ended"),
            func.coalesce(steps.c.reopened, 0).label("reopened"),
        )
        .select_from(tickets.outerjoin(steps, steps.c.ticket_id == t.id))
        .where(t.accepted_at.is_not(None))
        .subquery("facts")
    )


Columns = ReadOnlyColumnCollection[str, ColumnElement[Any]]


class _Compiler:
    """Conditions as SQL over the columns of a facts subquery."""

    def __init__(
        self,
        columns: ReadOnlyColumnCollection[str, ColumnElement[Any]],
        now: datetime,
        moment_type: Any,
        dialect: str,
    ) -> None:
        self.c, self.now, self.moment_type, self.dialect = columns, now, moment_type, dialect

    def moment(self, name: str) -> ColumnElement[Any]:
        return literal(self.now, self.moment_type) if name == NOW else self.c[name]

    def cond(self, cond: Cond) -> ColumnElement[bool]:
        match cond:
            case IsSet(name):
                return self.c[name].is_not(None)
            case Flag(name):
                return self.c[name] == 1
            case In(name, values):
                return self.c[name].in_(sorted(values))
            case NotLater(first, second, slack):
                return self._not_later(self.moment(first), self.moment(second), slack)
            case Not(of):
                return not_(self.cond(of))
            case All(of):
                return and_(true(), *(self.cond(c) for c in of))
            case AnyOf(of):
                return or_(false(), *(self.cond(c) for c in of))
        raise TypeError(f"no SQL for {cond!r}")

    def _not_later(
        self, a: ColumnElement[Any], b: ColumnElement[Any], slack: timedelta
    ) -> ColumnElement[bool]:
        both = and_(a.is_not(None), b.is_not(None))
        if not slack:
            return and_(both, a <= b)
        if self.dialect == "postgresql":
            return and_(both, a <= b + literal(slack, Interval()))
        days = slack.total_seconds() / 86400  # SQLite keeps times as text: compare as Julian days
        return and_(both, func.julianday(a) <= func.julianday(b) + days)

    def term(self, term: Term) -> ColumnElement[Any]:
        value: ColumnElement[Any] = literal(1) if term.value is None else self.c[term.value]
        when = term.when
        if when is None:
            return func.coalesce(func.sum(value), 0)
        return func.coalesce(func.sum(case((self.cond(when), value), else_=0)), 0)


def _bucket(moment: ColumnElement[Any], buckets: Buckets, moment_type: Any) -> ColumnElement[int]:
    """The index of the period a moment falls in (the bounds are the same as Buckets.index's)."""
    return case(
        *((moment < literal(b, moment_type), i) for i, b in enumerate(buckets.bounds[1:])),
        else_=-1,
    )


def _key(by: Grouping, columns: Columns) -> ColumnElement[Any]:
    if by is Grouping.TEAM:
        return literal(TEAM_KEY)
    if by is Grouping.SEAT:
        return columns.seat
    return columns.category if by is Grouping.CATEGORY else columns.district


def ticket_sums(
    session: Session,
    tickets: Table,
    events: Table,
    by: Grouping,
    buckets: Buckets,
    now: datetime,
    seat: str | None = None,
) -> Cells:
    """The ticket figures per row and period, summed by the database. `seat`: only its tickets."""
    facts = ticket_facts(tickets, events, buckets.since)
    c = facts.c
    moment_type = tickets.c.created_at.type
    compile = _Compiler(c, now, moment_type, session.get_bind().dialect.name)
    figures = figures_of(Source.TICKETS)
    key, bucket = _key(by, c), _bucket(c.accepted_at, buckets, moment_type)
    columns: list[ColumnElement[Any]] = [key.label("key"), bucket.label("period")]
    for figure in figures:
        d = DEFINITIONS[figure]
        (numerator,) = d.numerator  # ticket figures count one thing over another
        columns += [compile.term(numerator), compile.term(d.denominator)]
    query: Select[Any] = (
        select(*columns)
        .where(
            c.accepted_at >= literal(buckets.since, moment_type),
            c.accepted_at < literal(buckets.until, moment_type),
        )
        .group_by(key, bucket)
    )
    if seat is not None:
        query = query.where(c.seat == seat)
    cells: Cells = {}
    for row in session.execute(query):
        sums = {f: Sums(float(row[2 + 2 * i]), float(row[3 + 2 * i])) for i, f in enumerate(figures)}
        # Categories are summed per code, then rolled up to their 大类 here (one rule: category_key).
        name = category_key(row.key) if by is Grouping.CATEGORY else (row.key or "")
        merge(cells, name, int(row.period), sums)
    return cells
