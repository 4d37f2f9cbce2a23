"""The team lead's console (班长台): seat loads, 改派 and 疏忙导闲 (evening out open work).

A reassignment is an ASSIGN command in the lead's role, settled by the same push code as a seat's
ops: same lifecycle rules, same audit trail, same feed note telling the old seat why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.domain.ops import OpKind, OpStatus
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.domain.ticket import Ticket
from app.lead import balance
from sync.protocol import (
    MAX_BATCH,
    BalanceProposal,
    CommandOp,
    CommandWire,
    Move,
    MoveWhy,
    OpResult,
    ReassignResult,
    SeatLoad,
    SeatReport,
    coded,
)
from sync.server import seat_work
from sync.server.db import Database
from sync.server.models import SeatRow, SeatSkillRow, TicketRow, UserRow
from sync.server.push import push
from sync.server.rights import role_of
from sync.server.tickets import to_ticket

ONLINE_WITHIN = timedelta(minutes=15)
QUEUE_LIMIT = 1000  # tickets of one seat's queue on the board, soonest due first


@dataclass(frozen=True)
class _Seat:
    seat_id: str
    operator: str | None
    last_seen: datetime | None
    report: SeatReport | None = None
    skills: frozenset[str] = frozenset()

    def state(self, now: datetime) -> str:
        """离线 when not seen within ONLINE_WITHIN (whatever it last said), else its reported state."""
        if self.last_seen is None or now - self.last_seen > ONLINE_WITHIN:
            return "offline"
        return self.report.state if self.report is not None else "idle"


@dataclass(frozen=True)
class _Tally:
    open: int = 0
    overdue: int = 0
    near: int = 0
    supervised: int = 0
    urgent: int = 0

    @property
    def weighted(self) -> float:
        return balance.tally_weight(self.open, self.overdue, self.near, self.supervised, self.urgent)

    @staticmethod
    def of(t: balance.OpenTicket, now: datetime) -> _Tally:
        late = t.due is not None and t.due <= now
        near = t.due is not None and now < t.due <= now + balance.NEAR
        return _Tally(1, int(late), int(near), int(t.supervised), int(t.urgent))

    def __add__(self, o: _Tally) -> _Tally:
        return _Tally(
            self.open + o.open,
            self.overdue + o.overdue,
            self.near + o.near,
            self.supervised + o.supervised,
            self.urgent + o.urgent,
        )

    def __sub__(self, o: _Tally) -> _Tally:
        return self + _Tally(-o.open, -o.overdue, -o.near, -o.supervised, -o.urgent)


def seat_loads(session: Session, now: datetime, day_start: datetime) -> list[SeatLoad]:
    """Every operator seat's open work and today's closed work (the board is polled often): from the
    counts kept on write and the tickets due soon (sync.server.seat_work), not a scan of every open
    ticket; today's 办结 from the closed_at index."""
    counts = {
        seat: _Tally(c.open, c.overdue, c.near, c.supervised, c.urgent)
        for seat, c in seat_work.board(session, now).items()
    }
    handled = dict(
        session.execute(
            select(TicketRow.assigned_seat, func.count())
            .where(TicketRow.closed_at >= day_start, TicketRow.assigned_seat.is_not(None))
            .group_by(TicketRow.assigned_seat)
        ).all()
    )
    return [
        _load(s, counts.get(s.seat_id, _Tally()), now, handled.get(s.seat_id, 0))
        for s in _seats(session, counts)
    ]


def seat_queue(session: Session, seat: str | None) -> list[Ticket]:
    """One seat's open tickets (None: the team pool, open and assigned to nobody), soonest due first."""
    owner = TicketRow.assigned_seat.is_(None) if seat is None else TicketRow.assigned_seat == seat
    query = (
        select(TicketRow)
        .where(TicketRow.is_open.is_(True), owner)
        .order_by(TicketRow.next_due.is_(None), TicketRow.next_due, TicketRow.id)
        .limit(QUEUE_LIMIT)
    )
    return [to_ticket(r) for r in session.scalars(query)]


def set_skills(session: Session, lead: UserRow, seat_id: str, skills: list[str], now: datetime) -> None:
    tags = sorted(set(skills))
    row = session.get(SeatSkillRow, seat_id)
    if row is None:
        session.add(SeatSkillRow(seat_id=seat_id, skills=tags, updated_by=lead.username, updated_at=now))
    else:
        row.skills, row.updated_by, row.updated_at = tags, lead.username, now


def balance_proposal(session: Session, now: datetime) -> BalanceProposal:
    """疏忙导闲 by app.lead.balance (SLA-weighted, skills, never to 离线 or 小休), at most what one
    apply takes (the busiest seats' moves come first; apply, then ask again); each move says why.

    Planned from counts (seat × deadline class × 督办 × 紧急 × skill: sync.server.seat_work), not
    from 200,000 rows read one by one; only the tickets that move are then read, newest first."""
    counts: dict[str, list[int]] = {}  # open, overdue, near, 督办, 紧急: plain sums over thousands of kinds
    work = []
    for k in seat_work.kinds(session, now):
        flags = _flags(k.late, k.supervised, k.urgent)
        sums = counts.setdefault(k.seat, [0, 0, 0, 0, 0])
        for i in flags.set:
            sums[i] += k.count
        needs = balance.CATEGORY_SKILLS.get(k.skill, frozenset())
        work.append(balance.Work(k.seat, flags.weight, needs, k.count, not k.supervised))
    before = {seat: _Tally(*sums) for seat, sums in counts.items()}
    seats = _seats(session, before)
    infos = [balance.SeatInfo(s.seat_id, s.state(now), s.skills) for s in seats]
    steps, _loads_before, _loads_after = balance.plan(infos, work, limit=MAX_BATCH)
    picked = _newest(session, steps, now)
    after = dict(before)
    moves = []
    for step, ticket in zip(steps, picked, strict=True):
        one = _Tally.of(ticket, now)
        after[step.from_seat] = after.get(step.from_seat, _Tally()) - one
        after[step.to_seat] = after.get(step.to_seat, _Tally()) + one
        why = MoveWhy(
            weight=step.weight, from_load=step.from_load, to_load=step.to_load, skills=sorted(step.skills)
        )
        moves.append(Move(ticket_id=ticket.id, from_seat=step.from_seat, to_seat=step.to_seat, why=why))
    return BalanceProposal(
        moves=moves,
        before=[_load(s, before.get(s.seat_id, _Tally()), now) for s in seats],
        after=[_load(s, after.get(s.seat_id, _Tally()), now) for s in seats],
    )


@dataclass(frozen=True)
class _Flags:
    set: tuple[
        int, ...
    ]  # which of a tally's five counts (open, overdue, near, 督办, 紧急) one ticket adds to
    weight: float


@cache
def _flags(late: int, supervised: bool, urgent: bool) -> _Flags:
    """What one ticket of a kind adds to its seat's tally, and its weight (12 kinds of flags)."""
    one = (1, int(late == 2), int(late == 1), int(supervised), int(urgent))
    return _Flags(tuple(i for i, x in enumerate(one) if x), balance.tally_weight(*one))


def _deadline_class(now: datetime) -> ColumnElement[int]:
    """2 past due, 1 due within NEAR, 0 later or none (as app.lead.balance.weight reads it)."""
    return case(
        (and_(TicketRow.next_due.is_not(None), TicketRow.next_due <= now), 2),
        (TicketRow.next_due <= now + balance.NEAR, 1),
        else_=0,
    )


def _newest(session: Session, steps: list[balance.Step], now: datetime) -> list[balance.OpenTicket]:
    """For each step, the newest unsupervised open ticket of its seat and kind not taken by an
    earlier step. The database ranks each seat's tickets of a kind and sends at most as many per
    kind as that seat gives in all (a few thousand rows, not the whole table)."""
    if not steps:
        return []
    giving: dict[str, int] = {}
    for step in steps:
        giving[step.from_seat] = giving.get(step.from_seat, 0) + 1
    late, prefix = _deadline_class(now), seat_work.skill_prefix_sql()
    wanted = case(giving, value=TicketRow.assigned_seat, else_=0)
    ranked = (
        select(
            TicketRow.id,
            TicketRow.assigned_seat,
            TicketRow.next_due,
            TicketRow.urgent,
            TicketRow.category_code,
            wanted.label("wanted"),
            func.row_number()
            .over(
                partition_by=[TicketRow.assigned_seat, late, TicketRow.urgent, prefix],
                order_by=TicketRow.id.desc(),
            )
            .label("rank"),
        )
        .where(
            TicketRow.is_open.is_(True), TicketRow.supervised.is_(False), TicketRow.assigned_seat.in_(giving)
        )
        .subquery()
    )
    rows = session.execute(
        select(ranked).where(ranked.c.rank <= ranked.c.wanted).order_by(ranked.c.id.desc())
    )
    candidates: dict[tuple[str, float, frozenset[str]], list[balance.OpenTicket]] = {}
    for r in rows:
        t = balance.OpenTicket(r.id, r.assigned_seat, r.next_due, False, r.urgent, r.category_code)
        candidates.setdefault(
            (r.assigned_seat, balance.weight(t, now), balance.needs(t.category)), []
        ).append(t)
    return [candidates[(s.from_seat, s.weight, s.skills)].pop(0) for s in steps]


def reassign(
    db: Database,
    lead: UserRow,
    moves: Iterable[Move],
    reason: str,
    sla: SlaClock,
    clock: Callable[[], datetime],
    *,
    problems: bool = False,
    versions: Mapping[str, int] | None = None,
) -> ReassignResult:
    """改派: each ticket whose seat is still `from_seat` (None: any seat) goes to `to_seat` (None:
    the team pool). `versions`: the version each ticket had when the lead saw it; a move made since
    by someone else is refused by push (it locks the ticket). `problems`: the caller reads the codes
    of why a move was refused (OpResult.problem)."""
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
        seen = (versions or {}).get(move.ticket_id, ticket.version)
        ops.append(_assign_op(lead, move, seen, reason, now))
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


def _seats(session: Session, counts: dict[str, _Tally]) -> list[_Seat]:
    """Operator seats: those with an account, and any other open work is assigned to. Columns, not
    ORM rows: the board asks for 500 seats every few seconds."""
    accounts = select(UserRow.seat_id, UserRow.display_name).where(UserRow.role == Role.OPERATOR.value)
    operators = {seat: name for seat, name in session.execute(accounts) if seat}
    rows = {r.seat_id: r for r in session.execute(select(SeatRow.seat_id, SeatRow.last_seen, SeatRow.report))}
    skills = {
        seat: frozenset(tags)
        for seat, tags in session.execute(select(SeatSkillRow.seat_id, SeatSkillRow.skills))
    }
    seats = []
    for seat_id in sorted(set(operators) | set(counts)):
        row = rows.get(seat_id)
        seen = row.last_seen if row else None
        report = _report(row.report if row else None)
        seats.append(_Seat(seat_id, operators.get(seat_id), seen, report, skills.get(seat_id, frozenset())))
    return seats


def _report(kept: dict[str, Any] | None) -> SeatReport | None:
    """The kept report, or None when there is none or it no longer reads (a row of an older server)."""
    if kept is None:
        return None
    try:
        return SeatReport.model_validate(kept)
    except ValueError:
        return None


def _load(seat: _Seat, tally: _Tally, now: datetime, handled_today: int = 0) -> SeatLoad:
    return SeatLoad(
        seat_id=seat.seat_id,
        operator=seat.operator,
        open=tally.open,
        overdue=tally.overdue,
        supervised=tally.supervised,
        last_seen=seat.last_seen,
        report=seat.report,
        online=seat.state(now) != "offline",
        near_due=tally.near,
        handled_today=handled_today,
        skills=sorted(seat.skills),
        weighted=tally.weighted,
    )
