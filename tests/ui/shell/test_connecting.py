"""Until the first sync round answers, a seat with a central server says 正在连接: it never looks
like a signed-out standalone seat (本机模式, 未登录) while it is still reaching the server."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.config.settings import Config
from sync.client.status import SyncState
from tests.ui.conftest import SilentServer
from ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def test_a_seat_with_a_server_says_connecting_until_the_first_round_answers(
    qtbot: QtBot, open_window: OpenWindow, silent_server: SilentServer
) -> None:
    config = Config()
    config.set("server.url", silent_server.url)
    window = open_window(config=config)
    status = window.status
    assert "正在连接" in status.connection_label.text()  # from the first paint
    assert "本机模式" not in status.connection_label.text()
    assert "未登录" not in status.seat_label.text()
    # The round is on its way (同步中) and the server does not answer: still connecting.
    qtbot.waitUntil(lambda: window.sync.status is not None, timeout=10_000)
    assert window.sync.status is not None and window.sync.status.state is SyncState.SYNCING
    assert "正在连接" in status.connection_label.text()
    silent_server.hang_up()  # the round fails: now the seat knows, and says so
    qtbot.waitUntil(lambda: "离线" in status.connection_label.text(), timeout=15_000)
    assert "正在连接" not in status.connection_label.text()


def test_a_seat_without_a_server_says_standalone_from_the_start(open_window: OpenWindow) -> None:
    window = open_window()
    assert "正在连接" not in window.status.connection_label.text()
    assert "本机模式" in window.status.connection_label.text()
