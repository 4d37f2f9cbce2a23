"""The KB dock in the main window: F7 puts the answer into 答复内容, and the ticket closed with it
records which article (and version) answered it."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from unittest.mock import patch

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.article import Article
from app.domain.draft import ArticleRef
from app.paths import AppPaths
from app.speech.stream import Segment, Speaker
from app.store.changes import Changes
from app.store.models import DraftRow
from tests.ui.ime import commit_text, type_request
from ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def test_f7_answers_the_call_and_the_ticket_remembers_the_article(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    panel = window.kb_panel
    qtbot.waitUntil(lambda: panel.ready, timeout=30_000)
    empty = "知识库为空：登录中心服务器后自动同步"  # no server, not a demo
    qtbot.waitUntil(lambda: panel.version_label.text() == empty, timeout=5000)
    article = Article(
        id="WY-DT-1",
        title="电梯故障报修",
        body="请联系物业报修，困人拨打 96333。",
        version=3,
        updated_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
    window.kb.store.apply([article], (), version="7", source="http://central.test")  # as a sync does
    window.bus.changed.emit(Changes(kb=True))  # ... and SeatSync then announces
    panel.search.setText("电梯")
    qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: panel.version_label.text() == "知识库版本 7", timeout=5000)

    type_request(qtbot, window)
    window.intake.kind.setCurrentIndex(0)  # 咨询
    window.intake.flush()
    qtbot.waitUntil(lambda: window.intake.saved_revision == window.intake.revision, timeout=5000)
    saved_before = _saved_at(window)
    panel.insert_action.trigger()  # F7
    inserted = window.intake.revision
    with qtbot.waitSignal(  # saved at once, not after the autosave pause
        window.intake.draftSaved, timeout=1000, check_params_cb=lambda revision: revision == inserted
    ):
        pass
    assert window.intake.answer.toPlainText().startswith("电梯故障报修：请联系物业报修")
    found = window.ws.drafts.latest(window.ws.seat.seat_id)
    assert found is not None
    draft, _revision = found
    assert draft.answer == window.intake.answer.toPlainText()
    assert draft.answered_with == (ArticleRef("WY-DT-1", 3),)
    assert _saved_at(window) > saved_before  # the draft's saved time moved with the insertion
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        window.intake.accept_ticket(close_direct=True)
    ticket = accepted.args[0]
    assert ticket.status.value == "closed"
    qtbot.waitUntil(lambda: bool(window.kb.store.uses(ticket.id)), timeout=5000)
    [use] = window.kb.store.uses(ticket.id)
    assert (use.article_id, use.version) == ("WY-DT-1", 3)


def _saved_at(window: MainWindow) -> datetime:
    with window.ws.store.reading() as session:
        row = session.get(DraftRow, window.intake.current_draft().id)
        assert row is not None
        return row.updated_at


def test_what_the_caller_says_brings_suggestions_into_the_kb_dock(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    """Agent assist end to end in the window: a final sentence published on the workspace's
    transcript stream from a recognizer thread reaches the KB dock, which suggests the article."""
    window = open_window()
    panel = window.kb_panel
    qtbot.waitUntil(lambda: panel.ready, timeout=30_000)
    article = Article(
        id="GJJ-ZF-1",
        title="租房提取住房公积金",
        body="无自有住房且租房居住的职工，可每年提取一次住房公积金，携带身份证到公积金中心办理。",
        tags=("公积金", "租房"),
        version=1,
        updated_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
    window.kb.store.apply([article], (), version="1", source="http://central.test")
    window.bus.changed.emit(Changes(kb=True))
    said = "我那个房子是租的 公积金里面有点钱 听说租房可以取出来"
    segment = Segment("call-1", Speaker.CALLER, said, 0.0, 4.0, (), final=True)
    recognizer = threading.Thread(target=window.ws.transcript.publish, args=(segment,))
    recognizer.start()
    recognizer.join()
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=10_000)
    assert panel.mode_label.text().startswith("实时推荐")
    panel.results.setCurrentRow(0)
    suggested = panel.current_article()
    assert suggested is not None and suggested.id == "GJJ-ZF-1"


def test_the_window_shows_while_the_kb_file_is_still_locked_and_searches_once_it_opens(
    qtbot: QtBot, open_window: OpenWindow, home: AppPaths
) -> None:
    """Another program (a backup, a virus scanner) holds the KB file locked at start: opening it
    waits, but on the KB dock's worker; the window is up at once and the search works after."""
    blocker = sqlite3.connect(home.kb_file, isolation_level=None)
    blocker.execute("CREATE TABLE other (x)")  # a rollback-journal file: an exclusive lock blocks all
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        window = open_window(demo=True)
        window.show()
        qtbot.waitExposed(window)
        assert time.monotonic() - started < 5  # the KB waits up to 30 s for the lock, the window not
        panel = window.kb_panel
        assert not panel.ready and panel.mode_label.text() == "正在载入知识库…"
        qtbot.wait(300)
        assert not window.kb.store.opened  # still waiting for the lock, on the worker
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    qtbot.waitUntil(lambda: panel.ready, timeout=30_000)
    panel.search.setText("公积金提取")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=10_000)
    assert panel.current_article() is not None and panel.version_label.text() == "知识库：演示数据"


@pytest.mark.slow
def test_typing_the_request_brings_suggestions_and_a_new_intake_clears_the_kb_search(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    """No call, no transcript: what the operator types as 诉求内容 is enough for suggestions. The
    search typed for one caller is gone when the next intake starts (受理 or 新建)."""
    window = open_window(demo=True)
    panel = window.kb_panel
    qtbot.waitUntil(lambda: panel.ready, timeout=30_000)
    for char in "市民问租房怎么提取公积金":
        commit_text(qtbot, window.intake.content, char)
    qtbot.waitUntil(lambda: panel.mode_label.text().startswith("实时推荐"), timeout=10_000)
    assert "租房提取住房公积金" in [h.article.title for h in panel._hits]

    with qtbot.waitSignal(panel.answered, timeout=5000):
        panel.search.setText("护照")
    type_request(qtbot, window)
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000):
        window.intake.accept_ticket(close_direct=False)
    assert panel.search.text() == ""

    panel.search.setText("燃气")
    commit_text(qtbot, window.intake.content, "燃气")
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        window.intake.start_new()  # 新建 (F2), the half-typed draft given up
    assert panel.search.text() == ""


def test_at_1366_by_768_the_kb_dock_shows_several_results_and_no_horizontal_scrollbar(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    """The operator scans the answers mid-call: at the smallest usual screen at least four
    results are in view whole, and nothing is off to the side."""
    window = open_window(demo=True)
    window.resize(1366, 768)
    panel = window.kb_panel
    qtbot.waitUntil(lambda: panel.ready, timeout=30_000)
    with qtbot.waitSignal(panel.answered, timeout=5000):
        panel.search.setText("公积金")
    qtbot.wait(100)
    results = panel.results
    in_view = [
        row
        for row in range(results.count())
        if results.viewport().rect().contains(results.visualItemRect(results.item(row)))
    ]
    assert len(in_view) >= 4, f"only {len(in_view)} results in view, list {results.size()}"
    assert not results.horizontalScrollBar().isVisible()
