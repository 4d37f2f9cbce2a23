"""统计 on the server (GET /figures): the team's and the city's figures, as app.lead.figures defines
them (the call figures from the shifts sync.server.seats keeps from each seat's reports).

Who sees what: a lead or an admin every seat's, grouped as asked; an operator only their own seat's
(the same figures, any grouping, of their tickets and shifts; another seat's is refused); a 承办单位
none: these figures measure the centre's seats, and a unit's account has no seat here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, cast

from fastapi import APIRouter, Query, Request
from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from app.domain.figures import Grouping, Period
from app.domain.problem import Problem
from app.domain.status import Role
from app.lead.figures import Buckets, Cells, ReportRangeError, ShiftFact, with_shifts
from app.lead.figures_sql import ticket_sums
from sync.protocol import ErrorBody, FigureCell, FiguresReport
from sync.server import access
from sync.server.access import Caller
from sync.server.errors import ApiError, forbidden
from sync.server.models import EventRow, SeatShiftRow, TicketRow, UserRow
from sync.server.rights import LEADS, role_of
from sync.server.services import Svc, User, client_address

router = APIRouter(responses={code: {"model": ErrorBody} for code in (401, 403, 422)})
# Days a report may name: far beyond any ticket, and far from date.max (a period's end is computed).
EARLIEST, LATEST = date(2000, 1, 1), date(2199, 12, 31)
SEAT_CODE = r"^[A-Za-z0-9_.\-]{1,40}$"


# For this transaction only: JIT compiling took 0.3-0.4 s of a 300,000-ticket month and gains
# nothing on one aggregate; the sort of the per-ticket rows spilled to disk within the default
# work_mem.
_ONE_BIG_AGGREGATE = ("SET LOCAL jit = off", "SET LOCAL work_mem = '128MB'")


def report(session: Session, by: Grouping, buckets: Buckets, now: datetime, seat: str | None = None) -> Cells:
    """The figures of every seat (or one) per row and period: tickets summed by the database, shifts
    (a few per seat and day) evaluated in Python by the same definitions."""
    tickets, events = cast(Table, TicketRow.__table__), cast(Table, EventRow.__table__)
    if session.get_bind().dialect.name == "postgresql":
        for setting in _ONE_BIG_AGGREGATE:
            session.execute(text(setting))
    cells = ticket_sums(session, tickets, events, by, buckets, now, seat)
    query = select(SeatShiftRow).where(
        SeatShiftRow.started_at >= buckets.since, SeatShiftRow.started_at < buckets.until
    )
    if seat is not None:
        query = query.where(SeatShiftRow.seat_id == seat)
    shifts = [
        ShiftFact(r.seat_id, r.started_at, r.seconds_on, r.calls, r.talk_seconds, r.wrap_up_seconds)
        for r in session.scalars(query)
    ]
    return with_shifts(cells, shifts, by, buckets, now)


def _seat_for(user: UserRow, asked: str | None) -> str | None:
    """Whose figures the user may read: a lead any seat's (None: all), an operator only their own."""
    role = role_of(user)
    if role in LEADS:
        return asked
    if role is Role.OPERATOR and user.seat_id and asked in (None, user.seat_id):
        return user.seat_id
    if role is Role.OPERATOR and user.seat_id:
        raise ApiError(403, "forbidden", Problem("figures.not_your_seat"))
    raise forbidden()


@router.get("/figures", tags=["figures"])
def figures(
    who: User,
    request: Request,
    svc: Svc,
    first: Annotated[
        date, Query(ge=EARLIEST, le=LATEST, description="the first day, in the centre's time zone")
    ],
    last: Annotated[date, Query(ge=EARLIEST, le=LATEST, description="the last day (inclusive)")],
    period: Period = Period.DAY,
    by: Grouping = Grouping.SEAT,
    seat: Annotated[str | None, Query(pattern=SEAT_CODE, description="one seat's only")] = None,
) -> FiguresReport:
    """日通报 · 周汇总 · 月分析: per seat, the team, 大类 or district and per period (at most
    app.lead.figures.MOST_PERIODS of them). A lead or admin any seat's; an operator their own."""
    only = _seat_for(who.user, seat)
    zone = svc.sla.calendar.timezone
    try:
        buckets = Buckets.covering(period, first, last, zone)
    except ReportRangeError as exc:
        raise ApiError(422, "invalid", exc.problem) from None
    now = svc.settings.clock()
    query = {"period": period.value, "by": by.value, "first": first.isoformat(), "last": last.isoformat()}
    with svc.db.writing() as session:  # a short write of its own: the report itself only reads
        access.record(
            session,
            Caller.of(who.user, client_address(request)),
            now,
            access.FIGURES,
            detail=query | {"seat": only or ""},
        )
    with svc.db.reading() as session:
        cells = report(session, by, buckets, now, only)
    return FiguresReport(period=period, by=by, days=list(buckets.days), made_at=now, cells=wire_cells(cells))


def wire_cells(cells: Cells) -> list[FigureCell]:
    return [
        FigureCell(key=key, period=i, sums={f: (s.numerator, s.denominator) for f, s in sums.items()})
        for (key, i), sums in sorted(cells.items())
    ]
