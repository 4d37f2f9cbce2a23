"""UI fixtures: a real workspace in a temporary home and the main window built on it."""

from __future__ import annotations

import shutil
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.paths import AppPaths
from app.workspace import Workspace
from sync.client.api import ServerApi
from sync.client.credentials import Tokens, TokenVault, vault_for
from sync.demo import DEMO_PASSWORD
from tests.sync.conftest import sqlite_template  # noqa: F401  (a seeded server database)
from tests.sync.live import LiveServer
from tests.ui import pulse  # starts the virtual microphone before Qt looks for devices
from tests.ui.time_zones import process_zone  # noqa: F401  (a PC zone that is not the centre's)
from ui.ops import TRACKER
from ui.shell.application import create_application, open_main_window
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow


def pytest_unconfigure(config: pytest.Config) -> None:
    pulse.stop()


@pytest.fixture
def server(tmp_path: Path, sqlite_template: Path) -> Iterator[LiveServer]:  # noqa: F811
    """A real server process on a copy of the seeded demo database."""
    shutil.copy(sqlite_template, tmp_path / "server.sqlite3")
    with LiveServer(f"sqlite:///{tmp_path / 'server.sqlite3'}", log_dir=tmp_path) as live:
        yield live


def signed_in_api(server: LiveServer, username: str) -> ServerApi:
    """A client of `server` signed in as a demo account, with a keyring entry of its own."""
    api = ServerApi(server.url, TokenVault(f"{server.url}/{uuid.uuid4()}"))
    api.login(username, DEMO_PASSWORD)
    return api


def closed(qtbot: QtBot, window: MainWindow) -> None:
    """Close the window as the operator does and wait, the event loop turning, until it has shut down."""
    window.close()
    qtbot.waitUntil(lambda: window.shut_down, timeout=40_000)


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

    def open_(*, demo: bool = False, config: Config | None = None, welcome: bool = False) -> MainWindow:
        window = open_main_window(home, config or Config(), languages, demo=demo, welcome=welcome)
        qtbot.addWidget(window, before_close_func=lambda w: closed(qtbot, w))
        opened.append(window)
        return window

    yield open_
    for window in opened:  # pytest-qt has closed them by now, waiting for each to shut down
        TRACKER.wait(10)
        window.ws.close()
    languages.switch("zh_CN")


@pytest.fixture
def workspace(home: AppPaths) -> Iterator[Workspace]:
    ws = Workspace.open(home, Config())
    yield ws
    ws.close()


@dataclass
class SilentServer:
    """A central server that takes the connection and never answers: a round of sync to it hangs
    until the client's timeout, as with a server that froze mid-request."""

    url: str
    listener: socket.socket

    def hang_up(self) -> None:
        self.listener.close()  # the waiting requests fail at once


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    now = datetime.now(UTC)
    vault = vault_for(url)  # signed in there earlier: the loop pushes and pulls at once
    vault.save(
        Tokens(
            "access",
            "refresh",
            now + timedelta(hours=1),
            now + timedelta(days=1),
            "a01",
            "话务员01",
            "operator",
            "A01",
        )
    )
    server = SilentServer(url, listener)
    yield server
    server.hang_up()
    vault.clear()
