"""A seat's KB follows the server's: first pull replaces the demo set, then only changes come,
the index is updated in place, and offline the last KB still answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.article import Article
from app.knowledge.base import KnowledgeBase
from app.knowledge.store import KB_SOURCE
from sync.client.api import Offline, ServerApi
from sync.client.engine import SyncEngine
from sync.client.kb import KbSync
from sync.client.loop import SyncLoop
from sync.protocol import KbArticleEdit
from tests.sync.client.conftest import Seats
from tests.sync.live import free_port

ON = date(2026, 6, 1)


def _edit(title: str, body: str = "到营业厅办理。", base_version: int = 0) -> KbArticleEdit:
    return KbArticleEdit(title=title, body=body, categories=["GY.GQ.KH"], base_version=base_version)


def _ids(kb: KnowledgeBase, query: str) -> list[str]:
    return [h.article.id for h in kb.searcher.search(query, on=ON)]


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    return KnowledgeBase.open(tmp_path / "kb.sqlite3")


def test_seat_pulls_the_kb_incrementally_and_keeps_it_offline(seats: Seats, kb: KnowledgeBase) -> None:
    lead, seat = seats("lead"), seats("a01")
    kb.prepare()  # the shipped demo set, as on a new seat
    assert kb.version_label() == "demo"
    lead.api.kb_save("GQ-1", _edit("燃气开户"))
    lead.api.kb_save("GS-1", _edit("供水过户"))
    engine = SyncEngine(seat.store, seats.sla, seat.api, kb=KbSync(seat.api, kb.store, "central"))

    report = engine.sync_once()
    assert report.kb_changed == 2
    assert sorted(kb.store.versions()) == ["GQ-1", "GS-1"]  # the demo articles are gone
    assert kb.store.meta(KB_SOURCE) == "central"
    first = kb.store.version()
    assert kb.version_label() == first != "0"

    assert engine.sync_once().kb_changed == 0  # nothing new: nothing fetched

    lead.api.kb_save("GQ-1", _edit("天然气开户通气", base_version=1))
    lead.api.kb_delete("GS-1")
    assert engine.sync_once().kb_changed == 2
    assert _ids(kb, "供水") == []
    assert _ids(kb, "通气") == ["GQ-1"]
    assert kb.store.get("GQ-1") is not None and kb.store.get("GQ-1").version == 2  # type: ignore[union-attr]
    assert int(kb.store.version()) > int(first)

    nowhere = ServerApi(f"http://127.0.0.1:{free_port()}", seat.vault, timeout=2)  # same login, no server
    with pytest.raises(Offline):
        KbSync(nowhere, kb.store, "central").pull("999")
    nowhere.close()
    assert _ids(kb, "通气") == ["GQ-1"]  # the last KB still answers
    assert kb.store.version() != "999"


def test_pages_resume_from_the_last_applied_revision(seats: Seats, kb: KnowledgeBase) -> None:
    lead, seat = seats("lead"), seats("a01")
    for n in range(7):
        lead.api.kb_save(f"A-{n}", _edit(f"居住证签注{n}"))
    revision = seat.api.pull(0, 10).reference.kb
    assert KbSync(seat.api, kb.store, "central", page_size=3).pull(revision) == 7
    assert kb.store.version() == revision
    assert len(_ids(kb, "居住证")) == 7


def test_a_kb_from_another_server_is_replaced(seats: Seats, kb: KnowledgeBase) -> None:
    lead, seat = seats("lead"), seats("a01")
    lead.api.kb_save("GQ-1", _edit("燃气开户"))
    revision = seat.api.pull(0, 10).reference.kb
    KbSync(seat.api, kb.store, "old-server").pull(revision)
    kb.store.upsert([Article(id="LOCAL", title="旧条目", body="旧。")])
    KbSync(seat.api, kb.store, "central").pull(revision)
    assert sorted(kb.store.versions()) == ["GQ-1"]


def test_article_uses_reach_the_leads_report_once_and_survive_an_outage(
    seats: Seats, kb: KnowledgeBase
) -> None:
    lead, seat = seats("lead"), seats("a01")
    lead.api.kb_save("GQ-1", _edit("燃气开户"))
    engine = SyncEngine(seat.store, seats.sla, seat.api, kb=KbSync(seat.api, kb.store, "central"))
    engine.sync_once()
    article = kb.store.get("GQ-1")
    assert article is not None
    # Offline: the call is taken and answered from the KB before the server knows the ticket. The
    # seat pushes its tickets before its uses, so the server keeps the use of the new ticket.
    nowhere = ServerApi(f"http://127.0.0.1:{free_port()}", seat.vault, timeout=2)
    ticket = seat.accept().id
    at = datetime.now(UTC)
    kb.store.record_use(ticket, article, at)
    with pytest.raises(Offline):
        KbSync(nowhere, kb.store, "central").send_uses()
    nowhere.close()
    assert len(kb.store.unsent_uses(10)) == 1  # kept for the next sync

    assert engine.sync_once().kb_uses_sent == 1
    assert engine.sync_once().kb_uses_sent == 0  # sent once
    report = lead.api.kb_report(at - timedelta(days=1), at + timedelta(days=1)).to_domain()
    assert [(u.article_id, u.uses) for u in report.used] == [("GQ-1", 1)]
    assert report.tickets == 1

    kb.store.record_use(ticket, article, at + timedelta(minutes=1))  # used again: sent again, still one
    assert engine.sync_once().kb_uses_sent == 1
    again = lead.api.kb_report(at - timedelta(days=1), at + timedelta(days=1)).to_domain()
    assert [(u.uses, u.last_used) for u in again.used] == [(1, at + timedelta(minutes=1))]


def test_a_use_the_server_drops_is_not_sent_again_and_holds_nothing_back(
    seats: Seats, kb: KnowledgeBase
) -> None:
    lead, seat = seats("lead"), seats("a01")
    lead.api.kb_save("GQ-1", _edit("燃气开户"))
    engine = SyncEngine(seat.store, seats.sla, seat.api, kb=KbSync(seat.api, kb.store, "central"))
    engine.sync_once()
    article = kb.store.get("GQ-1")
    assert article is not None
    mine = seat.accept().id
    kb.store.record_use("0192f5e0-0000-7000-8000-00000000000a", article, datetime.now(UTC))  # no such ticket
    kb.store.record_use(mine, article, datetime.now(UTC))
    assert engine.sync_once().kb_uses_sent == 1  # the good one is kept, the other dropped
    assert kb.store.unsent_uses(10) == []
    assert engine.sync_once().kb_uses_sent == 0


def test_a_round_that_changed_the_kb_says_so_in_its_status(seats: Seats, kb: KnowledgeBase) -> None:
    """The KB dock refreshes from the status the loop publishes (SeatSync puts Changes(kb=True) on
    the ChangeBus): it must say when articles came in, and only then."""
    lead, seat = seats("lead"), seats("a01")
    loop = SyncLoop(SyncEngine(seat.store, seats.sla, seat.api, kb=KbSync(seat.api, kb.store, "central")))
    lead.api.kb_save("GQ-1", _edit("燃气开户"))
    assert loop.step().kb_changed == 1
    assert loop.step().kb_changed == 0
    lead.api.kb_delete("GQ-1")
    assert loop.step().kb_changed == 1
