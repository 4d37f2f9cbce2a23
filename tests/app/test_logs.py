"""Log files IT staff read never carry a caller's phone or ID number."""

from __future__ import annotations

import logging
from collections.abc import Iterator
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
