"""kill -9 of the running app while the operator types: the next start shows what was saved.

The child is the real main window on a real store, typed into as an input method does; it is killed
with SIGKILL at a random moment. The real window is then opened on the same folder and must show a
draft at least as new as the last revision the child reported durable, and never text that was not
typed. Each round continues typing into the draft restored from the previous kill.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.paths import AppPaths
from app.store.db import open_store
from tests.ui.conftest import closed
from tests.ui.typing_window import TEXT
from ui.ops import TRACKER
from ui.shell.application import open_main_window
from ui.shell.i18n import LanguageSwitcher

ROOT = Path(__file__).resolve().parents[3]


def _type_and_kill(home: Path, rng: random.Random) -> int:
    """Run the typing window, kill it after a random time; the last revision it reported saved."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.typing_window", str(home)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    acknowledged: list[int] = [0]

    def read_acknowledgements() -> None:
        assert child.stdout is not None
        for line in child.stdout:  # whole lines only: a line cut by the kill is never counted
            if line.endswith("\n") and line.startswith("saved "):
                acknowledged[0] = int(line.split()[1])

    reader = threading.Thread(target=read_acknowledgements, daemon=True)
    reader.start()
    time.sleep(0.5 + rng.uniform(0.1, 0.6))
    last_seen = acknowledged[0]  # read before the kill: only what the child said while alive counts
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(5)
    return max(last_seen, acknowledged[0])


def _rounds(count: int, qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher) -> None:
    rng = random.Random(2026)
    home = tmp_path / "seat"
    typed_before = 0
    for round_no in range(count):
        acknowledged = _type_and_kill(home, rng)
        store = open_store(AppPaths.under(home).store_file)
        assert store.integrity_ok(), f"round {round_no}: store corrupted"
        store.close()

        window = open_main_window(AppPaths.under(home), Config(), languages, demo=False)
        qtbot.addWidget(window)
        if acknowledged or typed_before:  # a draft exists: wait for the window to restore it
            qtbot.waitUntil(lambda w=window: w.intake.revision > 0, timeout=5000)
        restored = window.intake.content.toPlainText()
        revision = window.intake.revision
        closed(qtbot, window)
        TRACKER.wait(10)
        window.ws.close()

        assert revision >= acknowledged, f"round {round_no}: saved revision {acknowledged} lost"
        assert TEXT.startswith(restored), f"round {round_no}: restored text was never typed: {restored!r}"
        assert len(restored) >= typed_before, f"round {round_no}: the draft went backwards"
        typed_before = len(restored)
    assert typed_before > 0, "nothing was ever typed and saved: the test proved nothing"


@pytest.mark.slow
def test_twenty_kills_while_typing_lose_nothing_saved(
    qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher
) -> None:
    _rounds(20, qtbot, tmp_path, languages)


@pytest.mark.slow
def test_a_hundred_kills_while_typing_lose_nothing_saved(
    qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher
) -> None:
    _rounds(100, qtbot, tmp_path, languages)
