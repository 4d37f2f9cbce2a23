"""The team lead's console (班长台): seat loads, 改派 and 疏忙导闲 (evening out open work).

A reassignment is an ASSIGN command in the lead's role, settled by the same push code as a seat's
ops: same lifecycle rules, same audit trail, same feed note telling the old seat why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.domain.ops import OpKind, OpStatus
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.domain.ticket import Ticket
from sync.protocol import (
    BalanceProposal,
    CommandOp,
    CommandWire,
    Move,
    OpResult,
    ReassignResult,
    SeatLoad,
    SeatReport,
    coded,
)
from sync.server.db import Database
from sync.server.models import SeatRow, TicketRow, UserRow
from sync.server.push import push
from sync.server.rights import role_of
from sync.server.tickets import to_ticket

ONLINE_WITHIN = timedelta(minutes=15)


@dataclass(frozen=True)
class _Open:
    """An open ticket as the balance sees it."""

    id: str
    seat: str | None
    overdue: bool
    supervised: bool
    created_at: datetime


@dataclass(frozen=True)
class _Seat:
    seat_id: str
    operator: str | None
    last_seen: datetime | None
    report: SeatReport | None = None


def seat_loads(session: Session, now: datetime) -> list[SeatLoad]:
    """Every operator seat's open work, counted by the database (the board is polled often)."""
    overdue = and_(TicketRow.next_due.is_not(None), TicketRow.next_due < now)
    rows = session.execute(
        select(
            TicketRow.assigned_seat,
            func.count(),
            func.count().filter(overdue),
            func.count().filter(TicketRow.supervised.is_(True)),
        )
        .where(TicketRow.is_open.is_(True))
        .group_by(TicketRow.assigned_seat)
    )
    counts = {seat: _Tally(n, late, watched) for seat, n, late, watched in rows if seat is not None}
    return _loads(_seats(session), counts)


def balance_proposal(session: Session, now: datetime) -> BalanceProposal:
    """Greedy and deterministic: move the newest open, un-supervised ticket of the busiest seat to
    the idlest one until their loads differ by at most one. Only seats seen lately take part (all
    operator seats when none was seen, e.g. right after a restart)."""
    seats = _seats(session)
    online = [s for s in seats if s.last_seen is not None and now - s.last_seen <= ONLINE_WITHIN]
    taking_part = online or seats
    ids = {s.seat_id for s in taking_part}
    tickets = [t for t in _open_tickets(session, now) if t.seat in ids]
    load = Counter({s.seat_id: 0 for s in taking_part})
    load.update(t.seat for t in tickets if t.seat is not None)
    movable: dict[str, list[_Open]] = {s: [] for s in ids}
    for t in sorted(tickets, key=lambda t: (t.created_at, t.id)):
        if not t.supervised and t.seat is not None:
            movable[t.seat].append(t)  # newest last: popped first, as it is least likely started
    moves = []
    while True:
        donors = [s for s in load if movable[s]]
        if not donors:
            break
        busiest = max(donors, key=lambda s: (load[s], s))
        idlest = min(load, key=lambda s: (load[s], s))
        if load[busiest] - load[idlest] <= 1:
            break
        ticket = movable[busiest].pop()
        load[busiest] -= 1
        load[idlest] += 1
        moves.append(Move(ticket_id=ticket.id, from_seat=busiest, to_seat=idlest))
    moved = {m.ticket_id: m.to_seat for m in moves}
    after = [_Open(t.id, moved.get(t.id, t.seat), t.overdue, t.supervised, t.created_at) for t in tickets]
    return BalanceProposal(
        moves=moves, before=_loads(taking_part, _tally(tickets)), after=_loads(taking_part, _tally(after))
    )


def reassign(
    db: Database,
    lead: UserRow,
    moves: Iterable[Move],
    reason: str,
    sla: SlaClock,
    clock: Callable[[], datetime],
    *,
    problems: bool = False,
) -> ReassignResult:
    """改派: each ticket whose seat is still `from_seat` (None: any seat) goes to `to_seat`;
    `problems`: the caller reads the codes of why a move was refused (OpResult.problem)."""
    moves = list(moves)
    with db.reading() as session:
        query = select(TicketRow).where(TicketRow.id.in_([m.ticket_id for m in moves]))
        current = {r.id: to_ticket(r) for r in session.scalars(query)}
    now = clock()
    ops, refused = [], []
    for move in moves:
        ticket = current.get(move.ticket_id)
        if ticket is None or (move.from_seat is not None and ticket.assigned_seat != move.from_seat):
            refused.append(_refusal(move, ticket, problems))
            continue
        ops.append(_assign_op(lead, move, ticket.version, reason, now))
    results = push(db, lead, ops, sla, clock, problems=problems).results if ops else []
    by_op = {op.op_id: op.ticket_id for op in ops}
    moved = [by_op[r.op_id] for r in results if r.status is OpStatus.APPLIED]
    refused += [r for r in results if r.status is not OpStatus.APPLIED]
    return ReassignResult(moved=moved, refused=refused)


def _refusal(move: Move, ticket: Ticket | None, problems: bool) -> OpResult:
    if ticket is None:
        reason = Problem("lead.no_ticket", {"ticket": move.ticket_id})
    else:
        reason = Problem("lead.moved_meanwhile", {"seat": move.from_seat or "—"})
    codes = coded(reason) if problems else {}
    return OpResult(op_id=new_id(), status=OpStatus.REJECTED, reason=str(reason), ticket=ticket, **codes)


def _assign_op(lead: UserRow, move: Move, version: int, reason: str, now: datetime) -> CommandOp:
    role = role_of(lead)
    acting = Role.TEAM_LEAD if role is Role.TEAM_LEAD else Role.ADMIN
    return CommandOp(
        kind=OpKind.ASSIGN,
        op_id=new_id(),
        ticket_id=move.ticket_id,
        base_version=version,
        at=now,
        seat=lead.seat_id or "console",  # a lead may work without a seat of their own
        command=CommandWire(
            event_id=new_id(),
            action=Action.ASSIGN,
            actor=lead.display_name,
            role=acting,
            at=now,
            seat_id=lead.seat_id,
            reason=reason,
            assign_to=move.to_seat,
        ),
    )


def _seats(session: Session) -> list[_Seat]:
    """Operator seats: those with an account, and any other a ticket is assigned to."""
    operators = {
        u.seat_id: u.display_name
        for u in session.scalars(select(UserRow).where(UserRow.role == Role.OPERATOR.value))
        if u.seat_id
    }
    rows = {s.seat_id: s for s in session.scalars(select(SeatRow))}
    assigned = session.scalars(select(TicketRow.assigned_seat).where(TicketRow.is_open.is_(True)).distinct())
    ids = sorted(set(operators) | {s for s in assigned if s})
    seats = []
    for seat_id in ids:
        row = rows.get(seat_id)
        seats.append(_Seat(seat_id, operators.get(seat_id), row.last_seen if row else None, _report(row)))
    return seats


def _report(row: SeatRow | None) -> SeatReport | None:
    """The kept report, or None when there is none or it no longer reads (a row of an older server)."""
    if row is None or row.report is None:
        return None
    try:
        return SeatReport.model_validate(row.report)
    except ValueError:
        return None


def _open_tickets(session: Session, now: datetime) -> list[_Open]:
    rows = session.execute(
        select(
            TicketRow.id,
            TicketRow.assigned_seat,
            TicketRow.next_due,
            TicketRow.supervised,
            TicketRow.created_at,
        ).where(TicketRow.is_open.is_(True))
    )
    return [
        _Open(r.id, r.assigned_seat, r.next_due is not None and r.next_due < now, r.supervised, r.created_at)
        for r in rows
    ]


@dataclass(frozen=True)
class _Tally:
    open: int = 0
    overdue: int = 0
    supervised: int = 0


def _tally(tickets: list[_Open]) -> dict[str, _Tally]:
    by_seat: dict[str, list[_Open]] = {}
    for t in tickets:
        if t.seat is not None:
            by_seat.setdefault(t.seat, []).append(t)
    return {
        seat: _Tally(len(ts), sum(t.overdue for t in ts), sum(t.supervised for t in ts))
        for seat, ts in by_seat.items()
    }


def _loads(seats: list[_Seat], counts: dict[str, _Tally]) -> list[SeatLoad]:
    return [
        SeatLoad(
            seat_id=s.seat_id,
            operator=s.operator,
            open=counts.get(s.seat_id, _Tally()).open,
            overdue=counts.get(s.seat_id, _Tally()).overdue,
            supervised=counts.get(s.seat_id, _Tally()).supervised,
            last_seen=s.last_seen,
            report=s.report,
        )
        for s in seats
    ]
