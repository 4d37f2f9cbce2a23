"""The 事项分类 box: typing lists matches with the reason, Down goes into the list, Enter chooses;
nothing is chosen unseen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.kinds import Priority
from tests.ui.ime import category_edit, commit_text
from ui.intake.intake_form import IntakeForm


def shown(form: IntakeForm) -> list[str]:
    matches = form.category_picker.matches
    return [matches.item(row).text() for row in range(matches.rowCount())]


def test_initials_list_the_category_with_why_and_enter_chooses_it(qtbot: QtBot, form: IntakeForm) -> None:
    edit = category_edit(form)
    edit.setFocus()
    # The first key has pypinyin load off the GUI thread: until then characters work, initials not.
    qtbot.keyClicks(edit, "d")
    qtbot.waitUntil(lambda: form.category_picker._finder.find("dtgz") != [], timeout=10_000)
    qtbot.keyClicks(edit, "tgz")
    assert shown(form)[0] == "城乡建设 > 物业管理 > 电梯故障　· 首字母：电梯故障"
    popup = form.category_picker.completer.popup()
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.category.currentData() == "CJ.WY.DT"
    assert form.priority.currentData() == Priority.FAST.value  # the category's usual urgency


def test_down_with_no_list_open_opens_it_and_chooses_nothing(qtbot: QtBot, form: IntakeForm) -> None:
    edit = category_edit(form)
    edit.setFocus()
    commit_text(qtbot, edit, "电梯")
    popup = form.category_picker.completer.popup()
    assert popup is not None
    popup.hide()  # e.g. the operator pressed Esc
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert form.category.currentData() is None, "Down must not pick the next category unseen"
    assert popup.isVisible()
    assert shown(form)[0] == "城乡建设 > 物业管理 > 电梯故障"
    assert edit.text() == "电梯"
