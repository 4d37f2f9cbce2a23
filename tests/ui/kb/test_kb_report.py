"""The KB effectiveness dialog over a real KB file: uses per article in the chosen period, the
unused and never-used articles, presets and custom dates; and only leads get it in the menu."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from app.domain.article import Article
from app.domain.article_uses import Effectiveness
from app.domain.status import Role
from app.knowledge.base import KnowledgeBase
from sync.client.api import Offline
from sync.protocol import UserInfo
from ui.kb.kb_report import KbReportDialog
from ui.ops import TRACKER
from ui.shell.main_window import MainWindow

SCREENSHOTS = os.environ.get("HOTLINE_SCREENSHOTS")
TODAY = QDate(2026, 6, 30)
CENTRE = ZoneInfo("Asia/Shanghai")
NOON = datetime(2026, 6, 30, 12, 0, tzinfo=CENTRE)  # the centre's noon on TODAY


def _article(ident: str, title: str) -> Article:
    return Article(id=ident, title=title, body=f"{title}的办理说明。", updated_at=NOON)


@pytest.fixture
def kb(tmp_path: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase.open(tmp_path / "kb.sqlite3")
    passport, medical, gas, heating = (
        _article("CRJ-1", "护照首次申领"),
        _article("YB-1", "异地就医备案"),
        _article("RQ-1", "燃气开户"),
        _article("GN-1", "供暖报修"),
    )
    kb.store.upsert([passport, medical, gas, heating])
    for n in range(3):
        kb.store.record_use(f"t{n}", passport, NOON - timedelta(days=n))  # this week
    kb.store.record_use("t9", medical, NOON - timedelta(days=20))  # this month, not this week
    kb.store.record_use("t8", gas, NOON - timedelta(days=200))  # long ago
    yield kb
    TRACKER.wait(10)
    kb.close()


def _rows(table: QTableWidget) -> list[tuple[str, ...]]:
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())
    ]


def test_uses_per_article_and_unused_articles_for_the_period(
    qtbot: QtBot, kb: KnowledgeBase, tmp_path: Path
) -> None:
    dialog = KbReportDialog(kb, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)  # 近 30 天
    assert [r[:3] for r in _rows(dialog.used)] == [
        ("CRJ-1", "护照首次申领", "3"),
        ("YB-1", "异地就医备案", "1"),
    ]
    unused = _rows(dialog.unused)
    assert [r[0] for r in unused] == ["GN-1", "RQ-1"] and unused[0][3] == "从未使用"
    assert dialog.summary.text().startswith("期间 4 张工单用了知识库答复，涉及 2 条")
    qtbot.wait(100)
    assert dialog.grab().save(str(Path(SCREENSHOTS or tmp_path) / "kb-report.png"))

    dialog.preset.setCurrentIndex(0)  # 近 7 天
    qtbot.waitUntil(lambda: dialog.used.rowCount() == 1, timeout=10_000)
    assert dialog.since.date() == TODAY.addDays(-6)
    assert [r[0] for r in _rows(dialog.unused)] == ["GN-1", "RQ-1", "YB-1"]

    dialog.since.setDate(QDate(2025, 12, 1))  # a custom period takes in the old use too
    qtbot.waitUntil(lambda: dialog.used.rowCount() == 3, timeout=10_000)
    assert dialog.preset.currentText() == "自定义"
    dialog.since.setDate(QDate(2026, 7, 5))
    assert dialog.summary.text() == "结束日期早于开始日期。"


def test_days_and_times_are_the_centres_whatever_the_pcs_zone(
    qtbot: QtBot, kb: KnowledgeBase, process_zone: str
) -> None:
    passport = kb.store.get("CRJ-1")
    assert passport is not None
    kb.store.record_use("early", passport, datetime(2026, 6, 29, 17, 0, tzinfo=UTC))  # 06-30 01:00 there
    dialog = KbReportDialog(kb, today=TODAY, zone=CENTRE)
    qtbot.addWidget(dialog)
    dialog.since.setDate(TODAY)  # one day, the centre's 30 June
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.since.date() == TODAY, timeout=10_000)
    expected = [("CRJ-1", "护照首次申领", "2", "2026-06-30 12:00")]  # NOON's use and the early one
    qtbot.waitUntil(lambda: _rows(dialog.used) == expected, timeout=10_000)


def test_without_the_server_the_report_counts_this_seats_uses_and_says_so(
    qtbot: QtBot, kb: KnowledgeBase
) -> None:
    def unreachable(since: datetime, until: datetime) -> Effectiveness:
        raise Offline("sync.not_connected")

    dialog = KbReportDialog(kb, central=unreachable, today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert not dialog.everyone
    assert [r[0] for r in _rows(dialog.used)] == ["CRJ-1", "YB-1"]  # this seat's own uses
    assert dialog.note.text().startswith("未能连接中心服务器，只统计本坐席记录的使用")


def test_only_leads_and_admins_get_the_report_in_the_menu(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    action = window._actions["kbReport"]
    assert not action.isEnabled()
    window._user_changed(UserInfo(username="a01", display_name="话务员01", role=Role.OPERATOR))
    assert not action.isEnabled()
    window._user_changed(UserInfo(username="lead", display_name="班长", role=Role.TEAM_LEAD))
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(KbReportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
