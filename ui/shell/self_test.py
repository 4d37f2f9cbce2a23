"""`hotline-seat --self-test`: prove an installed build works, offscreen, without touching user data.

Opens the main window on a fresh temporary store with demo data, checks the store, the shipped
resources, both languages and call events through the program's own `call` command (the wizard's
test call and a whole call), prints a JSON report and exits 0 only when every check passed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.workspace import Workspace
    from ui.shell.i18n import LanguageSwitcher
    from ui.shell.main_window import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_self_test(started: float) -> int:
    from app.config.settings import Config
    from app.paths import AppPaths
    from app.store.keys import OneRunKeys
    from ui.ops import TRACKER
    from ui.shell.application import close_main_window, create_application, open_main_window

    report: dict[str, object] = {"checks": {}}
    checks: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="hotline-selftest-") as home:
        paths = AppPaths.under(Path(home)).create()
        config = Config()
        app, languages = create_application(config, "zh_CN")
        # A throw-away store: encrypted like a real one, its key never leaves this process.
        window = open_main_window(paths, config, languages, demo=True, keys=OneRunKeys())
        app.processEvents()
        report["startup_seconds"] = round(time.perf_counter() - started, 3)
        ws = window.ws
        _check(checks, "window_visible", lambda: window.isVisible())
        _check(checks, "store_integrity", ws.store.integrity_ok)
        # The demo tickets are planned on a worker after the window shows, and reach the queue later.
        demo_listed = lambda: window.queue.model.wait_for_count(100) > 0  # noqa: E731
        _check(checks, "demo_tickets", lambda: _pumped(app, demo_listed, 30))
        _check(checks, "taxonomy", lambda: len(ws.taxonomy.leaves()) > 0)
        _check(checks, "icon", lambda: not app.windowIcon().pixmap(32, 32).isNull())
        _check(checks, "sla_rules", lambda: _deadlines_plan(ws))
        _check(checks, "english", lambda: _switched(app, languages, "en", window.windowTitle, "Hotline Seat"))
        _check(
            checks, "chinese", lambda: _switched(app, languages, "zh_CN", window.windowTitle, "热线坐席端")
        )
        _check(checks, "central_server", lambda: _synced_with_embedded_server(app, window))
        _check(checks, "wizard_test_call", lambda: _wizard_test_call(app, window))
        _check(checks, "call_events", lambda: _call_through_the_command(app, window))
        report["rss_mb"] = _rss_mb()
        # Parts the seat runs without (live audio, a CJK font): reported, not failed.
        report["missing"] = {part.part: f"{part.reason} (fix: {part.fix})" for part in window.missing_parts}
        window.sync.logout()  # leave no token of the throw-away server in the OS keyring
        TRACKER.wait(10)
        close_main_window(window)
        ws.close()
    report["checks"] = checks
    ok = all(result == "ok" for result in checks.values())
    report["ok"] = ok
    print(json.dumps(report, ensure_ascii=False))
    return 0 if ok else 1


def _check(checks: dict[str, str], name: str, test: Callable[[], object]) -> None:
    try:
        checks[name] = "ok" if test() else "failed"
    except Exception as exc:
        checks[name] = f"error: {exc}"


def _deadlines_plan(ws: Workspace) -> bool:
    """The shipped SLA rules and calendar give every category a 办结 deadline after its 派单 one."""
    now = datetime.now(UTC)
    from app.domain.kinds import Kind

    for leaf in ws.taxonomy.leaves():
        due = ws.sla.deadlines(Kind.COMPLAINT, leaf.code, leaf.priority, now)
        if not now < due.dispatch_due <= due.close_due:
            return False
    return True


def _synced_with_embedded_server(app: QApplication, window: MainWindow) -> bool:
    """The bundled hotline-server starts, the demo account signs in, and a new ticket comes back with
    its official number: the whole offline-first path works in this build."""
    from app.domain.kinds import Kind

    if not _pumped(app, lambda: window.sync.user is not None, 60):
        return False
    ws = window.ws
    draft = ws.new_draft().with_fields(
        kind=Kind.HELP, category_code=ws.taxonomy.leaves()[0].code, content="自检"
    )
    ticket, changes = ws.tickets.accept(draft, actor="self-test")
    window.bus.changed.emit(changes)
    return _pumped(app, lambda: (ws.tickets.get(ticket.id).number or "").startswith("12345-"), 30)


def _wizard_test_call(app: QApplication, window: MainWindow) -> bool:
    """The first-run wizard's 测试来电 in this build: it runs this program's own `call` command (a
    frozen build has no `python -m ui`), the event reaches this window, and its `missed` ends it."""
    from ui.wizard.first_run import TestCallPage

    page = TestCallPage(window)
    page.send_test_call()
    answered = _pumped(app, lambda: page.button.isEnabled(), 30)  # enabled again once the CLI ended
    arrived = answered and page.arrived
    ended = _pumped(app, lambda: window.seat_desk.desk.live is None, 30)
    page.deleteLater()
    return arrived and ended


def _call_through_the_command(app: QApplication, window: MainWindow) -> bool:
    """`hotline-seat call` as the phone system runs it (this very build, a process of its own) moves
    this window's seat: ringing, answered (通话中), ended (话后处理); an `answered` for a call that
    never rang is refused (exit 1) and changes nothing."""
    from app.domain.seat import SeatState

    def state() -> SeatState:
        return window.seat_desk.desk.seat.state

    call = ("--id", "self-test-call")
    steps: list[tuple[tuple[str, ...], int, Callable[[], bool]]] = [
        (("ringing", *call, "--caller", "13812345678"), 0, lambda: window.seat_desk.desk.live is not None),
        (("answered", *call), 0, lambda: state() is SeatState.ON_CALL),
        (("answered", "--id", "no-such-call"), 1, lambda: state() is SeatState.ON_CALL),
        (("ended", *call), 0, lambda: state() is SeatState.WRAP_UP),
    ]
    for args, code, then in steps:
        if _command(app, window, args) != code or not _pumped(app, then, 10):
            return False
    return True


def _command(app: QApplication, window: MainWindow, args: tuple[str, ...]) -> int | None:
    """The exit code of `hotline-seat call ARGS` for this window's seat, the window answering
    meanwhile (a blocking wait would leave the command without its answer); None if it hung."""
    from PySide6.QtCore import QProcess

    from ui.wizard.first_run import call_command

    (program, *start), arguments = call_command(window.ws.paths, *args)
    process = QProcess()
    process.start(program, [*start, *arguments])
    if not _pumped(app, lambda: process.state() is QProcess.ProcessState.NotRunning, 30):
        process.kill()
        process.waitForFinished(5000)
        return None
    return process.exitCode() if process.exitStatus() is QProcess.ExitStatus.NormalExit else None


def _pumped(app: QApplication, done: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.05)
    return True


def _switched(
    app: QApplication, languages: LanguageSwitcher, language: str, title: Callable[[], str], name: str
) -> bool:
    ok = languages.switch(language)
    app.processEvents()  # delivers the LanguageChange events
    return ok and title().endswith(name)  # the program's name ends the title


def _rss_mb() -> float | None:
    if sys.platform != "linux":
        return None
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None
