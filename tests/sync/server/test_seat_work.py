"""The board's and the balance's counts kept on write (sync.server.seat_work) say exactly what
counting every open ticket says, whatever the pushes did and whatever the clock reads."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import delete, select, update
from starlette.testclient import TestClient

from app.domain.kinds import Kind
from app.domain.status import Action, Role
from app.lead import balance
from sync.server import lead, seat_work
from sync.server.db import Database, migrate
from sync.server.models import CounterRow, SeatWorkRow, TicketRow
from tests.sync.server.wire import DEPARTMENT, NOW, command_op, create_op, push

Client = Callable[[str], TestClient]
SEATS = ("A01", "A02", "A03")
CATEGORIES = ("CJ.WY.DT", "ZC.QY.KB", "FE.ET.XL")  # none, 涉企, 心理疏导
Kinds = Counter[tuple[str, int, bool, bool, str]]


def _db(app: FastAPI) -> Database:
    db: Database = app.state.services.db
    return db


def _open_tickets(db: Database) -> list[Any]:
    query = select(
        TicketRow.assigned_seat,
        TicketRow.next_due,
        TicketRow.supervised,
        TicketRow.urgent,
        TicketRow.category_code,
    ).where(TicketRow.is_open.is_(True), TicketRow.assigned_seat.is_not(None))
    with db.reading() as session:
        return list(session.execute(query))


def _counted(db: Database, now: datetime) -> Kinds:
    """Every open ticket looked at, as balance.weight reads its deadline: the definition."""
    found: Kinds = Counter()
    for seat, due, supervised, urgent, category in _open_tickets(db):
        late = (
            2 if due is not None and due <= now else 1 if due is not None and due - now <= balance.NEAR else 0
        )
        found[(seat, late, supervised, urgent, balance.skill_prefix(category))] += 1
    return found


def _kept(db: Database, now: datetime) -> Kinds:
    with db.reading() as session:
        kinds = seat_work.kinds(session, now)
    found: Kinds = Counter()
    for k in kinds:
        found[(k.seat, k.late, k.supervised, k.urgent, k.skill)] += k.count
    return found


def _random_pushes(client_for: Client, db: Database, rng: random.Random, rounds: int) -> None:
    """受理 on three seats, then 改派 (to a seat or the pool), 督办, 派单 and 直接办结 at random; many
    are refused (a seat acting on a ticket it no longer holds), which must change nothing either."""
    seats = {seat: client_for(seat.lower()) for seat in SEATS}
    leader = client_for("lead")
    for n in range(rounds):
        seat = rng.choice(SEATS)
        kind = rng.choice([Kind.HELP, Kind.CONSULTATION])
        at = NOW + timedelta(minutes=7 * n)
        ops = [
            create_op(seat, kind=kind, at=at, category_code=rng.choice(CATEGORIES), urgent=rng.random() < 0.3)
            for _ in range(rng.randint(0, 3))
        ]
        with db.reading() as session:
            known = list(session.execute(select(TicketRow.id, TicketRow.version, TicketRow.assigned_seat)))
        for ticket_id, version, holder in rng.sample(known, min(len(known), 3)):
            action = rng.choice([Action.ASSIGN, Action.SUPERVISE, Action.DISPATCH, Action.CLOSE_DIRECT])
            if action in (Action.ASSIGN, Action.SUPERVISE):
                to = rng.choice([*SEATS, None])
                op = command_op(
                    ticket_id, version, "LEAD", action, Role.TEAM_LEAD, at=at, reason="均衡", assign_to=to
                )
                push(leader, op)
            else:
                who = holder or seat
                fields = {"department": DEPARTMENT} if action is Action.DISPATCH else {"reason": "已解答"}
                push(
                    seats.get(who, seats[seat]), command_op(ticket_id, version, who, action, at=at, **fields)
                )
        if ops:
            push(seats[seat], *ops)


def _moments(db: Database) -> list[datetime]:
    """Clock readings at and around every deadline and the NEAR window's edges."""
    dues = sorted({due for _s, due, *_ in _open_tickets(db) if due is not None})
    edges = [d + shift for d in dues for shift in (timedelta(0), -balance.NEAR)]
    return [NOW - timedelta(days=1), *(e + s for e in edges for s in (timedelta(seconds=-1), timedelta(0)))]


def test_kept_counts_equal_counting_every_open_ticket_after_random_pushes(
    client_for: Client, server_app: FastAPI
) -> None:
    db = _db(server_app)
    rng = random.Random(20)
    for _ in range(3):
        _random_pushes(client_for, db, rng, rounds=8)
        moments = _moments(db)
        assert len(_open_tickets(db)) > 5
        for now in [*rng.sample(moments, min(len(moments), 25)), moments[-1] + timedelta(days=30)]:
            assert _kept(db, now) == _counted(db, now), now


def test_the_board_shows_what_counting_every_open_ticket_shows(
    client_for: Client, server_app: FastAPI
) -> None:
    db = _db(server_app)
    rng = random.Random(21)
    _random_pushes(client_for, db, rng, rounds=16)
    for now in rng.sample(_moments(db), 20):
        expected: dict[str, tuple[int, int, int, int, int, float]] = {}
        for seat, due, supervised, urgent, category in _open_tickets(db):
            ticket = balance.OpenTicket("", seat, due, supervised, urgent, category)
            late = due is not None and due <= now
            near = due is not None and now < due <= now + balance.NEAR
            o, d, n, s, u, w = expected.get(seat, (0, 0, 0, 0, 0, 0.0))
            expected[seat] = (
                o + 1,
                d + late,
                n + near,
                s + supervised,
                u + urgent,
                w + balance.weight(ticket, now),
            )
        with db.reading() as session:
            board = lead.seat_loads(session, now, now)
        shown = {
            s.seat_id: (s.open, s.overdue, s.near_due, s.supervised, _urgent(s), s.weighted)
            for s in board
            if s.open
        }
        assert shown == expected


def _urgent(load: Any) -> int:
    """紧急 count as the board's weighted load carries it (the wire has no field of its own)."""
    return int(load.weighted - (load.open + 2 * load.overdue + load.near_due + load.supervised))


def test_a_recount_finds_the_counts_push_kept(client_for: Client, server_app: FastAPI) -> None:
    db = _db(server_app)
    _random_pushes(client_for, db, random.Random(22), rounds=10)
    query = select(
        SeatWorkRow.seat_id, SeatWorkRow.supervised, SeatWorkRow.urgent, SeatWorkRow.skill, SeatWorkRow.count
    )
    with db.reading() as session:
        kept = {tuple(r[:4]): r[4] for r in session.execute(query) if r[4]}
    with db.writing() as session:
        seat_work.recount(session)
    with db.reading() as session:
        assert {tuple(r[:4]): r[4] for r in session.execute(query)} == kept


def test_migrate_recounts_when_the_counts_were_made_with_other_category_skills(
    client_for: Client, server_app: FastAPI, db_url: str
) -> None:
    db = _db(server_app)
    _random_pushes(client_for, db, random.Random(23), rounds=6)
    truth = _counted(db, NOW)
    with db.writing() as session:
        session.execute(delete(SeatWorkRow))
    migrate(db_url)  # the counts are of today's CATEGORY_SKILLS: left alone
    assert _kept(db, NOW) == Counter()
    with db.writing() as session:
        session.execute(update(CounterRow).where(CounterRow.name == seat_work.FINGERPRINT).values(value=1))
    migrate(db_url)
    assert _kept(db, NOW) == truth
