"""The seat store is encrypted at rest (SQLCipher): unreadable without its key, a plain store from an
earlier version is encrypted in place with all its data, and no plain copy stays beside it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import create_engine, text

from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.problem import Problem
from app.store.db import Store, StoreError, is_plain, migrate, open_store
from app.store.drafts import DraftStore
from app.store.keys import OneRunKeys, SeatKeys
from app.store.tickets import utc_now
from tests.store_keys import PathKeys

PHONE = "13912345678"
ADDRESS = "朝阳区幸福路88号3单元"


def _draft(content: str = "电梯停运") -> Draft:
    return Draft(
        id=new_id(), seat_id="S01", started_at=utc_now(), caller_phone=PHONE, address=ADDRESS, content=content
    )


def plain_store(path: Path, drafts: int = 1, *, keep_wal: bool = False) -> list[Draft]:
    """A store as the versions before encryption left it: plain SQLite, WAL, migrated to head.
    `keep_wal` leaves the last commits in the WAL file, as a killed program would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.execute(text("PRAGMA journal_mode=WAL"))
    migrate(engine)
    store = Store(engine)
    saved = [_draft(f"草稿{n}") for n in range(drafts)]
    for n, draft in enumerate(saved):
        DraftStore(store).save(draft.with_fields(seat_id=f"S{n:02}"), revision=1)
    if keep_wal:
        # Copy the files aside while a connection still holds the WAL unmerged, as after a kill.
        keeper = sqlite3.connect(path)
        keeper.execute("PRAGMA wal_autocheckpoint=0")
        keeper.execute("UPDATE drafts SET revision = 2")
        keeper.commit()
        aside = path.with_name("aside")
        aside.mkdir()
        for file in path.parent.glob(path.name + "*"):
            shutil.copy(file, aside / file.name)
        keeper.close()
        engine.dispose()
        for file in path.parent.glob(path.name + "*"):
            file.unlink()
        for file in aside.iterdir():
            shutil.move(file, path.parent / file.name)
        aside.rmdir()
        assert path.with_name(path.name + "-wal").stat().st_size > 0
    engine.dispose()
    return saved


def _all_bytes(folder: Path) -> bytes:
    return b"".join(f.read_bytes() for f in folder.rglob("*") if f.is_file())


def test_the_store_file_is_unreadable_without_its_key(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    store = open_store(path)
    DraftStore(store).save(_draft(), revision=1)
    store.close()

    plain = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            plain.execute("SELECT * FROM drafts").fetchall()
    finally:
        plain.close()
    everything = _all_bytes(tmp_path)
    assert PHONE.encode() not in everything
    assert ADDRESS.encode() not in everything
    assert not is_plain(path)


def test_a_wrong_key_opens_nothing(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    open_store(path).close()
    with pytest.raises(StoreError, match="local store cannot be opened"):
        open_store(path, OneRunKeys())  # no key for it: refused, never a new key
    wrong = OneRunKeys()
    wrong.create(path)
    with pytest.raises(StoreError, match="local store cannot be opened"):
        open_store(path, wrong)


def test_an_encrypted_store_without_its_key_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    open_store(path).close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        open_store(path, SeatKeys(use_keyring=False, passphrase=lambda _request: "never asked"))
    assert info.value.problem.params["problem"] == Problem("store.no_key")
    assert path.read_bytes() == before
    assert not (tmp_path / "seat.key.json").exists(), "no new key is made for an encrypted store"


def test_a_plain_store_is_encrypted_in_place_with_all_its_data(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    saved = plain_store(path, drafts=3, keep_wal=True)
    assert is_plain(path)

    store = open_store(path)
    try:
        for n, draft in enumerate(saved):
            assert DraftStore(store).latest(f"S{n:02}") == (draft.with_fields(seat_id=f"S{n:02}"), 2)
        assert store.integrity_ok()
    finally:
        store.close()
    assert not is_plain(path)
    assert not path.with_name("seat.sqlite3.encrypting").exists()
    everything = _all_bytes(tmp_path)
    assert PHONE.encode() not in everything, "no plain copy (file, WAL, temp) is left behind"
    assert ADDRESS.encode() not in everything


def test_a_leftover_temp_file_of_an_interrupted_encryption_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    [draft] = plain_store(path)
    temp = tmp_path / "seat.sqlite3.encrypting"
    temp.write_bytes(b"half an encrypted copy" * 100)
    temp.with_name(temp.name + "-journal").write_bytes(b"its journal")

    store = open_store(path)
    try:
        assert DraftStore(store).latest("S00") == (draft.with_fields(seat_id="S00"), 1)
    finally:
        store.close()
    assert not temp.exists() and not temp.with_name(temp.name + "-journal").exists()


def test_a_plain_store_whose_key_is_already_kept_is_encrypted_with_that_key(tmp_path: Path) -> None:
    # The window between keeping a new key and encrypting the file: the next start finishes the job.
    path = tmp_path / "seat.sqlite3"
    [draft] = plain_store(path)
    keys = SeatKeys(use_keyring=False, passphrase=lambda _request: "correct horse battery")
    key = keys.create(path)
    assert is_plain(path)

    store = open_store(path, keys)
    try:
        assert DraftStore(store).latest("S00") == (draft.with_fields(seat_id="S00"), 1)
    finally:
        store.close()
    raw = sqlcipher3.connect(str(path))
    try:
        raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert raw.execute("SELECT count(*) FROM drafts").fetchone() == (1,)
    finally:
        raw.close()


def test_a_file_with_a_plain_header_but_garbage_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    content = b"SQLite format 3\x00" + b"\xff" * 4000
    path.write_bytes(content)
    with pytest.raises(StoreError, match="local store cannot be opened"):
        open_store(path)
    assert path.read_bytes() == content


def test_test_keys_are_per_store(tmp_path: Path) -> None:
    assert PathKeys().load(tmp_path / "a") != PathKeys().load(tmp_path / "b")
