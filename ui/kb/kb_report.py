"""知识库使用统计: how often each article answered a ticket in a period, and which articles answered
none, for team leads deciding what to rewrite or retire. The numbers come from the central server
(every seat's uses) or, when it cannot be reached, from this seat's own (app.knowledge.report), on a
worker; this dialog only shows them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.article_uses import ArticleUsage, Effectiveness
from app.domain.calendar import DEFAULT_TIMEZONE
from app.domain.problem import fill
from app.knowledge.base import KnowledgeBase
from app.knowledge.report import effectiveness
from app.knowledge.store import KbStore
from sync.client.api import Offline
from ui import palette
from ui.labels import error_text
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating

PRESETS = (7, 30, 90)  # days back from today
Central = Callable[[datetime, datetime], Effectiveness]


class KbReportDialog(Retranslating, QDialog):
    def __init__(
        self,
        kb: KnowledgeBase,
        parent: QWidget | None = None,
        *,
        central: Central | None = None,
        today: QDate | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        """`central` asks the server for every seat's report (off the GUI thread); days and times are
        the centre's (`zone`, the workspace's), not the PC's."""
        super().__init__(parent)
        self._zone = zone or ZoneInfo(DEFAULT_TIMEZONE)
        self.setObjectName("kbReport")
        self.resize(900, 640)
        self.kb = kb
        self._central = central
        self.report: Effectiveness | None = None
        self.everyone = False  # whether the report shown counts every seat (from the server)
        self._asked = 0
        now = datetime.now(self._zone)
        today = today or QDate(now.year, now.month, now.day)
        self.preset = QComboBox(objectName="kbReportPreset")
        self.since = QDateEdit(today.addDays(-29), objectName="kbReportSince", calendarPopup=True)
        self.until = QDateEdit(today, objectName="kbReportUntil", calendarPopup=True)
        for edit in (self.since, self.until):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.summary = plain(QLabel(objectName="kbReportSummary", wordWrap=True))
        self.used = _table("kbReportUsed")
        self.unused = _table("kbReportUnused")
        self.used_label, self.unused_label = QLabel(), QLabel()
        self.note = plain(QLabel(objectName="kbReportNote", wordWrap=True))
        self.note.setStyleSheet(f"color: {palette.MUTED};")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        period = QHBoxLayout()
        period.addWidget(self.preset)
        period.addWidget(self.since)
        period.addWidget(QLabel("—"))
        period.addWidget(self.until)
        period.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addWidget(self.used_label)
        layout.addWidget(self.used, 3)
        layout.addWidget(self.unused_label)
        layout.addWidget(self.unused, 2)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

        for days in PRESETS:
            self.preset.addItem("", days)
        self.preset.addItem("", None)  # 自定义
        self.preset.setCurrentIndex(PRESETS.index(30))
        self._today = today
        self.retranslate()
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.since.dateChanged.connect(lambda _d: self._dates_edited())
        self.until.dateChanged.connect(lambda _d: self._dates_edited())
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("知识库使用统计"))
        for index, days in enumerate(PRESETS):
            self.preset.setItemText(index, fill(self.tr("近 %1 天"), str(days)))
        self.preset.setItemText(len(PRESETS), self.tr("自定义"))
        headers = [self.tr("编号"), self.tr("标题"), self.tr("使用次数"), self.tr("最近使用")]
        self.used.setHorizontalHeaderLabels(headers)
        self.unused.setHorizontalHeaderLabels(headers)
        self.used_label.setText(self.tr("期间用过的条目（按使用次数）"))
        self.unused_label.setText(self.tr("期间未用过的条目（从未用过的在前）"))
        self._note()
        if self.report is not None:
            self._show(self.report)

    def _note(self) -> None:
        if self.everyone:
            scope = self.tr("统计的是全部坐席上报到中心服务器的使用")
        elif self._central is not None:
            scope = self.tr("未能连接中心服务器，只统计本坐席记录的使用")
        else:
            scope = self.tr("统计的是本坐席记录的使用")
        self.note.setText(scope + self.tr("：话务员用 F7 插入答复并受理的工单，每张工单每条知识计一次。"))

    def _preset_chosen(self, index: int) -> None:
        days = self.preset.itemData(index)
        if days is None:
            return
        self.since.blockSignals(True)
        self.until.blockSignals(True)
        self.until.setDate(self._today)
        self.since.setDate(self._today.addDays(-(int(days) - 1)))
        self.since.blockSignals(False)
        self.until.blockSignals(False)
        self.refresh()

    def _dates_edited(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS))  # 自定义
        self.preset.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Recount for the dates shown (the centre's whole days, both included), on a worker."""
        first, last = self.since.date().toPython(), self.until.date().toPython()
        if last < first:
            self.summary.setText(self.tr("结束日期早于开始日期。"))
            return
        start = datetime.combine(first, time(), self._zone)  # the centre's midnight
        end = datetime.combine(last + timedelta(days=1), time(), self._zone)
        self._asked += 1
        number, store, central = self._asked, self.kb.store, self._central
        self.summary.setText(self.tr("正在统计…"))
        BackgroundOp(self, lambda: _count(store, central, start, end)).success(
            lambda counted: self._answered(number, *counted)
        ).failure(lambda exc: self.summary.setText(fill(self.tr("无法统计：%1"), error_text(exc)))).run()

    def _answered(self, number: int, report: Effectiveness, everyone: bool) -> None:
        if number == self._asked:  # a later period was asked for meanwhile
            self.report, self.everyone = report, everyone
            self._note()
            self._show(report)

    def _show(self, report: Effectiveness) -> None:
        self.summary.setText(
            fill(
                self.tr(
                    "期间 %1 张工单用了知识库答复，涉及 %2 条；现有 %3 条，%4 条期间未用（%5 条从未用过）。"
                ),
                str(report.tickets),
                str(len(report.used)),
                str(report.articles),
                str(len(report.unused)),
                str(len(report.never_used)),
            )
        )
        self._fill(self.used, report.used)
        self._fill(self.unused, report.unused)

    def _fill(self, table: QTableWidget, rows: tuple[ArticleUsage, ...]) -> None:
        # In the report's order (most used; never used first): no re-sorting by column.
        table.setRowCount(len(rows))
        for row, usage in enumerate(rows):
            last = (
                usage.last_used.astimezone(self._zone).strftime("%Y-%m-%d %H:%M")
                if usage.last_used
                else self.tr("从未使用")
            )
            title = usage.title or self.tr("（已删除）")
            count = QTableWidgetItem()
            count.setData(Qt.ItemDataRole.DisplayRole, usage.uses)
            for column, item in enumerate(
                (QTableWidgetItem(usage.article_id), QTableWidgetItem(title), count)
            ):
                table.setItem(row, column, item)
            table.setItem(row, 3, QTableWidgetItem(last))


def _count(
    store: KbStore, central: Central | None, since: datetime, until: datetime
) -> tuple[Effectiveness, bool]:
    """Every seat's report from the server; this seat's own when the server cannot be reached."""
    if central is not None:
        try:
            return central(since, until), True
        except Offline:
            pass
    return effectiveness(store, since, until), False


def _table(name: str) -> QTableWidget:
    table = QTableWidget(0, 4, objectName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column in (0, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table
