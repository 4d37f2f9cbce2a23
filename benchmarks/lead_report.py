"""月分析 at a city's size: a month's figures over 300,000 tickets (PostgreSQL; SQLite beside it).

What is timed is the server's report (`sync.server.figures.report`: the ticket figures summed by the
database from app.lead.figures' definitions compiled to SQL, the shifts' in Python), by day for one
month, grouped by district (the city's report) and by seat. The baseline, in the same run on the same
database: every ticket's facts of the month loaded into Python and tallied there by the same
definitions (`app.lead.figures.tally`). Both answers are compared; they must be equal. Target ≤ 2 s.

Tickets: 300 seats, 12 districts, 15 大类; kinds, 直接办结, 派单 (some late), 改派, 答复 (some late,
some never), 回访 with satisfaction, 重办 and 撤单 in proportions a centre would see.

    python -m benchmarks.lead_report [--tickets 300000] [--repeat 7] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, select, text

from app.domain.figures import Grouping, Period
from app.lead.figures import Buckets, Cells, TicketFact, tally
from app.lead.figures_sql import ticket_facts
from benchmarks._sync_rig import fresh_postgres, latency_summary, machine, ms
from benchmarks.lead_board import _ticket as board_ticket
from sync.server import figures
from sync.server.db import Database, bulk_insert, migrate
from sync.server.models import EventRow, TicketRow, table_of

ZONE = ZoneInfo("Asia/Shanghai")
DISTRICTS = (
    "福田区",
    "罗湖区",
    "南山区",
    "宝安区",
    "龙岗区",
    "盐田区",
    "龙华区",
    "坪山区",
    "光明区",
    "大鹏新区",
    "",
    "前海",
)
CATEGORIES = tuple(
    f"{top}.X{n}.Y{n}"
    for top in ("CJ", "HJ", "JT", "SB", "JY", "WS", "GA", "SC", "ZF", "NY")
    for n in range(3)
)
KINDS = ("consultation", "consultation", "help", "complaint", "complaint", "report", "suggestion", "praise")
SATISFACTIONS = ("satisfied", "satisfied", "basic", "unsatisfied")


def random_facts(n: int, first: date, days: int, now: datetime, rng: random.Random) -> list[TicketFact]:
    """`n` tickets accepted over `days` days from `first` (local), each step at a plausible time."""
    seats = [f"S{k:03d}" for k in range(1, 301)]
    out = []
    for _ in range(n):
        created = datetime.combine(first, datetime.min.time(), ZONE) + timedelta(
            seconds=rng.randrange(days * 86400)
        )
        accepted = created + timedelta(seconds=rng.choice((60, 300, 900, 1800, 2400, 7200)))
        kind = rng.choice(KINDS)
        direct = kind == "consultation" and rng.random() < 0.6
        ended = not direct and rng.random() < 0.03
        dispatch_due = accepted + timedelta(hours=rng.choice((2, 8)))
        dispatched = (
            None if direct or rng.random() < 0.05 else accepted + timedelta(minutes=rng.randint(5, 600))
        )
        close_due = (dispatched or accepted) + timedelta(days=rng.choice((1, 3, 5)))
        replied = (
            None
            if dispatched is None or rng.random() < 0.15
            else dispatched + timedelta(hours=rng.randint(1, 24 * 6))
        )
        visited = replied is not None and rng.random() < 0.8
        reopened = visited and rng.random() < 0.07
        satisfaction = (
            rng.choice(SATISFACTIONS) if visited and not (reopened and rng.random() < 0.5) else None
        )
        out.append(
            TicketFact(
                seat=rng.choice(seats),
                category=rng.choice(CATEGORIES) if rng.random() > 0.02 else None,
                district=rng.choice(DISTRICTS),
                kind=kind,
                created_at=created,
                accepted_at=accepted,
                dispatch_due=None if direct else dispatch_due,
                dispatched_at=_past(dispatched, now),
                close_due=None if dispatched is None else close_due,
                replied_at=_past(replied, now),
                satisfaction=satisfaction if replied is not None and replied <= now else None,
                direct=direct,
                ended=ended,
                reopened=reopened and replied is not None and replied <= now,
            )
        )
    return out


def _past(moment: datetime | None, now: datetime) -> datetime | None:
    return moment if moment is not None and moment <= now else None


def rows_of(facts: list[TicketFact], now: datetime) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The ticket row and event rows that tell each fact: what app.lead.figures_sql reads back."""
    for n, f in enumerate(facts):
        ticket_id = f"{n:08x}-0000-7000-8000-0000f16e0000"
        row = board_ticket(ticket_id, f.seat, now, random.Random(n), True)
        row |= {
            "kind": f.kind,
            "category_code": f.category,
            "district": f.district,
            "created_at": f.created_at,
            "accepted_at": f.accepted_at,
            "dispatch_due": f.dispatch_due,
            "close_due": f.close_due,
            "satisfaction": f.satisfaction,
            "status": "closed" if f.direct or f.ended else "dispatched",
            "is_open": not (f.direct or f.ended),
        }
        steps: list[tuple[str, str, datetime | None]] = [("accept", "accepted", f.accepted_at)]
        if f.dispatched_at is not None:
            steps.append(("dispatch", "dispatched", f.dispatched_at))
            if n % 11 == 0:  # 退单 and 改派 later: the first 派单 is the one that counts
                steps.append(("dispatch", "dispatched", f.dispatched_at + timedelta(hours=3)))
        if f.replied_at is not None:
            if n % 13 == 0:  # an earlier 答复 too: the latest is the one that counts
                steps.append(("reply", "replied", f.replied_at - timedelta(hours=1)))
            steps.append(("reply", "replied", f.replied_at))
        if f.satisfaction is not None or f.reopened:
            steps.append(("visit", "visited", (f.replied_at or f.accepted_at) + timedelta(hours=2)))
        if f.reopened:
            steps.append(("reopen", "in_progress", (f.replied_at or f.accepted_at) + timedelta(hours=3)))
        if f.direct:
            steps.append(("close_direct", "closed", f.accepted_at))
        if f.ended:
            steps.append(("withdraw", "closed", f.accepted_at + timedelta(hours=1)))
        elif n % 17 == 0:  # a repeat merged into this one: a link, the ticket goes on
            steps.append(("merge", "dispatched", f.accepted_at + timedelta(hours=1)))
        events = [
            {
                "id": f"{n:08x}-0000-7000-8000-{k:012x}",
                "ticket_id": ticket_id,
                "action": action,
                "from_status": "accepted",
                "to_status": to_status,
                "at": at,
                "actor": "x",
                "role": "operator",
                "seat_id": f.seat,
                "reason": "",
                "data": {},
                "received_at": at,
            }
            for k, (action, to_status, at) in enumerate(steps)
        ]
        yield row, events


def seed(url: str, facts: list[TicketFact], now: datetime) -> None:
    db = Database.open(url)
    try:
        tickets, events = [], []
        for row, evs in rows_of(facts, now):
            tickets.append(row)
            events += evs
        with db.writing() as session:
            for start in range(0, len(tickets), 20_000):
                bulk_insert(session, table_of(TicketRow), tickets[start : start + 20_000])
            for start in range(0, len(events), 50_000):
                bulk_insert(session, table_of(EventRow), events[start : start + 50_000])
        if url.startswith("postgresql"):  # what autovacuum does soon after a load this size
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE tickets"))
                conn.execute(text("VACUUM ANALYZE events"))
    finally:
        db.dispose()


def baseline(session: Any, by: Grouping, buckets: Buckets, now: datetime) -> Cells:
    """Every ticket's facts of the period loaded into Python and tallied there."""
    facts = ticket_facts(cast(Table, TicketRow.__table__), cast(Table, EventRow.__table__), buckets.since)
    query = select(facts).where(facts.c.accepted_at >= buckets.since, facts.c.accepted_at < buckets.until)
    loaded = [
        TicketFact(
            **{
                **row._mapping,
                "direct": bool(row.direct),
                "ended": bool(row.ended),
                "reopened": bool(row.reopened),
            }
        )
        for row in session.execute(query)
    ]
    return tally(loaded, [], by, buckets, now)


def _timed(repeat: int, work: Any) -> tuple[list[float], Any]:
    times, answer = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        answer = work()
        times.append(time.perf_counter() - t0)
    return times, answer


def run(url: str, tickets: int, repeat: int) -> dict[str, Any]:
    first = date(2026, 11, 1)
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    facts = random_facts(tickets, first, 30, now, random.Random(20))
    started = time.perf_counter()
    seed(url, facts, now)
    seeded = time.perf_counter() - started
    buckets = Buckets.covering(Period.DAY, first, date(2026, 11, 30), ZONE)
    db = Database.open(url)
    out: dict[str, Any] = {"seed_s": round(seeded, 1)}
    try:
        for by in (Grouping.DISTRICT, Grouping.SEAT):
            with db.reading() as session:
                report_times, answer = _timed(
                    repeat, partial(figures.report, session, by, buckets, now, None)
                )
                base_times, expected = _timed(
                    max(2, repeat // 3), partial(baseline, session, by, buckets, now)
                )
            out[f"month_by_day_by_{by.value}"] = {
                "server_report": {
                    **latency_summary(report_times),
                    "median_ms": ms(statistics.median(report_times)),
                },
                "baseline_python_over_all_rows": {
                    **latency_summary(base_times),
                    "median_ms": ms(statistics.median(base_times)),
                },
                "ratio_baseline_over_report": round(
                    statistics.median(base_times) / statistics.median(report_times), 1
                ),
                "same_answer": _same(answer, expected),
                "rows": len({k for k, _ in answer}),
                "target_ms": 2000,
            }
    finally:
        db.dispose()
    return out


def _same(a: Cells, b: Cells) -> bool:
    if a.keys() != b.keys():
        return False
    return all(
        abs(a[k][f].numerator - b[k][f].numerator) < 1e-6 and a[k][f].denominator == b[k][f].denominator
        for k in a
        for f in b[k]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tickets", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    report: dict[str, Any] = {
        "benchmark": "lead_report",
        "tickets": args.tickets,
        "machine": machine(),
        "load_average_1m_at_start": round(os.getloadavg()[0], 1),  # other work on the machine meanwhile
    }
    with fresh_postgres() as url:
        report["postgresql"] = run(url, args.tickets, args.repeat)
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'report.sqlite3'}"
            migrate(url)
            report["sqlite"] = run(url, args.tickets, args.repeat)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
