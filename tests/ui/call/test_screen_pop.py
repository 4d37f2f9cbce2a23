"""来电弹屏 and 挂起 (issue 19 item 3), through `hotline-seat call ...` and the seat's socket against the
real window: a ringing number pops up with where it is from and the caller's history without taking
the keyboard; a half-filled form is parked as its own draft (kept in the store, listed, Ctrl+Shift+P
back) and the new caller gets a fresh form with their number: never two callers in one form."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Status
from app.domain.ticket import Caller, Ticket
from app.paths import AppPaths
from app.resources import load_taxonomy
from app.speech.stream import Segment, Speaker
from tests.ui.call.test_call_events import cti
from tests.ui.conftest import closed
from ui.call.screen_pop import RING_FILE
from ui.shell.main_window import MainWindow

SHOTS = Path("/work/shots/pop")
OLD, NEW = "13900000000", "13812345678"  # 13812345678: a Lianyungang (Jiangsu) mobile block
NOISE = load_taxonomy().leaves()[0].code


def shoot(window: MainWindow, name: str) -> None:
    """A screenshot for the report (not a check), when the folder is there."""
    if SHOTS.is_dir():
        window.resize(1366, 768)
        QApplication.processEvents()
        window.grab().save(str(SHOTS / f"{name}.png"))


def half_filled(qtbot: QtBot, window: MainWindow) -> str:
    """The operator typed an earlier caller's number and request; returns the draft's id."""
    intake = window.intake
    qtbot.keyClicks(intake.caller_phone, OLD)
    intake.content.insertPlainText("楼上漏水三天了")  # as an input method commits it
    return intake.current_draft().id


def test_a_ring_over_a_half_filled_form_parks_it_and_gives_the_new_caller_a_fresh_form(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    first = half_filled(qtbot, window)

    assert cti(qtbot, home, "ringing", "--id", "pbx-1", "--caller", NEW) == (0, "ok")
    assert intake.caller_phone.text() == NEW and intake.content.toPlainText() == ""  # nothing of the last
    assert intake.current_draft().id != first and intake.current_draft().caller_phone == NEW
    assert "上一张受理单已挂起（Ctrl+Shift+P 返回）" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: [p.draft.id for p in intake.parked.drafts] == [first], timeout=5000)
    assert intake.parked.isVisible() and OLD in intake.parked.button.text()
    [parked] = window.ws.drafts.parked(window.ws.seat.seat_id)  # durably, in the store
    assert (parked.draft.caller_phone, parked.draft.content) == (OLD, "楼上漏水三天了")
    assert cti(qtbot, home, "answered", "--id", "pbx-1") == (0, "ok")
    assert window.seat_desk.desk.calls["pbx-1"].ticket_id == intake.current_draft().id  # the new form's
    shoot(window, "parked-zh")


def test_a_parked_form_is_still_there_after_a_restart_and_one_key_returns_to_it(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    first = half_filled(qtbot, window)
    assert cti(qtbot, home, "ringing", "--id", "pbx-2", "--caller", NEW) == (0, "ok")
    window.intake.content.insertPlainText("路灯不亮")  # the new caller's request
    qtbot.waitUntil(lambda: window.intake.saved_revision == window.intake.revision, timeout=5000)
    second = window.intake.current_draft().id
    closed(qtbot, window)

    reopened: MainWindow = open_window()  # type: ignore[operator]
    intake = reopened.intake
    qtbot.waitUntil(lambda: intake.content.toPlainText() == "路灯不亮", timeout=5000)  # the form in use
    qtbot.waitUntil(lambda: [p.draft.id for p in intake.parked.drafts] == [first], timeout=5000)
    with qtbot.waitActive(reopened):
        reopened.activateWindow()
    intake.content.setFocus()
    qtbot.keyClick(
        reopened.focusWidget(),
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: intake.current_draft().id == first, timeout=5000)
    assert (intake.caller_phone.text(), intake.content.toPlainText()) == (OLD, "楼上漏水三天了")
    # Swapped: the form left waits in the list now, and the same key goes back to it.
    qtbot.waitUntil(lambda: [p.draft.id for p in intake.parked.drafts] == [second], timeout=5000)
    qtbot.keyClick(
        reopened.focusWidget(),
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: intake.current_draft().id == second, timeout=5000)
    assert intake.content.toPlainText() == "路灯不亮"


def test_the_banner_never_takes_the_keyboard_while_it_rings(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake, pop = window.intake, window.screen_pop
    with qtbot.waitActive(window):
        window.activateWindow()
    intake.content.setFocus()
    qtbot.keyClicks(window.focusWidget(), "water ")
    assert cti(qtbot, home, "ringing", "--id", "pbx-3", "--caller", NEW) == (0, "ok")
    qtbot.waitUntil(lambda: pop.history_shown is not None, timeout=5000)
    assert pop.isVisible()
    assert QApplication.focusWidget() is intake.content and QApplication.activeWindow() is window
    qtbot.keyClicks(QApplication.focusWidget(), "leaks")  # typed on while it rings: all of it lands
    assert intake.content.toPlainText().endswith("leaks")
    assert all(w.focusPolicy() is Qt.FocusPolicy.NoFocus for w in [pop, *pop.findChildren(QWidget)])


def test_the_banner_says_where_the_number_is_from_and_the_callers_history(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    earlier = [
        Ticket(
            id=new_id(),
            local_no=f"A01-20261201-{days:04d}",
            kind=Kind.COMPLAINT,
            status=Status.ACCEPTED,
            seat_id="A01",
            created_at=datetime.now(UTC) - timedelta(days=days),
            category_code=NOISE,
            caller=Caller("刘女士", NEW),
            district="东湖区",
            content="工地夜间施工噪音",
        )
        for days in (2, 9, 20)
    ]
    window.ws.tickets.import_history([(t, []) for t in earlier], demo=False)
    pop = window.screen_pop
    assert pop.isHidden()
    assert cti(qtbot, home, "ringing", "--id", "pbx-4", "--caller", NEW) == (0, "ok")
    qtbot.waitUntil(pop.isVisible, timeout=5000)
    assert pop.number.text() == f"来电 {NEW}"
    qtbot.waitUntil(lambda: pop.history_shown is not None, timeout=5000)
    assert pop.origin.text() == "江苏省连云港市 · 上次反映：东湖区"
    assert pop.history.text().startswith("来电历史：365 天内 3 张（仅本机） · 最近：")
    assert pop.frequent.isVisible()  # three calls within 30 days
    shoot(window, "ringing-zh")
    assert cti(qtbot, home, "answered", "--id", "pbx-4") == (0, "ok")
    assert pop.number.text() == f"通话中 {NEW}" and pop.property("phase") == "answered"
    assert cti(qtbot, home, "ended", "--id", "pbx-4") == (0, "ok")
    assert pop.isHidden()


def test_a_withheld_number_rings_without_a_history_and_a_missed_call_takes_the_banner_away(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    pop = window.screen_pop
    assert cti(qtbot, home, "ringing", "--id", "pbx-5") == (0, "ok")
    assert pop.isVisible() and pop.number.text() == "来电 （未显示号码）"  # at once: nothing to wait for
    assert "无法查找来电历史" in pop.history.text()
    assert window.intake.caller_phone.text() == ""
    assert cti(qtbot, home, "missed", "--id", "pbx-5") == (0, "ok")
    assert pop.isHidden()


def test_a_ring_over_a_form_holding_only_the_last_rings_number_replaces_it(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-6", "--caller", OLD) == (0, "ok")
    assert cti(qtbot, home, "missed", "--id", "pbx-6") == (0, "ok")
    assert cti(qtbot, home, "ringing", "--id", "pbx-7", "--caller", NEW) == (0, "ok")
    assert window.intake.caller_phone.text() == NEW
    assert window.ws.drafts.parked(window.ws.seat.seat_id) == []  # nothing of anyone's to keep


def test_a_ring_after_an_answered_call_keeps_that_calls_form_though_only_its_number_is_in_it(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    """Its transcript and recording are filed under that form: dropped, they went with it."""
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-8", "--caller", OLD) == (0, "ok")
    answered = window.intake.current_draft().id
    assert cti(qtbot, home, "answered", "--id", "pbx-8") == (0, "ok")
    assert cti(qtbot, home, "ended", "--id", "pbx-8") == (0, "ok")
    assert cti(qtbot, home, "ringing", "--id", "pbx-9", "--caller", NEW) == (0, "ok")
    assert window.intake.caller_phone.text() == NEW
    qtbot.waitUntil(lambda: [p.draft.id for p in window.intake.parked.drafts] == [answered], timeout=5000)


@pytest.mark.slow
def test_the_ring_sound_is_off_by_default_and_plays_the_shipped_chime_when_set(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-8", "--caller", NEW) == (0, "ok")
    assert window.screen_pop.sound is None
    assert cti(qtbot, home, "missed", "--id", "pbx-8") == (0, "ok")
    window.ws.config.set("calls.ring_sound", True)
    assert cti(qtbot, home, "ringing", "--id", "pbx-9", "--caller", NEW) == (0, "ok")
    sound = window.screen_pop.sound
    assert sound is not None and Path(sound.source().toLocalFile()) == RING_FILE
    # The chime loads where there is a sound device to play it on (the test machine's PulseAudio may
    # be gone when an earlier test stopped it); it never fails to load for a reason of its own.
    settled = (QSoundEffect.Status.Ready, QSoundEffect.Status.Error)
    qtbot.waitUntil(lambda: sound.status() in settled, timeout=10_000)
    assert sound.isLoaded() or QMediaDevices.defaultAudioOutput().isNull()


def test_in_english_the_banner_and_the_parked_list_speak_english(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window(config=Config())  # type: ignore[operator]
    window.set_language("en")
    qtbot.waitUntil(lambda: window.windowTitle().endswith("Hotline Seat"))
    half_filled(qtbot, window)
    assert cti(qtbot, home, "ringing", "--id", "pbx-10", "--caller", NEW) == (0, "ok")
    pop = window.screen_pop
    qtbot.waitUntil(lambda: pop.history_shown is not None and window.intake.parked.isVisible(), timeout=5000)
    assert pop.number.text() == f"Call from {NEW}" and pop.origin.text() == "Lianyungang, Jiangsu"
    assert pop.history.text() == "No calls in the last 365 days (this seat only)"
    assert window.intake.parked.button.text().startswith("Back to ")
    shoot(window, "ringing-parked-en")


@pytest.mark.slow
def test_on_answer_the_call_timer_runs_in_the_status_bar_by_itself(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-11", "--caller", NEW) == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", "pbx-11") == (0, "ok")
    clock = window.status.clock_label
    assert clock.text() in ("通话中 00:00", "通话中 00:01", "通话中 00:02")
    qtbot.waitUntil(lambda: clock.text() == "通话中 00:03", timeout=6000)  # the seat's own second timer


def test_f1_lists_the_keys_of_the_parked_forms(open_window: object) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    dialog = window.show_shortcuts()
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    dialog.close()
    assert rows["Ctrl+Shift+P"] == "返回挂起的受理单" and rows["Ctrl+Alt+P"] == "挂起的受理单列表…"


def test_back_on_a_parked_form_the_call_panel_shows_that_calls_transcript(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    first = half_filled(qtbot, window)
    said = Segment("pbx-0", Speaker.CALLER, "楼上漏水三天了", 0.0, 1.5, (), True)
    window.ws.transcripts.add(first, said)  # what the earlier call's keeper saved with its form
    assert cti(qtbot, home, "ringing", "--id", "pbx-12", "--caller", NEW) == (0, "ok")
    qtbot.waitUntil(lambda: window.intake.parked.latest() == first, timeout=5000)
    window.intake.return_to_parked()
    qtbot.waitUntil(lambda: window.intake.current_draft().id == first, timeout=5000)
    qtbot.waitUntil(lambda: "楼上漏水三天了" in window.call_panel.view.toPlainText(), timeout=5000)
