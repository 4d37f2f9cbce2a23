"""`python -m benchmarks` (make bench): run every benchmark, each printing its JSON report."""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = (
    "benchmarks.startup",
    "benchmarks.soak",  # 20 simulated minutes, 2 s each: `python -m benchmarks.soak --minutes 60` for an hour
    "benchmarks.queue_model",
    "benchmarks.store_encryption",
    "benchmarks.sync_drain",
    "benchmarks.sync_load",
    "benchmarks.speech_rtf",
    "benchmarks.speech_latency",
    "benchmarks.kb_search",
    "benchmarks.duplicates",
    "benchmarks.intake_alarms",
    "benchmarks.screen_pop",  # fills a 100k-ticket store first (about 1-2 min)
    "benchmarks.intake",
    "benchmarks.intake_keys",  # needs tests/data/intake/calls.jsonl (the development set)
    "benchmarks.lead_report",  # seeds 300,000 tickets on PostgreSQL and SQLite (a few minutes)
    "benchmarks.lead_board",  # 500 seats, 200,000 open tickets on PostgreSQL and SQLite (3-4 min)
)

for name in BENCHMARKS:
    print(f"# {name}", flush=True)
    subprocess.run([sys.executable, "-m", name], check=True)
