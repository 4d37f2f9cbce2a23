"""The guided form (引导受理): a chosen category shows its details and questions, ticks them off as
they are answered, refuses a bad value on its field without losing anything typed, and the whole
intake goes by keyboard, from the category to an accepted ticket."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.taxonomy import TicketField
from app.domain.ticket import Ticket
from tests.ui.ime import category_edit, commit_text
from tests.ui.intake.caller_says import HEARD_MS
from ui.intake.intake_form import IntakeForm
from ui.shell.main_window import MainWindow

TRAFFIC = "HJ.CG.WF"  # 交通违法处理: name, phone, 车牌号; asks two questions, the plate second
PENSION = "SB.YL.DY"  # 养老保险待遇: name, phone, 身份证号


def choose(form: IntakeForm, code: str) -> None:
    form.category.setCurrentIndex(form.category.findData(code))


def test_no_category_shows_no_details_and_no_questions(form: IntakeForm) -> None:
    assert form.details.isHidden() and form.guide.isHidden()


def test_a_category_shows_only_the_details_it_asks_for_and_its_questions(form: IntakeForm) -> None:
    choose(form, TRAFFIC)
    assert form.details.shown() == (TicketField.PLATE_NUMBER,)
    assert form.details.lines[TicketField.PLATE_NUMBER].isVisible()
    assert not form.details.lines[TicketField.ID_NUMBER].isVisible()
    questions = form.guide.questions
    asked = [form._ws.taxonomy.get(TRAFFIC).questions[i].ask for i in range(questions.count())]
    assert form.guide.isVisible() and [questions.item(i).text() for i in range(questions.count())] == [
        f"☐ 1. {asked[0]}",
        f"☐ 2. {asked[1]}  → 车牌号",
    ]
    # 按职 (车管所): nothing refuses 受理, the three are asked for.
    assert form.guide.missing_label.text() == "必填项已填齐；待问：来电人姓名、联系电话、车牌号"
    choose(form, PENSION)
    assert form.details.shown() == (TicketField.ID_NUMBER,)


def test_a_question_is_ticked_when_its_field_is_typed_and_when_marked_asked(
    qtbot: QtBot, form: IntakeForm
) -> None:
    choose(form, TRAFFIC)
    plate = form.details.lines[TicketField.PLATE_NUMBER]
    plate.setFocus()
    qtbot.keyClicks(plate, "B12345")
    assert form.guide.answered() == [2]
    assert form.current_draft().plate_number == "B12345"
    form.mark_current_asked()  # F3: question 1 has no field
    assert form.guide.answered() == [1, 2] and form.guide.current() is None
    form.mark_current_asked()  # nothing left: nothing happens
    assert form.guide.answered() == [1, 2]


def test_the_questions_marked_asked_are_kept_in_the_draft_and_restored(
    qtbot: QtBot, form: IntakeForm
) -> None:
    choose(form, TRAFFIC)
    form.mark_current_asked()  # F3: question 1, which has no field
    assert form.current_draft().asked == (1,)
    with qtbot.waitSignal(form.draftSaved, timeout=5000):
        form.save_now()
    saved = form._ws.drafts.latest(form._ws.seat.seat_id)
    assert saved is not None and saved[0].asked == (1,)
    form.load_draft(form._ws.new_draft(), 0, restored=False)
    assert form.guide.answered() == []
    form.load_draft(saved[0], saved[1], restored=True)  # what the next start does with it
    assert form.guide.answered() == [1]
    form.mark_current_asked()  # question 2 (the plate), the caller did not know it
    form.mark_asked(1)  # a mark made by mistake is taken back
    assert form.current_draft().asked == (2,) and form.guide.answered() == [2]


def test_a_field_heard_from_the_call_ticks_its_question(qtbot: QtBot, form: IntakeForm) -> None:
    choose(form, "CJ.WY.DT")  # 电梯故障: its first question fills the address
    first = form.guide.current()
    assert first is not None and first.question.field is TicketField.ADDRESS
    form.hear("你好我家在东湖区幸福路18号3栋电梯坏了")
    qtbot.waitUntil(lambda: form.address.text() != "", timeout=HEARD_MS)
    assert 1 in form.guide.answered()


def test_a_detail_typed_stays_when_the_category_changes(form: IntakeForm) -> None:
    choose(form, TRAFFIC)
    form.details.lines[TicketField.PLATE_NUMBER].setText("粤B12345")
    form.details.edited.emit("plate_number")
    choose(form, "CJ.WY.DT")
    assert form.details.shown() == (TicketField.PLATE_NUMBER,)
    assert form.current_draft().plate_number == "粤B12345"


def test_a_bad_id_number_is_refused_on_its_field_and_nothing_typed_is_lost(
    qtbot: QtBot, form: IntakeForm
) -> None:
    choose(form, PENSION)
    for field, text in (
        (form.caller_name, "刘先生"),
        (form.caller_phone, "0755-12345678"),
        (form.details.lines[TicketField.ID_NUMBER], "110105194912310021"),
    ):
        field.setText(text)
    form.content.setPlainText("咨询养老金什么时候发")
    with qtbot.assertNotEmitted(form.ticketAccepted, wait=200):
        form.accept_ticket(close_direct=False)
    id_line = form.details.lines[TicketField.ID_NUMBER]
    assert form.is_marked(id_line) and id_line.hasFocus()
    assert form.problems.text() == "身份证号校验位不对，请核对每一位"
    assert id_line.text() == "110105194912310021" and form.caller_phone.text() == "0755-12345678"
    id_line.setText("11010519491231002X")
    assert not form.is_marked(id_line)
    with qtbot.waitSignal(form.ticketAccepted, timeout=10_000) as accepted:
        form.accept_ticket(close_direct=False)
    ticket: Ticket = accepted.args[0]
    assert ticket.id_number == "11010519491231002X" and ticket.caller.phone == "0755-12345678"


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """ASCII by keys, Chinese as an input method commits it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        commit_text(qtbot, widget, text)


def test_a_guided_ticket_goes_by_keyboard_from_the_category_to_accepted(
    active_window: MainWindow, qtbot: QtBot
) -> None:
    window = active_window
    intake = window.intake

    def focused() -> QWidget | None:
        return QApplication.focusWidget()

    qtbot.keyClick(intake.content, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    edit = category_edit(intake)
    assert focused() is intake.category  # its line edit types for it
    commit_text(qtbot, edit, "交通违法处理")
    edit.textEdited.emit("交通违法处理")  # as the line edit says of typing
    popup = intake.category_picker.completer.popup()
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert intake.category.currentData() == TRAFFIC

    qtbot.keyClick(edit, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # to the first field to fill
    assert focused() is intake.caller_name
    # Tab goes through the fields shown: the plate after the address, no hidden detail between.
    visited = []
    for text in ("刘先生", "13812345678", "东湖区", "幸福路18号", "粤B12345"):
        widget = focused()
        assert widget is not None
        visited.append(widget.objectName())
        type_text(qtbot, widget, text)
        if isinstance(widget, type(intake.caller_name)):
            widget.textEdited.emit(widget.text())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert visited == ["caller_name", "caller_phone", "district", "address", "plate_number"]
    assert focused() is intake.content
    commit_text(qtbot, intake.content, "对违章罚单有异议，想申诉")
    assert intake.guide.answered() == [2]
    qtbot.keyClick(intake.content, Qt.Key.Key_F3)  # question 1 (which business) was asked
    assert intake.guide.answered() == [1, 2]

    with qtbot.waitSignal(intake.ticketAccepted, timeout=10_000) as accepted:
        qtbot.keyClick(intake.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket: Ticket = accepted.args[0]
    assert (ticket.category_code, ticket.plate_number, ticket.caller.name) == (TRAFFIC, "粤B12345", "刘先生")
    assert (ticket.caller.phone, ticket.district, ticket.address) == ("13812345678", "东湖区", "幸福路18号")
    assert intake.guide.isHidden()  # the next call starts without a category


def test_f1_lists_the_keys_of_the_guided_form(open_window: object) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    dialog = window.show_shortcuts()
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["F3"] == "引导问题：当前问题已问"
    assert rows["Ctrl+J"] == "转到下一个待填项" and rows["Ctrl+K"] == "选择事项分类"
    dialog.close()
