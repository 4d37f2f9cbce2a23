"""导出… (Ctrl+Shift+E) on the list that has the focus: what it shows, in its order, under its filter,
written off the GUI thread, masked as the signed-in role may take it out, and on the record."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.domain.call import CallSession
from app.domain.call_states import CallEventKind
from app.domain.status import Role
from app.export.files import Format
from app.export.table import Personal
from app.store.exports import ExportLog
from app.store.meta import ticket_count
from app.workspace import Workspace
from tests.ui.stall import watching
from ui.export.export_action import PERSONAL_ROLE, Exporter
from ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
EXPORT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier  # EXPORT_KEY
HEADERS = ("工单编号", "诉求类型", "分类", "来电人", "电话", "状态", "督办", "受理时间", "截止时间")


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path, Format], None]]:
    """The file dialog answers with the path and type given (the real dialog waits for a person)."""
    answer: list[tuple[str, str]] = []

    def choose(path: Path, fmt: Format) -> None:
        kind = "Excel 工作簿 (*.xlsx)" if fmt is Format.XLSX else "CSV，UTF-8 (*.csv)"
        answer[:] = [(str(path), kind)]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: answer[0])
    yield choose


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def message(window: QWidget) -> str:
    """What the export told: a message box (a failure) or the note over a window's foot."""
    boxes = [b for b in window.findChildren(QMessageBox, "exportMessage") if b.isVisible()]
    if boxes:
        return boxes[-1].text()
    note = window.findChild(QLabel, "exportNote")
    return note.text() if note is not None and note.isVisible() else ""


def test_the_queue_exports_every_row_as_filtered_with_phones_whole_for_the_seat_itself(
    qtbot: QtBot, open_window: OpenWindow, save_as: Callable[[Path, Format], None], tmp_path: Path
) -> None:
    window = open_window(demo=True)
    with qtbot.waitActive(window):
        window.activateWindow()
    queue = window.queue
    queue.model.set_page_size(5)  # fewer rows read than there are: the export reads them all
    qtbot.waitUntil(lambda: queue.model.rowCount() > 5, timeout=10_000)
    total = queue.model.rowCount()
    assert ticket_count(window.ws.store) >= total
    target = tmp_path / "我的工单.xlsx"
    save_as(target, Format.XLSX)
    queue.table.setFocus()
    with watching():
        qtbot.keyClick(queue.table, Qt.Key.Key_E, EXPORT_MODIFIERS)
        qtbot.waitUntil(lambda: "已导出" in window.statusBar().currentMessage(), timeout=20_000)
    sheet = load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "工单编号",
        "诉求类型",
        "分类",
        "来电人",
        "电话",
        "状态",
        "督办",
        "受理时间",
        "截止时间",
    )
    assert len(rows) == 1 + total
    numbers = [queue.model.index(r, 0).data() for r in range(min(total, 5))]
    assert [str(r[0]) for r in rows[1:6]] == [n.removeprefix("【督】") for n in numbers]  # display order
    phones = [r[4] for r in rows[1:] if r[4]]
    assert phones and not any("*" in p for p in phones)  # the seat's own tickets: whole
    assert isinstance(rows[1][7], datetime)  # a real date, not text
    [record] = ExportLog(window.ws.store).unsent("", 10)
    assert (record.list, record.rows, record.masked, record.format) == ("queue", total, False, Format.XLSX)
    assert record.filters["seat"] == "A01"


def add_missed(ws: Workspace, call_id: str, number: str) -> None:
    t0 = datetime.now(UTC) - timedelta(minutes=5)
    ws.callbacks.missed(CallSession(call_id, number, t0).step(CallEventKind.MISSED, t0), "A01")


def test_the_callback_list_exports_its_rows_as_csv_from_its_own_shortcut(
    qtbot: QtBot, open_window: OpenWindow, save_as: Callable[[Path, Format], None], tmp_path: Path
) -> None:
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    add_missed(window.ws, "pbx-1", "13812345678")
    add_missed(window.ws, "pbx-2", "=cmd|' /C calc'!A0")  # a hostile "number" from the phone system
    window.callback_list.refresh()
    tree = window.callback_list.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10_000)
    window.show_callbacks()
    tree.setFocus()
    target = tmp_path / "callbacks"  # no suffix typed: the chosen type's is added
    save_as(target, Format.CSV)
    qtbot.keyClick(tree, Qt.Key.Key_E, EXPORT_MODIFIERS)
    written = tmp_path / "callbacks.csv"
    qtbot.waitUntil(written.exists, timeout=10_000)
    rows = read_csv(written)
    assert rows[0] == [
        "来电时间",
        "号码",
        "类型",
        "未接",
        "回拨次数",
        "状态",
    ]  # the hidden 坐席 column left out
    assert sorted(r[1] for r in rows[1:]) == ["'=cmd|' /C calc'!A0", "13812345678"]
    qtbot.waitUntil(lambda: len(ExportLog(window.ws.store).unsent("", 10)) == 1)


class Board(QWidget):
    """A list as another helper's page would show one: any model, behind a sorting filter proxy."""

    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit(self)
        source = QStandardItemModel(0, 4, self)
        source.setHorizontalHeaderLabels(["坐席", "电话", "在办", "备注"])
        source.setHeaderData(1, Qt.Orientation.Horizontal, Personal.PHONE.value, PERSONAL_ROLE)
        for seat, phone, open_ in (
            ("A01", "13800000001", 3),
            ("A02", "13900000002", 7),
            ("B01", "13700000003", 5),
        ):
            count = QStandardItem()
            count.setData(open_, Qt.ItemDataRole.DisplayRole)
            source.appendRow([QStandardItem(seat), QStandardItem(phone), count, QStandardItem("@备注")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(source)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view)


@pytest.fixture
def board(qtbot: QtBot) -> Board:
    made = Board()
    qtbot.addWidget(made)
    made.show()
    with qtbot.waitActive(made):  # a window's shortcut and focus work in the active window
        made.activateWindow()
    return made


def exporter(ws: Workspace, role: Role, username: str = "a01") -> Exporter:
    return Exporter(lambda: role, lambda: username, ws.exports, ZoneInfo("Asia/Shanghai"))


def test_any_model_exports_as_shown_sorted_filtered_moved_and_masked_for_an_operator(
    qtbot: QtBot, board: Board, workspace: Workspace, save_as: Callable[[Path, Format], None], tmp_path: Path
) -> None:
    exporter(workspace, Role.OPERATOR).install(board)
    board.proxy.setFilterKeyColumn(0)
    board.proxy.setFilterFixedString("A")  # A01 and A02 shown
    board.proxy.sort(2, Qt.SortOrder.DescendingOrder)  # most open first
    board.view.horizontalHeader().moveSection(2, 0)  # 在办 dragged to the front
    board.view.setColumnHidden(3, True)
    save_as(tmp_path / "board.csv", Format.CSV)
    board.search.setFocus()  # the search box beside the list: the list is what is exported
    qtbot.keyClick(board.search, Qt.Key.Key_E, EXPORT_MODIFIERS)
    qtbot.waitUntil((tmp_path / "board.csv").exists, timeout=10_000)
    assert read_csv(tmp_path / "board.csv") == [
        ["在办", "坐席", "电话"],
        ["7", "A02", "139****0002"],
        ["3", "A01", "138****0001"],
    ]
    qtbot.waitUntil(lambda: len(workspace.exports.unsent("a01", 10)) == 1)
    [record] = workspace.exports.unsent("a01", 10)
    assert (record.rows, record.masked, record.filters) == (2, True, {"text": "A"})


def test_a_lead_exports_the_same_list_with_phones_whole(
    qtbot: QtBot, board: Board, workspace: Workspace, save_as: Callable[[Path, Format], None], tmp_path: Path
) -> None:
    exporter(workspace, Role.TEAM_LEAD, "lead").install(board)
    save_as(tmp_path / "board.xlsx", Format.XLSX)
    board.view.setFocus()
    qtbot.keyClick(board.view, Qt.Key.Key_E, EXPORT_MODIFIERS)
    qtbot.waitUntil(lambda: len(workspace.exports.unsent("lead", 10)) == 1, timeout=10_000)
    sheet = load_workbook(tmp_path / "board.xlsx").active
    assert sheet is not None
    assert [c.value for c in sheet["B"]][1:] == ["13800000001", "13900000002", "13700000003"]
    assert sheet["C2"].value == 3 and sheet["C2"].data_type == "n"
    assert sheet["D2"].value == "@备注" and sheet["D2"].data_type == "s"
    assert not workspace.exports.unsent("lead", 10)[0].masked


def test_a_failed_write_is_told_and_nothing_is_recorded(
    qtbot: QtBot, board: Board, workspace: Workspace, save_as: Callable[[Path, Format], None], tmp_path: Path
) -> None:
    exporter(workspace, Role.TEAM_LEAD).install(board)
    target = tmp_path / "gone" / "board.xlsx"  # the folder was removed after it was chosen
    save_as(target, Format.XLSX)
    board.view.setFocus()
    qtbot.keyClick(board.view, Qt.Key.Key_E, EXPORT_MODIFIERS)
    qtbot.waitUntil(lambda: str(target) in message(board), timeout=10_000)
    assert "文件夹不存在" in message(board)
    assert workspace.exports.unsent("a01", 10) == []


def test_without_a_list_in_focus_the_key_says_what_to_do(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Any] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    page = QWidget()
    qtbot.addWidget(page)
    edit = QLineEdit(page)
    QVBoxLayout(page).addWidget(edit)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    exporter(workspace, Role.OPERATOR).install(page)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_E, EXPORT_MODIFIERS)
    qtbot.waitUntil(lambda: "请先点选要导出的列表" in message(page))
    assert asked == []


def test_the_figures_page_exports_its_table_with_no_code_of_its_own(
    qtbot: QtBot, open_window: OpenWindow, save_as: Callable[[Path, Format], None], tmp_path: Path
) -> None:
    window = open_window(demo=True)
    page = window.open_my_figures()
    model = page.table.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20_000)
    with qtbot.waitActive(page):
        page.activateWindow()
    save_as(tmp_path / "figures.csv", Format.CSV)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_E, EXPORT_MODIFIERS)
    qtbot.waitUntil((tmp_path / "figures.csv").exists, timeout=10_000)
    rows = read_csv(tmp_path / "figures.csv")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert rows[0] == headers and len(rows) == 1 + model.rowCount()
    qtbot.waitUntil(lambda: [r.list for r in window.ws.exports.unsent("", 10)] == ["figuresTable"])
    page.close()
