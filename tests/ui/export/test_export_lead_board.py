"""导出 on the 班长台 against a real server process: the seat board as filtered, and one seat's
queue, each with its own name and filter on the record; a lead takes them out unmasked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.status import Role
from app.export.files import Format
from app.workspace import Workspace
from sync.client.api import ServerApi
from tests.ui.export.test_export_action import EXPORT_MODIFIERS, message, read_csv, save_as  # noqa: F401  # fixture
from tests.ui.lead.test_board import _board, _open_queue, _tickets, signed_in  # noqa: F401  # fixtures
from ui.export.export_action import Exporter


def test_the_seat_board_and_a_seats_queue_export_as_shown(
    qtbot: QtBot,
    signed_in: dict[str, ServerApi],  # noqa: F811  # the fixture imported above
    workspace: Workspace,
    save_as: Callable[[Path, Format], None],  # noqa: F811
    tmp_path: Path,
) -> None:
    _tickets(signed_in["a01"], 2)
    board = _board(qtbot, signed_in["lead"])
    Exporter(lambda: Role.TEAM_LEAD, lambda: "lead", workspace.exports, ZoneInfo("Asia/Shanghai")).install(
        board
    )
    with qtbot.waitActive(board):
        board.activateWindow()
    board.search.setText("A0")  # the seats A01..A08, as the filter shows them
    save_as(tmp_path / "seats.csv", Format.CSV)
    board.seat_view.setFocus()
    qtbot.keyClick(board.seat_view, Qt.Key.Key_E, EXPORT_MODIFIERS)
    qtbot.waitUntil((tmp_path / "seats.csv").exists, timeout=10_000)
    qtbot.waitUntil(lambda: "已导出 8 行" in message(board))  # told, and the focus stays on the board
    seats = read_csv(tmp_path / "seats.csv")
    assert seats[0][:2] == ["坐席", "话务员"]
    assert [row[0] for row in seats[1:]] == [
        board.filter.index(r, 0).data() for r in range(board.filter.rowCount())
    ]

    _open_queue(qtbot, board, "A01", 2)
    save_as(tmp_path / "queue.xlsx", Format.XLSX)
    board.queue_view.setFocus()
    qtbot.keyClick(board.queue_view, Qt.Key.Key_E, EXPORT_MODIFIERS)
    qtbot.waitUntil(lambda: len(workspace.exports.unsent("lead", 10)) == 2, timeout=10_000)
    first, second = workspace.exports.unsent("lead", 10)
    assert (first.list, first.rows, first.filters, first.masked) == ("lead.seats", 8, {"text": "A0"}, False)
    assert (second.list, second.rows, second.filters) == ("lead.queue", 2, {"seat": "A01"})
