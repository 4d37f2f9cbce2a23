"""数据库口令 dialog: the first run sets the passphrase twice, later runs enter it, reasons are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.paths import AppPaths
from app.store.db import is_plain
from app.store.keys import WRONG_PASSPHRASE, PassphraseRequest, SeatKeys
from tests.app.store.test_keys import CHEAP
from tests.ui.conftest import closed
from ui.ops import TRACKER
from ui.shell.application import open_main_window
from ui.shell.i18n import LanguageSwitcher
from ui.shell.passphrase_dialog import PassphraseDialog, ask_store_passphrase


def test_first_run_asks_twice_and_refuses_entries_that_differ(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PassphraseDialog(PassphraseRequest(tmp_path / "seat.sqlite3", new=True))
    qtbot.addWidget(dialog)
    assert dialog.repeat.isVisibleTo(dialog)
    dialog.passphrase.setText("correct horse battery")
    dialog.repeat.setText("correct horse batery")
    dialog.submit()
    assert dialog.answer() is None  # not accepted: asked again
    assert dialog.message.text() != ""
    assert dialog.repeat.text() == ""
    dialog.repeat.setText("correct horse battery")
    dialog.submit()
    assert dialog.answer() == "correct horse battery"


@pytest.mark.parametrize(
    ("language", "why"), [("zh_CN", "口令不正确，请重新输入"), ("en", "Wrong passphrase: try again")]
)
def test_a_later_run_asks_once_and_shows_why_it_asks_again_in_the_interface_language(
    qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher, language: str, why: str
) -> None:
    languages.switch(language)
    try:
        request = PassphraseRequest(tmp_path / "seat.sqlite3", new=False, problem=WRONG_PASSPHRASE)
        dialog = PassphraseDialog(request)
        qtbot.addWidget(dialog)
        assert not dialog.repeat.isVisibleTo(dialog)
        assert dialog.message.text() == why
    finally:
        languages.switch("zh_CN")
    dialog.passphrase.setText("anything")
    dialog.submit()
    assert dialog.answer() == "anything"


def test_cancel_gives_no_passphrase(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PassphraseDialog(PassphraseRequest(tmp_path / "seat.sqlite3", new=False))
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("typed but cancelled")
    dialog.reject()
    assert dialog.answer() is None


def test_without_a_keyring_the_seat_asks_for_the_passphrase_before_the_store_opens(
    qtbot: QtBot, home: AppPaths, languages: LanguageSwitcher
) -> None:
    asked: list[PassphraseRequest] = []
    typed = iter(["long enough passphrase", "wrong passphrase", "long enough passphrase"])

    def operator(request: PassphraseRequest) -> str | None:
        """The real dialog, modal; the operator types into it once it is up."""
        asked.append(request)

        def type_in() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, PassphraseDialog)
            text = next(typed)
            dialog.passphrase.setText(text)
            dialog.repeat.setText(text)
            dialog.submit()

        QTimer.singleShot(0, type_in)
        return ask_store_passphrase(request)

    for _run in range(2):
        keys = SeatKeys(use_keyring=False, passphrase=operator, argon2=CHEAP)
        window = open_main_window(home, Config(), languages, demo=False, keys=keys)
        qtbot.addWidget(window)
        closed(qtbot, window)
        TRACKER.wait(10)
        window.ws.close()
    assert [(r.new, r.problem) for r in asked] == [(True, None), (False, None), (False, WRONG_PASSPHRASE)]
    assert not is_plain(home.store_file)
