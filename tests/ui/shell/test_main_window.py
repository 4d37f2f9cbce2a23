"""The main window: docks, status bar, shortcuts, intake autosave and restore, 受理 into the queue."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.draft import Draft
from app.domain.problem import Problem
from app.domain.seat import SeatState
from app.store.changes import Changes
from app.store.meta import ticket_count
from tests.ui.conftest import SilentServer, closed
from tests.ui.ime import commit_text, type_request
from tests.ui.stall import watching
from tests.ui.wording import assert_chinese, assert_english
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow
from ui.ticket.ticket_dialog import TicketDialog

OpenWindow = Callable[..., MainWindow]


def test_window_has_its_work_areas_and_the_seat_status(open_window: OpenWindow) -> None:
    window = open_window()
    assert window.isVisible()
    titles = {d.windowTitle() for d in window.findChildren(QDockWidget)}
    assert titles == {"通话转写", "知识库", "我的工单", "漏接回拨", "录音转写", "通知"}
    assert window.centralWidget() is window.intake
    assert "坐席 A01" in window.status.seat_label.text()
    assert window.status.state is SeatState.IDLE
    assert "本机模式" in window.status.connection_label.text()


def test_seat_state_shortcuts_change_the_state(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.intake.content, Qt.Key.Key_F10)  # the break's reasons, to pick one
    combo = window.status.state_combo
    qtbot.waitUntil(lambda: combo.view().isVisible())
    qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    assert window.status.state is SeatState.BREAK
    assert window.seat_desk.desk.seat.break_reason == "用餐" and combo.currentText() == "小休：用餐"
    qtbot.keyClick(window.intake.content, Qt.Key.Key_F9)
    assert window.status.state is SeatState.IDLE
    qtbot.keyClick(window.intake.content, Qt.Key.Key_F8)
    assert window.status.state is SeatState.WRAP_UP
    qtbot.keyClick(window.intake.content, Qt.Key.Key_F9)
    assert window.status.state is SeatState.IDLE


def test_language_switch_retranslates_everything_visible(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    window.set_language("en")
    qtbot.waitUntil(lambda: window.windowTitle().endswith("Hotline Seat"))
    assert window.file_menu.title() == "&File"
    assert {d.windowTitle() for d in window.findChildren(QDockWidget)} == {
        "Call transcript",
        "Knowledge base",
        "My queue",
        "Callbacks",
        "Recorded calls",
        "Notifications",
    }
    assert "Seat A01" in window.status.seat_label.text()
    assert window.intake.accept_button.text().startswith("Accept")
    elevator = window.intake.category.findData("CJ.WY.DT")
    assert (
        window.intake.category.itemText(elevator)
        == "Urban and Rural Construction > Property management > Elevator breakdown"
    )
    assert window.ws.config.get("ui.language") == "en"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.windowTitle().endswith("热线坐席端"))
    assert window.file_menu.title() == "文件(&F)"


def title_as_shown(window: MainWindow) -> str:
    """The title bar's text: Qt adds " — <application display name>" to a window's title unless the
    title already ends with it (QPlatformWindow::formatWindowTitle, on X11, Wayland and Windows)."""
    title, name = window.windowTitle(), QGuiApplication.applicationDisplayName()
    return title if title.endswith(name) else f"{title} — {name}"


def test_the_title_bar_names_the_program_once_in_the_interface_language(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    assert title_as_shown(window) == "坐席 A01 — 热线坐席端"
    window.set_language("en")
    qtbot.waitUntil(lambda: "Seat A01" in window.windowTitle())
    assert title_as_shown(window) == "Seat A01 — Hotline Seat"


def test_typing_is_saved_and_restored_after_reopening(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    type_request(qtbot, window)
    qtbot.waitUntil(lambda: window.intake.saved_revision == window.intake.revision, timeout=5000)
    typed = window.intake.current_draft()
    closed(qtbot, window)

    reopened = open_window()
    qtbot.waitUntil(lambda: reopened.intake.banner.isVisible(), timeout=5000)
    assert reopened.intake.content.toPlainText() == typed.content
    assert reopened.intake.caller_phone.text() == "13812345678"
    assert reopened.intake.category.currentData() == typed.category_code


def test_accept_validates_then_creates_a_ticket_in_the_queue(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    window.intake.accept_ticket(close_direct=False)
    assert "请填写诉求内容" in window.intake.problems.text()
    assert "请选择事项分类" in window.intake.problems.text()

    type_request(qtbot, window)
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        qtbot.keyClick(window.intake.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket = accepted.args[0]
    assert ticket.local_no.startswith("L-A01-")
    assert window.intake.content.toPlainText() == ""
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1, timeout=5000)
    assert "待同步 1" in window.status.connection_label.text()
    assert ticket_count(window.ws.store) == 1


def test_the_ticket_just_accepted_is_selected_in_the_queue(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    for content in ("楼道灯不亮", "小区门口积水", "噪音扰民"):
        draft = window.ws.new_draft().with_fields(content=content, category_code="CJ.WY.DT")
        window.ws.tickets.accept(draft, actor="李娜")
    window.bus.changed.emit(Changes(queue=True))
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 3, timeout=5000)
    window.queue.table.selectRow(2)
    earlier = window.queue.current_ticket_id()

    type_request(qtbot, window)
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        window.intake.accept_ticket(close_direct=False)

    qtbot.waitUntil(lambda: window.queue.current_ticket_id() == accepted.args[0].id, timeout=5000)
    assert earlier != accepted.args[0].id
    assert window.intake.content.hasFocus() or not window.isActiveWindow()  # typing goes on in the form


def test_direct_close_needs_an_answer(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    type_request(qtbot, window)
    window.intake.kind.setCurrentIndex(0)  # 咨询
    window.intake.accept_ticket(close_direct=True)
    assert "直接办结须填写答复内容" in window.intake.problems.text()
    commit_text(qtbot, window.intake.answer, "已告知物业报修电话及维保单位，市民表示满意。")
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        window.intake.accept_ticket(close_direct=True)
    assert accepted.args[0].status.value == "closed"


def test_bad_config_values_are_reported_at_start_in_the_interface_language(  # type: ignore[no-untyped-def]
    open_window: OpenWindow, qtbot: QtBot, monkeypatch, tmp_path: Path, languages: LanguageSwitcher
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("ui.shell.main_window.QMessageBox.warning", lambda _p, _t, text: shown.append(text))
    window = open_window()
    path = tmp_path / "hotline-seat.toml"
    path.write_text('[ui]\nfont_scale = 900\n[server]\nurl = "http://10.1.2.3"\n[log]\n', encoding="utf-8")
    problems = Config.load(path).problems
    languages.switch("en")
    window.report_config_problems(problems)
    languages.switch("zh_CN")
    window.report_config_problems(problems)
    assert len(shown) == 2 and all("ui.font_scale" in text and "server.url" in text for text in shown)
    assert_english(shown[0])
    assert_chinese(shown[1])


def test_demo_store_is_marked_in_title_and_status_bar(open_window: OpenWindow, qtbot: QtBot) -> None:
    window = open_window(demo=True)
    assert "[演示数据]" in window.windowTitle()
    assert window.status.demo_label.isVisible()
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 100, timeout=10000)


def test_double_clicking_a_queue_row_opens_the_ticket(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    type_request(qtbot, window)
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        window.intake.accept_ticket(close_direct=False)
    qtbot.waitUntil(lambda: window.queue.model.ticket_id(0) == accepted.args[0].id, timeout=5000)
    table = window.queue.table
    cell = table.visualRect(window.queue.model.index(0, 0)).center()
    # A real double-click starts with a click; QTest's double-click alone is not seen as one.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = window.findChild(TicketDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=5000)
    assert dialog.ticket is not None and dialog.ticket.id == accepted.args[0].id


def test_f1_lists_every_shortcut_in_two_aligned_columns(open_window: OpenWindow) -> None:
    window = open_window()
    dialog = window.show_shortcuts()
    table = dialog.table
    assert table.columnCount() == 2  # a table: keys line up, whatever their length
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for key, does in (
        ("F2", "新建受理单"),
        ("Ctrl+回车", "受理"),  # key names are shown in the interface language
        ("Ctrl+Shift+回车", "受理并直接办结"),
        ("Ctrl+F", "搜索我的工单"),
        ("F5", "刷新"),
        ("F7", "插入知识库答复"),  # the knowledge dock's, not a menu's
        ("F9", "置为空闲"),
        ("Alt+1", "通话转写"),
        ("Ctrl+,", "设置…"),
        ("回车", "打开选中的工单（我的工单，也可双击）"),
        ("下方向", "从搜索框转到搜索结果"),
    ):
        assert rows.get(key) == does, f"{key}: {rows.get(key)!r}"
    shortcuts = {
        a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for a in window.findChildren(QAction)
    }
    assert shortcuts - {""} <= set(rows)


@pytest.mark.slow
def test_the_config_file_is_written_off_the_gui_thread_and_in_order(
    qtbot: QtBot, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    fsync = os.fsync

    def slow_disk(fd: int) -> None:
        time.sleep(0.3)
        fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_disk)
    config_file = window.ws.paths.config_file
    qtbot.wait(1500)
    with watching():
        for size in (100, 120, 110):  # the last change is the one the file keeps
            window.ws.config.set("ui.font_scale", size)
            window._save_config()  # what 设置, 界面语言 and 登录 do after a change
        qtbot.wait(1200)
    assert Config.load(config_file).get("ui.font_scale") == 110


def _slow_disk_for_drafts(window: MainWindow, seconds: float) -> None:
    save = window.ws.drafts.save

    def slow(draft: Draft, revision: int) -> None:
        time.sleep(seconds)  # a disk busy with something else
        save(draft, revision)

    window.ws.drafts.save = slow  # type: ignore[method-assign]


def test_opening_the_window_and_restoring_the_draft_never_stall_the_event_loop(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    type_request(qtbot, window)
    closed(qtbot, window)
    reopened = open_window()
    qtbot.waitExposed(reopened)  # the watch starts with the first frame (start-up is benchmarked)
    with watching():
        qtbot.waitUntil(lambda: reopened.intake.banner.isVisible(), timeout=5000)
        qtbot.wait(500)  # the queue, the knowledge base and the retention pass come in meanwhile
    assert reopened.intake.caller_phone.text() == "13812345678"


def test_closing_hides_the_window_at_once_and_saves_everything_in_the_background(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    qtbot.waitExposed(window)
    _slow_disk_for_drafts(window, 0.5)
    type_request(qtbot, window)
    typed = window.intake._read_fields()
    with watching():
        window.close()
        assert not window.isVisible()  # the operator sees the seat gone at once
        assert not window.shut_down
        qtbot.waitUntil(lambda: window.shut_down, timeout=10_000)
    latest = window.ws.drafts.latest(window.ws.seat.seat_id)
    assert latest is not None and latest[0].content == typed.content  # nothing typed was lost
    assert latest[0].caller_phone == "13812345678"


def test_closing_while_the_server_does_not_answer_never_stalls_and_ends_with_the_round(
    qtbot: QtBot, open_window: OpenWindow, silent_server: SilentServer
) -> None:
    config = Config()
    config.set("server.url", silent_server.url)
    window = open_window(config=config)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.sync.status is not None and window.sync.user is not None, timeout=10_000)
    with watching():
        window.close()
        qtbot.wait(300)
        assert not window.shut_down  # the round in flight is not cut off
        silent_server.hang_up()
        qtbot.waitUntil(lambda: window.shut_down, timeout=15_000)


def test_server_decisions_and_refused_reference_data_are_told_in_the_interface_language(
    open_window: Callable[..., MainWindow], languages: LanguageSwitcher
) -> None:
    """改派, 并单 and a catalogue the seat would not adopt reach the status bar as codes."""
    window = open_window()
    invalid = Problem(
        "reference.invalid", {"detail": "taxonomy.yaml: categories: the catalogue has no categories"}
    )
    notices = [
        Problem(
            "notice.reassigned_because",
            {
                "role": "team_lead",
                "actor": "lead01",
                "ticket": "12345-20261207-000001",
                "seat": "A07",
                "reason": "load",
            },
        ),
        Problem("notice.merged", {"actor": "op02", "ticket": "12345-20261207-000002"}),
        Problem("reference.taxonomy_refused", {"version": "7-36ecd3c10bce", "problem": invalid}),
        Problem("reference.sla_refused", {"version": "2-36ecd3c10bce", "problem": invalid}),
    ]
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            window.sync.noticesArrived.emit(notices)
            shown = window.status.currentMessage()
            assert "A07" in shown and "12345-20261207-000002" in shown and "7-36ecd3c10bce" in shown
            one_language(shown)
    finally:
        languages.switch("zh_CN")
