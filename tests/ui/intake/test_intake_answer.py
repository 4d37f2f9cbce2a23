"""答复内容 is part of the draft like every other field: typed, it is saved and comes back."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from tests.ui.conftest import closed
from tests.ui.ime import commit_text
from ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def test_a_typed_answer_is_saved_and_restored_after_reopening(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    commit_text(qtbot, window.intake.answer, "已告知市民拨打 96333 报修")
    qtbot.waitUntil(lambda: window.intake.saved_revision == window.intake.revision > 0, timeout=5000)
    closed(qtbot, window)

    reopened = open_window()
    qtbot.waitUntil(lambda: reopened.intake.banner.isVisible(), timeout=5000)  # not blank: restored
    assert reopened.intake.answer.toPlainText() == "已告知市民拨打 96333 报修"
