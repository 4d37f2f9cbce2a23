"""My queue (我的工单) view: a filter bar over the lazily paged QueueModel table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import Kind
from app.domain.problem import fill
from app.domain.status import Status
from app.workspace import Workspace
from ui.labels import label
from ui.ops import ChangeBus
from ui.plain import plain_tip
from ui.queue.queue_model import TICKET_ID_ROLE, Column, QueueModel
from ui.shell.i18n import Retranslating

SEARCH_DEBOUNCE_MS = 200  # typing '13812' must not start five queries
_OPEN = frozenset(s for s in Status if s.is_open)
# Column widths in multiples of one CJK character, so they scale with the font.
_WIDTHS_IN_CHARS = {
    Column.NUMBER: 16,
    Column.KIND: 4,
    Column.CALLER: 10,
    Column.STATUS: 5,
    Column.SLA: 9,
}


class QueueView(Retranslating, QWidget):
    """Filter bar + table + count. `ticketActivated(id)` on double-click or Enter.

    `QueueView(workspace, bus)` builds this seat's queue model; `QueueView(model)` shows a given one.
    With a bus, every announced write refreshes the model.
    """

    ticketActivated = Signal(str)

    def __init__(
        self, source: Workspace | QueueModel, bus: ChangeBus | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = source if isinstance(source, QueueModel) else QueueModel.for_workspace(source)
        if bus is not None:
            bus.changed.connect(self.model.refresh)
        self._kept_ticket: str | None = None
        self._kept_scroll = 0
        self.status_combo = self._status_combo()
        self.kind_combo = self._kind_combo()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.table = self._table()
        if self.model.parent() is None:
            # Lives and dies with the view; adopted after the table so the table goes first.
            self.model.setParent(self)
        self.count_label = QLabel(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self.status_caption = QLabel(self)
        self.kind_caption = QLabel(self)
        self._layout()
        self.retranslate()
        self._show_model_filter()
        self._connect()
        self._update_count()

    # --- public API ---------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F (bound by the main window): type straight over the previous search."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_ticket_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.ticket_id(index.row()) if index.isValid() else None

    def apply_filter(self) -> None:
        """Push the filter bar's state into the model now (the search box waits for a typing pause)."""
        self._debounce.stop()
        statuses = self.status_combo.currentData()
        kinds = self.kind_combo.currentData()
        self.model.set_filter(
            replace(
                self.model.where,  # keeps what the bar does not show, e.g. which seat's queue it is
                statuses=statuses if isinstance(statuses, frozenset) else frozenset(),
                kinds=kinds if isinstance(kinds, frozenset) else frozenset(),
                text=self.search.text().strip(),
            )
        )

    # --- building -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索编号、来电人、电话、地址、内容 (Ctrl+F)"))
        self.status_caption.setText(self.tr("状态"))
        self.kind_caption.setText(self.tr("类型"))
        self._name_items(self.status_combo, self.tr("全部"), self.tr("未办结"))
        self._name_items(self.kind_combo, self.tr("全部类型"))
        self._update_count()
        self.model.retranslate()

    @staticmethod
    def _name_items(combo: QComboBox, *leading: str) -> None:
        """The first items are fixed choices; the rest are one domain value each, named by label()."""
        for i in range(combo.count()):
            values = combo.itemData(i)
            if i < len(leading):
                combo.setItemText(i, leading[i])
            elif isinstance(values, frozenset) and len(values) == 1:
                combo.setItemText(i, label(next(iter(values))))

    def _status_combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem("", frozenset())  # 全部
        combo.addItem("", _OPEN)  # 未办结
        for status in Status:
            if status is not Status.DRAFT:  # drafts live in the intake form, never in the queue
                combo.addItem("", frozenset({status}))
        return combo

    def _kind_combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem("", frozenset())  # 全部类型
        for kind in Kind:
            combo.addItem("", frozenset({kind}))
        return combo

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setCornerButtonEnabled(False)
        rows = table.verticalHeader()
        rows.hide()
        # Fixed heights: with 100k rows, measuring each one would read every page from disk.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        char = table.fontMetrics().horizontalAdvance("汉")
        for column, chars in _WIDTHS_IN_CHARS.items():
            header.resizeSection(column, char * chars + 16)
        # The category path is the longest text; it takes whatever width the dock has left.
        header.setSectionResizeMode(Column.CATEGORY, QHeaderView.ResizeMode.Stretch)
        # Show the model's current order before enabling sorting, which re-sorts by the indicator.
        header.setSortIndicator(self.model.sort_column(), self._sort_order())
        table.setSortingEnabled(True)
        table.installEventFilter(self)
        return table

    def _sort_order(self) -> Qt.SortOrder:
        if self.model.order.descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.status_caption)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.kind_caption)
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def _show_model_filter(self) -> None:
        """Start from what the model already lists, so building the view starts no query."""
        where = self.model.where
        self._select_data(self.status_combo, where.statuses)
        self._select_data(self.kind_combo, where.kinds)
        self.search.setText(where.text)

    @staticmethod
    def _select_data(combo: QComboBox, value: frozenset[object]) -> None:
        found = next((i for i in range(combo.count()) if combo.itemData(i) == value), 0)
        combo.setCurrentIndex(found)

    def _connect(self) -> None:
        self.status_combo.currentIndexChanged.connect(self.apply_filter)
        self.kind_combo.currentIndexChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self._debounce.timeout.connect(self.apply_filter)
        self.table.doubleClicked.connect(self._activate)
        self.model.loaded.connect(self._update_count)
        self.model.loadFailed.connect(self._show_failure)
        self.model.modelAboutToBeReset.connect(self._keep_position)
        self.model.modelReset.connect(self._after_reset)

    # --- reacting -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_filter()
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate(self.table.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _activate(self, index: QModelIndex) -> None:
        ticket_id = index.data(TICKET_ID_ROLE) if index.isValid() else None
        if isinstance(ticket_id, str):  # a placeholder row has no ticket yet
            self.ticketActivated.emit(ticket_id)

    def _update_count(self) -> None:
        count = QLocale().toString(self.model.rowCount())
        self.count_label.setText(fill(self.tr("共 %1 件"), count))

    def _show_failure(self, message: str) -> None:
        self.count_label.setText(self.tr("查询失败"))
        self.count_label.setToolTip(plain_tip(message))

    def _keep_position(self) -> None:
        self._kept_ticket = self.current_ticket_id()
        self._kept_scroll = self.table.verticalScrollBar().value()

    def _after_reset(self) -> None:
        """A refresh keeps the operator's place; a new filter or sort starts from the top."""
        self.count_label.setToolTip("")
        if self.model.refreshing:
            self.table.verticalScrollBar().setValue(self._kept_scroll)
        else:
            self.table.scrollToTop()
        self.table.horizontalHeader().setSortIndicator(self.model.sort_column(), self._sort_order())
        row = None if self._kept_ticket is None else self.model.row_of(self._kept_ticket)
        if row is not None:
            index = self.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
