"""班长台: every seat live from the server, one seat's queue beside it, work moved by dragging
tickets onto a seat or the team pool (a reason asked for each move), and 疏忙导闲 as a diff.

Every server call runs on the thread pool (ui.ops.BackgroundOp); a refresh still running when the
next is due is not doubled. The seats come from GET /lead/seats, a queue from GET /lead/queue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.figures import Grouping
from app.domain.problem import fill
from app.domain.seat import SeatState
from app.domain.ticket import Ticket
from sync.protocol import BalanceProposal, Move, ReassignResult, SeatLoad
from ui import palette
from ui.labels import error_text, label, worded
from ui.lead.dialogs import BalanceDialog, ReasonDialog, SkillsDialog
from ui.lead.models import SEAT_ROLE, Dragged, QueueModel, SeatFilter, SeatTableModel
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating

if TYPE_CHECKING:
    from sync.client.api import ServerApi
    from ui.lead.figures_page import FiguresPage

REFRESH_MS = 10_000
POOL = None  # the team pool: open tickets assigned to no seat


class PoolTarget(QPushButton):
    """团队池: click to see its queue; drop tickets on it to return them there."""

    def __init__(self, on_drop: Callable[[Dragged], None]) -> None:
        super().__init__()
        self.setObjectName("leadPool")
        self.setAcceptDrops(True)
        self._on_drop = on_drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        dragged = Dragged.of(event.mimeData())
        if dragged is not None and dragged.from_seat is not POOL:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = Dragged.of(event.mimeData())
        if dragged is not None and dragged.from_seat is not POOL:
            event.acceptProposedAction()
            self._on_drop(dragged)


class LeadBoard(Retranslating, QWidget):
    def __init__(
        self,
        api: Callable[[], ServerApi],
        parent: QWidget | None = None,
        *,
        category_name: Callable[[str], str] | None = None,
        refresh_ms: int = REFRESH_MS,
        zone: ZoneInfo,
    ) -> None:
        """`api` gives the server link, called on a worker (it may raise Offline); `zone` is the
        centre's: its date, not this PC's, says which day 统计 ends on."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("leadBoard")
        self._api = api
        self._zone = zone
        self._category_name = category_name or (lambda code: code)
        self._busy = self._again = False
        self.seats = SeatTableModel(self)
        self.filter = SeatFilter(self)
        self.filter.setSourceModel(self.seats)
        self.queue = QueueModel(category_name, self)
        self.shown_seat: str | None = None
        self.queue_shown = False

        self.search = QLineEdit(objectName="leadSearch", clearButtonEnabled=True)
        self.state = QComboBox(objectName="leadState")
        self.balance_button = QPushButton(objectName="leadBalanceButton")
        self.skills_button = QPushButton(objectName="leadSkillsButton")
        self.figures_button = QPushButton(objectName="leadFiguresButton")
        self.pool = PoolTarget(self._to_pool)
        self.note = plain(QLabel(objectName="leadNote", wordWrap=True))  # the lead's last action, or an error
        self.updated = plain(QLabel(objectName="leadUpdated"))  # of its own: a refresh never hides a note
        for text in (self.note, self.updated):
            text.setStyleSheet(f"color: {palette.MUTED};")
        self.queue_title = plain(QLabel(objectName="leadQueueTitle"))

        self.seat_view = QTableView(objectName="leadSeats")
        self.seat_view.setModel(self.filter)
        self.seat_view.setSortingEnabled(True)
        self.seat_view.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # busiest first
        self.seat_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.seat_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.seat_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.seat_view.setAcceptDrops(True)
        self.seat_view.setDropIndicatorShown(True)
        self.seat_view.verticalHeader().setVisible(False)
        self.seat_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.seat_view.selectionModel().currentRowChanged.connect(self._seat_chosen)

        self.queue_view = QTableView(objectName="leadQueue")
        self.queue_view.setModel(self.queue)
        self.queue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.queue_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.queue_view.setDragEnabled(True)
        self.queue_view.verticalHeader().setVisible(False)
        self.queue_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        tools = QHBoxLayout()
        for widget in (self.search, self.state, self.skills_button, self.balance_button, self.figures_button):
            tools.addWidget(widget)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.pool)
        side_layout.addWidget(self.queue_title)
        side_layout.addWidget(self.queue_view)
        split = QSplitter(objectName="leadSplit")
        split.addWidget(self.seat_view)
        split.addWidget(side)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([960, 380])  # the seats need every column; the queue scrolls sideways
        seats_page = QWidget(objectName="leadSeatsPage")
        layout = QVBoxLayout(seats_page)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        notes = QHBoxLayout()
        notes.addWidget(self.note, 1)
        notes.addWidget(self.updated)
        layout.addLayout(notes)
        # The seats first; other pages (热点 …) are added by whoever opens the board: add_page.
        self.pages = QTabWidget(objectName="leadPages")
        self.pages.addTab(seats_page, "")
        QVBoxLayout(self).addWidget(self.pages)

        self.search.textChanged.connect(self.filter.setFilterFixedString)
        self.state.currentIndexChanged.connect(lambda _i: self.filter.only_state(self.state.currentData()))
        self.seats.dropped.connect(self._ask_reason)
        self.pool.clicked.connect(lambda: self.show_queue(POOL))
        self.balance_button.clicked.connect(self.propose_balance)
        self.skills_button.clicked.connect(self._edit_skills)
        self.figures_button.clicked.connect(self.open_figures)
        self.timer = QTimer(self, interval=refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.retranslate()
        self.resize(1366, 768)

    def add_page(self, page: QWidget) -> None:
        """A page of its own beside the seats, titled by its window title (kept when it changes)."""
        self.pages.addTab(page, page.windowTitle())
        page.windowTitleChanged.connect(lambda title: self.pages.setTabText(self.pages.indexOf(page), title))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("班长台"))
        self.pages.setTabText(0, self.tr("坐席看板"))
        self.search.setPlaceholderText(self.tr("筛选：坐席、话务员或技能"))
        chosen = self.state.currentData()
        self.state.blockSignals(True)
        self.state.clear()
        self.state.addItem(self.tr("全部状态"), None)
        for state in SeatState:
            self.state.addItem(label(state), state.value)
        self.state.setCurrentIndex(max(0, self.state.findData(chosen)))
        self.state.blockSignals(False)
        self.balance_button.setText(self.tr("疏忙导闲…"))
        self.skills_button.setText(self.tr("技能…"))
        self.figures_button.setText(self.tr("统计…"))
        self.pool.setText(self.tr("团队池（拖到此处退回待分配）"))
        self._title_queue()
        self.seats.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.seats.columnCount() - 1)
        self.queue.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.queue.columnCount() - 1)

    def start(self) -> None:
        """Show the seats now and keep them current."""
        self.refresh()
        self.timer.start()

    # -- the seats ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._busy:
            self._again = True  # once the one on its way is back: a slow server gets no pile of requests
            return
        self._busy, self._again = True, False
        api = self._api

        def work() -> tuple[list[SeatLoad], list[Ticket] | None, datetime]:
            link = api()
            loads = link.seat_loads()
            queue = link.seat_queue(self.shown_seat) if self.queue_shown else None
            return loads, queue, datetime.now(UTC)

        BackgroundOp(self, work).success(self._refreshed).failure(self._failed).run()

    def _refreshed(self, answer: tuple[list[SeatLoad], list[Ticket] | None, datetime]) -> None:
        self._settled()
        loads, queue, now = answer
        seat = self._selected_seat()
        self.seats.show(loads, now)
        if seat is not None:
            self._select(seat)
        if queue is not None:
            self.queue.show(self.shown_seat, queue, now)
        online = sum(load.online for load in loads)
        self.updated.setText(
            fill(
                self.tr("%1 个坐席，%2 个在线；更新于 %3"),
                str(len(loads)),
                str(online),
                now.astimezone().strftime("%H:%M:%S"),
            )
        )

    def _failed(self, exc: Exception) -> None:
        self._settled()
        self.note.setText(error_text(exc))

    def _settled(self) -> None:
        self._busy = False
        if self._again:
            QTimer.singleShot(0, self.refresh)

    def _selected_seat(self) -> str | None:
        index = self.seat_view.currentIndex()
        return index.data(SEAT_ROLE) if index.isValid() else None

    def _select(self, seat: str) -> None:
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            if index.data(SEAT_ROLE) == seat:
                self.seat_view.selectionModel().blockSignals(True)
                self.seat_view.setCurrentIndex(index)
                self.seat_view.selectionModel().blockSignals(False)
                return

    def _seat_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_queue(current.data(SEAT_ROLE))

    # -- one queue ----------------------------------------------------------------------------------

    def show_queue(self, seat: str | None) -> None:
        """Open `seat`'s queue beside the seats (None: the team pool)."""
        self.shown_seat, self.queue_shown = seat, True
        self._title_queue()
        api = self._api
        BackgroundOp(self, lambda: (seat, api().seat_queue(seat), datetime.now(UTC))).success(
            self._queue_arrived
        ).failure(self._failed).run()

    def _queue_arrived(self, answer: tuple[str | None, list[Ticket], datetime]) -> None:
        seat, tickets, now = answer
        if seat == self.shown_seat:  # the lead may have clicked on meanwhile
            self.queue.show(seat, tickets, now)

    def _title_queue(self) -> None:
        if not self.queue_shown:
            self.queue_title.setText(self.tr("点一个坐席看它的工单"))
        elif self.shown_seat is POOL:
            self.queue_title.setText(self.tr("团队池的工单"))
        else:
            self.queue_title.setText(fill(self.tr("坐席 %1 的工单"), self.shown_seat or ""))

    # -- moving work --------------------------------------------------------------------------------

    def _to_pool(self, dragged: Dragged) -> None:
        self._ask_reason(dragged, POOL)

    def _ask_reason(self, dragged: Dragged, to_seat: str | None) -> ReasonDialog:
        where = to_seat if to_seat is not POOL else self.tr("团队池")
        dialog = ReasonDialog(len(dragged.versions), where, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.move_work(dragged, to_seat, dialog.text()))
        dialog.open()
        self.reason_dialog = dialog
        return dialog

    def move_work(self, dragged: Dragged, to_seat: str | None, reason: str) -> None:
        api, versions = self._api, dragged.versions
        work = lambda: api().reassign(list(versions), to_seat, reason, versions)  # noqa: E731
        BackgroundOp(self, work).success(self._moved).failure(self._failed).run()

    def _moved(self, result: ReassignResult) -> None:
        text = fill(self.tr("已改派 %1 张"), str(len(result.moved)))
        if result.refused:
            why = "；".join(worded(r.as_problem() or r.reason or "") for r in result.refused)
            text += fill(self.tr("；%1 张未改派：%2"), str(len(result.refused)), why)
        self.note.setText(text)
        self.refresh()

    # -- 疏忙导闲 ------------------------------------------------------------------------------------

    def propose_balance(self) -> None:
        api = self._api
        BackgroundOp(self, lambda: api().balance_proposal()).success(self._proposed).failure(
            self._failed
        ).run()

    def _proposed(self, proposal: BalanceProposal) -> BalanceDialog:
        dialog = BalanceDialog(proposal, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._apply)
        dialog.open()
        self.balance_dialog = dialog
        return dialog

    def _apply(self, moves: list[Move]) -> None:
        api, reason = self._api, self.tr("疏忙导闲")
        work = lambda: api().balance_apply([m.model_copy(update={"why": None}) for m in moves], reason)  # noqa: E731
        BackgroundOp(self, work).success(self._moved).failure(self._failed).run()

    # -- skills -------------------------------------------------------------------------------------

    def _edit_skills(self) -> None:
        seat = self._selected_seat()
        if seat is None:
            self.note.setText(self.tr("先选一个坐席"))
            return
        current = next((load.skills for load in self.seats.loads if load.seat_id == seat), [])
        dialog = SkillsDialog(seat, current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save_skills(seat, dialog.skills()))
        dialog.open()

    def _save_skills(self, seat: str, skills: list[str]) -> None:
        api = self._api
        BackgroundOp(self, lambda: api().set_skills(seat, skills)).success(
            lambda _none: self.refresh()
        ).failure(self._failed).run()

    # -- 统计 ----------------------------------------------------------------------------------------

    def open_figures(self) -> FiguresPage:
        """日通报 · 周汇总 · 月分析 of every seat, a window of its own (ui.lead.figures_page)."""
        from ui.lead.figures_page import FiguresPage, lead_loader, row_namer

        page = FiguresPage(
            lead_loader(self._api),
            list(Grouping),
            lambda: datetime.now(self._zone).date(),
            self,
            name=row_namer(self._category_name),
        )
        page.setWindowFlag(Qt.WindowType.Window)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.addActions([a for a in self.actions() if a.objectName() == "export"])  # 导出, if given one
        page.resize(1366, 768)
        page.show()
        page.refresh()
        self.figures_page = page
        return page
