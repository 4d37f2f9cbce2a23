"""Settings from the main window: what can change at once does, the rest is named as needing a restart,
and values in use that come from elsewhere than the config file are shown where they are set."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.paths import AppPaths
from tests.ui.queue.test_retention import closed_long_ago
from ui.shell.font import apply_font_scale
from ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The information boxes the window shows (instead of showing them)."""
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.shell.main_window.QMessageBox.information", lambda _parent, _title, text: shown.append(text)
    )
    return shown


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[None]:
    """The application-wide font and log level are put back for the tests that follow."""
    level = logging.getLogger().level
    yield
    apply_font_scale(qapp, 100)
    logging.getLogger().setLevel(level)


def changed(window: MainWindow, **values: object) -> Config:
    config = Config(values=dict(window.ws.config.values))
    for name, value in values.items():
        config.set(name.replace("__", "."), value)
    return config


def test_settings_that_need_no_restart_apply_at_once(
    qapp: QApplication, qtbot: QtBot, open_window: OpenWindow, told: list[str], restored: None
) -> None:
    window = open_window()
    before = qapp.font().pointSizeF()
    dialog = window.settings_dialog()
    editors = dialog.editors
    for name, value in (("ui.font_scale", 150), ("intake.autosave_ms", 1000)):
        editor = editors[name]
        assert isinstance(editor, QSpinBox)
        editor.setValue(value)
    level = editors["log.level"]
    level.setCurrentIndex(level.findData("DEBUG"))  # type: ignore[attr-defined]
    dialog.accept()

    assert qapp.font().pointSizeF() == pytest.approx(before * 1.5)
    qtbot.waitUntil(lambda: window.intake.content.font().pointSizeF() == pytest.approx(before * 1.5))
    assert window.intake.autosave_ms == 1000
    assert logging.getLogger().level == logging.DEBUG
    assert told == [], "nothing waits for a restart"
    assert window.ws.config.get("ui.font_scale") == 150


def test_changing_the_font_scale_twice_does_not_compound(
    qapp: QApplication, open_window: OpenWindow, told: list[str], restored: None
) -> None:
    window = open_window()
    before = qapp.font().pointSizeF()
    window.apply_settings(changed(window, ui__font_scale=120))
    window.apply_settings(changed(window, ui__font_scale=100))
    assert qapp.font().pointSizeF() == pytest.approx(before)


def test_the_restart_message_names_the_settings_that_need_it(
    open_window: OpenWindow, told: list[str], restored: None
) -> None:
    window = open_window()
    window.apply_settings(
        changed(window, server__url="https://c.example", seat__id="B07", ui__font_scale=110)
    )
    assert len(told) == 1
    assert "中心服务器地址" in told[0] and "坐席号" in told[0]
    assert "字号缩放" not in told[0]


@pytest.mark.slow
def test_page_size_sync_interval_and_retention_apply_without_a_restart(
    qtbot: QtBot, home: AppPaths, open_window: OpenWindow, told: list[str]
) -> None:
    ticket = closed_long_ago(home, 10)  # kept whole under the default 30 days
    window = open_window(demo=True)
    qtbot.waitUntil(lambda: window.sync.user is not None, timeout=60_000)  # the sync loop runs
    dialog = window.open_ticket(ticket.id)
    caller = dialog._values["caller"]
    qtbot.waitUntil(lambda: caller.text() == "张三丰 13812345678", timeout=5000)

    window.apply_settings(
        changed(window, queue__page_size=100, sync__interval_s=30, retention__personal_days=5)
    )
    assert told == [], "nothing waits for a restart"
    assert window.queue.model.page_size == 100
    assert window.sync.interval == 30
    qtbot.waitUntil(lambda: caller.text() == "张** 138****5678（保存期满，已脱敏）", timeout=5000)
    dialog.close()


@pytest.mark.slow
def test_the_sync_page_shows_the_demo_server_and_account_in_use(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(demo=True)
    qtbot.waitUntil(lambda: window.sync.user is not None, timeout=60_000)  # the demo signs in by itself
    assert window.ws.config.text("server.url") == ""
    dialog = window.settings_dialog()
    url = dialog.editors["server.url"]
    assert isinstance(url, QLineEdit) and url.text() == ""  # the file says none: kept as it is
    note = dialog.notes["server.url"].text()
    assert window.sync.server_url and window.sync.server_url in note
    assert "内置演示服务器" in note
    assert window.sync.server_url in url.placeholderText()
    assert window.ws.config.text("server.username") == ""
    assert "正在使用：a01（已登录）" in dialog.notes["server.username"].text()


def test_the_language_in_use_is_shown_when_it_follows_the_system(open_window: OpenWindow) -> None:
    window = open_window()
    assert window.ws.config.get("ui.language") == "auto"
    assert "简体中文" in window.settings_dialog().notes["ui.language"].text()


def test_settings_do_not_hold_up_the_window(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    dialog = window.open_settings()  # returns at once: the dialog is window-modal, not a nested loop
    assert dialog.isVisible()
    dialog.reject()
