"""Intake fixtures: the form alone on a real workspace, and the main window ready for keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.workspace import Workspace
from ui.intake.intake_form import IntakeForm
from ui.ops import ChangeBus
from ui.shell.main_window import MainWindow


@pytest.fixture
def bus() -> ChangeBus:
    """What the window tells its views of the store's changes (a catalogue switched to, ...)."""
    return ChangeBus()


@pytest.fixture
def form(qtbot: QtBot, workspace: Workspace, bus: ChangeBus) -> Iterator[IntakeForm]:
    """The intake form shown on its own; what it still has to save is saved before the workspace closes."""
    form = IntakeForm(workspace, bus)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    yield form
    form.flush().wait(10)


@pytest.fixture
def active_window(open_window: object, qtbot: QtBot) -> MainWindow:
    """The main window, active: window-wide keys (F3, F4, F11, Ctrl+digit) reach it as the operator's."""
    window: MainWindow = open_window()  # type: ignore[operator]
    with qtbot.waitActive(window):
        window.activateWindow()
    return window
