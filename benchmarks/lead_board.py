"""班长台 at a big centre's size: 500 seats, 200,000 open tickets (PostgreSQL, and SQLite beside it).

- Board refresh, server side: `sync.server.lead.seat_loads` in a read transaction plus the JSON the
  endpoint sends, repeated; target p95 ≤ 200 ms. Beside it, taking turns in the same run, the same
  refresh with the open work counted the way it was before the counts kept on write
  (sync.server.seat_work): one grouped scan of every open ticket.
- 疏忙导闲 proposal: `sync.server.lead.balance_proposal` (planning with app.lead.balance from the kept
  counts); target ≤ 1 s; beside it, the same proposal with its kinds from a scan of every open
  ticket (as before). And, in the same run on the same tickets, the greedy count balance the server
  used before (kept here as the baseline). Both report the spread, max/mean of SLA-weighted load
  over the seats that take work, before and after, and how often each would give work to a seat on
  小休 or without the skill a ticket's category needs.

Seats: 90 % seen lately (their reported state spread over 空闲/通话中/话后处理/小休), 10 % 离线; a fifth
tagged 涉企, a tenth 心理疏导. Tickets: per-seat load skewed (log-normal), deadlines from past due to
two days ahead, 3 % 督办, 2 % 紧急, 8 % in categories that need a skill; plus today's closed tickets.

    python -m benchmarks.lead_board [--seats 500] [--tickets 200000] [--repeat 40] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from sqlalchemy import and_, case, func, select, text
from sqlalchemy.orm import Session

from app.lead import balance
from benchmarks._sync_rig import add_operators, fresh_postgres, latency_summary, machine, ms, percentile
from sync.protocol import BalanceProposal, SeatLoad
from sync.server import lead, seat_work
from sync.server.db import Database, bulk_insert, migrate
from sync.server.models import SeatRow, SeatSkillRow, TicketRow, table_of

STATES = ("idle", "on_call", "on_call", "wrap_up", "break")
CATEGORIES = ("CJ.WY.DT", "HJ.ZS.JZ", "JT.GJ.XL", "SB.YL.BX")
SKILLED = ("ZC.QY.KB", "FE.ET.XL")  # need 涉企, 心理疏导


def seed(url: str, seats: int, tickets: int, now: datetime, rng: random.Random) -> list[str]:
    ids = [f"S{n:03d}" for n in range(1, seats + 1)]
    add_operators(url, ids)
    seat_rows, skill_rows = [], []
    for seat in ids:
        offline = rng.random() < 0.10
        seen = now - (timedelta(hours=3) if offline else timedelta(seconds=rng.randint(0, 300)))
        report = {
            "state": rng.choice(STATES),
            "since": (seen - timedelta(minutes=rng.randint(0, 40))).isoformat(),
        }
        seat_rows.append({"seat_id": seat, "username": seat.lower(), "last_seen": seen, "report": report})
        tags = [t for t, share in (("涉企", 0.2), ("心理疏导", 0.1), ("方言", 0.1)) if rng.random() < share]
        if tags:
            skill_rows.append({"seat_id": seat, "skills": tags, "updated_by": "lead", "updated_at": now})
    share = [rng.lognormvariate(0, 0.5) for _ in ids]
    owners = rng.choices(ids, weights=share, k=tickets)
    rows = [
        _ticket(f"{n:08x}-0000-7000-8000-000000000000", seat, now, rng, True) for n, seat in enumerate(owners)
    ]
    closed = [
        _ticket(f"{n:08x}-0000-7000-8000-00000000c105", rng.choice(ids), now, rng, False)
        for n in range(tickets // 10)
    ]
    db = Database.open(url)
    try:
        with db.writing() as session:
            bulk_insert(session, table_of(SeatRow), seat_rows)
            if skill_rows:
                bulk_insert(session, table_of(SeatSkillRow), skill_rows)
            for start in range(0, len(rows), 20_000):
                bulk_insert(session, table_of(TicketRow), rows[start : start + 20_000])
            bulk_insert(session, table_of(TicketRow), closed)
            seat_work.recount(session)  # a server's tickets come through push, which keeps the counts
        if url.startswith("postgresql"):  # what autovacuum does soon after a load this size
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE tickets"))
    finally:
        db.dispose()
    return ids


def _ticket(id_: str, seat: str, now: datetime, rng: random.Random, open_: bool) -> dict[str, Any]:
    created = now - timedelta(minutes=rng.randint(5, 60 * 24 * 5))
    due = now + timedelta(minutes=rng.randint(-600, 60 * 48))
    category = rng.choice(SKILLED) if rng.random() < 0.08 else rng.choice(CATEGORIES)
    return {
        "id": id_,
        "local_no": f"{seat}-{id_[:8]}",
        "number": None,
        "kind": "help",
        "status": "dispatched" if open_ else "closed",
        "priority": "normal",
        "category_code": category,
        "caller_name": "张三",
        "caller_phone": "13800000000",
        "address": "",
        "district": "",
        "content": "停水",
        "seat_id": seat,
        "assigned_seat": seat,
        "department": None,
        "satisfaction": None,
        "supervised": rng.random() < 0.03,
        "urgent": rng.random() < 0.02,
        "occurred_at": None,
        "company_name": "",
        "plate_number": "",
        "id_number": "",
        "order_number": "",
        "created_at": created,
        "accepted_at": created,
        "closed_at": None if open_ else now - timedelta(minutes=rng.randint(1, 300)),
        "dispatch_due": due,
        "close_due": due + timedelta(days=5),
        "next_due": due if open_ else None,
        "is_open": open_,
        "version": 1,
        "changes": {},
        "updated_at": now,
    }


def greedy(
    seats: list[balance.SeatInfo], tickets: list[balance.OpenTicket], online: set[str]
) -> list[tuple[str, str, str]]:
    """The server's balance before this change (by count, among the seats seen lately, 小休 or not,
    skills unknown): the busiest seat's newest unsupervised ticket to the idlest seat, until their
    counts differ by at most one. (ticket, from, to) moves."""
    taking_part = [s.seat_id for s in seats if s.seat_id in online] or [s.seat_id for s in seats]
    ids = set(taking_part)
    mine = [t for t in tickets if t.seat in ids]
    load = Counter({s: 0 for s in taking_part})
    load.update(t.seat for t in mine if t.seat is not None)
    movable: dict[str, list[balance.OpenTicket]] = {s: [] for s in ids}
    for t in sorted(mine, key=lambda t: t.id):  # UUIDv7 (here: counters): in the order made
        if not t.supervised and t.seat is not None:
            movable[t.seat].append(t)
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
        moves.append((ticket.id, busiest, idlest))
    return moves


def run(url: str, seats: int, tickets: int, repeat: int, rng: random.Random) -> dict[str, Any]:
    now = datetime.now(UTC).replace(microsecond=0)
    started = time.perf_counter()
    seed(url, seats, tickets, now, rng)
    seeded = time.perf_counter() - started
    db = Database.open(url)
    day_start = now.replace(hour=0, minute=0, second=0)
    try:
        refresh: list[float] = []
        refresh_scanning: list[float] = []
        _refresh(db, now, day_start, [])  # untimed: opens the pool's connection, as a running server has
        for n in range(repeat):  # in turns, each first every other time: both see the same machine load
            for scan in (n % 2 == 1, n % 2 == 0):
                if scan:
                    with scanning():
                        scanned = _refresh(db, now, day_start, refresh_scanning)
                else:
                    loads = _refresh(db, now, day_start, refresh)
        assert scanned == loads, "the kept counts and the scan must agree"

        proposals: list[float] = []
        proposals_scanning: list[float] = []
        for _ in range(3):
            proposal = _propose(db, now, proposals)
            with scanning():
                _propose(db, now, proposals_scanning)

        with db.reading() as session:
            infos, open_tickets = _board(session, now)
        t0 = time.perf_counter()
        plan = balance.propose(infos, open_tickets, now)
        planning = time.perf_counter() - t0
        online = {s.seat_id for s in infos if s.state != "offline"}
        t0 = time.perf_counter()
        greedy_moves = greedy(infos, open_tickets, online)
        greedy_time = time.perf_counter() - t0
    finally:
        db.dispose()

    takers = {s.seat_id for s in infos if s.state in balance.TAKES_WORK}
    by_id = {t.id: t for t in open_tickets}
    skills = {s.seat_id: s.skills for s in infos}
    states = {s.seat_id: s.state for s in infos}
    greedy_to = {t: to for t, _from, to in greedy_moves}
    after_greedy = [_moved(t, greedy_to) for t in open_tickets]

    def spread(ts: list[balance.OpenTicket]) -> float:
        loads = balance.loads(infos, ts, now)
        return round(balance.Plan.spread({s: w for s, w in loads.items() if s in takers}), 3)

    def worst(ts: list[balance.OpenTicket]) -> float:
        return max(balance.loads(infos, ts, now).values())

    weighted_to = {m.ticket_id: m.to_seat for m in plan.moves}
    proposed_to = {m.ticket_id: m.to_seat for m in proposal.moves if m.to_seat is not None}
    greedy_first = {t: to for t, _from, to in greedy_moves[: len(proposal.moves)]}
    outcomes = {
        "before": open_tickets,
        "weighted_full_plan": [_moved(t, weighted_to) for t in open_tickets],
        "weighted_server_proposal": [_moved(t, proposed_to) for t in open_tickets],
        "greedy_by_count_full": after_greedy,
        "greedy_by_count_same_number_of_moves": [_moved(t, greedy_first) for t in open_tickets],
    }
    return {
        "seed_s": round(seeded, 1),
        "board_refresh": {**latency_summary(refresh), "target_p95_ms": 200, "seats_shown": len(loads)},
        "board_refresh_scanning_every_open_ticket": latency_summary(refresh_scanning),
        "board_refresh_ratio_p95": round(percentile(refresh, 0.95) / percentile(refresh_scanning, 0.95), 2),
        "balance_proposal": {
            "server_ms": [ms(p) for p in proposals],
            "target_ms": 1000,
            "moves": len(proposal.moves),
            "note": "capped at what one apply takes (MAX_BATCH); busiest seats first",
        },
        "balance_proposal_scanning_every_open_ticket_ms": [ms(p) for p in proposals_scanning],
        "balance_proposal_ratio_max": round(max(proposals) / max(proposals_scanning), 2),
        "full_plan": {"planning_only_ms": ms(planning), "moves": len(plan.moves)},
        "spread_max_over_mean_weighted": {k: spread(v) for k, v in outcomes.items()},
        "worst_weighted_load": {k: worst(v) for k, v in outcomes.items()},
        "greedy_by_count": {
            "ms": ms(greedy_time),
            "moves": len(greedy_moves),
            "to_seats_on_break": sum(states[to] == "break" for _t, _f, to in greedy_moves),
            "to_seats_without_the_skill": sum(
                not balance.needs(by_id[t].category) <= skills[to] for t, _f, to in greedy_moves
            ),
        },
    }


def _refresh(db: Database, now: datetime, day_start: datetime, times: list[float]) -> list[SeatLoad]:
    """One board refresh as the endpoint makes it (less the access record), timed into `times`."""
    t0 = time.perf_counter()
    with db.reading() as session:
        loads = lead.seat_loads(session, now, day_start)
    json.dumps([load.model_dump(mode="json") for load in loads])
    times.append(time.perf_counter() - t0)
    return loads


def _propose(db: Database, now: datetime, times: list[float]) -> BalanceProposal:
    t0 = time.perf_counter()
    with db.reading() as session:
        proposal = lead.balance_proposal(session, now)
    times.append(time.perf_counter() - t0)
    return proposal


@contextmanager
def scanning() -> Iterator[None]:
    """The board and the balance as they counted before sync.server.seat_work: every open ticket
    scanned and grouped by the database on each call (the baseline, swapped in for a while)."""
    with (
        mock.patch.object(seat_work, "board", _scanned_board),
        mock.patch.object(seat_work, "kinds", _scanned_kinds),
    ):
        yield


def _scanned_board(session: Session, now: datetime) -> dict[str, seat_work.Counts]:
    overdue = and_(TicketRow.next_due.is_not(None), TicketRow.next_due <= now)
    near = and_(TicketRow.next_due > now, TicketRow.next_due <= now + balance.NEAR)
    rows = session.execute(
        select(
            TicketRow.assigned_seat,
            func.count(),
            func.count().filter(overdue),
            func.count().filter(near),
            func.count().filter(TicketRow.supervised.is_(True)),
            func.count().filter(TicketRow.urgent.is_(True)),
        )
        .where(TicketRow.is_open.is_(True))
        .group_by(TicketRow.assigned_seat)
    )
    return {seat: seat_work.Counts(*counts) for seat, *counts in rows if seat is not None}


def _scanned_kinds(session: Session, now: datetime) -> list[seat_work.Kind]:
    late = case(
        (and_(TicketRow.next_due.is_not(None), TicketRow.next_due <= now), 2),
        (TicketRow.next_due <= now + balance.NEAR, 1),
        else_=0,
    )
    prefix = seat_work.skill_prefix_sql()
    rows = session.execute(
        select(TicketRow.assigned_seat, late, TicketRow.supervised, TicketRow.urgent, prefix, func.count())
        .where(TicketRow.is_open.is_(True), TicketRow.assigned_seat.is_not(None))
        .group_by(TicketRow.assigned_seat, late, TicketRow.supervised, TicketRow.urgent, prefix)
    )
    return [seat_work.Kind(*row) for row in rows]


def _moved(t: balance.OpenTicket, to: dict[str, str]) -> balance.OpenTicket:
    return dataclasses.replace(t, seat=to.get(t.id, t.seat))


def _board(session: Any, now: datetime) -> tuple[list[balance.SeatInfo], list[balance.OpenTicket]]:
    """Every seat as the balance sees it and every assigned open ticket, one by one: what the full
    plan and the greedy baseline are run on (the server plans from the database's counts)."""
    infos = [
        balance.SeatInfo(
            s.seat_id,
            "offline" if not s.online else (s.report.state if s.report else "idle"),
            frozenset(s.skills),
        )
        for s in lead.seat_loads(session, now, now)
    ]
    query = select(
        TicketRow.id,
        TicketRow.assigned_seat,
        TicketRow.next_due,
        TicketRow.supervised,
        TicketRow.urgent,
        TicketRow.category_code,
    ).where(TicketRow.is_open.is_(True), TicketRow.assigned_seat.is_not(None))
    return infos, [balance.OpenTicket(*row) for row in session.execute(query)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seats", type=int, default=500)
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    report: dict[str, Any] = {
        "benchmark": "lead_board",
        "seats": args.seats,
        "open_tickets": args.tickets,
        "machine": machine(),
    }
    with fresh_postgres() as url:
        report["postgresql"] = run(url, args.seats, args.tickets, args.repeat, random.Random(7))
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'board.sqlite3'}"
            migrate(url)
            report["sqlite"] = run(url, args.seats, args.tickets, args.repeat, random.Random(7))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
