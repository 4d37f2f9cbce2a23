"""相似工单 while the call goes on: p95 of one look-up over a seat store of 10k tickets.

One look-up is what the intake form runs after a settled phrase: the store's candidates (open, same
category and district, last N days) and app.intake.duplicates ranking them. Measured against the
naive way in the same run: ranking every open ticket of the last N days by text, with no category
or district filter. Tickets are made up from spoken-style complaint texts over 8 districts and 60
categories, on an encrypted store as the seat has it.

    python -m benchmarks.duplicates [--tickets N] [--lookups L]

Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process

from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Status
from app.domain.ticket import Caller, Ticket
from app.intake.duplicates import similar_open, words
from app.resources import load_sla_clock, load_taxonomy
from app.store.callers import open_alike
from app.store.db import open_store
from app.store.tickets import TicketStore
from benchmarks._keys import use_benchmark_keys

TARGET_P95_MS = 30.0
DAYS = 30
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
_DISTRICTS = ["东湖区", "西湖区", "青山区", "江南区", "高新区", "滨江区", "北城区", "南湖区"]
_PLACES = ["幸福路", "人民路", "建设街", "锦绣花园", "阳光小区", "滨河苑", "新华村", "世纪大厦"]
_ISSUES = [
    "晚上十一点还在施工打桩噪音太大睡不着",
    "楼上装修电钻声音一直响影响休息",
    "小区电梯坏了三天了物业不来修",
    "路灯不亮了晚上出门很不安全",
    "饭店油烟直排熏得窗户都打不开",
    "垃圾好几天没人清运味道很大",
    "停水了也没有提前通知",
    "广场舞音响太吵每天晚上都放",
    "人行道被商铺占用堆满杂物",
    "公交站台的顶棚破了下雨没法等车",
]
_FILLERS = ["喂你好", "那个就是", "我想反映一下", "麻烦你们管一管", "", "嗯"]


def synthetic(n: int, rng: random.Random) -> list[Ticket]:
    categories = [c.code for c in load_taxonomy().leaves()][:60]
    tickets = []
    for i in range(n):
        text = f"{rng.choice(_FILLERS)}{rng.choice(_PLACES)}{rng.choice(_ISSUES)}{rng.choice(_FILLERS)}"
        tickets.append(
            Ticket(
                id=new_id(),
                local_no=f"S01-{i:06d}",
                kind=Kind.COMPLAINT,
                status=rng.choice([Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS, Status.CLOSED]),
                seat_id="S01",
                created_at=NOW - timedelta(minutes=rng.randrange(60 * 24 * 60)),
                category_code=rng.choice(categories),
                caller=Caller("", f"139{rng.randrange(10**8):08d}"),
                district=rng.choice(_DISTRICTS),
                content=text,
            )
        )
    return tickets


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--lookups", type=int, default=200)
    args = parser.parse_args()
    use_benchmark_keys()
    rng = random.Random(18)
    tickets = synthetic(args.tickets, rng)
    since = NOW - timedelta(days=DAYS)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "seat.sqlite3")
        TicketStore(store, load_sla_clock()).import_history(((t, []) for t in tickets), demo=False)
        calls = [rng.choice(tickets) for _ in range(args.lookups)]
        words("预热")  # jieba's dictionary loads once per process, on a worker, before any call
        ours, naive = [], []
        for call in calls:
            text = f"{rng.choice(_FILLERS)}{call.content}"
            start = time.perf_counter()
            candidates = open_alike(store, call.category_code or "", call.district, since)
            similar_open(text, call.category_code, call.district, candidates, NOW, days=DAYS)
            ours.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            recent = [t for t in tickets if t.status.is_open and t.created_at >= since]
            process.extract(
                words(text),
                [words(t.content) for t in recent],
                scorer=fuzz.token_set_ratio,
                processor=None,
                limit=5,
            )
            naive.append((time.perf_counter() - start) * 1000)
        store.close()
    report = {
        "tickets": args.tickets,
        "lookups": args.lookups,
        "days": DAYS,
        "p50_ms": round(statistics.median(ours), 2),
        "p95_ms": round(_p95(ours), 2),
        "baseline_p95_ms": round(_p95(naive), 2),
        "baseline": "every open ticket of the last N days ranked by text, no category/district filter",
        "ratio": round(_p95(naive) / _p95(ours), 1),
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": _p95(ours) <= TARGET_P95_MS,
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
