"""班长台 against a real server process: the seats show, one seat's queue opens beside them, and
tickets dragged onto another seat or the team pool move there with the reason the lead gave."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import TypeAdapter
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.status import Role
from sync.client.api import ServerApi
from sync.client.credentials import TokenVault
from sync.demo import DEMO_PASSWORD
from sync.protocol import Op, UserInfo
from tests.sync.live import LiveServer
from tests.sync.server.wire import create_op
from tests.ui.stall import watching
from ui.lead.board import LeadBoard
from ui.lead.models import SEAT_ROLE, Dragged
from ui.shell.main_window import MainWindow

OPS: TypeAdapter[Op] = TypeAdapter(Op)


@pytest.fixture
def signed_in(server: LiveServer) -> Iterator[dict[str, ServerApi]]:
    apis: dict[str, ServerApi] = {}

    def sign_in(username: str) -> ServerApi:
        api = ServerApi(server.url, TokenVault(f"{server.url}/{uuid.uuid4()}"))  # a keyring entry of its own
        api.login(username, DEMO_PASSWORD)
        apis[username] = api
        return api

    for username in ("a01", "a02", "lead", "admin"):
        sign_in(username)
    yield apis
    for api in apis.values():
        api.logout()
        api.close()


ZONE = ZoneInfo("Asia/Shanghai")


def _tickets(seat: ServerApi, n: int) -> list[str]:
    now = datetime.now(UTC)
    answer = seat.push([OPS.validate_python(create_op("A01", at=now)) for _ in range(n)])
    return [r.ticket.id for r in answer.results if r.ticket is not None]


def _board(qtbot: QtBot, lead: ServerApi) -> LeadBoard:
    board = LeadBoard(lambda: lead, zone=ZONE)
    qtbot.addWidget(board)
    board.show()
    board.start()
    qtbot.waitUntil(lambda: board.seats.rowCount() == 8, timeout=10_000)
    return board


def _row_of(board: LeadBoard, seat: str) -> int:
    return next(r for r in range(board.filter.rowCount()) if board.filter.index(r, 0).data(SEAT_ROLE) == seat)


def _open_queue(qtbot: QtBot, board: LeadBoard, seat: str, count: int) -> None:
    board.seat_view.setCurrentIndex(board.filter.index(_row_of(board, seat), 0))
    qtbot.waitUntil(lambda: board.queue.seat == seat and board.queue.rowCount() == count, timeout=10_000)


def _drag(board: LeadBoard, rows: list[int], target: QWidget, at: QPoint) -> None:
    """Select `rows` of the queue and drop them at `at` on `target`, as a mouse drag delivers it."""
    selection = board.queue_view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(board.queue.index(row, 0), flags)
    data = board.queue.mimeData(selection.selectedRows())
    move, left = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(target, QDragEnterEvent(at, move, data, left, none))
    QApplication.sendEvent(target, QDragMoveEvent(at, move, data, left, none))
    QApplication.sendEvent(target, QDropEvent(QPointF(at), move, data, left, none))


def _seat_spot(board: LeadBoard, seat: str) -> QPoint:
    return board.seat_view.visualRect(board.filter.index(_row_of(board, seat), 2)).center()


def _give_reason(qtbot: QtBot, board: LeadBoard, reason: str) -> None:
    qtbot.waitUntil(
        lambda: getattr(board, "reason_dialog", None) is not None and board.reason_dialog.isVisible()
    )
    dialog = board.reason_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no reason, no move
    dialog.reason.setEditText(reason)
    assert ok.isEnabled()
    ok.click()


@pytest.mark.slow
def test_dragging_tickets_onto_a_seat_moves_them_there_and_both_operators_learn_why(
    qtbot: QtBot, signed_in: dict[str, ServerApi]
) -> None:
    ids = _tickets(signed_in["a01"], 3)
    board = _board(qtbot, signed_in["lead"])
    with watching():
        _open_queue(qtbot, board, "A01", 3)
        _drag(board, [0, 2], board.seat_view.viewport(), _seat_spot(board, "A05"))
        _give_reason(qtbot, board, "A01 培训")
        # The refresh that follows the move shows the new queue and leaves the move's outcome in view.
        qtbot.waitUntil(lambda: board.queue.rowCount() == 1, timeout=10_000)
        assert board.note.text() == "已改派 2 张" and board.updated.text()
    dragged = {board_ticket for board_ticket in ids} - {board.queue.tickets[0].id}
    assert {t.id for t in signed_in["lead"].seat_queue("A05")} == dragged
    loads = {load.seat_id: load for load in board.seats.loads}
    assert (loads["A01"].open, loads["A05"].open) == (1, 2)
    # A01 hears it on its next pull, with who and why; the ticket's history keeps both.
    pulled = signed_in["a01"].pull(0, 100)
    notes = [c for c in pulled.changes if c.ticket.id in dragged and c.problem]
    assert {c.problem for c in notes} == {"notice.reassigned_because"}
    assert all(c.params["reason"] == "A01 培训" and c.params["actor"] == "班长李华" for c in notes)
    moved = [e for c in notes for e in c.events if e.action.value == "assign"]
    assert {e.reason for e in moved} == {"A01 培训"} and {e.actor for e in moved} == {"班长李华"}


def test_dropping_on_the_team_pool_returns_tickets_to_it(
    qtbot: QtBot, signed_in: dict[str, ServerApi]
) -> None:
    [ticket] = _tickets(signed_in["a01"], 1)
    board = _board(qtbot, signed_in["lead"])
    with watching():
        _open_queue(qtbot, board, "A01", 1)
        _drag(board, [0], board.pool, board.pool.rect().center())
        _give_reason(qtbot, board, "坐席下班")
        qtbot.waitUntil(lambda: board.queue.rowCount() == 0, timeout=10_000)
        board.pool.click()
        qtbot.waitUntil(lambda: board.queue.seat is None and board.queue.rowCount() == 1, timeout=10_000)
    assert board.queue.tickets[0].id == ticket and board.queue.tickets[0].assigned_seat is None


def test_a_ticket_another_lead_moved_meanwhile_stays_where_they_put_it_and_the_board_says_who(
    qtbot: QtBot, signed_in: dict[str, ServerApi]
) -> None:
    [ticket] = _tickets(signed_in["a01"], 1)
    board = _board(qtbot, signed_in["lead"])
    _open_queue(qtbot, board, "A01", 1)  # the lead sees it at A01 ...
    assert signed_in["admin"].reassign([ticket], "A03", "我来调").moved == [ticket]  # ... the admin moves it
    _drag(board, [0], board.seat_view.viewport(), _seat_spot(board, "A05"))
    _give_reason(qtbot, board, "忙闲调整")
    qtbot.waitUntil(lambda: "A03" in board.note.text(), timeout=10_000)
    assert "管理员" in board.note.text()
    assert [t.id for t in signed_in["lead"].seat_queue("A03")] == [ticket]
    assert signed_in["lead"].seat_queue("A05") == []


def test_the_dragged_selection_carries_each_tickets_version_and_its_seat(
    qtbot: QtBot, signed_in: dict[str, ServerApi]
) -> None:
    ids = _tickets(signed_in["a01"], 2)
    board = _board(qtbot, signed_in["lead"])
    _open_queue(qtbot, board, "A01", 2)
    data = board.queue.mimeData([board.queue.index(0, 0), board.queue.index(1, 3)])
    assert Dragged.of(data) == Dragged("A01", {t: 1 for t in ids})


def test_only_leads_and_admins_see_the_board_in_the_menu(open_window: Callable[..., MainWindow]) -> None:
    window = open_window()
    action = window._actions["leadBoard"]
    assert not action.isVisible()
    window._user_changed(UserInfo(username="a01", display_name="话务员01", role=Role.OPERATOR))
    assert not action.isVisible()
    window._user_changed(UserInfo(username="lead", display_name="班长", role=Role.TEAM_LEAD))
    assert action.isVisible()
    window._user_changed(UserInfo(username="admin", display_name="管理员", role=Role.ADMIN))
    assert action.isVisible()


def test_the_lead_applies_only_the_ticked_moves_of_a_balance(
    qtbot: QtBot, signed_in: dict[str, ServerApi]
) -> None:
    _tickets(signed_in["a01"], 6)
    signed_in["a02"].pull(0, 10)  # A02 is at its desk, idle: the only seat that takes work
    board = _board(qtbot, signed_in["lead"])
    with watching():
        board.propose_balance()
        qtbot.waitUntil(lambda: getattr(board, "balance_dialog", None) is not None, timeout=10_000)
        dialog = board.balance_dialog
        assert [(m.from_seat, m.to_seat) for m in dialog.moves] == [("A01", "A02")] * 3
        first = dialog.table.item(0, 0)
        assert first is not None
        first.setCheckState(Qt.CheckState.Unchecked)
        dialog.apply_ticked.click()
        qtbot.waitUntil(lambda: board.note.text().startswith("已改派"), timeout=10_000)
    assert board.note.text() == "已改派 2 张"
    assert len(signed_in["lead"].seat_queue("A02")) == 2
    assert dialog.moves[0].ticket_id in {t.id for t in signed_in["lead"].seat_queue("A01")}
