"""A seat in its own process, for the kill -9 tests: takes calls and syncs in small batches, forever
(until killed) or, with --finish, syncs what is left until nothing moves and exits 0.

    python -m tests.sync.reliability.seat_child SERVER_URL STORE_PATH [--finish]

Each round prints "round N" after a sync, so the parent can kill it while work is surely under way.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from app.domain.kinds import Kind
from app.domain.status import Action
from app.resources import load_sla_clock
from sync.client.api import Offline
from tests.store_keys import use_test_keys
from tests.sync.reliability.rig import open_seat


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("server")
    parser.add_argument("store", type=Path)
    parser.add_argument("--finish", action="store_true")
    args = parser.parse_args()
    use_test_keys()  # the parent opens the same (encrypted) store with the same test key
    seat = open_seat(args.server, "a01", args.store, load_sla_clock(), batch_size=5, pull_limit=20)
    if args.finish:
        for _ in range(50):
            report = seat.engine.sync_once()
            if report.pushed == report.pulled == 0:
                seat.close()
                return 0
        return 1
    n = 0
    while True:
        n += 1
        ticket = seat.accept(Kind.COMPLAINT, "CJ.WY.DT", caller_phone=f"137{n:08d}")
        seat.act(ticket.id, Action.EDIT, changes={"content": f"电梯停运第{n}天"})
        seat.act(ticket.id, Action.DISPATCH, department="QZJJ", reason="按职责派单")
        with contextlib.suppress(Offline):
            seat.engine.sync_once()
        print(f"round {n}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
