"""Wrap-up (话后处理) in the real window: hang-up starts a visible countdown (calls.wrap_up_seconds);
its end or the filed ticket makes the seat 空闲 again, or 小休 when the operator chose one. The
seat's clock is a fake one the test moves; `tick()` is what the one-second timer calls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.seat import SeatEvent, SeatState
from app.paths import AppPaths
from tests.ui.call.test_call_events import cti
from tests.ui.call.test_call_sequence import FakeClock, seat_with_fake_clock, shoot
from tests.ui.ime import choose_category, commit_text
from ui.shell.main_window import MainWindow


def hang_up(qtbot: QtBot, home: AppPaths, window: MainWindow, clock: FakeClock, call_id: str) -> None:
    assert cti(qtbot, home, "ringing", "--id", call_id, "--caller", "13812345678") == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", call_id) == (0, "ok")
    clock.advance(90)
    assert cti(qtbot, home, "ended", "--id", call_id) == (0, "ok")


def test_the_countdown_runs_down_and_its_end_makes_the_seat_idle(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, clock = seat_with_fake_clock(open_window)
    hang_up(qtbot, home, window, clock, "w-1")
    assert window.status.state is SeatState.WRAP_UP
    assert window.status.clock_label.text() == "话后处理 剩 30 秒"
    clock.advance(12)
    window.seat_desk.tick()
    assert window.status.clock_label.text() == "话后处理 剩 18 秒"
    shoot(window, "wrap-up-zh")
    clock.advance(18)
    window.seat_desk.tick()
    assert window.status.state is SeatState.IDLE and not window.status.clock_label.isVisible()
    counters = window.seat_desk.desk.seat.counters
    assert (counters.calls, counters.talk_seconds, counters.wrap_up_seconds) == (1, 90, 30)


def test_filing_the_ticket_ends_the_wrap_up_at_once(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, clock = seat_with_fake_clock(open_window)
    hang_up(qtbot, home, window, clock, "w-2")
    clock.advance(8)
    assert window.intake.caller_phone.text() == "13812345678"  # from the ringing
    choose_category(window, "电梯")
    window.intake.district.setText("东湖区")  # what 电梯故障 requires besides the phone
    window.intake.address.setText("幸福路18号5栋")
    commit_text(qtbot, window.intake.content, "5栋电梯坏了三天，老人上下楼困难。")
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000):
        qtbot.keyClick(window.intake.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.status.state is SeatState.IDLE
    counters = window.seat_desk.desk.seat.counters
    assert (counters.tickets_filed, counters.closed_direct, counters.wrap_up_seconds) == (1, 0, 8)


def test_a_break_chosen_in_wrap_up_begins_when_the_countdown_ends(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, clock = seat_with_fake_clock(open_window)
    with qtbot.waitActive(window):
        window.activateWindow()
    hang_up(qtbot, home, window, clock, "w-3")
    qtbot.keyClick(window.intake.content, Qt.Key.Key_F10)  # the break's reasons
    combo = window.status.state_combo
    qtbot.waitUntil(lambda: combo.view().isVisible())
    qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)  # 小休：用餐
    assert window.status.state is SeatState.WRAP_UP  # the wrap-up goes on
    assert window.status.clock_label.text() == "话后处理 剩 30 秒，之后小休（用餐）"
    assert combo.currentText() == "话后处理"
    clock.advance(30)
    window.seat_desk.tick()
    assert window.status.state is SeatState.BREAK and combo.currentText() == "小休：用餐"
    clock.advance(75)  # the one-second timer keeps the break's clock going
    qtbot.waitUntil(lambda: window.status.clock_label.text() == "小休 01:15", timeout=3000)
    shoot(window, "break-after-wrap-up-zh")
    assert cti(qtbot, home, "ringing", "--id", "w-4", "--caller", "13900000000") == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", "w-4") == (0, "ok")  # the phone system put one through
    assert window.status.state is SeatState.ON_CALL


def test_the_countdown_follows_the_setting_and_speaks_english(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    config = Config()
    config.set("calls.wrap_up_seconds", 90)
    window: MainWindow = open_window(config=config)  # type: ignore[operator]
    clock = FakeClock()
    window.seat_desk.clock = clock
    window.set_language("en")
    qtbot.waitUntil(lambda: window.windowTitle().endswith("Hotline Seat"))
    hang_up(qtbot, home, window, clock, "w-5")
    assert window.status.clock_label.text() == "Wrap-up: 90 s left"
    window.ws.config.set("calls.wrap_up_seconds", 45)  # a changed setting applies from the next call
    window.choose_state(SeatEvent.CHOOSE_IDLE)  # F9: done early
    assert window.status.state is SeatState.IDLE
    hang_up(qtbot, home, window, clock, "w-6")
    assert window.status.clock_label.text() == "Wrap-up: 45 s left"
