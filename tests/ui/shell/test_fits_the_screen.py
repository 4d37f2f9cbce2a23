"""Every window and dialog fits a 1366×768 screen, in Chinese and in English.

1366×768 is the smallest screen seats are set up with. What must fit is what Qt will not shrink:
a window's minimum size (its layout's minimum size hint, or a minimum set on it) and the size it
opens at. A window manager takes a taskbar and a title bar off the height, and a frame off the width.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.ticket import Ticket
from app.store.keys import PassphraseRequest
from sync.client.status import SyncState, SyncStatus
from tests.sync.live import ROOT
from ui.settings.settings_dialog import SettingsDialog
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow
from ui.shell.passphrase_dialog import PassphraseDialog
from ui.shell.system_check import Missing
from ui.sync.accounts_dialog import NewAccountDialog
from ui.sync.seat_sync import Risk, SecurityNotice

OpenWindow = Callable[..., MainWindow]
USABLE = QSize(1366 - 2 * 5, 768 - 40 - 32)  # frame; taskbar and title bar


def too_big(widget: QWidget, *, opening: bool = True) -> list[str]:
    """What of `widget` does not fit the usable part of the screen, said with the sizes."""
    problems = []
    sizes = [("minimum size", widget.minimumSizeHint().expandedTo(widget.minimumSize()))]
    if opening:
        sizes.append(("opening size", widget.size()))
    for what, size in sizes:
        if size.width() > USABLE.width() or size.height() > USABLE.height():
            problems.append(
                f"{widget.objectName() or type(widget).__name__}: {what} {size.width()}×{size.height()}"
                f" > {USABLE.width()}×{USABLE.height()}"
            )
    return problems


def widest_status(window: MainWindow) -> None:
    """The status bar with everything it can say at once: a shift can reach this state."""
    window.status.show_missing([Missing("audio", "libpulse.so.0", "sudo apt-get install libpulse0")])
    window.status.show_security([SecurityNotice(risk, "") for risk in Risk])
    window.status.set_operator("欧阳娜娜 (a01)")
    window.status.show_sync(SyncStatus(SyncState.OFFLINE, pending=1234, conflicts=56, retry_in=30.0))


def a_ticket(window: MainWindow) -> Ticket:
    draft = dataclasses.replace(
        window.ws.new_draft(),
        category_code="GY.RQ.XL",
        caller_name="王先生",
        caller_phone="13812345678",
        content="燃气表附近有燃气味，已关闭阀门，请尽快派人检查。" * 6,
    )
    ticket, _ = window.ws.tickets.accept(draft, actor="李娜")
    return ticket


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, languages: LanguageSwitcher) -> Iterator[str]:
    assert languages.switch(request.param)
    yield request.param
    languages.switch("zh_CN")


def test_the_main_window_fits_the_screen(qtbot: QtBot, open_window: OpenWindow, language: str) -> None:
    window = open_window()
    widest_status(window)
    # The docks' status lines are filled once their workers answer: the KB's, as the last.
    qtbot.waitUntil(lambda: window.kb_panel.ready and window.kb_panel.version_label.text() != "")
    qtbot.wait(50)
    assert too_big(window, opening=False) == []
    window.resize(USABLE)
    assert window.size() == USABLE


def test_every_dialog_fits_the_screen(qtbot: QtBot, open_window: OpenWindow, language: str) -> None:
    window = open_window()
    ticket = a_ticket(window)
    made_here = [
        SettingsDialog(window.ws.config, window, models=window.call_panel.models),
        PassphraseDialog(PassphraseRequest(window.ws.paths.store_file, new=True)),
        NewAccountDialog(window),
    ]
    for dialog in made_here:
        qtbot.addWidget(dialog)
    opened_by_window: list[QWidget] = [  # deleted on close
        window.open_ticket(ticket.id),
        window.open_login(),
        window.open_conflicts(),
        window.open_accounts(),
        window.open_change_password(),
        window.open_kb_editor(None),
        window.open_kb_report(),
        window.open_wizard(),
    ]
    problems = []
    for dialog in made_here + opened_by_window:
        dialog.show()
        qtbot.wait(50)
        problems += too_big(dialog)
        dialog.close()
    assert problems == []


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_main_window_opens_within_a_small_screen(tmp_path: Path, language: str) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ui.shell.small_screen",
            str(tmp_path / "home"),
            "1366",
            "768",
            language,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.splitlines()[-1])
    available, frame = QRect(*seen["available"]), QRect(*seen["frame"])
    assert available.contains(frame), f"window {frame} on a screen of {available}"
