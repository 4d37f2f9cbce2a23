"""The user manual's screenshots, taken from the real seat: offscreen, on a 1366×768 screen (a common
seat PC), with demo data and the demo's own central server, in each interface language.

    python -m docs.shots [--out docs] [--lang zh_CN en]        (make manual-shots)

Writes docs/<lang>/images/<name>.png, the pictures docs/<lang>/*.md show; run it again after a change
of the interface and commit the pictures with it. Nothing of the run stays behind: the seat lives in
a temporary folder with a one-run store key, and the demo server's logins are ended at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

SCREEN = (1366, 768)
LANGUAGES = ("zh_CN", "en")
# A caller as the recognizer writes them (no punctuation, spoken digits), in the demo city.
CALL = (
    "喂你好 我姓刘 住在东湖区幸福路十八号 我们小区的电梯坏了三天了 老人上下楼很困难 "
    "物业一直不来修 我的电话是一三八一二三四五六七八 希望你们督促一下尽快修好"
)


def _use_screen() -> None:
    """The offscreen platform takes its screen's size only when Qt starts: set it before."""
    screens = {"screens": [{"name": "seat", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1]}]}
    config_file = Path(tempfile.mkdtemp(prefix="hotline-shots-")) / "screen.json"
    config_file.write_text(json.dumps(screens), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config_file}"


def pump(until: Callable[[], object], seconds: float) -> bool:
    """Turn the event loop until `until()` holds or `seconds` pass; whether it held."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until():
            return True
        time.sleep(0.02)
    return bool(until())


def settle(seconds: float = 0.4) -> None:
    pump(lambda: False, seconds)


class Shots:
    """Takes each picture of the manual with the window in the language being shot."""

    def __init__(self, out: Path, home: Path) -> None:
        from app.config.settings import Config
        from app.paths import AppPaths
        from app.store.keys import OneRunKeys
        from ui.shell.application import create_application, open_main_window

        self.out = out
        config = Config()
        self.app, self.languages = create_application(config, "zh_CN")
        self.window = open_main_window(
            AppPaths.under(home).create(), config, self.languages, demo=True, keys=OneRunKeys()
        )
        self.taken: list[Path] = []

    def save(self, widget: object, name: str, language: str) -> None:
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        settle()
        folder = self.out / language / "images"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise RuntimeError(f"could not write {path}")
        self.taken.append(path)
        print(path, file=sys.stderr, flush=True)  # progress: a run takes a minute or two

    def ready(self) -> None:
        """The demo tickets listed and the demo server answering (在线)."""
        from sync.client.status import SyncState

        window = self.window
        if not pump(lambda: window.queue.model.rowCount() > 0, 90):
            raise RuntimeError("the demo tickets did not come")
        online = lambda: window.sync.status is not None and window.sync.status.state is SyncState.ONLINE  # noqa: E731
        if not pump(online, 90):
            raise RuntimeError("the demo server did not answer")

    def take(self, languages: Sequence[str]) -> None:
        """The window and its dialogs in every language, then the wizard: its test call leaves a
        missed call in the call panel, which the window's pictures should not show."""
        for language in languages:
            self._speak(language)
            self._main_window(language)
            self._dialogs(language)
            self._lead(language)
        for language in languages:
            self._speak(language)
            self._wizard(language)

    def _speak(self, language: str) -> None:
        self.window.set_language(language)
        self.window.statusBar().clearMessage()  # a message of the language before
        settle(1.0)

    def _main_window(self, language: str) -> None:
        window = self.window
        self._fresh_intake()
        self.save(window, "main-window", language)
        window.intake.hear(CALL)  # as the recognizer's settled phrases arrive
        pump(lambda: window.intake.suggestion_strip.isVisible(), 20)
        settle(1.0)
        self.save(window, "intake-suggestions", language)
        window.intake.take_all_suggestions()
        settle(1.0)
        self.save(window, "intake-guided", language)
        self.save(window.status, "status-bar", language)
        self._fresh_intake()

    def _fresh_intake(self) -> None:
        """A blank intake, as 新建 (F2) makes after its 'discard?' question (which is modal)."""
        intake = self.window.intake
        intake.load_draft(self.window.ws.new_draft(), 0, restored=False)
        intake.newIntake.emit()
        settle()

    def _dialogs(self, language: str) -> None:
        window = self.window
        ticket = window.queue.model.ticket_id(0)
        if ticket is not None:
            dialog = window.open_ticket(ticket)
            pump(lambda: dialog.isVisible(), 5)
            settle(1.0)
            self.save(dialog, "ticket-dialog", language)
            dialog.close()
        settings = window.open_settings()
        self.save(settings, "settings", language)
        assert settings.model_page is not None
        settings.tabs.setCurrentWidget(settings.model_page)
        self.save(settings, "settings-models", language)
        settings.tabs.setCurrentWidget(settings.advanced_page)
        self.save(settings, "settings-advanced", language)
        settings.reject()
        shortcuts = window.show_shortcuts()
        self.save(shortcuts, "shortcuts", language)
        shortcuts.close()
        login = window.open_login()
        self.save(login, "login", language)
        login.reject()

    def _wizard(self, language: str) -> None:
        wizard = self.window.open_wizard()
        for name in ("language", "server", "seat", "microphone", "speech-model"):
            self.save(wizard, f"wizard-{name}", language)
            wizard.next()
        wizard.test_call.send_test_call()
        pump(lambda: wizard.test_call.button.isEnabled(), 30)
        self.save(wizard, "wizard-test-call", language)
        wizard.reject()
        settle()

    def _lead(self, language: str) -> None:
        """What the team lead and the administrator see: signed in to the demo server as them."""
        from sync.demo import DEMO_PASSWORD

        window = self.window
        url = window.sync.server_url
        for username in ("lead", "admin"):
            user = window.sync.login(url, username, DEMO_PASSWORD)
            window.sync.signed_in(user)
            pump(_signed_in_as(window, username), 10)
            if username == "lead":
                report = window.open_kb_report()
                settle(2.0)
                self.save(report, "kb-report", language)
                report.close()
                self._board(language)
            else:
                accounts = window.open_accounts()
                settle(2.0)
                self.save(accounts, "accounts", language)
                accounts.close()
        user = window.sync.login(url, window.ws.seat.seat_id.lower(), DEMO_PASSWORD)  # the seat's own again
        window.sync.signed_in(user)
        settle()

    def _board(self, language: str) -> None:
        """班长台: the seats with one seat's queue open, and 热点 · 苗头预警. (Its 统计 is left out: the
        demo's tickets stay in the seat's store and never reach the demo server it counts.)"""
        board = self.window.open_lead_board()
        pump(lambda: board.seats.rowCount() > 0, 10)
        board.seat_view.selectRow(0)
        settle(2.0)
        self.save(board, "lead-board", language)
        board.pages.setCurrentIndex(1)
        settle(2.0)
        self.save(board, "lead-hotspots", language)
        board.close()
        settle()

    def close(self) -> None:
        from ui.ops import TRACKER
        from ui.shell.application import close_main_window

        self.window.sync.logout()  # no token of the throw-away server stays in the OS keyring
        settle(1.0)
        TRACKER.wait(10)
        close_main_window(self.window)
        self.window.ws.close()


def _signed_in_as(window: MainWindow, username: str) -> Callable[[], bool]:
    return lambda: window.sync.user is not None and window.sync.user.username == username


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docs.shots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent, help="the docs folder")
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    args = parser.parse_args(argv)
    _use_screen()
    with tempfile.TemporaryDirectory(prefix="hotline-shots-") as home:
        shots = Shots(args.out.resolve(), Path(home))
        try:
            shots.ready()
            shots.take(args.lang)
        finally:
            shots.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
