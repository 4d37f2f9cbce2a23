"""Opening the local store: migrated to head, WAL + synchronous=FULL on every connection, clear errors."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
import sqlcipher3
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from app.domain import codec
from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.ticket import Ticket
from app.store.db import MIGRATIONS, Store, StoreError, latest_revision, open_store
from app.store.drafts import DraftStore
from app.store.models import Base, is_modelled
from app.store.tickets import utc_now
from tests.store_keys import PathKeys, keyed_engine


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"migrations have several heads: {heads}"
    return heads[0]


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "data" / "seat.sqlite3")
    yield store
    store.close()


def test_a_fresh_file_is_created_and_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "seat.sqlite3"
    store = open_store(path)
    try:
        assert path.is_file()
        assert current_revision(store) == head_revision()
        tables = set(inspect(store.engine).get_table_names())
        assert {"tickets", "ticket_events", "outbox", "drafts", "meta"} <= tables
    finally:
        store.close()


# The queue's expression indexes (0007) cannot be reflected, so they are not compared here; the plan
# tests in test_queue.py check that SQLite uses them.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_the_models_match_the_migrations(opened: Store) -> None:
    # A model changed without a migration (or the other way round) shows up here as a diff.
    with opened.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": is_modelled})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _pragma(conn: Connection, name: str) -> object:
    return conn.execute(text(f"PRAGMA {name}")).scalar()


def test_every_pooled_connection_uses_wal_and_full_sync(opened: Store) -> None:
    with ExitStack() as stack:
        # Several connections at once, so the pool must open new ones and configure each.
        conns = [stack.enter_context(opened.engine.connect()) for _ in range(4)]
        raw = {id(c.connection.dbapi_connection) for c in conns}
        assert len(raw) == 4
        for conn in conns:
            assert _pragma(conn, "journal_mode") == "wal"
            assert _pragma(conn, "synchronous") == 2  # FULL: a commit survives power loss
            assert _pragma(conn, "foreign_keys") == 1
            assert int(str(_pragma(conn, "busy_timeout"))) >= 5000


def test_sessions_get_the_same_settings(opened: Store) -> None:
    with opened.transaction() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    with opened.reading() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2


def test_wal_is_recorded_in_the_file_itself(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    open_store(path).close()
    key = PathKeys().create(path)
    plain = sqlcipher3.connect(str(path))  # a tool opening the file with the key, without our settings
    try:
        plain.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        plain.close()


def test_reopening_an_existing_store_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    draft = Draft(id=new_id(), seat_id="S01", started_at=utc_now(), content="重启前的草稿")
    first = open_store(path)
    DraftStore(first).save(draft, revision=3)
    first.close()

    for _ in range(2):  # migrating an up-to-date store again changes nothing
        again = open_store(path)
        try:
            assert current_revision(again) == head_revision()
            assert DraftStore(again).latest("S01") == (draft, 3)
            assert again.integrity_ok()
        finally:
            again.close()


def test_two_stores_on_one_file_see_each_others_commits(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    writer, reader = open_store(path), open_store(path)
    try:
        draft = Draft(id=new_id(), seat_id="S01", started_at=utc_now(), content="x")
        DraftStore(writer).save(draft, revision=1)
        assert DraftStore(reader).latest("S01") == (draft, 1)
    finally:
        writer.close()
        reader.close()


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database, just some text the user saved here\n" * 100,
        b"SQLite format 3\x00" + b"\xff" * 4000,  # the right magic, garbage after it
        bytes(range(256)) * 64,
    ],
)
def test_a_file_that_is_not_a_store_gives_a_clear_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "seat.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_store(path)
    message = str(info.value)
    assert "local store cannot be opened" in message
    assert "本地数据库无法打开" in message
    assert str(path) in message  # which file, so support can find it
    assert path.read_bytes() == content, "a file we cannot read must be left as it was"


def test_a_folder_in_place_of_the_file_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    path.mkdir()
    with pytest.raises(StoreError, match="local store cannot be opened"):
        open_store(path)


def test_a_damaged_page_is_reported_by_the_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    store = open_store(path)
    for n in range(200):
        DraftStore(store).save(
            Draft(id=new_id(), seat_id="S01", started_at=utc_now(), content="内容" * 50), revision=n
        )
    store.close()
    # Overwrite the middle of the file (past the header and schema pages) with zeros.
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    data[4 * 4096 : 6 * 4096] = bytes(2 * 4096)
    path.write_bytes(bytes(data))

    try:
        damaged = open_store(path)
    except StoreError:
        return  # refusing to open is a fine answer too
    try:
        assert not damaged.integrity_ok()
    finally:
        damaged.close()


def test_stores_can_be_opened_from_several_threads_at_once(tmp_path: Path) -> None:
    # Alembic keeps its migration context in module globals; opening must not trip over that.
    start = threading.Barrier(6)

    def open_and_close(n: int) -> str | None:
        start.wait()
        store = open_store(tmp_path / f"seat{n}.sqlite3")
        try:
            return current_revision(store)
        finally:
            store.close()

    for _ in range(3):
        with ThreadPoolExecutor(6) as pool:
            assert list(pool.map(open_and_close, range(6))) == [head_revision()] * 6
        for f in tmp_path.glob("seat*"):
            f.unlink()


def test_store_folder_is_private_to_the_os_account(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    opened = open_store(folder / "seat.sqlite3")
    opened.close()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_the_ticket_table_has_a_column_for_every_field_the_codec_names() -> None:
    # The ORM model is declared by hand (queries name its columns); this keeps it complete.
    assert set(codec.names(Ticket)) <= {c.name for c in Base.metadata.tables["tickets"].columns}


def test_the_latest_revision_read_from_the_file_names_is_alembics_head() -> None:
    # open_store compares the store with it to skip Alembic (and its import) on an up-to-date store.
    assert latest_revision() == head_revision()


def test_an_up_to_date_store_opens_without_loading_alembic(tmp_path: Path) -> None:
    # Alembic's import and its upgrade run cost a few hundred ms of every start; a store already at
    # head has nothing for it to do. A child process, so no other test has imported it already.
    open_store(tmp_path / "seat.sqlite3").close()
    probe = (
        "import sys; from pathlib import Path; from tests.store_keys import use_test_keys; "
        "from app.store.db import open_store; use_test_keys(); "
        f"open_store(Path({str(tmp_path / 'seat.sqlite3')!r})).close(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_store_behind_head_is_still_migrated(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    open_store(path).close()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = keyed_engine(path)
    with engine.begin() as conn:  # as the version before the latest migration left it
        config.attributes["connection"] = conn
        command.downgrade(config, "-1")
    engine.dispose()
    store = open_store(path)
    try:
        assert current_revision(store) == head_revision()
    finally:
        store.close()
