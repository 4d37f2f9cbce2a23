"""The KB file: in-place index updates, versions, schema checks, article-use records."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.knowledge.search import Searcher
from app.knowledge.store import SCHEMA_VERSION, KbStore, KbStoreError
from tests.app.knowledge.conftest import article

ON = date(2026, 6, 1)


def test_replacing_an_article_updates_the_index_in_place(store: KbStore) -> None:
    searcher = Searcher(store)
    store.upsert([article("a1", "燃气开户", version=1)], version="1")
    assert [h.article.id for h in searcher.search("燃气", on=ON)] == ["a1"]
    store.upsert([article("a1", "供水过户", version=2)], version="2")
    assert searcher.search("燃气", on=ON) == []
    assert [h.article.version for h in searcher.search("供水", on=ON)] == [2]
    assert store.count() == 1
    assert store.version() == "2"


def test_delete_removes_article_index_and_spellings(store: KbStore) -> None:
    store.upsert([article("a1", "公积金提取"), article("a2", "社保卡补办")])
    changes = store.delete(["a1", "missing"], version="5")
    assert changes.deleted == ("a1",)
    assert store.get("a1") is None
    assert Searcher(store).search("公积金", on=ON) == []
    assert "gongjijin" not in store.vocabulary()
    assert store.version() == "5"


def test_a_failed_write_changes_nothing(store: KbStore) -> None:
    store.upsert([article("a1", "燃气开户")], version="1")

    class Boom(Exception):
        pass

    def broken() -> object:
        yield article("a2", "供水过户")
        raise Boom

    with pytest.raises(Boom):
        store.upsert(broken(), version="2")  # type: ignore[arg-type]
    assert store.versions() == {"a1": 1}
    assert store.version() == "1"


def test_a_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite3"
    KbStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(KbStoreError, match="更新版本"):
        KbStore(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KbStoreError, match="无法打开"):
        KbStore(path)


def test_reopening_keeps_articles_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite3"
    first = KbStore(path)
    first.upsert([article("a1", "居住证签注")], version="3")
    first.close()
    again = KbStore(path)
    assert again.get("a1") is not None
    assert again.version() == "3"
    again.close()


def test_article_uses_are_recorded_with_version(store: KbStore) -> None:
    a1 = article("a1", "居住证签注", version=4)
    at = datetime(2026, 6, 1, 9, tzinfo=UTC)
    store.record_use("t-1", a1, at)
    store.record_use("t-1", a1, at)  # the same answer twice counts once
    store.record_use("t-2", a1, at)
    assert [(u.ticket_id, u.version) for u in store.uses("t-1")] == [("t-1", 4)]
    assert store.use_counts() == {"a1": 2}


def test_the_kb_file_holds_no_personal_data_which_is_why_it_is_not_encrypted(tmp_path: Path) -> None:
    """kb.sqlite3 stays plain SQLite (see the reason in app/knowledge/store.py): that holds only while
    no table of it keeps a caller's data. A column added to article_uses must be judged again."""
    path = tmp_path / "kb.sqlite3"
    KbStore(path).close()
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(article_uses)")]
    conn.close()
    assert columns == ["ticket_id", "article_id", "version", "at", "sent"]


def test_a_deferred_store_touches_no_disk_until_it_is_used(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite3"
    store = KbStore(path, open_now=False)
    assert not path.exists() and not store.opened and store.revision == 0
    assert store.count() == 0  # the first query opens (and creates) it, on the thread that asks
    assert path.exists() and store.opened
    store.close()


def test_an_unusable_kb_file_is_moved_aside_when_the_kb_loads(tmp_path: Path) -> None:
    from app.knowledge.base import KnowledgeBase

    path = tmp_path / "kb.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    kb = KnowledgeBase.open(path, defer=True)
    assert path.read_bytes().startswith(b"this is not")  # nothing done yet
    kb.load()
    [aside] = tmp_path.glob("kb.sqlite3.unusable-*")
    assert aside.read_bytes().startswith(b"this is not")
    kb.store.upsert([article("a1", "居住证签注")])
    assert kb.store.count() == 1
    kb.close()


def test_uses_stay_unsent_until_the_server_has_that_very_use(store: KbStore) -> None:
    gas = article("a1", "燃气开户")
    store.upsert([gas])
    first = store.record_use("t1", gas, datetime(2026, 6, 1, 9, tzinfo=UTC))
    assert store.unsent_uses(10) == [first]
    later = store.record_use("t1", gas, datetime(2026, 6, 1, 10, tzinfo=UTC))  # used again while sending
    store.mark_sent([first])
    assert store.unsent_uses(10) == [later]  # the newer use still goes
    store.mark_sent([later])
    assert store.unsent_uses(10) == []
    assert store.uses() == [later]  # sent uses stay for this seat's own report
