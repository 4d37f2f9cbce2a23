"""The intake form's saves and discards reach the store in the order they were made, off the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.draft import Draft
from app.workspace import Workspace
from tests.ui.ime import commit_text
from tests.ui.stall import watching
from ui.intake.intake_form import IntakeForm


class SlowDisk:
    """The real draft store, slow: each save first holds the store's write lock until the test lets
    it go, as a disk busy with something else would."""

    def __init__(self, workspace: Workspace) -> None:
        self.gate = threading.Event()
        self.saving = threading.Event()
        self._store, self._save = workspace.store, workspace.drafts.save
        workspace.drafts.save = self._slow_save  # type: ignore[method-assign]

    def _slow_save(self, draft: Draft, revision: int) -> None:
        with self._store.transaction():
            self.saving.set()
            self.gate.wait(10)
        self._save(draft, revision)


def _confirm(monkeypatch: pytest.MonkeyPatch) -> None:
    def yes(*_args: Any) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)


def test_a_save_queued_before_a_discard_does_not_bring_the_draft_back(
    qtbot: QtBot, form: IntakeForm, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = SlowDisk(workspace)
    commit_text(qtbot, form.content, "楼上漏水")
    form.save_now()
    qtbot.waitUntil(disk.saving.is_set)  # the writer is busy with this save
    commit_text(qtbot, form.content, "，已三天")
    form.save_now()  # and this one waits behind it
    discarded = form.current_draft().id
    _confirm(monkeypatch)
    with watching():
        form.start_new()  # 新建: the operator gives this draft up
        qtbot.wait(50)
    disk.gate.set()
    form.flush().wait(10)
    assert workspace.drafts.latest(workspace.seat.seat_id) is None, "the discarded draft came back"
    assert form.current_draft().id != discarded


def test_discarding_a_draft_never_waits_for_the_disk(
    qtbot: QtBot, form: IntakeForm, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = SlowDisk(workspace)
    commit_text(qtbot, form.content, "路灯不亮")
    form.save_now()
    qtbot.waitUntil(disk.saving.is_set)
    _confirm(monkeypatch)
    with watching():
        form.start_new()
        qtbot.wait(200)
    assert form.content.toPlainText() == ""  # the new intake is there at once
    disk.gate.set()


def test_a_late_save_of_the_old_draft_does_not_count_for_the_new_one(
    qtbot: QtBot, form: IntakeForm, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = SlowDisk(workspace)
    for n in range(5):
        commit_text(qtbot, form.content, str(n))
    form.save_now()  # revision 5 of the old draft, held up on the disk
    qtbot.waitUntil(disk.saving.is_set)
    _confirm(monkeypatch)
    form.start_new()
    disk.gate.set()
    assert form.flush().wait(5)
    qtbot.wait(50)  # its answer reaches the form, which shows the new draft by now
    for n in range(5):
        commit_text(qtbot, form.content, str(n))  # the new draft reaches revision 5 too
    form.save_now()
    qtbot.waitUntil(lambda: workspace.drafts.latest(workspace.seat.seat_id) is not None, timeout=5000)
    latest = workspace.drafts.latest(workspace.seat.seat_id)
    assert latest is not None and latest[0].id == form.current_draft().id
    assert latest[0].content == "01234"
