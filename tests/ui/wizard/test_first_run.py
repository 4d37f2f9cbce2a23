"""The first-run wizard: shown when the seat starts without a config file (never for the demo),
skippable, re-opened from 帮助; language switches at once, the server, seat and microphone go to the
config file, the model installs with progress, and a test call goes through the seat's real socket."""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.call_states import CallPhase
from app.domain.seat import SeatState
from app.paths import AppPaths
from tests.app.speech.conftest import ko_model_dir
from tests.ui.pulse import multimedia, play, pulse_vmic
from tests.ui.wording import assert_chinese, assert_english
from ui.shell.application import first_start
from ui.shell.main_window import MainWindow
from ui.sync.login_dialog import LoginDialog
from ui.wizard.first_run import TEST_CALL_PREFIX, FirstRunWizard

__all__ = ["ko_model_dir", "multimedia", "pulse_vmic"]  # fixtures used here

OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def restart_notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The window's 'takes effect after a restart' message, caught instead of shown modal."""
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.shell.main_window.QMessageBox.information", lambda _parent, _title, text: shown.append(text)
    )
    return shown


def _wizard(qtbot: QtBot, window: MainWindow) -> FirstRunWizard:
    qtbot.waitUntil(lambda: bool(window.findChildren(FirstRunWizard)), timeout=5_000)
    wizard = window.findChildren(FirstRunWizard)[-1]
    qtbot.waitUntil(wizard.isVisible, timeout=5_000)
    return wizard


def _to_page(wizard: FirstRunWizard, page: object) -> None:
    while wizard.currentPage() is not page:
        before = wizard.currentPage()
        wizard.next()
        assert wizard.currentPage() is not before, f"stuck on {before.objectName()}"


def test_only_a_start_without_a_config_file_is_a_first_start_and_never_the_demos(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "home").create()
    assert first_start(paths, demo=False)
    assert not first_start(paths, demo=True)  # make run: its server and account come with it
    Config().save(paths.config_file)
    assert not first_start(paths, demo=False)


def test_a_first_start_opens_the_wizard_over_the_window_and_skipping_writes_the_config(
    qtbot: QtBot, open_window: OpenWindow, home: AppPaths, restart_notes: list[str]
) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    assert wizard.parent() is window and wizard.currentPage() is wizard.language
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "跳过"
    wizard.reject()
    qtbot.waitUntil(home.config_file.exists, timeout=5_000)
    assert not first_start(home, demo=False)  # the next start is an ordinary one
    assert restart_notes == []  # nothing was changed


def test_without_welcome_no_wizard_opens_and_the_help_menu_opens_it_again(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    qtbot.wait(50)
    assert not window.findChildren(FirstRunWizard)
    assert window.help_menu.actions()[-1].text() == "首次使用向导…"
    window.help_menu.actions()[-1].trigger()
    assert _wizard(qtbot, window).isVisible()


def test_choosing_english_switches_the_wizard_and_the_window_at_once(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    assert_chinese(wizard.language.title())
    wizard.language.choice.setCurrentIndex(wizard.language.choice.findData("en"))
    qtbot.waitUntil(lambda: wizard.windowTitle() == "First-run wizard", timeout=5_000)
    assert window.ws.config.text("ui.language") == "en"
    for page in (wizard.language, wizard.server, wizard.seat, wizard.microphone, wizard.test_call):
        assert_english(page.title())
        assert_english(page.subTitle())
    assert_english(wizard.server.alone.text())
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Skip"
    assert window.help_menu.title() == "&Help"
    wizard.reject()


def test_finishing_writes_server_seat_and_microphone_to_the_config_file(
    qtbot: QtBot, open_window: OpenWindow, home: AppPaths, restart_notes: list[str]
) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    wizard.next()
    wizard.server.central.setChecked(True)
    wizard.server.url.setText("https://12345.example.gov.cn/")
    wizard.next()
    wizard.seat.edits["seat.id"].setText("B07")
    wizard.seat.edits["seat.operator"].setText("王芳")
    _to_page(wizard, wizard.test_call)
    device = wizard.microphone.device()
    wizard.accept()  # the wizard is gone after this
    qtbot.waitUntil(lambda: Config.load(home.config_file).text("seat.id") == "B07", timeout=5_000)
    saved = Config.load(home.config_file)
    assert saved.text("server.url") == "https://12345.example.gov.cn"
    assert saved.text("seat.operator") == "王芳"
    assert saved.text("speech.input_device") == device
    assert restart_notes and "坐席号" in restart_notes[0]  # the window says what waits for a restart


def test_a_bad_server_address_or_seat_id_keeps_the_page_and_says_why(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    wizard.next()
    server = wizard.server
    server.central.setChecked(True)
    for url in ("", "ftp://example.org", "http://192.0.2.7:8000"):  # the last: unencrypted, not local
        server.url.setText(url)
        wizard.next()
        assert wizard.currentPage() is server, url
        assert_chinese(server.error.text())
    server.alone.setChecked(True)  # this PC alone: no address needed
    wizard.next()
    assert wizard.currentPage() is wizard.seat
    wizard.seat.edits["seat.id"].setText("A 01!")
    wizard.next()
    assert wizard.currentPage() is wizard.seat
    assert "坐席号" in wizard.seat.error.text()
    wizard.reject()


def test_signing_in_opens_the_seats_login_at_the_address_given_in_the_wizard(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    wizard.next()
    wizard.server.central.setChecked(True)
    wizard.server.url.setText("https://12345.example.gov.cn")
    wizard.server.login_button.click()
    qtbot.waitUntil(lambda: bool(window.findChildren(LoginDialog)), timeout=5_000)
    login = window.findChildren(LoginDialog)[-1]
    assert login.server.text() == "https://12345.example.gov.cn"
    assert wizard.server.signed_in.text() == "尚未登录"
    login.reject()
    wizard.reject()


def test_a_test_call_goes_through_the_real_socket_arrives_and_leaves_the_seat_idle(
    qtbot: QtBot, open_window: OpenWindow, home: AppPaths
) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    page = wizard.test_call
    arrived: list[object] = []
    window.call_events.arrived.connect(arrived.append)
    page.button.click()
    qtbot.waitUntil(lambda: "测试来电" in page.result.text() and page.button.isEnabled(), timeout=10_000)
    assert "已收到测试来电" in page.result.text()
    assert page.call_id.startswith(TEST_CALL_PREFIX)
    # The command as the phone system would run it for this seat, its data folder included.
    assert (
        page.command.text() == f"hotline-seat --home {home.data_dir.parent} call ringing --id {page.call_id}"
    )
    assert [e.call_id for e in arrived][:1] == [page.call_id]  # type: ignore[attr-defined]
    # The test call is then ended as missed: nothing rings on, the seat is as it was.
    qtbot.waitUntil(
        lambda: window.seat_desk.desk.calls[page.call_id].phase is CallPhase.MISSED, timeout=10_000
    )
    assert window.seat_desk.desk.live is None
    assert window.seat_desk.desk.seat.state is SeatState.IDLE
    wizard.reject()


def test_a_test_call_that_cannot_arrive_says_why(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    window.call_events.close()  # the socket is gone, as when another program holds it
    wizard.test_call.button.click()
    qtbot.waitUntil(lambda: "未到达" in wizard.test_call.result.text(), timeout=15_000)
    assert wizard.test_call.button.isEnabled()
    wizard.reject()


def test_a_speech_model_installs_from_a_folder_with_progress_and_the_call_panel_takes_it(
    qtbot: QtBot, open_window: OpenWindow, ko_model_dir: Path
) -> None:
    window = open_window(welcome=True)
    wizard = _wizard(qtbot, window)
    _to_page(wizard, wizard.speech_model)
    models = wizard.speech_model.models
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    values: list[int] = []
    next_while_installing: list[bool] = []
    models.progress.valueChanged.connect(values.append)
    models.progress.valueChanged.connect(
        lambda value: next_while_installing.append(next_button.isEnabled()) if 0 < value < 1000 else None
    )
    with qtbot.waitSignal(models.changed, timeout=60_000):
        models.install(ko_model_dir)
        assert not wizard.speech_model.isComplete()  # no leaving the page half-installed
    assert next_while_installing and not any(next_while_installing)
    assert 1000 in values
    assert wizard.speech_model.isComplete() and next_button.isEnabled()
    assert window.call_panel.models.active() is not None
    wizard.reject()


def _tone(path: Path, seconds: float = 3.0) -> Path:
    """A loud 440 Hz tone, 16 kHz mono: what a voice close to the headset reads as on the meter."""
    rate = 16000
    frames = b"".join(
        struct.pack("<h", int(20000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(int(rate * seconds))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


def test_the_microphone_meter_moves_with_what_the_chosen_device_hears(
    qtbot: QtBot, open_window: OpenWindow, pulse_vmic: str, tmp_path: Path
) -> None:
    config = Config()
    config.set("speech.input_device", pulse_vmic)
    window = open_window(config=config, welcome=True)
    wizard = _wizard(qtbot, window)
    _to_page(wizard, wizard.microphone)
    page = wizard.microphone
    assert page.device() == pulse_vmic
    qtbot.waitUntil(lambda: page.meter.listening, timeout=5_000)
    qtbot.wait(300)
    assert page.meter.value() < 30  # silence
    levels: list[int] = []
    page.meter.valueChanged.connect(levels.append)
    player = play(str(_tone(tmp_path / "tone.wav")))
    qtbot.waitUntil(lambda: max(levels, default=0) > 70, timeout=10_000)
    player.wait(10)
    wizard.next()  # leaving the page lets the device go
    assert not page.meter.listening
    wizard.reject()
