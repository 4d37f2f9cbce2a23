"""The `hotline-seat` command: its options, and what happens to an error nobody expected."""

from __future__ import annotations

import logging

import pytest

from ui.shell import main as entry


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        entry.parse_args(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("hotline-seat 0.")


def test_unexpected_error_is_logged_with_its_traceback_and_shown(
    qapp: object, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text: shown.append(text))
    try:
        raise ValueError("磁盘已满 disk full")
    except ValueError as error:
        with caplog.at_level(logging.CRITICAL):
            entry.report_unexpected_error(ValueError, error, error.__traceback__)
    assert caplog.records[-1].exc_info is not None
    assert shown and "磁盘已满 disk full" in shown[0] and "日志" in shown[0]


def test_start_up_leaves_the_slow_imports_to_the_workers_that_need_them() -> None:
    """jieba.analyse (its POS tables), pypinyin (its phrase tables) and cn2an cost about two seconds
    of start-up together, Qt Multimedia needs libpulse: none is loaded before the window shows."""
    import subprocess
    import sys

    from tests.sync.live import ROOT

    later = ["jieba.analyse", "jieba.posseg", "pypinyin", "cn2an", "PySide6.QtMultimedia"]
    code = (
        "import sys, ui.shell.main, ui.shell.application, ui.shell.main_window; "
        f"print(','.join(m for m in {later!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == ""
