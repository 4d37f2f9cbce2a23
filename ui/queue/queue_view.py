"""My queue (我的工单) view: a filter bar over the lazily paged QueueModel table."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum, auto

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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import Kind
from app.domain.problem import fill
from app.domain.status import Status
from app.store.queue import QueueOrder
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


class _Move(Enum):
    """What Down or Enter in the search box does once the results are there."""

    FOCUS = auto()  # Down: to the selected (or first) row
    OPEN = auto()  # Enter: open it


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
        self._seat_id = self.model.where.seat_id  # the seat's own queue, to return to from a unit's list
        self._kept_ticket: str | None = None
        self._wanted_ticket: str | None = None  # to select once the queue lists it (see select_ticket)
        self._pending_move: _Move | None = None  # done once the search's results are shown
        self._kept_scroll = 0
        self.status_combo = self._status_combo()
        self.kind_combo = self._kind_combo()
        self.action_first = QToolButton(self, objectName="actionFirst", checkable=True)
        self.supervised = QToolButton(self, objectName="supervisedOnly", checkable=True)  # 督办 list
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

    def select_ticket(self, ticket_id: str) -> None:
        """Select and show a ticket, now or as soon as the queue lists it: the one just accepted,
        whose row arrives with the refresh the 受理 announced."""
        self._wanted_ticket = ticket_id
        self._select_wanted()

    def _select_wanted(self) -> None:
        row = None if self._wanted_ticket is None else self.model.row_of(self._wanted_ticket)
        if row is None:
            return
        self._wanted_ticket = None
        self.table.scrollTo(self._select_row(row))

    def _select_row(self, row: int) -> QModelIndex:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        return index

    def current_ticket_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.ticket_id(index.row()) if index.isValid() else None

    def show_department(self, department: str | None) -> None:
        """A 承办单位's list (the tickets dispatched to `department`) instead of this seat's queue,
        or back to the seat's with None."""
        where = self.model.where
        if department is not None:
            wanted = replace(where, seat_id=None, department=department)
        else:
            wanted = replace(where, seat_id=self._seat_id, department=None)
        if wanted != where:
            self.model.set_filter(wanted)

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
                supervised=self.supervised.isChecked(),
            )
        )

    # --- building -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索编号、来电人、电话、地址、内容 (Ctrl+F)"))
        self.action_first.setText(self.tr("待我处理优先"))
        self.action_first.setToolTip(self.tr("先列出待我派单、回访、办结的工单（点列标题可按该列排序）"))
        self.supervised.setText(self.tr("督办"))
        self.supervised.setToolTip(self.tr("只列出督办工单"))
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
        bar.addWidget(self.action_first)
        bar.addWidget(self.supervised)
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
        self.action_first.setChecked(self.model.order == QueueOrder())
        self.supervised.setChecked(where.supervised)
        self.supervised.setChecked(where.supervised)

    @staticmethod
    def _select_data(combo: QComboBox, value: frozenset[object]) -> None:
        found = next((i for i in range(combo.count()) if combo.itemData(i) == value), 0)
        combo.setCurrentIndex(found)

    def _connect(self) -> None:
        self.status_combo.currentIndexChanged.connect(self.apply_filter)
        self.kind_combo.currentIndexChanged.connect(self.apply_filter)
        self.action_first.clicked.connect(self._order_action_first)
        self.supervised.toggled.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self._debounce.timeout.connect(self.apply_filter)
        self.table.doubleClicked.connect(self._activate)
        self.model.loaded.connect(self._update_count)
        self.model.loaded.connect(self._select_wanted)
        self.model.loaded.connect(self._move_to_results)
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
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._to_results(open_it=key != Qt.Key.Key_Down)
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate(self.table.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _order_action_first(self) -> None:
        self.action_first.setChecked(True)  # a click on it while already so must not uncheck it
        self.model.set_order(QueueOrder())

    def _to_results(self, *, open_it: bool) -> None:
        """From the search box to the results: Down moves to the selected (or first) row, Enter opens
        it. The search typed so far runs at once, and the move waits for its answer."""
        if self.search.text().strip() != self.model.where.text:
            self.table.clearSelection()  # a row of the old results is not what the new search found
        self.apply_filter()
        self._pending_move = _Move.OPEN if open_it else _Move.FOCUS
        self._move_to_results()

    def _move_to_results(self) -> None:
        if self._pending_move is None or self.model.busy:
            return
        if self.model.rowCount() == 0:
            self._pending_move = None  # nothing found: stay in the search box
            return
        index = self.table.currentIndex()
        row = index.row() if index.isValid() and self.table.selectionModel().isRowSelected(index.row()) else 0
        if self.model.ticket_id(row) is None:
            return  # its page is still on its way; the next `loaded` tries again
        move, self._pending_move = self._pending_move, None
        self.table.scrollTo(self._select_row(row))
        if move is _Move.OPEN:
            self._activate(self.model.index(row, 0))
        else:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

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
        self.action_first.setChecked(self.model.order == QueueOrder())
        row = None if self._kept_ticket is None else self.model.row_of(self._kept_ticket)
        if row is not None:
            self._select_row(row)
