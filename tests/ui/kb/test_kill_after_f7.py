"""kill -9 of the running app while the operator answers with the knowledge base (F7): the next
start shows every answer inserted up to the last revision the child reported durable, and which
articles they came from; once accepted, the KB records that those articles answered the ticket.

The child (tests/ui/answering_window.py) is the real main window on a real store; each round goes
on from the draft restored after the previous kill.
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
from app.domain.draft import ArticleRef
from app.knowledge.search import answer_text
from app.paths import AppPaths
from tests.ui.answering_window import ARTICLES
from tests.ui.conftest import closed
from tests.ui.ime import type_request
from ui.ops import TRACKER
from ui.shell.application import open_main_window
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
ANSWERS = {answer_text(a): ArticleRef(a.id, a.version) for a in ARTICLES}


def _answer_and_kill(home: Path, rng: random.Random) -> int:
    """Run the answering window, kill it a random time after its first F7; how many insertions
    of this run the child reported durable."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.answering_window", str(home)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    made_at: dict[int, int] = {}  # revision → insertions of this run it holds
    durable = [0]

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:  # whole lines only: a line cut by the kill is never counted
            if not line.endswith("\n"):
                break
            words = line.split()
            if words[0] == "inserted":
                made_at[int(words[3])] = int(words[1])
            elif words[0] == "saved":
                revision = int(words[1])
                durable[0] = max([durable[0], *(k for r, k in made_at.items() if r <= revision)])

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(rng.uniform(0.1, 0.6))
    seen = durable[0]  # read before the kill: only what the child said while alive counts
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(5)
    return max(seen, durable[0])


def _restored(
    qtbot: QtBot, home: Path, languages: LanguageSwitcher, *, saved: bool
) -> tuple[MainWindow, str]:
    window = open_main_window(AppPaths.under(home), Config(), languages, demo=False)
    qtbot.addWidget(window)
    if saved:  # a draft exists: wait for the window to restore it
        qtbot.waitUntil(lambda: window.intake.revision > 0, timeout=10_000)
    return window, window.intake.answer.toPlainText()


def _close(qtbot: QtBot, window: MainWindow) -> None:
    closed(qtbot, window)
    TRACKER.wait(10)
    window.ws.close()


def _rounds(count: int, qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher) -> None:
    rng = random.Random(17)
    home = tmp_path / "seat"
    answers_before = 0
    for round_no in range(count):
        durable = _answer_and_kill(home, rng)
        window, answer = _restored(qtbot, home, languages, saved=bool(durable or answers_before))
        draft = window.intake.current_draft()
        _close(qtbot, window)
        lines = answer.splitlines()
        assert all(line in ANSWERS for line in lines), f"round {round_no}: text never inserted: {answer!r}"
        assert len(lines) >= answers_before + durable, f"round {round_no}: a durable F7 was lost"
        assert set(draft.answered_with) == {ANSWERS[line] for line in lines}
        answers_before = len(lines)
    assert answers_before > 0, "nothing was ever inserted and saved: the test proved nothing"

    # Accepted after the last restart: the KB records the articles inserted before the kills.
    window, _answer = _restored(qtbot, home, languages, saved=True)
    used = {(a.id, a.version) for a in window.intake.current_draft().answered_with}
    type_request(qtbot, window)
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        window.intake.accept_ticket(close_direct=True)
    ticket_id = accepted.args[0].id
    qtbot.waitUntil(lambda: len(window.kb.store.uses(ticket_id)) == len(used), timeout=5000)
    assert {(u.article_id, u.version) for u in window.kb.store.uses(ticket_id)} == used
    _close(qtbot, window)


@pytest.mark.slow
def test_kills_after_f7_lose_no_answer_inserted(
    qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher
) -> None:
    _rounds(2, qtbot, tmp_path, languages)


@pytest.mark.slow
def test_twenty_kills_after_f7_lose_no_answer_inserted(
    qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher
) -> None:
    _rounds(20, qtbot, tmp_path, languages)
