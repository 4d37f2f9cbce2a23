"""统计 (日通报 · 周汇总 · 月分析): the figures of app.lead.figures as a table and two charts.

The lead's page loads the server's report (GET /figures, every seat); an operator's shows their own
seat's, computed from the seat's store (app.store.figures), so it works offline. Either way the
loading runs on the thread pool (ui.ops.BackgroundOp). The table is a QAbstractTableModel: a
generic export can take it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.figures import Figure, Grouping, Period
from app.domain.problem import fill
from app.lead.figures import (
    DEFINITIONS,
    TEAM_KEY,
    Buckets,
    Cells,
    ShiftFact,
    Sums,
    cells_of,
    period_start,
    totals,
)
from app.store.db import Store
from app.store.figures import seat_figures
from ui import palette
from ui.labels import error_text
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating

if TYPE_CHECKING:
    from sync.client.api import ServerApi

# What a page loads: the cells and each period's first day, for a period, a grouping and the days
# from `first` to `last`. Called on a worker thread.
Loader = Callable[[Period, Grouping, date, date], tuple[Cells, list[date]]]
Index = QModelIndex | QPersistentModelIndex
_SPAN = {Period.DAY: 6, Period.WEEK: 7 * 7, Period.MONTH: 0}  # days back from today by default
_MONTHS_BACK = 5


def figure_name(figure: Figure) -> str:
    names = {
        Figure.ACCEPTED_ON_TIME: QCoreApplication.translate("FiguresPage", "按时受理率"),
        Figure.DISPATCHED_ON_TIME: QCoreApplication.translate("FiguresPage", "按时派单率"),
        Figure.CLOSED_ON_TIME: QCoreApplication.translate("FiguresPage", "按时办结率"),
        Figure.SATISFIED: QCoreApplication.translate("FiguresPage", "满意率"),
        Figure.FIRST_CALL: QCoreApplication.translate("FiguresPage", "一次性解决率"),
        Figure.REOPENED: QCoreApplication.translate("FiguresPage", "重办率"),
        Figure.HANDLING: QCoreApplication.translate("FiguresPage", "平均处理时长"),
        Figure.WRAP_UP: QCoreApplication.translate("FiguresPage", "平均话后时长"),
        Figure.CALLS_PER_HOUR: QCoreApplication.translate("FiguresPage", "每小时接话量"),
    }
    return names[figure]


def shown(figure: Figure, sums: Sums | None) -> str:
    """A figure as the table shows it: a share in %, seconds, or calls per hour; "—" for none."""
    value = sums.value(figure) if sums is not None else None
    if value is None:
        return "—"
    if DEFINITIONS[figure].rate:
        return f"{value * 100:.1f}%"
    if figure is Figure.CALLS_PER_HOUR:
        return f"{value:.1f}"
    return fill(QCoreApplication.translate("FiguresPage", "%1 秒"), f"{value:.0f}")


def default_days(period: Period, today: date) -> tuple[date, date]:
    if period is Period.MONTH:
        first = today.replace(day=1)
        for _ in range(_MONTHS_BACK):
            first = (first - timedelta(days=1)).replace(day=1)
        return first, today
    return period_start(today - timedelta(days=_SPAN[period]), period), today


class FiguresModel(QAbstractTableModel):
    """One row per seat, team, 大类 or district over the whole range, then the 合计 row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, dict[Figure, Sums]]] = []
        self._name: Callable[[str], str] = str

    def show(self, cells: Cells, name: Callable[[str], str]) -> None:
        self.beginResetModel()
        per_row = totals(cells)
        self.rows = sorted(per_row.items(), key=lambda kv: kv[0])
        if len(self.rows) > 1:
            everything: dict[Figure, Sums] = {}
            for _key, sums in self.rows:
                for figure, s in sums.items():
                    everything[figure] = everything.get(figure, Sums()) + s
            self.rows.append((TEAM_KEY, everything))
        self._name = name
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(Figure)

    def row_name(self, row: int) -> str:
        key = self.rows[row][0]
        if key == TEAM_KEY:
            return (
                QCoreApplication.translate("FiguresPage", "合计") if len(self.rows) > 1 else self._name(key)
            )
        return self._name(key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sums_by_figure = self.rows[index.row()][1]
        if index.column() == 0:
            return self.row_name(index.row()) if role == Qt.ItemDataRole.DisplayRole else None
        figure = list(Figure)[index.column() - 1]
        sums = sums_by_figure.get(figure)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(figure, sums)
        if role == Qt.ItemDataRole.ToolTipRole and sums is not None:
            return f"{sums.numerator:g} / {sums.denominator:g}"
        if role == Qt.ItemDataRole.UserRole:
            return sums.value(figure) if sums is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("FiguresPage", "对象")
            if section == 0
            else figure_name(list(Figure)[section - 1])
        )


class FiguresPage(Retranslating, QWidget):
    """Period, grouping, days and the figure the charts show; the table; a bar per row and a line
    over the periods."""

    def __init__(
        self,
        load: Loader,
        groupings: Sequence[Grouping],
        today: Callable[[], date],
        parent: QWidget | None = None,
        *,
        name: Callable[[Grouping, str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figuresPage")
        self._load, self._groupings, self._today = load, list(groupings), today
        self._name = name or (lambda _by, key: key)
        self._busy = self._again = False
        self.shown_by: Grouping | None = None  # the grouping of the rows shown (the combo may be ahead)
        self.cells: Cells = {}
        self.days: list[date] = []
        self.model = FiguresModel(self)

        self.period = QComboBox(objectName="figuresPeriod")
        self.by = QComboBox(objectName="figuresBy")
        self.first = QDateEdit(objectName="figuresFirst", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.last = QDateEdit(objectName="figuresLast", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.figure = QComboBox(objectName="figuresFigure")
        self.refresh_button = QPushButton(objectName="figuresRefresh")
        self.note = plain(QLabel(objectName="figuresNote", wordWrap=True))
        self.note.setStyleSheet(f"color: {palette.MUTED};")
        self.period_label, self.by_label, self.figure_label = (plain(QLabel()) for _ in range(3))

        self.table = QTableView(objectName="figuresTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.bars = QChartView(objectName="figuresBars")
        self.line = QChartView(objectName="figuresLine")
        for view in (self.bars, self.line):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)

        tools = QHBoxLayout()
        for widget in (
            self.period_label,
            self.period,
            self.by_label,
            self.by,
            self.first,
            plain(QLabel("—")),
            self.last,
            self.figure_label,
            self.figure,
            self.refresh_button,
        ):
            tools.addWidget(widget)
        tools.addStretch(1)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.bars)
        charts.addWidget(self.line)
        split = QSplitter(Qt.Orientation.Vertical, objectName="figuresSplit")
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setSizes([300, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)

        self.retranslate()
        self._reset_days()
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.by.currentIndexChanged.connect(lambda _i: self.refresh())
        self.first.dateChanged.connect(lambda _d: self.refresh())
        self.last.dateChanged.connect(lambda _d: self.refresh())
        self.figure.currentIndexChanged.connect(lambda _i: self._chart())
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("FiguresPage", "统计"))
        self.period_label.setText(QCoreApplication.translate("FiguresPage", "周期"))
        self.by_label.setText(QCoreApplication.translate("FiguresPage", "按"))
        self.figure_label.setText(QCoreApplication.translate("FiguresPage", "图表"))
        self.refresh_button.setText(QCoreApplication.translate("FiguresPage", "刷新 (F5)"))
        periods = {
            Period.DAY: QCoreApplication.translate("FiguresPage", "日通报"),
            Period.WEEK: QCoreApplication.translate("FiguresPage", "周汇总"),
            Period.MONTH: QCoreApplication.translate("FiguresPage", "月分析"),
        }
        groupings = {
            Grouping.SEAT: QCoreApplication.translate("FiguresPage", "坐席"),
            Grouping.TEAM: QCoreApplication.translate("FiguresPage", "全班"),
            Grouping.CATEGORY: QCoreApplication.translate("FiguresPage", "大类"),
            Grouping.DISTRICT: QCoreApplication.translate("FiguresPage", "区"),
        }
        _refill(self.period, [(periods[p], p) for p in Period])
        _refill(self.by, [(groupings[g], g) for g in self._groupings])
        _refill(self.figure, [(figure_name(f), f) for f in Figure])
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._chart()

    def chosen(self) -> tuple[Period, Grouping, date, date]:
        return (
            Period(self.period.currentData()),
            Grouping(self.by.currentData()),
            self.first.date().toPython(),
            self.last.date().toPython(),
        )

    def _period_chosen(self, _index: int) -> None:
        self._reset_days()
        self.refresh()

    def _reset_days(self) -> None:
        first, last = default_days(Period(self.period.currentData()), self._today())
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def refresh(self) -> None:
        if self._busy:
            self._again = True  # a choice made meanwhile: loaded once the one on its way is back
            return
        self._busy, self._again = True, False
        self.note.setText(QCoreApplication.translate("FiguresPage", "正在计算…"))
        period, by, first, last = self.chosen()
        load = self._load
        BackgroundOp(self, lambda: (by, load(period, by, first, last))).success(self._shown).failure(
            self._failed
        ).run()

    def _shown(self, answer: tuple[Grouping, tuple[Cells, list[date]]]) -> None:
        self._settled()
        by, (cells, days) = answer
        self.cells, self.days, self.shown_by = cells, days, by
        self.model.show(cells, lambda key: self._name(by, key))
        self.note.setText(
            fill(
                QCoreApplication.translate("FiguresPage", "%1 期，%2 行"),
                str(len(days)),
                str(len(self.model.rows)),
            )
        )
        self._chart()

    def _failed(self, exc: Exception) -> None:
        self._settled()
        self.note.setText(error_text(exc))

    def _settled(self) -> None:
        self._busy = False
        if self._again:
            QTimer.singleShot(0, self.refresh)

    # -- charts -------------------------------------------------------------------------------------

    def _chart(self) -> None:
        data = self.figure.currentData()
        if data is None:
            return
        figure = Figure(data)
        self.bars.setChart(self._bar_chart(figure))
        self.line.setChart(self._line_chart(figure))

    def _scale(self, figure: Figure, value: float | None) -> float:
        if value is None:
            return 0.0
        return value * 100 if DEFINITIONS[figure].rate else value

    def _bar_chart(self, figure: Figure) -> QChart:
        rows = [
            r
            for r in range(self.model.rowCount())
            if self.model.rows[r][0] != TEAM_KEY or len(self.model.rows) == 1
        ]
        rows = rows[:30]  # a bar per row: beyond 30 they are unreadable; the table has them all
        bars = QBarSet(figure_name(figure))
        names = []
        for r in rows:
            bars.append(self._scale(figure, self.model.rows[r][1].get(figure, Sums()).value(figure)))
            names.append(self.model.row_name(r))
        series = QBarSeries()
        series.append(bars)
        chart = QChart()
        chart.addSeries(series)
        chart.setTitle(
            fill(
                QCoreApplication.translate("FiguresPage", "%1（各%2）"),
                figure_name(figure),
                self.by.currentText(),
            )
        )
        chart.legend().hide()
        axis_x = QBarCategoryAxis()
        axis_x.append(names)
        axis_x.setLabelsAngle(-60 if len(names) > 8 else 0)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = self._value_axis(figure, [bars.at(i) for i in range(bars.count())])
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        return chart

    def _line_chart(self, figure: Figure) -> QChart:
        per_period = totals(self.cells, by_row=False)
        series = QLineSeries()
        series.setName(figure_name(figure))
        values = []
        for i in range(len(self.days)):
            found = per_period.get(str(i), {}).get(figure, Sums()).value(figure)
            if found is None:  # nothing counted that period: no point, rather than a fall to 0
                continue
            series.append(i, self._scale(figure, found))
            values.append(self._scale(figure, found))
        chart = QChart()
        chart.addSeries(series)
        chart.setTitle(fill(QCoreApplication.translate("FiguresPage", "%1（逐期）"), figure_name(figure)))
        chart.legend().hide()
        axis_x = QBarCategoryAxis()
        axis_x.append([d.strftime("%m-%d") for d in self.days] or ["—"])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = self._value_axis(figure, values)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        return chart

    def _value_axis(self, figure: Figure, values: list[float]) -> QValueAxis:
        axis = QValueAxis()
        top = 100.0 if DEFINITIONS[figure].rate else max([1.0, *values]) * 1.1
        axis.setRange(0, top)
        axis.setLabelFormat("%.0f%%" if DEFINITIONS[figure].rate else "%.0f")
        return axis


def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


def lead_loader(api: Callable[[], ServerApi]) -> Loader:
    """Every seat's figures from the server (a lead's or an admin's account)."""

    def load(period: Period, by: Grouping, first: date, last: date) -> tuple[Cells, list[date]]:
        report = api().figures(period, by, first, last)
        return cells_of((c.key, c.period, c.sums) for c in report.cells), list(report.days)

    return load


def seat_loader(
    store: Store, seat: str, zone: ZoneInfo, shift: Callable[[datetime], ShiftFact | None]
) -> Loader:
    """This seat's own figures from its store; `shift`: the shift now running (a frozen value)."""

    def load(period: Period, by: Grouping, first: date, last: date) -> tuple[Cells, list[date]]:
        buckets = Buckets.covering(period, first, last, zone)
        now = datetime.now(UTC)
        return seat_figures(store, seat, by, buckets, now, shift(now)), list(buckets.days)

    return load


def row_namer(category_name: Callable[[str], str]) -> Callable[[Grouping, str], str]:
    """What a row is called: a seat by its id, a 大类 by its name, the team and blanks in words."""

    def name(by: Grouping, key: str) -> str:
        if by is Grouping.TEAM:
            return QCoreApplication.translate("FiguresPage", "全班")
        if not key:
            return QCoreApplication.translate("FiguresPage", "（未填）")
        return category_name(key) if by is Grouping.CATEGORY else key

    return name
