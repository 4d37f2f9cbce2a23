"""`hotline-seat call simulate`: a whole scripted call through the seat's socket, for demos and
tests: it rings, is answered with a WAV as the line's sound, the real recognizer (the test model)
transcribes it into the new caller's form, and the call ends when the sound has been played."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.call_states import CallPhase
from app.domain.seat import SeatState
from app.paths import AppPaths
from app.speech.stream import Speaker
from app.telephony import simulations_folder
from tests.app.speech.conftest import Synth, ko_model_dir, synth
from tests.ui.call.test_call_events import _answer, cti
from tests.ui.call.test_call_panel import KOREAN, ready, with_model
from ui.shell.main_window import MainWindow

__all__ = ["ko_model_dir", "synth", "with_model"]  # fixtures used here


@pytest.mark.slow
def test_a_simulated_call_rings_is_transcribed_by_the_real_recognizer_and_ends(
    with_model: AppPaths, open_window: object, qtbot: QtBot, synth: Synth
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    assert window.call_panel.model is not None
    wav = synth(KOREAN, "ko", rate=22050, pad=0.5)  # any WAV: the seat converts it, as a line's sound
    command = [sys.executable, "-m", "ui", "--home", str(with_model.data_dir.parent), "call", "simulate"]
    command += ["--audio", str(wav), "--id", "sim-1", "--caller", "13812345678", "--ring", "0.5"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ)

    qtbot.waitUntil(lambda: window.screen_pop.isVisible(), timeout=15_000)  # it rings
    assert window.intake.caller_phone.text() == "13812345678"
    qtbot.waitUntil(lambda: window.status.state is SeatState.ON_CALL, timeout=15_000)
    draft = window.intake.current_draft().id
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    assert process.stdout is not None and process.stdout.read().decode().strip() == "ok"
    call = window.seat_desk.desk.calls["sim-1"]
    assert call.phase is CallPhase.ENDED and call.ticket_id == draft
    assert window.status.state is SeatState.WRAP_UP and window.screen_pop.isHidden()
    qtbot.waitUntil(lambda: bool(window.call_panel.segments()), timeout=15_000)
    # Free-vocabulary words of espeak's Korean vary; that the whole file was heard, as a call, does not:
    # the last word ends where it ends when the same file is transcribed as a recording.
    panel = window.call_panel
    segments = panel.segments()
    assert all(s.text and s.speaker is Speaker.CALLER for s in segments)
    qtbot.waitUntil(
        lambda: bool(window.ws.transcripts.for_ticket(draft)), timeout=10_000
    )  # kept with the form
    assert not list(simulations_folder(with_model.data_dir).iterdir())  # the copy is gone after the call
    panel.clear()
    panel.transcribe_file(wav)
    qtbot.waitUntil(lambda: panel._file_cancel is None and bool(panel.segments()), timeout=60_000)
    assert abs(panel.segments()[-1].end - segments[-1].end) < 0.3


def test_the_seat_plays_no_sound_from_outside_its_simulations_folder(
    home: AppPaths, open_window: object, qtbot: QtBot, synth: Synth
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    wav = synth(KOREAN, "ko")
    assert cti(qtbot, home, "ringing", "--id", "pbx-1") == (0, "ok")
    sock = window.call_events.name
    line = f'{{"event": "answered", "call_id": "pbx-1", "path": "{wav}"}}\n'.encode()

    client = socket.socket(socket.AF_UNIX)
    client.connect(sock)
    client.sendall(line)
    answer = _answer(qtbot, client).decode()
    client.close()
    assert answer.startswith("error: call.recording_outside") and window.status.state is SeatState.IDLE


def test_simulate_says_so_when_the_audio_is_not_a_wav(home: AppPaths, tmp_path: Path) -> None:
    text = tmp_path / "call.wav"
    text.write_text("not audio")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui",
            "--home",
            str(home.data_dir.parent),
            "call",
            "simulate",
            "--audio",
            str(text),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1 and result.stdout.startswith("error: ") and "call.wav" in result.stdout
