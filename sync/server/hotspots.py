"""热点 and 苗头预警 on the server (班长/管理员): GET /lead/hotspots, GET /lead/warnings and the tickets
behind a warning, POST /lead/tickets. Operators and 承办单位 get 403.

The database groups (a month of 300,000 tickets is one scan per answer, see the README's figure);
app.lead decides what the counts mean. Times in the answers are in the centre's time zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import BigInteger, cast, extract, func, literal, select
from sqlalchemy.orm import Session

from app.domain.hotspots import MAX_WARNING_TICKETS, Dimension, EarlyWarning, WarningRule
from app.domain.problem import Problem
from app.domain.ticket import Ticket
from app.lead.hotspots import (
    MAX_PERIOD,
    MAX_TOP,
    WINDOW,
    Place,
    hotspot_report,
    previous_period,
    warnings_from,
    window_starts,
)
from sync.protocol import ErrorBody, Hotspots, LeadTickets, TicketWire, Warnings
from sync.server import access
from sync.server.access import Caller
from sync.server.errors import ApiError
from sync.server.models import TicketRow
from sync.server.routes import Period
from sync.server.services import Lead, Svc, client_address
from sync.server.tickets import to_ticket

router = APIRouter(responses={code: {"model": ErrorBody} for code in (401, 403, 422)}, tags=["lead"])


@router.get("/lead/hotspots")
def hotspots(
    who: Lead,
    svc: Svc,
    period: Period,
    top: Annotated[int, Query(ge=1, le=MAX_TOP, description="categories and districts listed")] = 10,
) -> Hotspots:
    """热点: the `top` categories and districts of `since` <= created < `until` (at most 92 days),
    each with its count in the period of the same length before, and the district × category domain
    heat grid. Counts only: no personal data, so not on the access record."""
    since, until = period
    if until - since > MAX_PERIOD:
        raise ApiError(422, "invalid", Problem("server.period_too_long", {"days": MAX_PERIOD.days}))
    taxonomy, zone = svc.reference.taxonomy(), svc.sla.calendar.timezone
    with svc.db.reading() as session:
        current, before = _period_counts(session, since, until)

    def domain(code: str) -> str:
        return taxonomy.path(code)[0].code if code in taxonomy else code.split(".")[0]

    report = hotspot_report(
        current, before, since.astimezone(zone), until.astimezone(zone), top=top, domain_of=domain
    )
    return Hotspots(report=report)


def _period_counts(
    session: Session, since: datetime, until: datetime
) -> tuple[dict[Place, int], dict[Place, int]]:
    """(district, category) counts of the period and of the one before, in one grouped scan."""
    start, _ = previous_period(since, until)
    current = TicketRow.created_at >= since
    rows = session.execute(
        select(current.label("current"), TicketRow.district, TicketRow.category_code, func.count())
        .where(TicketRow.created_at >= start, TicketRow.created_at < until)
        .group_by(current, TicketRow.district, TicketRow.category_code)
    )
    found: tuple[dict[Place, int], dict[Place, int]] = ({}, {})
    for is_current, district, category, n in rows:
        found[0 if is_current else 1][(district, category)] = n
    return found


@router.get("/lead/warnings")
def warnings(who: Lead, svc: Svc) -> Warnings:
    """苗头预警: every category and district whose count in the last 24 hours is well above its own
    baseline (the rule: app.lead.early_warning; its parameters are server settings), with the ids of
    the tickets behind each, newest first."""
    rule, now = svc.settings.warning_rule, svc.settings.clock()
    zone = svc.sla.calendar.timezone
    with svc.db.reading() as session:
        found, judged = _warnings(session, now, rule)
        shown = [w.located(zone, _ids(session, w)) for w in found]
    return Warnings(at=now.astimezone(zone), judged=judged, rule=rule, warnings=shown)


def _warnings(session: Session, now: datetime, rule: WarningRule) -> tuple[list[EarlyWarning], bool]:
    """Counted per window by district and by category: two grouped scans of a few hundred and a
    few thousand rows (grouping by both at once gave 100,000 rows for a month of 300,000 tickets)."""
    starts = window_starts(now, rule)
    # Window k of a ticket, (now - created) // 24 h, in whole seconds (a ticket within a second of a
    # window's edge may fall either side): one expression on both databases, not a CASE of 29 edges.
    age = literal(int(now.timestamp()), BigInteger) - cast(extract("epoch", TicketRow.created_at), BigInteger)
    window = age // int(WINDOW.total_seconds())
    recent = (TicketRow.created_at >= starts[-1], TicketRow.created_at < now)
    by_district, by_category = (
        session.execute(select(window, column, func.count()).where(*recent).group_by(window, column))
        for column in (TicketRow.district, TicketRow.category_code)
    )
    return warnings_from(by_district, by_category, now, rule)


def _ids(session: Session, warning: EarlyWarning) -> tuple[str, ...]:
    """The tickets behind a warning: its subject's in the window judged, newest first."""
    column = TicketRow.district if warning.kind is Dimension.DISTRICT else TicketRow.category_code
    ids = session.scalars(
        select(TicketRow.id)
        .where(
            column == warning.subject,
            TicketRow.created_at >= warning.until - WINDOW,
            TicketRow.created_at < warning.until,
        )
        .order_by(TicketRow.created_at.desc(), TicketRow.id.desc())
        .limit(MAX_WARNING_TICKETS)
    )
    return tuple(ids)


@router.post("/lead/tickets")
def lead_tickets(body: LeadTickets, who: Lead, request: Request, svc: Svc) -> list[TicketWire]:
    """The tickets of the given ids (those behind a warning), newest first; ids the server does not
    have are left out. On the access record, with the ids."""
    caller = Caller.of(who.user, client_address(request))
    with svc.db.writing() as session:
        rows = session.scalars(
            select(TicketRow)
            .where(TicketRow.id.in_(body.ticket_ids))
            .order_by(TicketRow.created_at.desc(), TicketRow.id.desc())
        )
        found: list[Ticket] = [to_ticket(r) for r in rows]
        detail = {"count": len(found), "tickets": [t.id for t in found]}
        access.record(session, caller, svc.settings.clock(), access.LEAD_TICKETS, detail=detail)
    return found
