"""200 seats at once (高峰并发): every seat syncs the way the seat client does, against one
`hotline-server serve` on PostgreSQL. Several uvicorn workers (ours) vs. one (baseline), side by side
on fresh databases with the same load.

A seat's SyncLoop pulls every `sync.interval_s` (the shipped default, 5 s) and, after every local
change, pushes at once and pulls (SeatSync wakes it). So each simulated seat is an operator making
changes (受理 of a new ticket, 修改 of one of its own) at random (Poisson) moments, `--changes-per-min`
of them a minute, each pushed as it happens and followed by a pull; between changes it pulls on the
interval. The default, 4 changes a minute, is a call a minute with its 受理 and edits: a hotline peak
hour is closer to a call every 3-5 minutes per operator, so this is several times the real peak.
`--interval 1 --changes-per-min 60` gives the older, harsher hammer (a push every second per seat).

Every seat is its own operator account and its own httpx.AsyncClient (its own connection), all in one
asyncio loop: the load generator shares the machine's cores with the server and PostgreSQL, so it is
kept light (ops are made and serialized before the clock starts, one TLS-free transport setup shared)
and its own event-loop lag and CPU are reported. Latencies are client side, request sent to answer
read. Targets: p99 ≤ 100 ms for push and for pull, no errors.

    python -m benchmarks.sync_load [--seats 200] [--minutes 1] [--changes-per-min 4] [--workers 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import ssl
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psutil  # type: ignore[import-untyped]

from app.config.settings import setting
from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.ops import OpKind
from app.domain.planning import apply_planned
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.domain.ticket import Ticket
from app.resources import load_sla_clock
from benchmarks._sync_rig import (
    PASSWORD,
    add_operators,
    fresh_postgres,
    latency_summary,
    machine,
    ms,
    percentile,
    scalar,
)
from sync.protocol import (
    API_PREFIX,
    CommandOp,
    CommandWire,
    CreateOp,
    Op,
    PushRequest,
)
from tests.sync.live import LiveServer

TARGET_P99_MS = 100.0
PULL_LIMIT = 200
_JSON = {"Content-Type": "application/json"}


@dataclass
class SeatPlan:
    """One seat's account and its pushes, made and serialized before the run."""

    seat: str
    username: str
    warmup: tuple[int, bytes]  # pushed once before the clock starts: (ops in it, PushRequest JSON)
    batches: list[tuple[int, bytes]]  # the timed pushes, one local change each


def plan_seat(seat: str, changes: int, sla: SlaClock, rng: random.Random) -> SeatPlan:
    """A warm-up push and `changes` pushes of one local change each: a 受理 now and then, 修改 of
    the seat's own tickets otherwise. As ServerApi sends them: only the fields set, so a 修改 carries
    just what changed.

    base_version is the version the server will hold by then (each op of this seat is applied in
    order, and nobody else touches its tickets), as a seat that synced would send."""
    tickets: list[Ticket] = []
    versions: dict[str, int] = {}
    batches = []
    for _ in range(changes + 1):
        at = datetime.now(UTC)
        if not tickets or rng.random() < 0.25:
            op: Op = _accept(seat, len(tickets) + 1, at, sla, rng, tickets)
            versions[op.ticket_id] = 1
        else:
            ticket = rng.choice(tickets)
            op = _edit(seat, ticket, versions[ticket.id], at, sla)
            versions[ticket.id] += 1
        batches.append((1, PushRequest(ops=[op]).model_dump_json(exclude_unset=True).encode()))
    return SeatPlan(seat, seat.lower(), batches[0], batches[1:])


def _accept(
    seat: str, n: int, at: datetime, sla: SlaClock, rng: random.Random, tickets: list[Ticket]
) -> CreateOp:
    draft = Draft(
        id=new_id(),
        seat_id=seat,
        started_at=at,
        kind=Kind.COMPLAINT,
        category_code="CJ.WY.DT",
        caller_name="李四",
        caller_phone=f"139{rng.randrange(10**8):08d}",
        address="南山区科技园路1号",
        district="南山区",
        content="电梯停运，请尽快维修",
    )
    accept = Command(Action.ACCEPT, seat, Role.OPERATOR, at, seat_id=seat)
    ticket, event = apply_planned(draft.to_ticket(f"L-{seat}-{n:04d}"), accept, sla)
    tickets.append(ticket)
    return CreateOp(
        kind=OpKind.CREATE,
        op_id=new_id(),
        ticket_id=ticket.id,
        at=at,
        seat=seat,
        ticket=ticket,
        event=event,
    )


def _edit(seat: str, ticket: Ticket, base: int, at: datetime, sla: SlaClock) -> CommandOp:
    edit = Command(
        Action.EDIT, seat, Role.OPERATOR, at, seat_id=seat, changes={"content": f"补充说明第{base}次"}
    )
    _, event = apply_planned(ticket, edit, sla)
    return CommandOp(
        kind=OpKind.UPDATE,
        op_id=new_id(),
        ticket_id=ticket.id,
        base_version=base,
        at=at,
        seat=seat,
        command=CommandWire.from_domain(edit, event.id),
    )


@dataclass
class Tally:
    push: list[float] = field(default_factory=list)
    pull: list[float] = field(default_factory=list)
    ops: int = 0
    ops_not_applied: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


async def run_seat(
    plan: SeatPlan, client: httpx.AsyncClient, load: Load, rng: random.Random, tally: Tally
) -> None:
    """Pull every interval; at each local change (Poisson, `load.per_second`) push it, then pull."""
    clock = asyncio.get_running_loop().time
    end = clock() + load.seconds
    changes = iter(plan.batches)
    next_change = clock() + rng.expovariate(load.per_second)
    next_poll = clock() + rng.uniform(0, load.interval)  # seats do not all start on the same tick
    cursor = 0
    while (now := clock()) < end:
        wake = min(next_change, next_poll, end)
        await asyncio.sleep(max(0.0, wake - now))
        if clock() >= end:
            return
        if wake == next_change and (change := next(changes, None)) is not None:
            await push(client, *change, tally)
            next_change = clock() + rng.expovariate(load.per_second)
        cursor = await pull(client, cursor, tally)
        next_poll = clock() + load.interval


async def push(client: httpx.AsyncClient, count: int, body: bytes, tally: Tally) -> None:
    started = time.perf_counter()
    try:
        answer = await client.post(f"{API_PREFIX}/sync/push", content=body, headers=_JSON)
    except httpx.HTTPError as exc:
        tally.error(f"push {type(exc).__name__}")
        return
    tally.push.append(time.perf_counter() - started)
    if answer.status_code != 200:
        tally.error(f"push HTTP {answer.status_code}")
        return
    tally.ops += count
    tally.ops_not_applied += sum(r["status"] != "applied" for r in answer.json()["results"])


async def pull(client: httpx.AsyncClient, cursor: int, tally: Tally) -> int:
    """One page after `cursor`; the cursor to pass next time."""
    started = time.perf_counter()
    try:
        answer = await client.get(f"{API_PREFIX}/sync/pull", params={"cursor": cursor, "limit": PULL_LIMIT})
    except httpx.HTTPError as exc:
        tally.error(f"pull {type(exc).__name__}")
        return cursor
    tally.pull.append(time.perf_counter() - started)
    if answer.status_code != 200:
        tally.error(f"pull HTTP {answer.status_code}")
        return cursor
    return int(answer.json()["cursor"])


async def loop_lag(stop: asyncio.Event, lags: list[float]) -> None:
    """How late a 10 ms sleep wakes up: the load generator's own share of any latency."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append(time.perf_counter() - started - 0.01)


async def drive(server: LiveServer, plans: list[SeatPlan], load: Load) -> tuple[Tally, float, list[float]]:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    # One context for all: httpx builds (and loads CA certificates into) one per client otherwise,
    # about 50 ms each, though loopback HTTP never uses it.
    tls = ssl.create_default_context()
    clients = [httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60, verify=tls) for _ in plans]
    try:

        async def login(plan: SeatPlan, client: httpx.AsyncClient) -> None:
            body = {"username": plan.username, "password": PASSWORD}
            answer = await client.post(f"{API_PREFIX}/auth/login", json=body)
            answer.raise_for_status()
            client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

        await asyncio.gather(*(login(p, c) for p, c in zip(plans, clients, strict=True)))
        # Every worker answers a push and a pull before the clock starts (first-request imports and
        # caches are a start-up cost, not a steady-state latency).
        warm = Tally()
        await asyncio.gather(*(push(c, *p.warmup, warm) for p, c in zip(plans, clients, strict=True)))
        await asyncio.gather(*(pull(c, 0, warm) for c in clients))
        if warm.errors or warm.ops_not_applied:
            raise RuntimeError(f"warm-up failed: {warm.errors}, {warm.ops_not_applied} ops not applied")
        tally, lags, stop = Tally(), [], asyncio.Event()
        lag = asyncio.create_task(loop_lag(stop, lags))
        started = time.perf_counter()
        await asyncio.gather(
            *(
                run_seat(p, c, load, random.Random(i), tally)
                for i, (p, c) in enumerate(zip(plans, clients, strict=True))
            )
        )
        seconds = time.perf_counter() - started
        stop.set()
        await lag
        return tally, seconds, lags
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


def _cpu_seconds(process: psutil.Process) -> float:
    """CPU time of a process and its children (the server's workers), or of PostgreSQL's backends."""
    total = 0.0
    for p in [process, *process.children(recursive=True)]:
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass  # gone meanwhile, or not ours to inspect
    return total


def _own_cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def _postgres_cpu() -> float:
    return sum(
        _cpu_seconds(p) for p in psutil.process_iter(["name"]) if p.info["name"] in ("postgres", "postmaster")
    )


def measure(plans: list[SeatPlan], workers: int, load: Load, log_dir: Path) -> dict[str, Any]:
    with fresh_postgres() as url:
        add_operators(url, [p.seat for p in plans])
        with LiveServer(url, workers=workers, log_dir=log_dir, startup_timeout=60) as server:
            me, srv = psutil.Process(), psutil.Process(server.pid)
            # The server is a child of this process: the generator's own CPU is this process alone.
            cpu_before = (_own_cpu(me), _cpu_seconds(srv), _postgres_cpu())
            tally, seconds, lags = asyncio.run(drive(server, plans, load))
            cpu_after = (_own_cpu(me), _cpu_seconds(srv), _postgres_cpu())
        stored = scalar(url, "SELECT count(*) FROM ops") - sum(p.warmup[0] for p in plans)
    requests = len(tally.push) + len(tally.pull)
    errors = sum(tally.errors.values())
    cpu = [round(after - before, 1) for before, after in zip(cpu_before, cpu_after, strict=True)]
    return {
        "workers": workers,
        "seconds": round(seconds, 2),
        "push": latency_summary(tally.push),
        "pull": latency_summary(tally.pull),
        "throughput": {
            "requests_per_s": round(requests / seconds, 1),
            "ops_per_s": round(tally.ops / seconds, 1),
        },
        "errors": errors,
        "error_kinds": tally.errors,
        "ops_pushed": tally.ops,
        "ops_not_applied": tally.ops_not_applied,
        "server_ops_stored": stored,
        "load_generator_loop_lag_ms": {
            "p50": ms(percentile(lags, 0.5)) if lags else None,
            "p99": ms(percentile(lags, 0.99)) if lags else None,
            "max": ms(max(lags)) if lags else None,
        },
        "cpu_seconds": {"load_generator": cpu[0], "server": cpu[1], "postgresql": cpu[2]},
        "meets_target": (
            errors == 0
            and tally.ops_not_applied == 0
            and stored == tally.ops
            and bool(tally.push and tally.pull)
            and max(percentile(tally.push, 0.99), percentile(tally.pull, 0.99)) * 1000 <= TARGET_P99_MS
        ),
    }


@dataclass(frozen=True)
class Load:
    """How the seats behave: pull interval, local changes a second per seat, how long."""

    interval: float
    per_second: float
    seconds: float

    def planned_changes(self) -> int:
        """Changes to prepare per seat: enough that a Poisson run almost never runs out."""
        mean = self.per_second * self.seconds
        return math.ceil(mean + 6 * math.sqrt(mean) + 5)


def run(seats: int, load: Load, workers: int, baseline_workers: int) -> dict[str, Any]:
    sla = load_sla_clock()
    rng = random.Random(20240611)
    started = time.perf_counter()
    plans = [plan_seat(f"S{n:03d}", load.planned_changes(), sla, rng) for n in range(1, seats + 1)]
    plan_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="load-bench-") as log_dir:
        ours = measure(plans, workers, load, Path(log_dir))
        # The same ops again on a fresh database: op ids are per database, so nothing is a duplicate.
        base = measure(plans, baseline_workers, load, Path(log_dir))
    offered = seats * (1 / load.interval + 2 * load.per_second)
    return {
        "benchmark": "sync_load",
        "seats": seats,
        "seconds": load.seconds,
        "seat_behaviour": (
            f"pull every {load.interval:g} s; {load.per_second * 60:g} local changes a minute (Poisson), "
            f"each pushed at once and followed by a pull (limit {PULL_LIMIT})"
        ),
        "offered_requests_per_s": round(offered, 1),
        "warmup": "one unmeasured push + pull per seat after login, before the clock starts",
        "plan_s": round(plan_s, 1),
        "server": "hotline-server serve on PostgreSQL (loopback), fresh database per run",
        "load_generator": (
            "one asyncio loop in this process, one httpx.AsyncClient (one connection) per seat; it "
            f"shares the {psutil.cpu_count()} cores with the server and PostgreSQL, so latencies include "
            "its own scheduling delay (load_generator_loop_lag_ms)"
        ),
        "target": {"p99_ms": TARGET_P99_MS, "errors": 0},
        "ours": ours,
        "baseline_one_worker": base,
        "ratios_baseline_over_ours": {
            f"{kind}_p99": round(base[kind]["p99_ms"] / max(ours[kind]["p99_ms"], 0.01), 2)
            for kind in ("push", "pull")
            if ours[kind]["count"] and base[kind]["count"]
        },
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="200 seats syncing at once, as the seat client does.")
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=1.0, help="how long the seats run")
    parser.add_argument(
        "--interval",
        type=float,
        default=float(setting("sync.interval_s").default),
        help="seconds between idle pulls (default: the seat's shipped sync.interval_s)",
    )
    parser.add_argument("--changes-per-min", type=float, default=4.0, help="local changes per seat")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--baseline-workers", type=int, default=1)
    args = parser.parse_args(argv)
    load = Load(args.interval, args.changes_per_min / 60, args.minutes * 60)
    report = run(args.seats, load, args.workers, args.baseline_workers)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
