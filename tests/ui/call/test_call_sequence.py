"""Whole calls through `hotline-seat call ...` and the seat's socket, against the real window: the
status bar and the call panel follow the call (a view of app.domain.desk), impossible events are
refused with the reason and change nothing. The seat's clock is a fake one the test moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.call_states import CallPhase
from app.domain.seat import SeatState
from app.paths import AppPaths
from tests.ui.call.test_call_events import cti
from ui.shell.main_window import MainWindow

SHOTS = Path("/work/shots/callcore")


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def seat_with_fake_clock(open_window: object) -> tuple[MainWindow, FakeClock]:
    window: MainWindow = open_window()  # type: ignore[operator]
    window.resize(1366, 768)
    clock = FakeClock()
    window.seat_desk.clock = clock
    return window, clock


def answered(qtbot: QtBot, home: AppPaths, call_id: str) -> None:
    """The call rings from 13812345678 and the operator picks it up: the seat takes both events."""
    assert cti(qtbot, home, "ringing", "--id", call_id, "--caller", "13812345678") == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", call_id) == (0, "ok")


def shoot(window: MainWindow, name: str) -> None:
    """A screenshot for the report (not a check): /work/shots/callcore/<name>.png when the folder is there."""
    if SHOTS.is_dir():
        window.resize(1366, 768)
        QApplication.processEvents()
        window.grab().save(str(SHOTS / f"{name}.png"))


def test_a_call_rings_is_answered_held_resumed_and_transferred_and_the_window_follows(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, clock = seat_with_fake_clock(open_window)
    status, panel = window.status, window.call_panel

    assert cti(qtbot, home, "ringing", "--id", "pbx-1", "--caller", "13812345678") == (0, "ok")
    assert status.state is SeatState.IDLE and status.clock_label.text() == "来电 13812345678"
    assert panel.call_line.text() == "来电 13812345678 · 振铃中"

    assert cti(qtbot, home, "answered", "--id", "pbx-1") == (0, "ok")
    clock.advance(65)
    window.seat_desk.tick()  # what the one-second timer does
    assert status.state is SeatState.ON_CALL and status.clock_label.text() == "通话中 01:05"
    assert panel.call_line.text() == "来电 13812345678 · 通话中 · 01:05"
    assert window.seat_desk.desk.calls["pbx-1"].ticket_id == window.intake.current_draft().id

    assert cti(qtbot, home, "held", "--id", "pbx-1") == (0, "ok")
    clock.advance(20)
    window.seat_desk.tick()
    assert status.clock_label.text() == "保持中 01:05"  # time on hold is not talk time
    assert cti(qtbot, home, "resumed", "--id", "pbx-1") == (0, "ok")
    clock.advance(5)
    window.seat_desk.tick()
    assert status.clock_label.text() == "通话中 01:10"
    shoot(window, "on-call-zh")

    assert cti(qtbot, home, "transferred", "--id", "pbx-1", "--to", "8001") == (0, "ok")
    assert status.state is SeatState.WRAP_UP and status.clock_label.text() == "话后处理 剩 30 秒"
    assert panel.call_line.text() == "来电 13812345678 · 已转接 · 01:10 · 转至 8001"
    counters = window.seat_desk.desk.seat.counters
    assert (counters.calls, counters.talk_seconds) == (1, 70)


def test_a_call_ended_after_answer_goes_to_wrap_up_and_a_second_hang_up_is_refused(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, clock = seat_with_fake_clock(open_window)
    answered(qtbot, home, "pbx-2")
    clock.advance(30)
    assert cti(qtbot, home, "ended", "--id", "pbx-2") == (0, "ok")
    before = window.seat_desk.desk
    code, answer = cti(qtbot, home, "ended", "--id", "pbx-2")
    assert code == 1 and "来电 pbx-2 已挂断，不能「挂断」" in answer  # in the seat's language
    assert window.seat_desk.desk == before and window.status.state is SeatState.WRAP_UP
    assert window.statusBar().currentMessage() == "来电 pbx-2 已挂断，不能「挂断」"  # in the UI's language


def test_a_call_given_up_while_ringing_is_missed_and_the_seat_stays_idle(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, _clock = seat_with_fake_clock(open_window)
    assert cti(qtbot, home, "ringing", "--id", "pbx-3", "--caller", "13812345678") == (0, "ok")
    assert cti(qtbot, home, "missed", "--id", "pbx-3") == (0, "ok")
    assert window.status.state is SeatState.IDLE and window.status.clock_label.text() == ""
    assert window.call_panel.call_line.text() == "来电 13812345678 · 未接"
    assert window.seat_desk.desk.seat.counters.missed == 1
    code, answer = cti(qtbot, home, "answered", "--id", "pbx-3")  # too late: the caller gave up
    assert code == 1 and "未接" in answer and window.status.state is SeatState.IDLE


def test_events_of_a_call_that_never_rang_or_out_of_order_are_refused_and_change_nothing(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, _clock = seat_with_fake_clock(open_window)
    code, answer = cti(qtbot, home, "answered", "--id", "nosuch")
    assert code == 1 and "没有振铃过编号为 nosuch 的来电" in answer
    assert window.status.state is SeatState.IDLE and not window.seat_desk.desk.calls

    assert cti(qtbot, home, "ringing", "--id", "pbx-4", "--caller", "13812345678") == (0, "ok")
    code, answer = cti(qtbot, home, "held", "--id", "pbx-4")  # held before it was answered
    assert code == 1 and "振铃中" in answer
    code, answer = cti(qtbot, home, "ringing", "--id", "pbx-4", "--caller", "13812345678")  # twice
    assert code == 1 and "已振铃过" in answer
    code, answer = cti(qtbot, home, "ringing", "--id", "pbx-5", "--caller", "13900000000")  # line busy
    assert code == 1 and "pbx-4" in answer
    assert (
        window.seat_desk.desk.calls["pbx-4"].phase is CallPhase.RINGING
        and len(window.seat_desk.desk.calls) == 1
    )
    assert window.status.state is SeatState.IDLE


def test_in_english_the_call_and_the_refusals_are_told_in_english(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, clock = seat_with_fake_clock(open_window)
    window.set_language("en")
    qtbot.waitUntil(lambda: window.windowTitle().endswith("Hotline Seat"))
    answered(qtbot, home, "pbx-6")
    clock.advance(42)
    window.seat_desk.tick()
    assert window.status.clock_label.text() == "On call 00:42"
    assert window.call_panel.call_line.text() == "Call from 13812345678 · On call · 00:42"
    shoot(window, "on-call-en")
    assert cti(qtbot, home, "answered", "--id", "pbx-6")[0] == 1
    assert window.statusBar().currentMessage() == 'The call pbx-6 (on call): "answered" refused'
    assert cti(qtbot, home, "ended", "--id", "pbx-6") == (0, "ok")
    assert window.status.clock_label.text() == "Wrap-up: 30 s left"
    shoot(window, "wrap-up-en")


def test_the_recording_after_the_call_is_taken_from_the_recordings_folder_only(
    home: AppPaths, open_window: object, qtbot: QtBot, tmp_path: Path
) -> None:
    window, _clock = seat_with_fake_clock(open_window)
    folder = home.data_dir / "recordings"
    folder.mkdir(exist_ok=True)
    (folder / "pbx-8.wav").write_bytes(b"RIFF")
    (tmp_path / "elsewhere.wav").write_bytes(b"RIFF")
    answered(qtbot, home, "pbx-8")
    assert cti(qtbot, home, "ended", "--id", "pbx-8") == (0, "ok")

    code, answer = cti(qtbot, home, "recording", "--id", "pbx-8", "--path", str(tmp_path / "elsewhere.wav"))
    assert code == 1 and "不在录音目录" in answer
    code, answer = cti(qtbot, home, "recording", "--id", "pbx-8", "--path", "relative.wav")
    assert code != 0 and "完整路径" in answer  # refused by the command, never sent
    code, answer = cti(qtbot, home, "recording", "--id", "nosuch", "--path", str(folder / "pbx-8.wav"))
    assert code == 1 and "没有振铃过" in answer
    assert window.seat_desk.desk.calls["pbx-8"].recording == ""

    assert cti(qtbot, home, "recording", "--id", "pbx-8", "--path", str(folder / "pbx-8.wav")) == (0, "ok")
    assert window.seat_desk.desk.calls["pbx-8"].recording == str(folder / "pbx-8.wav")
    assert window.call_panel.call_line.text().endswith("· 录音已收到")


def test_a_transfer_to_something_that_is_not_a_number_is_refused_by_the_command(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window, _clock = seat_with_fake_clock(open_window)
    answered(qtbot, home, "pbx-9")
    code, answer = cti(qtbot, home, "transferred", "--id", "pbx-9", "--to", "the desk")
    assert code != 0 and "转接号码无效" in answer
    code, answer = cti(qtbot, home, "transferred", "--id", "pbx-9")
    assert code != 0 and "--to" in answer
    assert window.status.state is SeatState.ON_CALL
