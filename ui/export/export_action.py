"""导出… (Ctrl+Shift+E): the list that has the focus, as shown (its rows in display order, under its filter,
its visible columns in their visual order), written to XLSX or CSV off the GUI thread and put on the
access record.

Any QAbstractItemModel works as it is: headers and DisplayRole texts (numbers stay numbers). A model
may say more, all optional, on itself or on any model under a proxy:
- `headerData(column, Horizontal, PERSONAL_ROLE)`: an app.export.table.Personal value, so the column
  is masked unless the role may see it;
- `data(index, EXPORT_ROLE)`: a typed value (a datetime, a number) for the cell's shown text;
- attributes `export_name` (the list's name on the access record), `export_own` (every row is the
  account's own work) and `export_filters()` (what the list is narrowed to, in words);
- `export_table()`: a function that builds the whole Table off the GUI thread, for a model that does
  not hold all its rows (the queue pages them from the store).
A QTableWidget or QTreeWidget list says the same with dynamic properties on the view: "exportName",
"exportOwn".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableView,
    QTreeView,
    QWidget,
)

from app.domain.problem import fill
from app.domain.status import Role
from app.export.files import Format, write
from app.export.record import ExportRecord
from app.export.table import Cell, Column, Personal, Table
from app.store.exports import ExportLog
from ui.labels import error_text
from ui.ops import BackgroundOp

log = logging.getLogger(__name__)

# Not Ctrl+E: a line edit takes that for "end of line" before any action sees it, so it would not
# work from the queue's search box, nor anywhere else the cursor is in a text field.
EXPORT_KEY = "Ctrl+Shift+E"
PERSONAL_ROLE = Qt.ItemDataRole.UserRole + 40  # headerData: which Personal a column holds
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 41  # data: the cell as a typed value
_NOTE_MS = 8_000  # how long "exported" stays over a window without a status bar
_UP = 2  # from the focus up to its grandparent: a search box finds the one list beside it


@dataclass(frozen=True)
class Exporter:
    """What every export needs to know: who is signed in (asked at each export, as it changes
    with a sign-in) and where the records go; the centre's zone for the times."""

    role: Callable[[], Role]
    username: Callable[[], str]
    exports: ExportLog
    zone: ZoneInfo

    def install(self, window: QWidget) -> QAction:
        """The 导出… action on `window` (its key works wherever the focus is in that window)."""
        action = QAction(window)
        action.setObjectName("export")
        action.setShortcut(QKeySequence(EXPORT_KEY))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def pressed() -> None:
            # The window it was pressed in: a window opened from this one may share the action.
            active = QApplication.activeWindow()
            self.export_focused(active if active is not None and action in active.actions() else window)

        action.triggered.connect(lambda _checked=False: pressed())
        window.addAction(action)
        return action

    def export_focused(self, window: QWidget) -> None:
        view = focused_view(window)
        if view is None or view.model() is None:
            _tell(
                window,
                QCoreApplication.translate(
                    "Export", "请先点选要导出的列表（工单、回拨、坐席……），再按 %1。"
                ).replace("%1", EXPORT_KEY),
            )
            return
        self.export_view(view)

    def export_view(self, view: QAbstractItemView) -> None:
        build = table_source(view)
        name = _name_of(view)
        target = ask_target(view, name)
        if target is None:
            return
        path, fmt = target
        role, username, exports, zone = self.role(), self.username(), self.exports, self.zone

        def work() -> ExportRecord:
            table = build().for_role(role)
            write(table, path, fmt, zone)
            record = ExportRecord.of(table, fmt, username, datetime.now(UTC))
            exports.add(record)  # the file is written: only now is there an export to record
            return record

        window = view.window()
        (
            BackgroundOp(view, work)
            .success(lambda record: _tell(window, _done(record, path), error=False))
            .failure(lambda exc: _tell(window, error_text(exc)))
            .run()
        )


def _done(record: ExportRecord, path: Path) -> str:
    text = fill(QCoreApplication.translate("Export", "已导出 %1 行到 %2"), record.rows, path)
    return text + (
        QCoreApplication.translate("Export", "（电话、证件号等个人信息已脱敏）") if record.masked else ""
    )


def _tell(window: QWidget, text: str, *, error: bool = True) -> None:
    """Done: in the window's status bar, or a note over the window's foot that takes no focus (the
    next export is one key away). Failed: a window-modal message, never a nested event loop."""
    if not error:
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)
        else:
            _note(window, text)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Export", "导出"), text)
    box.setObjectName("exportMessage")
    box.setParent(window, box.windowFlags())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def _note(window: QWidget, text: str) -> None:
    note = window.findChild(QLabel, "exportNote")
    if note is None:
        note = QLabel(window, objectName="exportNote", wordWrap=True)
        note.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        note.setAutoFillBackground(True)
        note.setFrameShape(QLabel.Shape.StyledPanel)
        note.setMargin(6)
        timer = QTimer(note, singleShot=True, interval=_NOTE_MS)
        timer.timeout.connect(note.hide)
        note.setProperty("timer", timer)
    note.setText(text)
    note.setMaximumWidth(max(200, window.width() - 24))  # as wide as its text: the buttons stay clear
    note.adjustSize()
    note.move(12, window.height() - note.height() - 12)
    note.raise_()
    note.show()
    note.property("timer").start()


def ask_target(parent: QWidget, name: str) -> tuple[Path, Format] | None:
    """The file dialog: XLSX or CSV, named after the list and the time."""
    xlsx, csv = (
        QCoreApplication.translate("Export", "Excel 工作簿 (*.xlsx)"),
        QCoreApplication.translate("Export", "CSV，UTF-8 (*.csv)"),
    )
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder) / f"{name}-{datetime.now().strftime('%Y%m%d-%H%M')}.xlsx"
    chosen, kind = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Export", "导出"), str(suggested), f"{xlsx};;{csv}"
    )
    if not chosen:
        return None
    path = Path(chosen)
    fmt = Format.CSV if kind == csv or path.suffix.lower() == ".csv" else Format.XLSX
    if path.suffix.lower() != f".{fmt.value}":
        path = path.with_name(f"{path.name}.{fmt.value}")
    return path, fmt


def focused_view(window: QWidget) -> QAbstractItemView | None:
    """The list the focus is in, or the one list beside the focused widget (a search box)."""
    widget: QWidget | None = QApplication.focusWidget()
    if widget is None or not (widget is window or window.isAncestorOf(widget)):
        return None
    for _ in range(_UP + 1):
        if widget is None:
            return None
        if isinstance(widget, QAbstractItemView):
            return widget
        views = [
            v
            for v in widget.findChildren(QAbstractItemView)
            if v.isVisible() and not isinstance(v, QHeaderView)
        ]
        if len(views) == 1:
            return views[0]
        if len(views) > 1 or widget is window:
            return None  # several lists, or the whole window: which one is not for us to guess
        widget = widget.parentWidget()
    return None


# --- a view's rows as a table ------------------------------------------------------------------------


def table_source(view: QAbstractItemView) -> Callable[[], Table]:
    """A function giving the view's table: built off the GUI thread by a model that can
    (export_table), else read now from the model as shown (rows the view holds already)."""
    model = view.model()
    for m in _chain(model):
        builder = getattr(m, "export_table", None)
        if builder is not None:
            made: Callable[[], Table] = builder()
            return made
    table = snapshot(view)
    return lambda: table


def snapshot(view: QAbstractItemView) -> Table:
    model = view.model()
    columns = _visible_columns(view, model)
    titles = tuple(
        Column(str(model.headerData(c, Qt.Orientation.Horizontal) or c + 1), _personal(model, c))
        for c in columns
    )
    rows = []
    for r in range(model.rowCount()):
        if _row_hidden(view, r):
            continue
        rows.append(tuple(_cell(model, model.index(r, c)) for c in columns))
    return Table(_name_of(view), titles, rows, _filters(model), _own(view))


def _chain(model: QAbstractItemModel) -> list[QAbstractItemModel]:
    """The model and every model under its proxies."""
    found = [model]
    while isinstance(found[-1], QAbstractProxyModel) and found[-1].sourceModel() is not None:
        found.append(found[-1].sourceModel())
    return found


def _visible_columns(view: QAbstractItemView, model: QAbstractItemModel) -> list[int]:
    header: QHeaderView | None = None
    if isinstance(view, QTableView):
        header = view.horizontalHeader()
    elif isinstance(view, QTreeView):
        header = view.header()
    count = model.columnCount()
    if header is None:
        return list(range(min(count, 1)))  # a list view shows its first column
    shown = [c for c in range(count) if not header.isSectionHidden(c)]
    return sorted(shown, key=header.visualIndex)


def _row_hidden(view: QAbstractItemView, row: int) -> bool:
    if isinstance(view, QTableView):
        return view.isRowHidden(row)
    if isinstance(view, QTreeView):
        return view.isRowHidden(row, QModelIndex())
    return False


def _personal(model: QAbstractItemModel, column: int) -> Personal | None:
    value = model.headerData(column, Qt.Orientation.Horizontal, PERSONAL_ROLE)
    try:
        return Personal(value) if value else None
    except ValueError:
        return None


def _cell(model: QAbstractItemModel, index: QModelIndex) -> Cell:
    value = model.data(index, EXPORT_ROLE)
    if value is None:
        value = model.data(index, Qt.ItemDataRole.DisplayRole)
    if isinstance(value, QDateTime | QDate):
        value = value.toPython()
    if value is None or isinstance(value, str | int | float | datetime | date):
        return value
    return str(value)


def _name_of(view: QAbstractItemView) -> str:
    named = view.property("exportName")
    if named:
        return str(named)
    for m in _chain(view.model()):
        name = getattr(m, "export_name", None)
        if name:
            return str(name)
    return view.objectName() or "list"


def _own(view: QAbstractItemView) -> bool:
    own = view.property("exportOwn")
    if own is not None:
        return bool(own)
    return any(bool(getattr(m, "export_own", False)) for m in _chain(view.model()))


def _filters(model: QAbstractItemModel) -> dict[str, str]:
    filters: dict[str, str] = {}
    for m in reversed(_chain(model)):  # a proxy's words over its source's
        said: Callable[[], dict[str, str]] | None = getattr(m, "export_filters", None)
        if said is not None:
            filters.update(said())
        elif isinstance(m, QSortFilterProxyModel) and (text := m.filterRegularExpression().pattern()):
            filters["text"] = text
    return filters
