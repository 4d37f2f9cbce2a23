"""The KB dock in the main window: F7 puts the answer into 答复内容, and the ticket closed with it
records which article (and version) answered it."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from app.domain.article import Article
from app.paths import AppPaths
from app.speech.stream import Segment, Speaker
from tests.ui.ime import type_request
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
    panel.search.setText("电梯")
    qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: panel.version_label.text() == "知识库版本 7", timeout=5000)

    type_request(qtbot, window)
    window.intake.kind.setCurrentIndex(0)  # 咨询
    panel.insert_action.trigger()  # F7
    assert window.intake.answer.toPlainText().startswith("电梯故障报修：请联系物业报修")
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        window.intake.accept_ticket(close_direct=True)
    ticket = accepted.args[0]
    assert ticket.status.value == "closed"
    qtbot.waitUntil(lambda: bool(window.kb.store.uses(ticket.id)), timeout=5000)
    [use] = window.kb.store.uses(ticket.id)
    assert (use.article_id, use.version) == ("WY-DT-1", 3)


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
