"""Background operations: results on the GUI thread, and closing a widget mid-operation is safe."""

from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.store.changes import Changes
from tests.ui.stall import watching
from ui.ops import TRACKER, BackgroundOp, ChangeBus, Pending, drain, write_op


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot: QtBot) -> None:
    owner = QObject()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread"] = QThread.currentThread()
        return 42

    def done(result: int) -> None:
        seen["result"], seen["done_thread"] = result, QThread.currentThread()

    BackgroundOp(owner, work).success(done).run()
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    assert seen["result"] == 42
    assert seen["done_thread"] is gui
    assert seen["work_thread"] is not gui


def test_a_failure_reaches_the_failure_callback(qtbot: QtBot) -> None:
    owner = QObject()
    failures: list[Exception] = []

    def work() -> None:
        raise ValueError("磁盘已满")

    BackgroundOp(owner, work).failure(failures.append).run()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert str(failures[0]) == "磁盘已满"


def test_closing_the_asker_mid_operation_drops_the_callback_but_still_announces_the_write(
    qtbot: QtBot,
) -> None:
    bus = ChangeBus()
    announced: list[Changes] = []
    bus.changed.connect(announced.append)
    called: list[object] = []
    release = threading.Event()
    owner = QObject()

    def work() -> tuple[str, Changes]:
        release.wait(5)
        return "done", Changes(queue=True)

    write_op(owner, bus, work, called.append).run()
    shiboken6.delete(owner)  # the dialog was closed while the write was still running
    release.set()
    assert TRACKER.wait(5)
    qtbot.waitUntil(lambda: bool(announced), timeout=5000)
    assert announced == [Changes(queue=True)]
    assert called == []


def test_many_operations_racing_widget_deletion_never_crash(qtbot: QtBot) -> None:
    results: list[int] = []
    for n in range(200):
        owner = QObject()
        BackgroundOp(owner, lambda n=n: n).success(results.append).run()
        if n % 2:
            shiboken6.delete(owner)
        else:
            owner.setObjectName(f"kept-{n}")
            _KEPT.append(owner)
    assert TRACKER.wait(10)
    qtbot.waitUntil(lambda: len(results) == 100, timeout=5000)
    assert sorted(results) == list(range(0, 200, 2))


_KEPT: list[QObject] = []


def test_drain_waits_in_order_within_its_bound_names_what_was_late_and_never_stalls_the_loop(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    order: list[str] = []

    def step(name: str, seconds: float) -> Pending:
        def wait(left: float) -> bool:
            order.append(name)
            time.sleep(max(0.0, min(seconds, left)))
            return seconds <= left

        return Pending(name, wait)

    late: list[list[str]] = []
    started = time.monotonic()
    with watching():
        drain([step("draft", 0.1), step("stuck", 60), step("layout", 0)], within=0.5, done=late.append)
        qtbot.waitUntil(lambda: bool(late), timeout=5000)
    assert time.monotonic() - started < 2
    assert order == ["draft", "stuck", "layout"]  # the one that hung does not keep the rest from their turn
    assert late == [["stuck", "layout"]]  # no time was left for the layout: said, not hidden
    assert "not finished within" in caplog.text and "stuck" in caplog.text
