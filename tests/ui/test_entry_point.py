"""The `hotline-seat` command: its options, and what happens to an error nobody expected."""

from __future__ import annotations

import logging

import pytest

from ui import main as entry


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
