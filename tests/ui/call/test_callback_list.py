"""漏接回拨 in the running seat: a `missed` event through the real command and socket puts the number
on the callback list; Enter on it opens a draft for that number, linked to the callback; filing the
ticket records 已回拨; a result key records how an attempt ended. All by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from app.domain.callback_states import CallbackKind, CallbackResult, CallbackState
from app.domain.lifecycle import Command
from app.domain.status import Action, Role, Satisfaction
from app.paths import AppPaths
from tests.ui.call.test_call_events import cti
from tests.ui.ticket.test_ticket_dialog import accepted_ticket, apply_and_wait, choose
from ui.call.callback_list import RESULT_KEYS, CallbackEvent
from ui.shell.main_window import MainWindow
from ui.ticket.ticket_dialog import TicketDialog


def missed_on_the_list(qtbot: QtBot, home: AppPaths, window: MainWindow, number: str, call_id: str) -> None:
    assert cti(qtbot, home, "ringing", "--id", call_id, "--caller", number) == (0, "ok")
    assert cti(qtbot, home, "missed", "--id", call_id) == (0, "ok")
    qtbot.waitUntil(lambda: any(c.number == number for c in window.callback_list.callbacks), timeout=5000)


def test_a_missed_call_through_the_command_puts_its_number_on_the_callback_list(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    missed_on_the_list(qtbot, home, window, "13812345678", "pbx-m1")
    (callback,) = window.callback_list.callbacks
    assert (callback.call_id, callback.state, callback.rings) == ("pbx-m1", CallbackState.WAITING, 1)
    row = window.callback_list.tree.topLevelItem(0)
    assert row is not None and row.text(1) == "13812345678" and row.text(5) == "待回拨"
    assert "漏接来电 13812345678" in window.statusBar().currentMessage()
    assert window.callback_list.count.text() == "待回拨 1 个"


def test_after_a_missed_call_the_next_callers_number_finds_the_form_blank(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    missed_on_the_list(qtbot, home, window, "13812345678", "pbx-n1")
    assert window.intake.caller_phone.text() == "" and window.intake.current_draft().caller_phone == ""
    assert cti(qtbot, home, "ringing", "--id", "pbx-n2", "--caller", "13900002222") == (0, "ok")
    assert window.intake.caller_phone.text() == "13900002222"


def test_a_missed_call_leaves_a_form_the_operator_typed_into_as_it_is(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-t1", "--caller", "13812345678") == (0, "ok")
    window.intake.content.setPlainText("来电人说小区停水")  # typed while it rang
    assert cti(qtbot, home, "missed", "--id", "pbx-t1") == (0, "ok")
    qtbot.waitUntil(lambda: len(window.callback_list.callbacks) == 1, timeout=5000)
    assert window.intake.caller_phone.text() == "13812345678"


def test_a_call_hung_up_while_ringing_is_a_missed_call_for_the_list_too(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-e1", "--caller", "13700001111") == (0, "ok")
    assert cti(qtbot, home, "ended", "--id", "pbx-e1") == (0, "ok")
    qtbot.waitUntil(lambda: len(window.callback_list.callbacks) == 1, timeout=5000)
    assert window.callback_list.callbacks[0].number == "13700001111"


def test_an_answered_call_puts_nothing_on_the_list(home: AppPaths, open_window: object, qtbot: QtBot) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-a1", "--caller", "13700002222") == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", "pbx-a1") == (0, "ok")
    assert cti(qtbot, home, "ended", "--id", "pbx-a1") == (0, "ok")
    qtbot.wait(300)
    assert window.ws.callbacks.listing(window.ws.seat.seat_id, done_since=window.seat_desk.clock()) == []


def test_enter_on_a_callback_opens_a_draft_with_the_number_and_filing_it_records_已回拨(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    window.show()
    missed_on_the_list(qtbot, home, window, "13812345678", "pbx-m2")
    window.findChild(QAction, "callbacks").trigger()  # Ctrl+Shift+R: the list, focused
    qtbot.waitUntil(lambda: window.callback_list.tree.hasFocus())
    qtbot.keyClick(window.callback_list.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.intake.current_draft().callback_id != "", timeout=5000)
    assert window.intake.caller_phone.text() == "13812345678"
    draft = window.intake.current_draft()
    callback = window.ws.callbacks.get(window.callback_list.callbacks[0].id)
    assert draft.callback_id == callback.id and callback.draft_id == draft.id
    assert (callback.state, callback.attempts) == (CallbackState.CALLING, 1)
    assert window.ws.drafts.latest(window.ws.seat.seat_id)[0] == draft  # type: ignore[index]  # outlives a crash

    window.intake.content.setPlainText("回拨：市民询问电梯维修进度，已告知")
    window.intake.district.setText("福田区")
    window.intake.address.setText("福田区某小区3栋")
    window.intake.category.setCurrentIndex(max(1, window.intake.category.findData("CJ.WY.DT")))
    window.intake.accept_ticket(close_direct=False)
    qtbot.waitUntil(lambda: window.ws.callbacks.get(callback.id).state is CallbackState.DONE, timeout=5000)
    done = window.ws.callbacks.get(callback.id)
    assert done.result is CallbackResult.REACHED and done.ticket_id == draft.id
    qtbot.waitUntil(lambda: window.callback_list.count.text() == "待回拨 0 个", timeout=5000)


def test_a_result_key_records_未接通_counts_the_attempt_and_clears_the_untouched_draft(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    window.show()
    missed_on_the_list(qtbot, home, window, "13812345678", "pbx-m3")
    window.show_callbacks()
    qtbot.keyClick(window.callback_list.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.intake.current_draft().callback_id != "", timeout=5000)
    window.show_callbacks()
    key = QKeySequence(RESULT_KEYS[CallbackEvent.NO_ANSWER])
    qtbot.keyClick(window.callback_list.tree, key[0].key(), key[0].keyboardModifiers())
    callback_id = window.callback_list.callbacks[0].id
    qtbot.waitUntil(
        lambda: window.ws.callbacks.get(callback_id).result is CallbackResult.NO_ANSWER, timeout=5000
    )
    tried = window.ws.callbacks.get(callback_id)
    assert (tried.state, tried.attempts) == (CallbackState.WAITING, 1)
    qtbot.waitUntil(lambda: window.intake.current_draft().callback_id == "", timeout=5000)
    assert window.intake.caller_phone.text() == ""
    qtbot.waitUntil(
        lambda: window.callback_list.callbacks[0].result is CallbackResult.NO_ANSWER, timeout=5000
    )
    row = window.callback_list.tree.topLevelItem(0)
    assert row is not None and row.text(4) == "1" and row.text(5) == "待回拨 · 未接通"


def test_a_callback_never_takes_over_a_form_with_another_caller_in_it(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    missed_on_the_list(qtbot, home, window, "13812345678", "pbx-m4")
    window.intake.caller_phone.setText("13900000000")
    window.intake.caller_phone.textEdited.emit("13900000000")
    window.callback_list.start_selected()
    qtbot.wait(200)
    assert window.intake.caller_phone.text() == "13900000000"
    assert window.ws.callbacks.get(window.callback_list.callbacks[0].id).attempts == 0
    assert "请先受理或新建" in window.statusBar().currentMessage()


def test_the_callback_keys_are_in_the_shortcut_list(open_window: object) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    dialog = window.show_shortcuts()
    table = dialog.table
    listed = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}  # type: ignore[union-attr]
    assert listed["漏接回拨列表"] == "Ctrl+Shift+R"
    native = QKeySequence.SequenceFormat.NativeText
    assert listed["回拨选中的号码"] == QKeySequence("Return").toString(native)
    assert listed["回拨结果：未接通"] == "Ctrl+Shift+N"
    dialog.close()


def test_回访_goes_on_the_list_from_the_ticket_and_recording_the_visit_closes_it(
    open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    ws = window.ws
    ticket = accepted_ticket(ws)
    now = ticket.accepted_at
    assert now is not None
    for cmd in (
        Command(Action.DISPATCH, "李娜", Role.OPERATOR, now, seat_id="A01", department="QZJJ"),
        Command(Action.START, "物业科", Role.DEPARTMENT, now),
        Command(Action.REPLY, "物业科", Role.DEPARTMENT, now, reason="已更换配件"),
    ):
        ws.tickets.act(ticket.id, cmd)
    dialog = window.open_ticket(ticket.id)
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=5000)
    assert dialog.follow_up_button.isEnabled()
    dialog.follow_up_button.click()
    qtbot.waitUntil(lambda: len(window.callback_list.callbacks) == 1, timeout=5000)
    (visit,) = window.callback_list.callbacks
    assert (visit.kind, visit.ticket_id, visit.number) == (CallbackKind.FOLLOW_UP, ticket.id, "13812345678")
    dialog.close()

    window.show_callbacks()
    window.callback_list.start_selected()  # 回访 from the list: the ticket opens, the attempt counts
    qtbot.waitUntil(lambda: ws.callbacks.get(visit.id).state is CallbackState.CALLING, timeout=5000)
    opened = [d for d in window.findChildren(TicketDialog) if d.isVisible()]
    assert len(opened) == 1
    qtbot.waitUntil(lambda: opened[0].ticket is not None, timeout=5000)
    choose(opened[0], Action.VISIT)
    opened[0].satisfaction.setCurrentIndex(opened[0].satisfaction.findData(Satisfaction.SATISFIED.value))
    apply_and_wait(qtbot, opened[0])
    done = ws.callbacks.get(visit.id)
    assert (done.state, done.result, done.attempts) == (CallbackState.DONE, CallbackResult.REACHED, 1)
