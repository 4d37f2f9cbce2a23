"""The event-loop watch itself: it catches a GUI thread that waits, says where, and lets a turning loop be."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.stall import watching


def test_a_gui_thread_that_waits_fails_the_test_and_the_failure_names_the_line(qtbot: QtBot) -> None:
    with pytest.raises(AssertionError) as failure, watching():
        qtbot.wait(20)
        threading.Event().wait(0.3)  # a join, a waitForDone, an fsync: the window is frozen
        qtbot.wait(20)
    assert "event loop stalled 3" in str(failure.value)
    assert "threading.Event().wait(0.3)" in str(failure.value)


def test_a_stall_at_the_very_end_of_the_block_counts(qtbot: QtBot) -> None:
    with pytest.raises(AssertionError, match="stalled"), watching():
        time.sleep(0.2)


def test_waiting_with_the_loop_turning_is_no_stall(qtbot: QtBot) -> None:
    with watching() as watch:
        qtbot.wait(300)
    assert watch.longest < 0.1
