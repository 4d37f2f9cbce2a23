"""Typing Chinese in tests the way a real input method (输入法) does: by committing composed text.

QTest.keyClicks only knows ASCII keys; an IME delivers Chinese as a QInputMethodEvent commit.
"""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ui.intake.intake_form import IntakeForm
from ui.shell.main_window import MainWindow


def commit_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
    qtbot.wait(1)


def category_edit(form: IntakeForm) -> QLineEdit:
    """Where typing into the 事项分类 box goes (the box is editable: it always has one)."""
    edit = form.category.lineEdit()
    assert edit is not None
    return edit


def choose_category(window: MainWindow, text: str) -> str:
    combo = window.intake.category
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)
    code = combo.itemData(index)
    assert isinstance(code, str)
    return code


def type_request(qtbot: QtBot, window: MainWindow) -> None:
    choose_category(window, "电梯")
    commit_text(qtbot, window.intake.caller_name, "王先生")
    qtbot.keyClicks(window.intake.caller_phone, "13812345678")
    commit_text(qtbot, window.intake.district, "东湖区")  # 电梯故障 asks where: the district too
    commit_text(qtbot, window.intake.address, "幸福路18号5栋")
    commit_text(qtbot, window.intake.content, "5栋电梯坏了三天，老人上下楼困难。")
