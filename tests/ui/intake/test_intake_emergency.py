"""An emergency heard in the call raises a red banner at once, with the number to transfer to; one
key (F4) marks the ticket 紧急, and it is accepted on the urgent SLA."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.kinds import Kind, Priority
from app.domain.ticket import Ticket
from tests.ui.intake.caller_says import say
from ui.shell.main_window import MainWindow


def test_an_emergency_said_raises_the_banner_within_the_phrase(open_window: object) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    banner = window.intake.alarm
    say(window, "喂你好", 0.0)
    assert banner.isHidden()
    say(window, "我家楼下着火了", 1.5)
    assert not banner.isHidden()  # no waiting: shown by the phrase that said it
    assert "119" in banner.text.text() and "着火" in banner.text.text()


def test_a_past_or_negated_fire_raises_nothing(open_window: object) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    say(window, "上次着火的事物业到现在也没给说法", 0.0)
    say(window, "我们这没有着火", 2.0)
    assert window.intake.alarm.isHidden()


def test_f4_marks_the_draft_urgent_and_it_is_accepted_on_the_urgent_sla(
    active_window: MainWindow, qtbot: QtBot
) -> None:
    window = active_window
    intake = window.intake
    say(window, "快来人啊隔壁起火了", 0.0)
    qtbot.keyClick(intake.content, Qt.Key.Key_F4)  # typing in the content: the key still works
    assert intake.urgent.isChecked() and intake.current_draft().urgent
    assert intake.priority.currentData() == Priority.URGENT.value
    assert "已标记紧急" in intake.alarm.text.text()
    intake.kind.setCurrentIndex(list(Kind).index(Kind.HELP))
    intake.category.setCurrentIndex(1)
    intake.content.setPlainText("市民报隔壁起火，已告知拨打119")
    for field, value in (
        (intake.caller_phone, "13812345678"),
        (intake.district, "东湖区"),
        (intake.address, "幸福路18号"),
    ):
        field.setText(value)  # what the category requires
    with qtbot.waitSignal(intake.ticketAccepted, timeout=10_000) as accepted:
        intake.accept_ticket(close_direct=False)
    ticket: Ticket = accepted.args[0]
    assert ticket.urgent and ticket.priority is Priority.URGENT
    assert ticket.accepted_at is not None
    assert ticket.dispatch_due == ticket.accepted_at + timedelta(minutes=30)
    assert intake.alarm.isHidden() and not intake.urgent.isChecked()  # the next call starts clean


def test_the_urgent_mark_survives_a_restored_draft(open_window: object, qtbot: QtBot) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    intake.urgent.click()
    draft = intake.current_draft()
    assert draft.urgent
    intake.load_draft(window.ws.new_draft(), 0, restored=False)
    assert not intake.urgent.isChecked()
    intake.load_draft(draft, 3, restored=True)
    assert intake.urgent.isChecked()


def test_ignore_hides_a_false_alarm_until_another_emergency_is_heard(open_window: object) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    banner = window.intake.alarm
    say(window, "楼道里有一股煤气味", 0.0)
    banner.ignore_button.click()
    assert banner.isHidden()
    say(window, "好的", 2.0)  # the same words are still in the recent text: no second banner
    assert banner.isHidden()
    say(window, "现在有人晕倒了", 4.0)
    assert not banner.isHidden() and "120" in banner.text.text()


def test_taking_the_mark_back_restores_the_urgency_chosen_before(open_window: object) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    intake.priority.setCurrentIndex(list(Priority).index(Priority.FAST))
    intake.toggle_urgent()
    assert intake.priority.currentData() == Priority.URGENT.value
    intake.toggle_urgent()
    assert intake.priority.currentData() == Priority.FAST.value and not intake.current_draft().urgent
