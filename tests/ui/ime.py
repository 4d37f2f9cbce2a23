"""Typing Chinese in tests the way a real input method (输入法) does: by committing composed text.

QTest.keyClicks only knows ASCII keys; an IME delivers Chinese as a QInputMethodEvent commit.
"""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def commit_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
    qtbot.wait(1)
