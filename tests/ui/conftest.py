"""UI fixtures: a real workspace in a temporary home and the main window built on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.paths import AppPaths
from app.workspace import Workspace
from tests.sync.conftest import sqlite_template  # noqa: F401  (a seeded server database)
from tests.ui import pulse  # noqa: F401  (starts the virtual microphone before Qt looks for devices)
from tests.ui.time_zones import process_zone  # noqa: F401  (a PC zone that is not the centre's)
from ui.ops import TRACKER
from ui.shell.application import create_application, open_main_window
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow


@pytest.fixture
def home(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "home").create()


@pytest.fixture
def languages(qapp: object) -> LanguageSwitcher:
    _app, switcher = create_application(Config(), "zh_CN")
    return switcher


@pytest.fixture
def open_window(qtbot: QtBot, home: AppPaths, languages: LanguageSwitcher) -> Iterator[object]:
    opened: list[MainWindow] = []

    def open_(*, demo: bool = False, config: Config | None = None) -> MainWindow:
        window = open_main_window(home, config or Config(), languages, demo=demo)
        qtbot.addWidget(window)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.close()
        TRACKER.wait(10)
        window.ws.close()
    languages.switch("zh_CN")


@pytest.fixture
def workspace(home: AppPaths) -> Iterator[Workspace]:
    ws = Workspace.open(home, Config())
    yield ws
    ws.close()
