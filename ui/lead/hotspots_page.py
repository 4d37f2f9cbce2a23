"""热点 page of the 班长台: top categories and districts with their trend, the district heat grid and
the 苗头预警 list; Enter on a warning lists its tickets, Enter on a ticket opens it.

The figures come from a `HotspotSource` (the server's API, or the seat's own store for the demo),
called on the thread pool (ui.ops.BackgroundOp); the page never waits for it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta, tzinfo
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.hotspots import Dimension, EarlyWarning, HeatGrid, Hotspot, HotspotReport, Trend, Watch
from app.domain.problem import fill
from app.domain.ticket import Ticket
from app.lead.hotspots import MAX_TOP
from ui import palette
from ui.labels import error_text, label
from ui.lead.models import Index, _ListTable
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating

HEAT, HEAT_TEXT = palette.HEAT, palette.HEAT_TEXT
PERIODS = (  # (days back from the start of tomorrow in the centre's zone, title)
    (1, QT_TRANSLATE_NOOP("LeadBoard", "今日")),
    (7, QT_TRANSLATE_NOOP("LeadBoard", "近 7 天")),
    (30, QT_TRANSLATE_NOOP("LeadBoard", "近 30 天")),
)
ARROWS = {Trend.UP: "↑", Trend.DOWN: "↓", Trend.FLAT: "→"}
TREND_COLOURS = {Trend.UP: palette.ERROR, Trend.DOWN: palette.ONLINE, Trend.FLAT: palette.MUTED}


class HotspotSource(Protocol):
    """Where the figures come from: sync.client.api.ServerApi, or app.lead.local.StoreHotspots."""

    def hotspots(self, since: datetime, until: datetime, top: int) -> HotspotReport: ...

    def warnings(self) -> Watch: ...

    def lead_tickets(self, ticket_ids: Sequence[str]) -> list[Ticket]: ...


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("LeadBoard", …), as the board's models do."""
    return QCoreApplication.translate("LeadBoard", text)


def heat_class(count: int, peak: int) -> int:
    """Which of the HEAT colours a cell of `count` gets on a grid whose largest cell is `peak`."""
    if count <= 0 or peak <= 0:
        return -1
    return min(len(HEAT) - 1, (count * len(HEAT) - 1) // peak)


def trend_text(spot: Hotspot) -> str:
    change = spot.count - spot.previous
    return f"{ARROWS[spot.trend]} {change:+d}" if change else ARROWS[spot.trend]


class HotspotTable(_ListTable):
    COLUMNS = (
        QT_TRANSLATE_NOOP("LeadBoard", "名次"),
        QT_TRANSLATE_NOOP("LeadBoard", "热点"),
        QT_TRANSLATE_NOOP("LeadBoard", "本期"),
        QT_TRANSLATE_NOOP("LeadBoard", "上期"),
        QT_TRANSLATE_NOOP("LeadBoard", "趋势"),
    )

    def __init__(self, name: Callable[[Hotspot], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spots: tuple[Hotspot, ...] = ()
        self._name = name

    def show(self, spots: tuple[Hotspot, ...]) -> None:
        self.beginResetModel()
        self.spots = spots
        self.endResetModel()

    def _length(self) -> int:
        return len(self.spots)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        spot, column = self.spots[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(index.row() + 1),
                self._name(spot),
                str(spot.count),
                str(spot.previous),
                trend_text(spot),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return QColor(TREND_COLOURS[spot.trend])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class HeatTable(_ListTable):
    """Districts (rows) by category domain (columns), each cell coloured by its count."""

    def __init__(self, domain_name: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = HeatGrid((), (), ())
        self._domain_name = domain_name

    def show(self, grid: HeatGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def _length(self) -> int:
        return len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.grid.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation is Qt.Orientation.Horizontal:
            return self._domain_name(self.grid.columns[section])
        return self.grid.rows[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        count = self.grid.counts[index.row()][index.column()]
        shade = heat_class(count, self.grid.peak)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count) if count else ""
        if role == Qt.ItemDataRole.BackgroundRole and shade >= 0:
            return QColor(HEAT[shade])
        if role == Qt.ItemDataRole.ForegroundRole and shade >= 0:
            return QColor(HEAT_TEXT[shade])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            column = self._domain_name(self.grid.columns[index.column()])
            return fill(self.tr("%1 · %2：%3 件"), self.grid.rows[index.row()], column, str(count))
        return None


class WarningTable(_ListTable):
    COLUMNS = (
        QT_TRANSLATE_NOOP("LeadBoard", "类型"),
        QT_TRANSLATE_NOOP("LeadBoard", "对象"),
        QT_TRANSLATE_NOOP("LeadBoard", "近 24 小时"),
        QT_TRANSLATE_NOOP("LeadBoard", "预期"),
        QT_TRANSLATE_NOOP("LeadBoard", "倍数"),
        QT_TRANSLATE_NOOP("LeadBoard", "近 4 周每日"),
    )
    KINDS: ClassVar[dict[Dimension, str]] = {
        Dimension.CATEGORY: QT_TRANSLATE_NOOP("LeadBoard", "类别"),
        Dimension.DISTRICT: QT_TRANSLATE_NOOP("LeadBoard", "区域"),
    }

    def __init__(self, name: Callable[[Dimension, str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warnings: tuple[EarlyWarning, ...] = ()
        self._name = name

    def show(self, warnings: tuple[EarlyWarning, ...]) -> None:
        self.beginResetModel()
        self.warnings = warnings
        self.endResetModel()

    def _length(self) -> int:
        return len(self.warnings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        w, column = self.warnings[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            days = " ".join(str(n) for n in reversed(w.baseline))  # oldest first, as one reads a row of days
            ratio = "∞" if w.expected <= 0 else f"{w.ratio:.1f}×"
            return (
                _tr(self.KINDS[w.kind]),
                self._name(w.kind, w.subject),
                str(w.count),
                f"{w.expected:.1f}",
                ratio,
                days,
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor(palette.ERROR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return fill(self.tr("偶然达到此数的概率约 %1；回车查看这些工单"), f"{w.p_value:.1g}")
        return None


class TicketTable(_ListTable):
    COLUMNS = (
        QT_TRANSLATE_NOOP("LeadBoard", "工单号"),
        QT_TRANSLATE_NOOP("LeadBoard", "受理时间"),
        QT_TRANSLATE_NOOP("LeadBoard", "类别"),
        QT_TRANSLATE_NOOP("LeadBoard", "区域"),
        QT_TRANSLATE_NOOP("LeadBoard", "状态"),
        QT_TRANSLATE_NOOP("LeadBoard", "诉求内容"),
    )

    def __init__(
        self, category_name: Callable[[str], str], zone: tzinfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tickets: list[Ticket] = []
        self._category_name, self._zone = category_name, zone

    def show(self, tickets: list[Ticket]) -> None:
        self.beginResetModel()
        self.tickets = tickets
        self.endResetModel()

    def _length(self) -> int:
        return len(self.tickets)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        t = self.tickets[index.row()]
        when = t.created_at.astimezone(self._zone).strftime("%m-%d %H:%M")
        category = self._category_name(t.category_code) if t.category_code else ""
        return (t.display_no, when, category, t.district, label(t.status), t.content[:60])[index.column()]


class _EnterTable(QTableView):
    """A table whose Enter (and double-click) activates the current row."""

    activated_row = Signal(int)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.doubleClicked.connect(lambda index: self.activated_row.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class WarningTickets(Retranslating, QDialog):
    """The tickets behind one warning; Enter or a double-click opens one."""

    ticketActivated = Signal(str)

    def __init__(self, warning: EarlyWarning, subject: str, model: TicketTable, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("warningTickets")
        self.warning, self._subject, self.model = warning, subject, model
        self.view = _EnterTable("warningTicketList")
        self.view.setModel(model)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated_row.connect(lambda row: self.ticketActivated.emit(model.tickets[row].id))
        self.note = plain(QLabel(objectName="warningTicketsNote", wordWrap=True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view)
        self.resize(900, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(fill(self.tr("苗头预警：%1"), self._subject))
        w = self.warning
        self.note.setText(
            fill(
                self.tr("%1 至 %2 共 %3 件（预期约 %4 件）。回车打开选中的工单。"),
                w.since.strftime("%m-%d %H:%M"),
                w.until.strftime("%m-%d %H:%M"),
                str(w.count),
                f"{w.expected:.1f}",
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)


class HotspotsPage(Retranslating, QWidget):
    """热点 · 苗头预警. `source` is called on a worker (it may raise Offline)."""

    ticketActivated = Signal(str)

    def __init__(
        self,
        source: Callable[[], HotspotSource],
        zone: tzinfo,
        parent: QWidget | None = None,
        *,
        category_name: Callable[[str], str] = lambda code: code,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hotspotsPage")
        self._source, self._zone, self._clock = source, zone, clock
        self._category_name = category_name
        self._busy = self._again = False
        self._loaded = False

        self.period = QComboBox(objectName="hotspotsPeriod")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.top = QSpinBox(objectName="hotspotsTop", minimum=3, maximum=MAX_TOP, value=10)
        self.refresh_button = QPushButton(objectName="hotspotsRefresh")
        self.updated = plain(QLabel(objectName="hotspotsUpdated"))
        self.updated.setStyleSheet(f"color: {palette.MUTED};")
        self.categories = HotspotTable(lambda s: category_name(s.subject), self)
        self.districts = HotspotTable(lambda s: s.subject, self)
        self.heat = HeatTable(category_name, self)
        self.warning_model = WarningTable(self._subject_name, self)
        self.category_view = _EnterTable("hotspotCategories")
        self.category_view.setModel(self.categories)
        self.district_view = _EnterTable("hotspotDistricts")
        self.district_view.setModel(self.districts)
        for view in (self.category_view, self.district_view):
            view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the name
        self.heat_view = QTableView(objectName="hotspotGrid")
        self.heat_view.setModel(self.heat)
        self.heat_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.heat_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.warning_view = _EnterTable("earlyWarnings")
        self.warning_view.setModel(self.warning_model)
        self.warning_view.horizontalHeader().setStretchLastSection(True)
        self.warning_view.activated_row.connect(self.show_tickets)

        self.titles = {
            name: plain(QLabel(objectName=name))
            for name in ("categoriesTitle", "districtsTitle", "gridTitle", "warningsTitle")
        }
        self.warning_note = plain(QLabel(objectName="warningsNote", wordWrap=True))
        self.warning_note.setStyleSheet(f"color: {palette.MUTED};")
        self.legend = self._legend()

        tools = QHBoxLayout()
        tools.addWidget(self.period)
        self.top_label = plain(QLabel())
        tools.addWidget(self.top_label)
        tools.addWidget(self.top)
        tools.addWidget(self.refresh_button)
        tools.addStretch(1)
        tools.addWidget(self.updated)

        lists = QWidget()
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        for title, view in (("categoriesTitle", self.category_view), ("districtsTitle", self.district_view)):
            lists_layout.addWidget(self.titles[title])
            lists_layout.addWidget(view, 1)
        grid = QWidget()
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.titles["gridTitle"])
        grid_layout.addWidget(self.heat_view, 1)
        grid_layout.addWidget(self.legend)
        top_split = QSplitter(objectName="hotspotsSplit")
        top_split.addWidget(lists)
        top_split.addWidget(grid)
        top_split.setSizes([470, 870])
        warnings = QWidget()
        warnings_layout = QVBoxLayout(warnings)
        warnings_layout.setContentsMargins(0, 0, 0, 0)
        warnings_layout.addWidget(self.titles["warningsTitle"])
        warnings_layout.addWidget(self.warning_note)
        warnings_layout.addWidget(self.warning_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top_split)
        split.addWidget(warnings)
        split.setSizes([480, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(split, 1)

        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.top.editingFinished.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(
            QKeySequence(Qt.Key.Key_F5),
            self,
            self.refresh,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.retranslate()

    def _legend(self) -> QWidget:
        legend = QWidget(objectName="heatLegend")
        row = QGridLayout(legend)
        row.setContentsMargins(0, 0, 0, 0)
        self.legend_title = plain(QLabel())
        row.addWidget(self.legend_title, 0, 0)
        self.legend_cells = []
        for i, (colour, text) in enumerate(zip(HEAT, HEAT_TEXT, strict=True)):
            cell = plain(QLabel(alignment=Qt.AlignmentFlag.AlignCenter))
            cell.setStyleSheet(f"background: {colour}; color: {text}; padding: 2px 8px;")
            row.addWidget(cell, 0, i + 1)
            self.legend_cells.append(cell)
        row.setColumnStretch(len(HEAT) + 1, 1)
        return legend

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("热点"))
        chosen = max(0, self.period.currentIndex())
        self.period.blockSignals(True)
        self.period.clear()
        for days, title in PERIODS:
            self.period.addItem(_tr(title), days)
        self.period.setCurrentIndex(chosen)
        self.period.blockSignals(False)
        self.top_label.setText(self.tr("前"))
        self.refresh_button.setText(self.tr("刷新 (F5)"))
        self.titles["categoriesTitle"].setText(self.tr("热点类别（与上一等长时段比）"))
        self.titles["districtsTitle"].setText(self.tr("热点区域"))
        self.titles["gridTitle"].setText(self.tr("区域热力图：各区 × 事项大类"))
        self.titles["warningsTitle"].setText(
            self.tr("苗头预警：近 24 小时明显高于自身近 4 周基线（回车查看工单）")
        )
        self.legend_title.setText(self.tr("件数："))
        self._label_legend()
        for model in (self.categories, self.districts, self.warning_model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)

    def _label_legend(self) -> None:
        peak = self.heat.grid.peak
        for i, cell in enumerate(self.legend_cells):
            low = i * peak // len(HEAT) + 1
            high = (i + 1) * peak // len(HEAT)
            cell.setText(f"{low}–{high}" if peak >= len(HEAT) else ("" if peak == 0 else "·"))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:  # the first time the lead opens the page
            self.refresh()

    # -- loading ------------------------------------------------------------------------------------

    def period_bounds(self) -> tuple[datetime, datetime]:
        """From the start of the day `days - 1` days ago to the start of tomorrow, in the centre's zone."""
        days = self.period.currentData() or 1
        today = self._clock().astimezone(self._zone).date()
        until = datetime.combine(today + timedelta(days=1), time(), self._zone)
        return until - timedelta(days=days), until

    def refresh(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy, self._again, self._loaded = True, False, True
        source, (since, until), top = self._source, self.period_bounds(), self.top.value()

        def work() -> tuple[HotspotReport, Watch]:
            link = source()
            return link.hotspots(since, until, top), link.warnings()

        BackgroundOp(self, work).success(self._arrived).failure(self._failed).run()

    def _arrived(self, answer: tuple[HotspotReport, Watch]) -> None:
        self._settled()
        report, watch = answer
        self.report, self.watch = report, watch
        self.categories.show(report.categories)
        self.districts.show(report.districts)
        self.heat.show(report.grid)
        self._label_legend()
        self.warning_model.show(watch.warnings)
        if not watch.judged:
            self.warning_note.setText(self.tr("历史数据不足两周，暂不预警。"))
        elif not watch.warnings:
            self.warning_note.setText(self.tr("近 24 小时没有明显高于基线的类别或区域。"))
        else:
            self.warning_note.setText(fill(self.tr("%1 条预警"), str(len(watch.warnings))))
        self.updated.setText(
            fill(
                self.tr("本期 %1 件，上期 %2 件；更新于 %3"),
                str(report.total),
                str(report.previous_total),
                watch.at.astimezone(self._zone).strftime("%H:%M:%S"),
            )
        )

    def _failed(self, exc: Exception) -> None:
        self._settled()
        self.updated.setText(error_text(exc))

    def _settled(self) -> None:
        self._busy = False
        if self._again:
            self.refresh()

    # -- a warning's tickets ------------------------------------------------------------------------

    def _subject_name(self, kind: Dimension, subject: str) -> str:
        return self._category_name(subject) if kind is Dimension.CATEGORY else subject

    def show_tickets(self, row: int) -> None:
        """List the tickets behind the warning of `row` (fetched on a worker), in a dialog."""
        warning = self.warning_model.warnings[row]
        source, ids = self._source, list(warning.ticket_ids)
        model = TicketTable(self._category_name, self._zone)
        dialog = WarningTickets(warning, self._subject_name(warning.kind, warning.subject), model, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.ticketActivated.connect(self.ticketActivated)
        dialog.open()
        self.tickets_dialog = dialog
        BackgroundOp(dialog, lambda: source().lead_tickets(ids) if ids else []).success(
            self._tickets_arrived
        ).failure(self._failed).run()

    def _tickets_arrived(self, tickets: list[Ticket]) -> None:
        dialog = self.tickets_dialog
        dialog.model.show(tickets)
        if tickets:
            dialog.view.setCurrentIndex(dialog.model.index(0, 0))
        dialog.view.setFocus()
