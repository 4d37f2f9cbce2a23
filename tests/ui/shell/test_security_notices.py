"""The status bar says, for as long as it holds, when the login is not kept or the link is unencrypted
(issue 16, items 8 and 9). Against the real server process, reached over this machine's LAN address
the way another PC would reach it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from sync.client.loop import SyncState
from sync.demo import DEMO_PASSWORD
from tests.sync.live import LiveServer, lan_address, wait_until_answering
from ui.shell.embedded_server import EmbeddedServer
from ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _config(url: str, **more: object) -> Config:
    config = Config()
    config.set("server.url", url)
    for name, value in more.items():
        config.set(name, value)
    return config


@pytest.fixture(scope="module")
def lan_server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[str]:
    """The real server listening on every address; its URL on this machine's LAN address."""
    address = lan_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    folder = tmp_path_factory.mktemp("lan")
    shutil.copy(sqlite_template, folder / "server.sqlite3")
    with LiveServer(f"sqlite:///{folder / 'server.sqlite3'}", host="0.0.0.0", log_dir=folder) as server:
        yield f"http://{address}:{server.port}"


def test_plain_http_to_another_machine_is_refused_and_said_in_the_status_bar(
    qtbot: QtBot, open_window: OpenWindow, lan_server: str
) -> None:
    window = open_window(config=_config(lan_server, **{"server.username": "a01"}))
    qtbot.waitUntil(lambda: window.status.security_label.isVisible(), timeout=5000)
    assert window.status.security_label.text() == "已拒绝未加密连接"
    assert "https://" in window.status.security_label.toolTip()
    assert window.sync.status is not None and window.sync.status.state is SyncState.OFFLINE
    # The login dialog refuses the address too, before any password is sent.
    dialog = window.open_login()
    dialog.password.setText(DEMO_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: "https://" in dialog.message.text(), timeout=5000)
    assert dialog.user is None
    dialog.reject()


def test_plain_http_allowed_by_an_administrator_syncs_and_warns_for_good(
    qtbot: QtBot, open_window: OpenWindow, lan_server: str
) -> None:
    window = open_window(
        config=_config(lan_server, **{"server.allow_insecure_http": True}),
    )
    dialog = window.open_login()
    dialog.username.setText("a01")
    dialog.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.finished, timeout=15000):
        dialog.submit()
    qtbot.waitUntil(lambda: window.status.connection_label.text() == "在线", timeout=15000)
    assert "未加密连接" in window.status.security_label.text()
    assert window.status.security_label.isVisible()
    window.sync.logout()


@pytest.fixture
def plaintext_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """keyring's choice is the plaintext file of keyrings.alt, as where no Secret Service runs."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    before = keyring.get_keyring()
    chosen = PlaintextKeyring()
    keyring.set_keyring(chosen)
    yield Path(chosen.file_path)
    keyring.set_keyring(before)


@pytest.mark.slow
def test_a_plaintext_keyring_is_refused_and_the_status_bar_says_the_login_is_not_kept(
    qtbot: QtBot, open_window: OpenWindow, plaintext_keyring: Path, tmp_path: Path
) -> None:
    server = EmbeddedServer(tmp_path / "central")
    server.start()
    try:
        wait_until_answering(server.url)
        window = open_window(config=_config(server.url))
        dialog = window.open_login()
        dialog.username.setText("a01")
        dialog.password.setText(DEMO_PASSWORD)
        with qtbot.waitSignal(dialog.finished, timeout=15000):
            dialog.submit()
        qtbot.waitUntil(lambda: window.status.connection_label.text() == "在线", timeout=15000)
        assert window.status.security_label.text() == "登录不保存（无系统密钥环）"
        assert "writes secrets to a file" in window.status.security_label.toolTip()
        assert not window.sync.remembers_login
        assert not plaintext_keyring.exists()  # no token was written to the file
        again = window.open_login()  # the next login says it will not be kept either
        note = again.findChild(QLabel, "note")
        assert note is not None and "没有系统密钥环" in note.text()
        again.reject()
    finally:
        server.stop()
