"""Log files IT staff read never carry a caller's phone or ID number."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from app.logs import setup_logging


@pytest.fixture(autouse=True)
def _restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    return setup_logging(tmp_path / "logs", "INFO")


def test_phone_and_id_numbers_are_masked_in_messages_and_arguments(log_file: Path) -> None:
    logging.getLogger("test").info("来电 %s，身份证 %s", "13812345678", "110101199003074518")
    logging.getLogger("test").warning("callback to 13987654321 failed")
    text = log_file.read_text(encoding="utf-8")
    assert "13812345678" not in text and "138****5678" in text
    assert "110101199003074518" not in text
    assert "13987654321" not in text and "139****4321" in text


def test_levels_below_the_setting_are_not_written(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "quiet", "WARNING")
    logging.getLogger("test").info("routine")
    logging.getLogger("test").warning("attention")
    text = path.read_text(encoding="utf-8")
    assert "attention" in text and "routine" not in text


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in [folder, *folder.iterdir()]}


def test_the_log_folder_and_every_log_including_rotated_ones_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # what a desktop session usually has: 0755 folders, 0644 files
    try:
        path = setup_logging(tmp_path / "logs", "INFO")
        handler = next(h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler))
        handler.maxBytes = 300  # rotate after a few lines
        for n in range(40):
            logging.getLogger("test").info("line %d of a shift's log", n)
    finally:
        os.umask(old)
    modes = _modes(path.parent)
    assert len(modes) == 7  # the folder, the log and its 5 rotated files
    assert modes == {name: 0o700 if name == "logs" else 0o600 for name in modes}


def test_logs_an_older_version_left_readable_are_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    for name in ("hotline-seat.log", "hotline-seat.log.1"):
        (folder / name).write_text("old\n", encoding="utf-8")
        (folder / name).chmod(0o644)
    setup_logging(folder, "INFO")
    modes = _modes(folder)
    assert modes == {name: 0o700 if name == "logs" else 0o600 for name in modes}
