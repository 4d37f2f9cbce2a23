"""The `hotline-seat` command: its options, and what happens to an error nobody expected."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.wording import assert_chinese, assert_english
from ui.shell import main as entry
from ui.shell.i18n import LanguageSwitcher


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        entry.parse_args(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("hotline-seat 0.")


def test_unexpected_error_is_logged_with_its_traceback_and_shown(
    qapp: object, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text: shown.append(text))
    try:
        raise ValueError("磁盘已满 disk full")
    except ValueError as error:
        with caplog.at_level(logging.CRITICAL):
            entry.report_unexpected_error(ValueError, error, error.__traceback__, log_file=tmp_path / "x.log")
    assert caplog.records[-1].exc_info is not None
    assert shown and "磁盘已满 disk full" in shown[0] and "日志" in shown[0]


def test_unexpected_error_box_speaks_the_interface_language_and_names_the_log_file(
    languages: LanguageSwitcher, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning", lambda _p, title, text: shown.append((title, text))
    )
    log_file = tmp_path / "logs" / "hotline-seat.log"
    error = OSError(28, "No space left on device")
    try:
        languages.switch("en")
        entry.report_unexpected_error(OSError, error, None, log_file=log_file)
        languages.switch("zh_CN")
        entry.report_unexpected_error(OSError, error, None, log_file=log_file)
    finally:
        languages.switch("zh_CN")
    (en_title, english), (zh_title, chinese) = shown
    assert str(log_file) in english and str(log_file) in chinese
    assert "No space left on device" in english and "No space left on device" in chinese
    assert_english(en_title)
    assert_english(english)
    assert_chinese(zh_title)
    assert_chinese(chinese)


def test_start_up_leaves_the_slow_imports_to_the_workers_that_need_them() -> None:
    """jieba.analyse (its POS tables), pypinyin (its phrase tables) and cn2an cost about two seconds
    of start-up together, phonenumbers' geocoder a third of a second and 100 MB, Qt Multimedia needs
    libpulse: none is loaded before the window shows."""
    import subprocess
    import sys

    from tests.sync.live import ROOT

    later = [
        *("jieba.analyse", "jieba.posseg", "pypinyin", "cn2an", "PySide6.QtMultimedia"),
        "phonenumbers.geocoder",
        *("soundfile", "av"),  # the recordings' decoders: libsndfile, FFmpeg
    ]
    code = (
        "import sys, ui.shell.main, ui.shell.application, ui.shell.main_window; "
        f"print(','.join(m for m in {later!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == ""


# Each costs from a tenth of a second to a second of start-up, and the window needs none of them to
# show: the KB (jieba, pypinyin, openpyxl), the sync client (httpx, the pydantic wire models), speech
# (vosk), the demo generator and Alembic (a store already at the latest revision).
AFTER_SHOWN = (
    "jieba",
    "pypinyin",
    "openpyxl",
    "httpx",
    "sync.protocol",
    "vosk",
    "app.demo",
    "alembic",
)

_PROBE = """
import sys
from pathlib import Path
from app.config.settings import Config
from app.paths import AppPaths
from tests.store_keys import use_test_keys
from ui.shell.application import create_application, open_main_window

use_test_keys()
app, languages = create_application(Config(), "zh_CN")
window = open_main_window(AppPaths.under(Path(sys.argv[1])), Config(), languages, demo=sys.argv[2] == "demo")
print(",".join(m for m in sys.argv[3:] if m in sys.modules))
"""


@pytest.mark.slow
@pytest.mark.parametrize("demo", ["demo", "seat"])
def test_the_window_is_shown_before_the_kb_sync_speech_and_demo_parts_load(tmp_path: Path, demo: str) -> None:
    """They load on workers once the window is up (the KB dock says 正在载入知识库… meanwhile)."""
    from tests.sync.live import ROOT

    home = tmp_path / "home"
    subprocess.run(  # a store as any start after the first finds it (the first one migrates it)
        [sys.executable, "-c", _PROBE, str(home), "seat"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(home), demo, *AFTER_SHOWN],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == ""


def test_the_binary_trains_the_intake_model_as_the_seat_asks_it_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen build has no `python -m app.intake.train`: the seat runs its own binary with a flag."""
    from app.intake.model import training_command
    from app.intake.weights import key_for, read_weights
    from app.resources import load_taxonomy

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = training_command("--out", str(tmp_path / "w.json"))
    assert command == [sys.executable, "--train-intake-model", "--out", str(tmp_path / "w.json")]
    assert entry.main(command[1:]) == 0
    assert read_weights(tmp_path / "w.json", key_for(load_taxonomy())).kinds.classes
