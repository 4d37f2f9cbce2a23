"""Draining the outbox after an outage (断网恢复): 10,000 queued ops pushed in batches of 500 vs. one POST
per op, both through the real SyncEngine against a real `hotline-server serve` on PostgreSQL.

The seat's store is filled through TicketStore while no server is reachable: per ticket 受理 + two
修改 + 派单, four ops. Ours drains it with SyncEngine.sync_once (batches of 500); the baseline is the
same engine with batch_size=1 on a fresh database and a fresh store of the same kind. Each run ends
when sync_once returns: the outbox is empty and every answer is settled locally (official numbers
written, tickets updated, then the pull pages that follow the push). Targets: ≤ 5 s, ≥ 20× the
baseline.

    python -m benchmarks.sync_drain [--tickets 2500] [--baseline-tickets 250]

The baseline at one request per op would take minutes for all 10,000; by default it drains a sample
(the first 250 tickets, 1,000 ops) and is extrapolated linearly, which the JSON says.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.resources import load_sla_clock
from app.store.db import open_store
from app.store.outbox import Outbox
from app.store.tickets import TicketStore
from benchmarks._keys import use_benchmark_keys
from benchmarks._sync_rig import add_operators, fresh_postgres, machine, scalar, seat_api
from sync.client.api import ServerApi
from sync.client.engine import SyncEngine
from sync.protocol import MAX_BATCH, Op, PullResponse, PushResponse, SeqRange
from tests.sync.live import LiveServer

SEAT = "A01"
OPS_PER_TICKET = 4
TARGET_SECONDS = 5.0
TARGET_RATIO = 20.0
_DISTRICTS = ("福田区", "罗湖区", "南山区", "宝安区")


def queue_outage(path: Path, tickets: int, sla: SlaClock) -> int:
    """A seat store at `path` holding `tickets` × (受理, 修改 ×2, 派单) in its outbox; the op count.

    Built with synchronous=OFF (only the build: the drain reopens the file with the store's own FULL),
    since 10,000 fsyncs would only time the disk before the benchmark starts."""
    store = open_store(path)
    store.engine.dispose()
    event.listen(store.engine, "connect", lambda conn, _: conn.execute("PRAGMA synchronous=OFF"))
    try:
        desk = TicketStore(store, sla)
        for n in range(tickets):
            district = _DISTRICTS[n % len(_DISTRICTS)]
            draft = Draft(
                id=new_id(),
                seat_id=SEAT,
                started_at=datetime.now(UTC),
                kind=Kind.COMPLAINT,
                category_code="CJ.WY.DT",
                caller_name="张三",
                caller_phone=f"138{n:08d}",
                address=f"{district}某小区{n % 40 + 1}栋",
                district=district,
                content="电梯停运两天，无人维修",
            )
            ticket, _ = desk.accept(draft, actor=SEAT)
            for action, fields in (
                (Action.EDIT, {"changes": {"content": "电梯停运三天，老人无法下楼"}}),
                (Action.EDIT, {"changes": {"address": f"{district}某小区{n % 40 + 1}栋2单元"}}),
                (Action.DISPATCH, {"department": "QZJJ"}),
            ):
                cmd = Command(action, SEAT, Role.OPERATOR, datetime.now(UTC), seat_id=SEAT, **fields)
                desk.act(ticket.id, cmd)
        return Outbox(store).pending_count()
    finally:
        store.close()


class TimedApi(ServerApi):
    """The seat's ServerApi, keeping how long its push and pull requests took (round trips)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.push_s = self.pull_s = 0.0

    def push(self, ops: Sequence[Op]) -> PushResponse:
        started = time.perf_counter()
        try:
            return super().push(ops)
        finally:
            self.push_s += time.perf_counter() - started

    def pull(self, cursor: int, limit: int, skip: Sequence[SeqRange] = ()) -> PullResponse:
        started = time.perf_counter()
        try:
            return super().pull(cursor, limit, skip)
        finally:
            self.pull_s += time.perf_counter() - started


@dataclass(frozen=True)
class Drain:
    ops: int
    seconds: float
    requests: int
    push_http_s: float
    pull_http_s: float
    report: dict[str, int]
    server_ops: int
    server_applied: int
    server_numbered: int
    pending_after: int
    local_numbered: int

    @property
    def ops_per_s(self) -> float:
        return self.ops / self.seconds

    @property
    def correct(self) -> bool:
        return (
            self.pending_after == 0
            and self.server_ops == self.server_applied == self.ops
            and self.report["applied"] == self.ops
            and self.server_numbered == self.local_numbered == self.ops // OPS_PER_TICKET
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "ops": self.ops,
            "seconds": round(self.seconds, 3),
            "ops_per_s": round(self.ops_per_s, 1),
            "push_requests": self.requests,
            "breakdown_s": {
                "push_round_trips": round(self.push_http_s, 3),
                "pull_round_trips": round(self.pull_http_s, 3),
                "client_local_settle_and_adopt": round(self.seconds - self.push_http_s - self.pull_http_s, 3),
            },
            "sync_report": self.report,
            "verified": {
                "server_ops": self.server_ops,
                "server_ops_applied": self.server_applied,
                "server_tickets_numbered": self.server_numbered,
                "local_tickets_with_official_number": self.local_numbered,
                "pending_after": self.pending_after,
                "correct": self.correct,
            },
        }


def drain(store_path: Path, batch_size: int, workers: int, sla: SlaClock, log_dir: Path) -> Drain:
    """Drain the store at `store_path` into a fresh database through a fresh server process."""
    with fresh_postgres() as url:
        add_operators(url, [SEAT])
        with LiveServer(url, workers=workers, log_dir=log_dir) as server:
            api = seat_api(server, SEAT.lower(), TimedApi)
            store = open_store(store_path)
            try:
                engine = SyncEngine(store, sla, api, batch_size=batch_size, pull_limit=MAX_BATCH)
                ops = Outbox(store).pending_count()
                started = time.perf_counter()
                report = engine.sync_once()
                seconds = time.perf_counter() - started
                pending = Outbox(store).pending_count()
                with store.reading() as session:
                    official = text("SELECT count(*) FROM tickets WHERE number LIKE '12345-%'")
                    numbered = int(session.execute(official).scalar_one())
            finally:
                store.close()
                api.close()
        return Drain(
            ops=ops,
            seconds=seconds,
            requests=-(-ops // batch_size),
            push_http_s=api.push_s,
            pull_http_s=api.pull_s,
            report={
                "pushed": report.pushed,
                "applied": report.applied,
                "duplicates": report.duplicates,
                "conflicts": report.conflicts,
                "rejected": report.rejected,
                "pulled": report.pulled,
            },
            server_ops=scalar(url, "SELECT count(*) FROM ops"),
            server_applied=scalar(url, "SELECT count(*) FROM ops WHERE status = 'applied'"),
            server_numbered=scalar(url, "SELECT count(*) FROM tickets WHERE number IS NOT NULL"),
            pending_after=pending,
            local_numbered=numbered,
        )


def run(tickets: int, baseline_tickets: int, workers: int) -> dict[str, Any]:
    sla = load_sla_clock()
    with tempfile.TemporaryDirectory(prefix="drain-bench-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        queued = queue_outage(root / "ours" / "seat.sqlite3", tickets, sla)
        sample = queue_outage(root / "baseline" / "seat.sqlite3", baseline_tickets, sla)
        build_s = time.perf_counter() - started
        ours = drain(root / "ours" / "seat.sqlite3", MAX_BATCH, workers, sla, root)
        base = drain(root / "baseline" / "seat.sqlite3", 1, workers, sla, root)
    extrapolated = base.seconds * queued / sample
    ratio = extrapolated / ours.seconds
    return {
        "benchmark": "sync_drain",
        "queued_ops": queued,
        "tickets": tickets,
        "ops_per_ticket": "受理 create + 修改 edit ×2 + 派单 dispatch",
        "server": f"hotline-server serve, {workers} worker(s), PostgreSQL, fresh database per run",
        "store_build_s": round(build_s, 1),
        "target": {
            "seconds": TARGET_SECONDS,
            "ratio": TARGET_RATIO,
            "met": ours.seconds <= TARGET_SECONDS and ratio >= TARGET_RATIO and ours.correct,
        },
        "ours_batches_of_500": ours.as_json(),
        "baseline_one_post_per_op": {
            **base.as_json(),
            "sample": sample < queued,
            "extrapolated_seconds_for_all": round(extrapolated, 1),
            "note": (
                f"measured on {sample} ops ({baseline_tickets} tickets), scaled linearly to {queued}"
                if sample < queued
                else "measured on all ops"
            ),
        },
        "ratio_baseline_over_ours": round(ratio, 1),
        "timed": "SyncEngine.sync_once: push every batch, settle each answer locally, then pull",
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Drain 10,000 queued ops: batches of 500 vs. one per POST.")
    parser.add_argument("--tickets", type=int, default=2500, help="tickets queued (4 ops each)")
    parser.add_argument("--baseline-tickets", type=int, default=250, help="the baseline's sample")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers (one client drains)")
    args = parser.parse_args(argv)
    use_benchmark_keys()
    print(json.dumps(run(args.tickets, args.baseline_tickets, args.workers), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
