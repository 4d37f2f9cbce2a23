"""kill -9 while a plain store is being encrypted: at every moment either the old plain store or the
new encrypted one opens with all the data, and the next start finishes the job.

A real child process (store_encrypter.py) opens a plain store with the production key source (the OS
keyring under .ci/with-keyring, else a passphrase), which makes the key and encrypts the file; the test
kills it with SIGKILL at a random moment. Kills land before the key is kept, between keeping it and
encrypting (key in the keyring, file still plain), during the export (a temporary file left over) and
after the rename.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlcipher3

from app.store.db import is_plain, open_store
from app.store.keys import SeatKeys, key_file_for
from tests.app.store.test_encryption import plain_store

CHILD = Path(__file__).with_name("store_encrypter.py")
ROOT = Path(__file__).resolve().parents[3]
DRAFTS = 3000


def _child_keys() -> SeatKeys:
    spec = importlib.util.spec_from_file_location("store_encrypter", CHILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    keys = module.keys()
    assert isinstance(keys, SeatKeys)
    return keys


def _digest(conn: sqlite3.Connection | sqlcipher3.Connection) -> str:
    rows = conn.execute("SELECT seat_id, revision, payload FROM drafts ORDER BY seat_id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


_timed: list[float] = []  # how long an encryption left alone took, from `start` to `done`


@dataclass(frozen=True)
class Seen:
    plain: bool  # the file left by the kill was still the plain one
    temp_left: bool
    key_kept: bool


def _check_either_opens(path: Path, expected: str) -> Seen:
    """Right after the kill, before any repair: the file in place opens, plain or with its key."""
    temp_left = path.with_name(path.name + ".encrypting").exists()
    key_kept = key_file_for(path).exists()
    if is_plain(path):
        conn = sqlite3.connect(path)
        try:
            assert _digest(conn) == expected, "the plain store lost data"
        finally:
            conn.close()
        return Seen(True, temp_left, key_kept)
    key = _child_keys().load(path)
    assert key is not None, "an encrypted store without a kept key"
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert _digest(conn) == expected, "the encrypted store lost data"
    finally:
        conn.close()
    return Seen(False, temp_left, key_kept)


def _round(template: Path, folder: Path, expected: str, delay: float | None) -> Seen:
    """One kill `delay` seconds after the child started opening (None: let it finish, no kill)."""
    folder.mkdir()
    for file in template.parent.glob(template.name + "*"):
        shutil.copy(file, folder / file.name)
    path = folder / template.name
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path)], stdout=subprocess.PIPE, cwd=ROOT, env=env
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == b"start\n"
        if delay is None:
            started = time.monotonic()
            assert child.stdout.readline() == b"done\n"
            _timed.append(time.monotonic() - started)
        else:
            time.sleep(delay)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    seen = _check_either_opens(path, expected)
    store = open_store(path, _child_keys())  # the next start: finishes (or redoes) the encryption
    try:
        assert store.integrity_ok()
    finally:
        store.close()
    assert not is_plain(path)
    conn = sqlcipher3.connect(str(path))
    try:
        key = _child_keys().load(path)
        assert key is not None
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert _digest(conn) == expected
    finally:
        conn.close()
    return seen


def _run(tmp_path: Path, rounds: int) -> list[Seen]:
    made = tmp_path / "made" / "seat.sqlite3"
    plain_store(made, 1)
    conn = sqlite3.connect(made)
    conn.execute("PRAGMA wal_autocheckpoint=0")  # the drafts stay in the WAL, as after a kill
    with conn:  # a few MB of drafts in one go, so the export takes long enough to be hit
        conn.executemany(
            "INSERT INTO drafts (id, seat_id, payload, revision, updated_at) "
            "SELECT ?, ?, payload, revision, updated_at FROM drafts WHERE seat_id = 'S00'",
            [(f"filler-{n}", f"F{n:05}") for n in range(DRAFTS)],
        )
    expected = _digest(conn)
    template = tmp_path / "template" / "seat.sqlite3"
    template.parent.mkdir()
    for file in made.parent.glob(made.name + "*"):  # copied while the WAL is held open
        shutil.copy(file, template.parent / file.name)
    conn.close()
    assert template.with_name(template.name + "-wal").stat().st_size > 1_000_000
    # Calibrate: how long an uninterrupted encryption takes here, so the kills spread over all of it.
    # Its kill lands after `done`, past the rename: that side is always seen, however slow the
    # machine is during the kills (on a loaded CI machine all eight once landed before the rename).
    finished = _round(template, tmp_path / "timed", expected, delay=None)
    span = _timed[-1] * 1.3  # kills also land a little after it is done
    rng = random.Random(random.SystemRandom().randrange(1_000_000))
    # One kill in each of `rounds` equal slices of the span: 8 kills drawn over all of it landed
    # before the rename every time in about one run in twenty, and the check below failed.
    delays = [rng.uniform(span * n / rounds, span * (n + 1) / rounds) for n in range(rounds)]
    return [finished, *(_round(template, tmp_path / f"r{n}", expected, d) for n, d in enumerate(delays))]


def _check(seen: list[Seen]) -> None:
    # Guard against a vacuous pass: kills must have hit on both sides of the rename.
    assert any(s.plain for s in seen) and any(not s.plain for s in seen), seen


@pytest.mark.slow
def test_kill_9_while_encrypting_a_plain_store_loses_nothing(tmp_path: Path) -> None:
    _check(_run(tmp_path, 8))


@pytest.mark.slow
def test_kill_9_while_encrypting_100_times(tmp_path: Path) -> None:
    seen = _run(tmp_path, 100)
    _check(seen)
    assert any(s.plain and s.key_kept for s in seen), "no kill between keeping the key and encrypting"
    assert any(s.plain and s.temp_left for s in seen), "no kill during the export"
