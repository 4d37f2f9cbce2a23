"""kill -9 while the draft is being autosaved: nothing acknowledged is lost, nothing is corrupted.

A real child process (draft_writer.py) opens the real store and saves a growing draft as fast as it
can, acknowledging each revision on stdout after the save returned. The test kills it with SIGKILL at
a random moment, reopens the store and checks the draft that comes back against the acknowledgements.
Each lane reuses its store file, so later rounds also recover from the previous round's kill.
"""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from app.domain.ids import new_id
from app.store.db import open_store
from app.store.drafts import DraftStore

WRITER = Path(__file__).with_name("draft_writer.py")
ROOT = Path(__file__).resolve().parents[3]
LANES = 4  # kill rounds run in parallel lanes, each on its own store file
MIN_DELAY, MAX_DELAY = 0.05, 0.40


def _load_writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("draft_writer", WRITER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


writer = _load_writer()


@dataclass(frozen=True)
class Round:
    seed: int
    delay: float
    acknowledged: int  # last revision the child reported as saved
    restored: int  # revision found after the kill (0: no draft at all)
    integrity: bool
    content_ok: bool

    @property
    def lost(self) -> bool:
        return self.restored < self.acknowledged

    @property
    def corrupted(self) -> bool:
        # restored > acknowledged + 1 would be a revision that was never even written.
        return not self.integrity or not self.content_ok or self.restored > self.acknowledged + 1


def kill_round(path: Path, seed: int) -> Round:
    rng = random.Random(seed)
    draft_id, seat = new_id(), f"K{seed}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    with (path.parent / f"writer-{seed}.err").open("w+b") as err:
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), draft_id, seat],
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=ROOT,
            env=env,
        )
        assert child.stdout is not None
        try:
            first = child.stdout.readline()
            if first != b"ready\n":
                child.kill()
                child.wait()
                err.seek(0)
                pytest.fail(f"writer did not start: {first!r}\n{err.read().decode(errors='replace')}")
            # The random moment counts from the first acknowledged save, not from start-up: on a
            # loaded machine (CI, two workers) a writer may take longer than MAX_DELAY to save once.
            output = child.stdout.readline()
            delay = rng.uniform(MIN_DELAY, MAX_DELAY)
            time.sleep(delay)
        finally:
            child.kill()  # SIGKILL on POSIX: no cleanup, no flush, no atexit
            child.wait()
        output += child.stdout.read()
        child.stdout.close()
    assert child.returncode == -9 or sys.platform == "win32", f"writer ended by itself: {child.returncode}"

    # Only whole lines count: the kill may have cut the last one short.
    acknowledged = max((int(line) for line in output.split(b"\n")[:-1] if line.strip()), default=0)

    store = open_store(path)
    try:
        integrity = store.integrity_ok()
        found = DraftStore(store).latest(seat)
    finally:
        store.close()
    if found is None:
        return Round(seed, delay, acknowledged, 0, integrity, content_ok=True)
    draft, revision = found
    content_ok = draft.id == draft_id and draft.content == writer.content_for(revision)
    return Round(seed, delay, acknowledged, revision, integrity, content_ok)


def run_rounds(tmp_path: Path, rounds: int) -> list[Round]:
    base_seed = random.SystemRandom().randrange(1_000_000) * 1000

    def lane(n: int) -> list[Round]:
        path = tmp_path / f"lane{n}" / "seat.sqlite3"
        path.parent.mkdir()
        return [kill_round(path, base_seed + i) for i in range(n, rounds, LANES)]

    with ThreadPoolExecutor(LANES) as pool:
        return [r for results in pool.map(lane, range(LANES)) for r in results]


def check(results: list[Round], rounds: int) -> None:
    assert len(results) == rounds
    lost = [r for r in results if r.lost]
    corrupted = [r for r in results if r.corrupted]
    summary = (
        f"{rounds} kills: {len(lost)} lost, {len(corrupted)} corrupted; acknowledged revisions "
        f"{min(r.acknowledged for r in results)}..{max(r.acknowledged for r in results)}"
    )
    assert not lost, f"{summary}\nlost: {lost}"
    assert not corrupted, f"{summary}\ncorrupted: {corrupted}"
    # Guard against a vacuous pass: the child must really have been saving when it was killed.
    saving = [r for r in results if r.acknowledged > 1]
    assert len(saving) >= rounds * 3 // 4, f"{summary}: too few kills hit a saving writer"


def test_content_is_a_function_of_the_revision() -> None:
    assert writer.content_for(0) == ""
    assert writer.content_for(3) == writer.TEXT[:3]
    long = writer.content_for(len(writer.TEXT) + 2)
    assert len(long) == len(writer.TEXT) + 2 and long.endswith(writer.TEXT[:2])


@pytest.mark.slow
def test_kill_9_while_autosaving_loses_no_acknowledged_draft(tmp_path: Path) -> None:
    check(run_rounds(tmp_path, 20), 20)


@pytest.mark.slow
def test_kill_9_while_autosaving_200_times(tmp_path: Path) -> None:
    check(run_rounds(tmp_path, 200), 200)
