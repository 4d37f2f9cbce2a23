"""The KB dock in the main window: F7 puts the answer into 答复内容, and the ticket closed with it
records which article (and version) answered it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from app.knowledge.article import Article
from tests.ui.ime import type_request
from ui.main_window import MainWindow

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
