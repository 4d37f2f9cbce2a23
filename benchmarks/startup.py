"""Cold start to main window shown, and RSS then: the client vs a bare PySide6 window, same run.

Targets (issue: foundation): ≤ 1.5 s to the main window on the 2-core machine, RSS ≤ 250 MB without a
speech model. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.5
TARGET_RSS_MB = 250.0


def _run(args: list[str]) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.startup_child", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("{"))
    # The child quits right after reporting, so process lifetime ≈ time to shown + a short exit.
    return time.perf_counter() - started, float(json.loads(line)["rss_mb"])


def _prepare_store(home: Path) -> None:
    """A store with the demo tickets, as on any day after the first start."""
    from app.config.settings import Config
    from app.demo import seed_demo_if_empty
    from app.paths import AppPaths
    from app.workspace import Workspace
    from benchmarks._keys import use_benchmark_keys

    use_benchmark_keys()
    workspace = Workspace.open(AppPaths.under(home), Config())
    seed_demo_if_empty(workspace)
    workspace.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        _prepare_store(home)
        ours, base, ours_rss, base_rss = [], [], [], []
        _run(["baseline"])  # warm the OS file cache for both, so neither pays for the first read
        _run(["ours", str(home)])
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            seconds, rss = _run(["ours", str(home)])
            ours.append(seconds)
            ours_rss.append(rss)
            seconds, rss = _run(["baseline"])
            base.append(seconds)
            base_rss.append(rss)
    ours_median, base_median = statistics.median(ours), statistics.median(base)
    report = {
        "benchmark": "startup",
        "runs": args.runs,
        "ours": {"median_s": round(ours_median, 3), "max_s": round(max(ours), 3), "rss_mb": max(ours_rss)},
        "baseline_bare_qmainwindow": {"median_s": round(base_median, 3), "rss_mb": max(base_rss)},
        "ratio_time_ours_over_baseline": round(ours_median / base_median, 2),
        "ratio_rss_ours_over_baseline": round(max(ours_rss) / max(base_rss), 2),
        "target_seconds": TARGET_SECONDS,
        "target_rss_mb": TARGET_RSS_MB,
        "meets_time_target": max(ours) <= TARGET_SECONDS,
        "meets_rss_target": max(ours_rss) <= TARGET_RSS_MB,
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
