"""Callers' and the server's text is shown as written: a QLabel guesses HTML, so a caller named
"<b>王先生</b>" would be drawn bold, and an <img> in a server reason would be loaded."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.domain.article import Article
from app.domain.kinds import Kind
from app.domain.seat import Seat
from app.knowledge.base import KnowledgeBase
from app.knowledge.search import Hit
from app.resources import load_taxonomy
from app.workspace import Workspace
from sync.client.status import SyncState, SyncStatus
from ui.kb.kb_panel import KbPanel
from ui.ops import TRACKER, ChangeBus
from ui.shell.status_bar import SeatStatusBar
from ui.sync.conflicts_dialog import ConflictsDialog
from ui.ticket.ticket_dialog import TicketDialog

MARKUP = "<b>王先生</b>"
IMAGE = "<img src='http://example.invalid/x.png'>电梯停运"


def test_the_ticket_dialog_shows_caller_text_as_plain_text(qtbot: QtBot, workspace: Workspace) -> None:
    draft = dataclasses.replace(
        workspace.new_draft(),
        kind=Kind.COMPLAINT,
        category_code="CJ.WY.DT",
        caller_name=MARKUP,
        caller_phone="13812345678",
        address="<a href='x'>5栋</a>",
        content=IMAGE,
    )
    ticket, _ = workspace.tickets.accept(draft, actor="李娜")
    dialog = TicketDialog(workspace, ChangeBus(), ticket.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=5000)
    showing = [label for label in dialog.findChildren(QLabel) if "<" in label.text()]
    assert {MARKUP, IMAGE} <= {t for label in showing for t in (MARKUP, IMAGE) if t in label.text()}
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in showing), [
        label.objectName() for label in showing if label.textFormat() is not Qt.TextFormat.PlainText
    ]
    assert dialog.problem.textFormat() is Qt.TextFormat.PlainText  # the server's reasons go there


def test_the_status_bar_shows_the_operator_and_the_servers_error_as_plain_text(qtbot: QtBot) -> None:
    bar = SeatStatusBar(Seat("A01", "话务员01"), demo=False)
    qtbot.addWidget(bar)
    bar.set_operator(MARKUP)
    assert MARKUP in bar.seat_label.text() and bar.seat_label.textFormat() is Qt.TextFormat.PlainText
    bar.show_sync(SyncStatus(SyncState.OFFLINE, pending=0, conflicts=0, error=IMAGE))
    tip = bar.connection_label.toolTip()
    assert "<img" not in tip and "&lt;img" in tip  # escaped: shown as written, not loaded


def test_the_conflicts_dialog_shows_reasons_as_plain_text(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = ConflictsDialog(workspace, ChangeBus())
    qtbot.addWidget(dialog)
    assert dialog.reason.textFormat() is Qt.TextFormat.PlainText
    assert dialog.message.textFormat() is Qt.TextFormat.PlainText


def test_a_kb_article_shows_html_in_its_body_as_text(qtbot: QtBot, tmp_path: Path) -> None:
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite3")
    panel = KbPanel(kb, load_taxonomy(), ChangeBus(), demo=True)
    qtbot.addWidget(panel)
    body = "先到营业厅。<b>粗体</b><img src='file:///etc/hostname'>\n\n**要点**"
    article = Article(id="X-1", title="燃气开户", body=body)
    panel._show_hits([Hit(article=article, score=1.0, title=(("燃气开户", False),), snippet=())])
    qtbot.waitUntil(lambda: "燃气开户" in panel.article.toPlainText(), timeout=5000)
    shown = panel.article.toPlainText()
    assert "<b>粗体</b><img src='file:///etc/hostname'>" in shown  # as written, not rendered
    assert "**" not in shown  # Markdown itself still formats
    assert not panel.article.openLinks()
    TRACKER.wait(10)
    kb.close()
