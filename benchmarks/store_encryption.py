"""The encrypted seat store (SQLCipher) against plain SQLite, same data, same run.

Figures: My queue's count + first page over every filter/sort scenario of benchmarks.queue_model
(p50/p95) at 100k tickets, and seat start as far as the store goes (open_store on an existing store:
key, connection, PRAGMAs, migration check), each encrypted over plain. Target: ≤ 1.3× both.

The 100k tickets are written once into a plain store (the code path before encryption), which is then
copied and encrypted in place by open_store, as an upgraded seat would be: so both hold the same rows,
and the conversion's time is reported too.

    python -m benchmarks.store_encryption [--tickets N] [--repeat R] [--opens K]

SQLCipher decrypts every page it reads again, where plain SQLite re-reads them from the OS cache,
so the encrypted store is given a page cache that can hold it (bounded, app/store/db.py); the memory
that costs is reported too (RSS growth after every scenario once, each store fresh).

Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]
import sqlcipher3
from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import QueuePool

from app.resources import load_sla_clock
from app.store.db import Store, _configure_connection, is_plain, migrate, open_store
from app.store.tickets import TicketStore
from benchmarks._keys import BenchmarkKeys
from benchmarks.queue_model import ours_first_page, scenarios, synthetic_tickets

TARGET_RATIO = 1.3


def open_plain(path: Path, library: str = "sqlite3") -> Store:
    """The store as open_store opened it before encryption: plain SQLite, same PRAGMAs, same pool.
    `library="sqlcipher3"`: the same, through SQLCipher's build of SQLite with no key."""
    args = {"check_same_thread": False, "timeout": 30}
    module = {"module": sqlcipher3} if library == "sqlcipher3" else {}
    engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool, connect_args=args, **module)
    event.listen(engine, "connect", _configure_connection)
    migrate(engine)
    return Store(engine)


def _first_query(store: Store) -> None:
    with store.reading() as session:  # what the window does first: read something
        session.execute(text("SELECT count(*) FROM meta")).scalar()


def _time_open(opener: Any, path: Path, opens: int) -> list[float]:
    seconds = []
    for _ in range(opens):
        started = time.perf_counter()
        store = opener(path)
        _first_query(store)
        seconds.append(time.perf_counter() - started)
        store.close()
    return seconds


def _rss_growth(kind: str, path: Path) -> float:
    """In a fresh process: open the store, run every scenario once; how much RSS grew (MB)."""
    command = [sys.executable, "-m", "benchmarks.store_encryption", "--rss-of", kind, str(path)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return float(json.loads(out)["growth_mb"])


def _rss_child(kind: str, path: Path) -> dict[str, float]:
    cases = scenarios()
    before = psutil.Process().memory_info().rss
    store = open_plain(path) if kind == "plain" else open_store(path, BenchmarkKeys())
    try:
        for case in cases:
            ours_first_page(store, case)
        return {"growth_mb": round((psutil.Process().memory_info().rss - before) / 2**20, 1)}
    finally:
        store.close()


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _p(latencies: list[float], q: float) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(n: int, repeat: int, opens: int) -> dict[str, Any]:
    keys = BenchmarkKeys()
    with tempfile.TemporaryDirectory(prefix="cipher-bench-") as folder:
        plain_path = Path(folder) / "plain" / "seat.sqlite3"
        plain_path.parent.mkdir()
        started = time.perf_counter()
        store = open_plain(plain_path)
        TicketStore(store, load_sla_clock()).import_history(
            ((t, []) for t in synthetic_tickets(n)), demo=False
        )
        store.close()
        build_s = time.perf_counter() - started

        encrypted_path = Path(folder) / "encrypted" / "seat.sqlite3"
        encrypted_path.parent.mkdir()
        for file in plain_path.parent.iterdir():
            shutil.copy(file, encrypted_path.parent / file.name)
        started = time.perf_counter()
        open_store(encrypted_path, keys).close()  # encrypts the copy in place
        convert_s = time.perf_counter() - started
        assert is_plain(plain_path) and not is_plain(encrypted_path)

        # Start: interleaved, so machine noise hits both alike.
        open_plain_s: list[float] = []
        open_encrypted_s: list[float] = []
        for _ in range(opens):
            open_plain_s += _time_open(open_plain, plain_path, 1)
            open_encrypted_s += _time_open(lambda p: open_store(p, keys), encrypted_path, 1)

        # Queue: all stores open; each scenario timed on each store in turn (the order rotating), so
        # a burst of machine noise hits them alike.
        cases = scenarios()
        stores = {
            "plain": open_plain(plain_path),
            "encrypted": open_store(encrypted_path, keys),
            # The same plain file through SQLCipher's library with no key: separates what encryption
            # costs from what the sqlcipher3 wheel's SQLite build costs by itself.
            "plain_via_sqlcipher_library": open_plain(plain_path, library="sqlcipher3"),
        }
        latencies: dict[str, list[float]] = {name: [] for name in stores}
        try:
            for case in cases:  # warm each store's page cache once, as any second query finds it
                first = {name: ours_first_page(store, case) for name, store in stores.items()}
                assert len(set(map(repr, first.values()))) == 1, case.name
            names = list(stores)
            for round_no in range(repeat):
                for case in cases:
                    for name in names[round_no % 3 :] + names[: round_no % 3]:
                        started = time.perf_counter()
                        ours_first_page(stores[name], case)
                        latencies[name].append(time.perf_counter() - started)
        finally:
            for store in stores.values():
                store.close()
        plain_lat, encrypted_lat = latencies["plain"], latencies["encrypted"]
        library_lat = latencies["plain_via_sqlcipher_library"]
        # Memory: a fresh store each, every scenario once; what the process grew by (page cache).
        rss = {
            "plain_growth_mb": _rss_growth("plain", plain_path),
            "encrypted_growth_mb": _rss_growth("encrypted", encrypted_path),
        }
        sizes = {"plain_bytes": plain_path.stat().st_size, "encrypted_bytes": encrypted_path.stat().st_size}

    queue = {
        "plain": {"p50_ms": _ms(_p(plain_lat, 0.5)), "p95_ms": _ms(_p(plain_lat, 0.95))},
        "encrypted": {"p50_ms": _ms(_p(encrypted_lat, 0.5)), "p95_ms": _ms(_p(encrypted_lat, 0.95))},
        "plain_via_sqlcipher_library": {
            "p50_ms": _ms(_p(library_lat, 0.5)),
            "p95_ms": _ms(_p(library_lat, 0.95)),
        },
    }
    start = {
        "plain_median_ms": _ms(statistics.median(open_plain_s)),
        "encrypted_median_ms": _ms(statistics.median(open_encrypted_s)),
    }
    queue_ratio = _p(encrypted_lat, 0.95) / _p(plain_lat, 0.95)
    start_ratio = statistics.median(open_encrypted_s) / statistics.median(open_plain_s)
    return {
        "benchmark": "store_encryption",
        "tickets": n,
        "queue_scenarios": len(cases),
        "repeat_per_scenario": repeat,
        "opens": opens,
        "store_build_s": round(build_s, 1),
        "convert_plain_to_encrypted_s": round(convert_s, 2),
        "queue_first_page": queue,
        "seat_start_open_store": start,
        "file": sizes,
        "rss_after_every_scenario": rss,
        "ratios_encrypted_over_plain": {
            "queue_p95": round(queue_ratio, 2),
            "queue_p50": round(_p(encrypted_lat, 0.5) / _p(plain_lat, 0.5), 2),
            "start": round(start_ratio, 2),
            # Encryption alone: the same SQLite build with and without a key.
            "queue_p95_over_same_library_unkeyed": round(_p(encrypted_lat, 0.95) / _p(library_lat, 0.95), 2),
        },
        "target": {
            "ratio": TARGET_RATIO,
            "met": queue_ratio <= TARGET_RATIO and start_ratio <= TARGET_RATIO,
        },
        "key_source": "raw 256-bit key from a benchmark key source (no OS keyring call in the timing)",
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "sqlcipher": sqlcipher3.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0],
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Encrypted seat store vs. plain: queue p95 and start.")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per queue scenario and store")
    parser.add_argument("--opens", type=int, default=15, help="timed store opens per store")
    parser.add_argument("--rss-of", nargs=2, metavar=("KIND", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_of:
        print(json.dumps(_rss_child(args.rss_of[0], Path(args.rss_of[1]))))
        return 0
    print(json.dumps(run(args.tickets, args.repeat, args.opens), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
