"""Hole 7: the seat store was plain SQLite. Probed on the seat's own files (no server involved):
a seat accepts a ticket with a caller's name, phone and address, then an attacker with the files
(a stolen disk, another tool) tries to read them."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from app.config.settings import Config
from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.knowledge.store import KbStore
from app.paths import AppPaths
from app.resources import load_sla_clock, load_taxonomy
from app.store.db import Store, StoreError, migrate, open_store
from app.store.keys import Argon2Params, PassphraseRequest, SeatKeys, key_file_for, persistent_keyring
from app.store.tickets import TicketStore, utc_now
from app.workspace import Workspace
from tests.app.knowledge.conftest import article
from tests.security.conftest import Probe

NAME, PHONE, ADDRESS = "王秀英", "13987654321", "福田区红荔路1024号"
CHEAP = Argon2Params(1, 8 * 1024, 1)
PASSPHRASE = "operator's own passphrase"


@pytest.fixture
def probe() -> Probe:
    return Probe("seat")  # seat-side: no server, so not the live `probe` fixture


def _keys(*, keyring: bool) -> SeatKeys:
    return SeatKeys(use_keyring=keyring, passphrase=lambda _request: PASSPHRASE, argon2=CHEAP)


def _seat_with_a_ticket(home: Path, keys: SeatKeys) -> AppPaths:
    paths = AppPaths.under(home).create()
    ws = Workspace.open(paths, Config(), keys)
    try:
        draft = ws.new_draft().with_fields(
            kind=Kind.COMPLAINT,
            category_code=ws.taxonomy.leaves()[0].code,
            caller_name=NAME,
            caller_phone=PHONE,
            address=ADDRESS,
            content="楼上噪音扰民",
        )
        ws.drafts.save(draft, 1)  # the draft too (it carries the CTI number)
        ws.tickets.accept(draft, actor="probe")
    finally:
        ws.close()
    return paths


def _found(folder: Path) -> list[str]:
    data = b"".join(f.read_bytes() for f in folder.rglob("*") if f.is_file())
    return [
        label
        for label, text in (("name", NAME), ("phone", PHONE), ("address", ADDRESS))
        if text.encode() in data
    ]


@pytest.mark.parametrize("keyring", [False, True], ids=["passphrase", "os-keyring"])
def test_hole_07_seat_files_do_not_give_away_callers(probe: Probe, tmp_path: Path, keyring: bool) -> None:
    if keyring and persistent_keyring() is None:
        pytest.skip("no OS keyring here: run under .ci/with-keyring (gnome-keyring)")
    how = "OS keyring" if keyring else "passphrase"
    paths = _seat_with_a_ticket(tmp_path / "home", _keys(keyring=keyring))

    plain = sqlite3.connect(paths.store_file)
    try:
        plain.execute("SELECT caller_phone FROM tickets").fetchall()
        got = "rows read"
    except sqlite3.DatabaseError as exc:
        got = str(exc)
    probe.record(
        7, f"open seat.sqlite3 with plain sqlite3 ({how})", got, safe=got == "file is not a database"
    )
    assert got == "file is not a database"

    found = _found(paths.data_dir)
    probe.record(
        7,
        f"grep the data folder for the caller's name/phone/address ({how})",
        f"found {found}",
        safe=not found,
    )
    assert not found

    key_file = key_file_for(paths.store_file)
    key = _keys(keyring=keyring).load(paths.store_file)
    assert key is not None
    text = key_file.read_text()
    forms = (key.hex(), base64.b64encode(key).decode())
    in_clear = any(form in text for form in forms) or key in key_file.read_bytes()
    kept_in = json.loads(text)["kept_in"]
    got = f"kept_in={kept_in}, the key in clear: {in_clear}"
    probe.record(7, f"read seat.key.json for the key ({how})", got, safe=not in_clear)
    assert not in_clear

    if not keyring:
        asked: list[PassphraseRequest] = []

        def guesser(request: PassphraseRequest) -> str | None:
            asked.append(request)
            return "guessed passphrase" if len(asked) == 1 else None  # one guess, then gives up

        keys = SeatKeys(use_keyring=False, passphrase=guesser, argon2=CHEAP)
        try:
            open_store(paths.store_file, keys).close()
            got = "opened"
        except StoreError:
            got = f"not opened; asked again with: {asked[-1].problem}"
        probe.record(7, "open the store with a guessed passphrase", got, safe=got != "opened")
        assert got != "opened"


def test_hole_07_a_plain_store_from_before_is_encrypted_without_a_plain_copy(
    probe: Probe, tmp_path: Path
) -> None:
    paths = AppPaths.under(tmp_path / "home").create()
    engine = create_engine(f"sqlite:///{paths.store_file}")  # the store as the previous version kept it
    migrate(engine)
    old = TicketStore(Store(engine), load_sla_clock())
    draft = Draft(id=new_id(), seat_id="A01", started_at=utc_now()).with_fields(
        kind=Kind.COMPLAINT,
        category_code=load_taxonomy().leaves()[0].code,
        caller_name=NAME,
        caller_phone=PHONE,
        address=ADDRESS,
        content="求助",
    )
    old.accept(draft, actor="before")
    engine.dispose()
    assert _found(paths.data_dir) == ["name", "phone", "address"]  # the hole, as it was

    ws = Workspace.open(paths, Config(), _keys(keyring=False))  # the upgraded seat starts
    try:
        kept = ws.tickets.get(draft.id)
    finally:
        ws.close()
    plain = sqlite3.connect(paths.store_file)
    try:
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
        got = "still plain"
    except sqlite3.DatabaseError as exc:
        got = str(exc)
    found = _found(paths.data_dir)
    safe = got == "file is not a database" and not found and kept.caller.phone == PHONE
    probe.record(
        7,
        "upgrade a plain seat.sqlite3, open it with plain sqlite3, grep the folder",
        f"{got}; found {found}; ticket kept: {kept.caller.phone == PHONE}",
        safe=safe,
    )
    assert safe


def test_hole_07_the_kb_file_left_plain_holds_no_caller_data(probe: Probe, tmp_path: Path) -> None:
    """kb.sqlite3 is not encrypted, by decision (app/knowledge/store.py): shown, not assumed."""
    paths = _seat_with_a_ticket(tmp_path / "home", _keys(keyring=False))
    kb = KbStore(paths.kb_file)
    try:
        kb.record_use(new_id(), article("a1", "噪音扰民怎么投诉"), utc_now())
    finally:
        kb.close()
    with sqlite3.connect(paths.kb_file) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(article_uses)")]
    conn.close()
    data = paths.kb_file.read_bytes()
    found = [text for text in (NAME, PHONE, ADDRESS) if text.encode() in data]
    probe.record(
        7,
        "open kb.sqlite3 (left plain) with plain sqlite3",
        f"article_uses columns {columns}; caller data found {found}",
        safe=not found and columns == ["ticket_id", "article_id", "version", "at", "sent"],
    )
    assert not found
