"""My queue (我的工单) at 100k tickets: paged SQL (QueueQuery) versus loading everything into Python.

What the operator waits for after changing a filter or a sort is the row count plus the first page.
Ours asks SQLite for exactly that (count + one page); the naive baseline loads every ticket once and
then filters and sorts Python lists on each change. Both run in the same process on the same store.

    python -m benchmarks.queue_model [--tickets N] [--repeat R]

Prints one JSON document.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]
import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from sqlalchemy import select

from app.domain.kinds import Kind, Priority
from app.domain.status import Status
from app.domain.ticket import Caller, Ticket
from app.domain.worklist import work_order
from app.resources import load_sla_clock
from app.store.db import Store, open_store
from app.store.mapping import ticket_from_row
from app.store.models import TicketRow
from app.store.queue import QueueFilter, QueueOrder, QueueQuery, SortKey
from app.store.tickets import TicketStore
from benchmarks._keys import use_benchmark_keys
from ui.ops import TRACKER
from ui.queue.queue_model import QueueModel

PAGE_SIZE = 200  # the model's default page
LRU_PAGES = 50  # the model's default page cache bound
TARGET_P95_MS = 50.0
SEAT = "S01"

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明"]
_DISTRICTS = ["福田区", "罗湖区", "南山区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区"]
_STREETS = ["深南大道", "红荔路", "滨河大道", "建设路", "人民南路", "科技园路", "宝民一路", "龙岗大道"]
_ISSUES = [
    "小区电梯故障已经三天无人维修",
    "夜间施工噪音扰民影响休息",
    "突然停水没有提前通知",
    "路灯不亮存在安全隐患",
    "物业乱收停车费",
    "餐馆油烟直排居民楼",
    "咨询社保转移办理流程",
    "咨询公积金提取需要哪些材料",
    "人行道被占用堆放杂物",
    "垃圾清运不及时有异味",
    "公交站台破损需要维修",
    "表扬社区工作人员热心帮忙",
]
_CATEGORIES = [
    "CJ.WY.DT",
    "CJ.WY.SF",
    "CJ.GS.TS",
    "HB.ZY.SG",
    "HB.YY.CY",
    "SH.SB.ZY",
    "SH.GJJ.TQ",
    "JT.GJ.ZT",
    "CG.LJ.QY",
    "CG.ZD.RX",
]
# Roughly a real queue: most tickets are finished, a few thousand are someone's open work.
_STATUS_WEIGHTS = {
    Status.ACCEPTED: 3,
    Status.DISPATCHED: 6,
    Status.IN_PROGRESS: 8,
    Status.REPLIED: 4,
    Status.VISITED: 3,
    Status.CLOSED: 76,
}


def synthetic_tickets(n: int, *, seed: int = 12345, seat: str = SEAT) -> Iterator[Ticket]:
    """Deterministic, realistic-looking tickets with plenty of ties on every sort key."""
    rng = random.Random(seed)
    statuses, weights = list(_STATUS_WEIGHTS), list(_STATUS_WEIGHTS.values())
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(n):
        created = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 420))
        status = rng.choices(statuses, weights)[0]
        district = rng.choice(_DISTRICTS)
        yield Ticket(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            local_no=f"L-{seat}-{created:%Y%m%d}-{i:06d}",
            number=f"SZ{created:%Y%m%d}{i:06d}" if rng.random() < 0.7 else None,
            kind=rng.choice(list(Kind)),
            status=status,
            seat_id=seat,
            created_at=created,
            category_code=rng.choice(_CATEGORIES) if rng.random() < 0.95 else None,
            priority=rng.choice(list(Priority)),
            caller=Caller(
                rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2))),
                f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
            ),
            address=f"{district}{rng.choice(_STREETS)}{rng.randint(1, 999)}号",
            district=district,
            content=f"{rng.choice(_ISSUES)}，请尽快处理。",
            assigned_seat=seat,
            supervised=rng.random() < 0.03,
            accepted_at=created,
            closed_at=created + timedelta(days=3) if status is Status.CLOSED else None,
            # Whole hours: many tickets share a deadline, which is what makes paging ties matter.
            dispatch_due=created.replace(minute=0) + timedelta(hours=rng.choice((1, 2, 8))),
            close_due=created.replace(minute=0) + timedelta(days=rng.choice((1, 3, 15))),
        )


def build_store(folder: Path, n: int) -> Store:
    store = open_store(folder / "seat.sqlite3")
    TicketStore(store, load_sla_clock()).import_history(((t, []) for t in synthetic_tickets(n)), demo=False)
    return store


# --- scenarios ------------------------------------------------------------------------------------

_OPEN = frozenset(s for s in Status if s.is_open)


@dataclass(frozen=True)
class Scenario:
    name: str
    where: QueueFilter
    order: QueueOrder


def scenarios() -> list[Scenario]:
    """What an operator actually does: status/kind combos, searching a phone fragment or a word."""
    filters = {
        "all": QueueFilter(seat_id=SEAT),
        "open": QueueFilter(seat_id=SEAT, statuses=_OPEN),
        "in_progress": QueueFilter(seat_id=SEAT, statuses=frozenset({Status.IN_PROGRESS})),
        "complaints": QueueFilter(seat_id=SEAT, kinds=frozenset({Kind.COMPLAINT})),
        "phone_5678": QueueFilter(seat_id=SEAT, text="5678"),
        "word_噪音": QueueFilter(seat_id=SEAT, text="噪音"),
        "open+complaint+电梯": QueueFilter(
            seat_id=SEAT, statuses=_OPEN, kinds=frozenset({Kind.COMPLAINT}), text="电梯"
        ),
        "name_王+福田": QueueFilter(seat_id=SEAT, text="王 福田"),
        "no_match": QueueFilter(seat_id=SEAT, text="不存在的内容"),
    }
    out = [Scenario(f"filter:{name}", where, QueueOrder()) for name, where in filters.items()]
    for key in SortKey:
        for descending in (False, True):
            order = QueueOrder(key, descending)
            out.append(Scenario(f"sort:{key.value}{' desc' if descending else ''}", filters["all"], order))
            out.append(
                Scenario(f"sort:{key.value}{' desc' if descending else ''}+open", filters["open"], order)
            )
    return out


# --- ours: count + first page in SQL ---------------------------------------------------------------


def ours_first_page(store: Store, scenario: Scenario) -> tuple[int, list[str]]:
    query = QueueQuery(store, scenario.where, scenario.order)
    total = query.count()
    return total, [row.id for row in query.page(0, PAGE_SIZE)]


# --- baseline: everything in Python ----------------------------------------------------------------


def load_everything(store: Store) -> list[Ticket]:
    """The naive model: every ticket as a domain object, kept in memory."""
    with store.reading() as session:
        return [ticket_from_row(row) for row in session.scalars(select(TicketRow))]


def _matches(ticket: Ticket, where: QueueFilter) -> bool:
    if where.seat_id is not None and where.seat_id not in (ticket.assigned_seat, ticket.seat_id):
        return False
    if where.statuses and ticket.status not in where.statuses:
        return False
    if where.kinds and ticket.kind not in where.kinds:
        return False
    for word in where.text.lower().split():
        fields = (ticket.local_no, ticket.number or "", ticket.caller.name, ticket.caller.phone)
        if not any(word in f.lower() for f in (*fields, ticket.address, ticket.content)):
            return False
    return True


_BASELINE_KEYS: dict[SortKey, Callable[[Ticket], Any]] = {
    SortKey.ACTION: work_order,
    SortKey.NUMBER: lambda t: t.display_no,
    SortKey.KIND: lambda t: t.kind.value,
    SortKey.CATEGORY: lambda t: t.category_code,
    SortKey.CALLER: lambda t: t.caller.name,
    SortKey.STATUS: lambda t: t.status.value,
    SortKey.DUE: lambda t: t.next_due,
    SortKey.CREATED: lambda t: t.created_at,
}


def baseline_first_page(everything: list[Ticket], scenario: Scenario) -> tuple[int, list[str]]:
    """Same contract as ours: NULLs last, ties broken by id in the sort direction."""
    key = _BASELINE_KEYS[scenario.order.key]
    desc = scenario.order.descending
    matching = [t for t in everything if _matches(t, scenario.where)]
    present = sorted((t for t in matching if key(t) is not None), key=lambda t: (key(t), t.id), reverse=desc)
    missing = sorted((t for t in matching if key(t) is None), key=lambda t: t.id, reverse=desc)
    return len(matching), [t.id for t in (present + missing)[:PAGE_SIZE]]


# --- ours through the real model: what the operator waits for -------------------------------------


class ModelDriver:
    """Drives a QueueModel in a Qt event loop and times each change until count + first page show."""

    def __init__(self, store: Store) -> None:
        self.app = QCoreApplication.instance() or QCoreApplication([])
        self.model = QueueModel(store, load_sla_clock(), category_label=lambda code: code or "")
        self.ticks: list[float] = []  # a 5 ms GUI timer: its gaps show whether the GUI thread stalled
        self._timer = QTimer()
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self._timer.start(5)
        self._until(lambda: not self.model.busy)

    def change(self, case: Scenario) -> float:
        started = time.perf_counter()
        self.model.set_query(case.where, case.order)
        self._until(lambda: not self.model.busy)
        return time.perf_counter() - started

    def jump_to_end(self) -> float:
        """Scrolling to the last row: its page is read on demand."""
        last = self.model.rowCount() - 1
        started = time.perf_counter()
        self.model.data(self.model.index(last, 0))
        self._until(lambda: self.model.ticket_id(last) is not None)
        return time.perf_counter() - started

    def max_stall_ms(self) -> float:
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return _ms(max(gaps, default=0.0))

    def close(self) -> None:
        self._timer.stop()
        TRACKER.wait(30)
        self.app.processEvents()
        shiboken6.delete(self.model)  # while the application still exists

    def _until(self, done: Callable[[], bool], timeout_s: float = 30) -> None:
        deadline = time.perf_counter() + timeout_s
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("the model did not answer in time")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)


# --- measuring -------------------------------------------------------------------------------------


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _summary(latencies: list[float]) -> dict[str, float]:
    return {
        "p50_ms": _ms(_percentile(latencies, 0.50)),
        "p95_ms": _ms(_percentile(latencies, 0.95)),
        "max_ms": _ms(max(latencies)),
        "mean_ms": _ms(statistics.fmean(latencies)),
    }


def time_cases(
    run: Callable[[Scenario], object], cases: list[Scenario], repeat: int
) -> tuple[list[float], dict[str, float]]:
    """Every case `repeat` times, round-robin, so each run really changes the filter or the order."""
    times: dict[str, list[float]] = {case.name: [] for case in cases}
    for _ in range(repeat):
        for case in cases:
            started = time.perf_counter()
            run(case)
            times[case.name].append(time.perf_counter() - started)
    latencies = [t for ts in times.values() for t in ts]
    return latencies, {name: _ms(statistics.median(ts)) for name, ts in times.items()}


def _slowest(per_case: dict[str, float], n: int = 5) -> dict[str, float]:
    return dict(sorted(per_case.items(), key=lambda kv: -kv[1])[:n])


def retained_bytes(make: Callable[[], object]) -> tuple[int, object]:
    """Bytes still allocated by what `make` returns (tracemalloc), and the object to keep it alive."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = make()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return after - before, kept


def _rss() -> int:
    return int(psutil.Process(os.getpid()).memory_info().rss)


def measure_model(store: Store, cases: list[Scenario], repeat: int) -> dict[str, Any]:
    driver = ModelDriver(store)
    try:
        latencies, per_case = time_cases(driver.change, cases, repeat)
        driver.change(Scenario("all", QueueFilter(seat_id=SEAT), QueueOrder()))
        to_end = [driver.jump_to_end() for _ in range(1)]
        return {
            **_summary(latencies),
            "gui_max_stall_ms": driver.max_stall_ms(),
            "jump_to_last_row_ms": _ms(to_end[0]),
            "slowest": _slowest(per_case),
            "per_scenario_median_ms": per_case,
        }
    finally:
        driver.close()


def measure_query(store: Store, cases: list[Scenario], repeat: int) -> dict[str, Any]:
    latencies, per_case = time_cases(lambda c: ours_first_page(store, c), cases, repeat)
    return {**_summary(latencies), "slowest": _slowest(per_case)}


def measure_baseline(store: Store, cases: list[Scenario], repeat: int) -> dict[str, Any]:
    rss_before = _rss()
    started = time.perf_counter()
    everything = load_everything(store)
    load_s = time.perf_counter() - started
    rss_delta = _rss() - rss_before
    latencies, per_case = time_cases(lambda c: baseline_first_page(everything, c), cases, repeat)
    # Both must show the same thing, or the comparison means nothing.
    mismatches = [c.name for c in cases if ours_first_page(store, c) != baseline_first_page(everything, c)]
    return {
        **_summary(latencies),
        # The naive model filters on the GUI thread: the whole latency is a frozen window.
        "gui_max_stall_ms": _ms(max(latencies)),
        "initial_load_s": round(load_s, 2),
        "rss_delta_bytes": rss_delta,
        "slowest": _slowest(per_case),
        "mismatches": mismatches,
    }


def measure_memory(store: Store, n: int) -> dict[str, int]:
    baseline, _ = retained_bytes(lambda: load_everything(store))
    query = QueueQuery(store, QueueFilter(seat_id=SEAT), QueueOrder(SortKey.CREATED))
    pages = min(LRU_PAGES, -(-n // PAGE_SIZE))
    # The model's worst case: its page cache full (the LRU bound), whatever the number of tickets.
    ours, _ = retained_bytes(lambda: {p: query.page(p * PAGE_SIZE, PAGE_SIZE) for p in range(pages)})
    return {"ours_full_page_cache_bytes": ours, "ours_pages": pages, "baseline_all_tickets_bytes": baseline}


def run(n: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="queue-bench-") as folder:
        started = time.perf_counter()
        store = build_store(Path(folder), n)
        build_s = time.perf_counter() - started
        try:
            return report(store, n, repeat, build_s)
        finally:
            store.close()


def report(store: Store, n: int, repeat: int, build_s: float) -> dict[str, Any]:
    cases = scenarios()
    for case in cases:  # warm SQLite's and the OS's caches once, as any second query would find them
        ours_first_page(store, case)
    model = measure_model(store, cases, repeat)
    query = measure_query(store, cases, repeat)
    baseline = measure_baseline(store, cases, repeat)
    memory = measure_memory(store, n)
    return {
        "benchmark": "queue_model",
        "tickets": n,
        "page_size": PAGE_SIZE,
        "scenarios": len(cases),
        "repeat_per_scenario": repeat,
        "store_build_s": round(build_s, 2),
        "target": {"p95_ms": TARGET_P95_MS, "met": model["p95_ms"] <= TARGET_P95_MS},
        "ours_model": model,
        "ours_query_sequential": query,
        "baseline": baseline,
        "memory": memory,
        "ratios_baseline_over_ours": {
            "p50": round(baseline["p50_ms"] / max(model["p50_ms"], 0.01), 2),
            "p95": round(baseline["p95_ms"] / max(model["p95_ms"], 0.01), 2),
            "gui_max_stall": round(baseline["gui_max_stall_ms"] / max(model["gui_max_stall_ms"], 0.01), 2),
            "memory": round(
                memory["baseline_all_tickets_bytes"] / max(memory["ours_full_page_cache_bytes"], 1), 2
            ),
        },
        "results_agree": not baseline["mismatches"],
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "sqlite": sqlite3.sqlite_version,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="My queue: paged SQL model vs. everything in Python.")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per scenario")
    args = parser.parse_args(argv)
    use_benchmark_keys()
    print(json.dumps(run(args.tickets, args.repeat), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
