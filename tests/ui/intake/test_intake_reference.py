"""The intake form follows the catalogue the seat switches to, and a draft keeps a category the new
catalogue dropped, shown under its last name."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.reference import TAXONOMY, read_document, retired_between, taxonomy_of
from app.workspace import Workspace
from tests.sync.reference_files import add_leaf, drop_leaf, reference_folder
from tests.ui.ime import category_edit, commit_text
from ui.intake.intake_form import IntakeForm
from ui.ops import ChangeBus


def _pulled_without(workspace: Workspace, folder: Path, code: str) -> None:
    """What a sync round keeps when the server's catalogue dropped `code` (sync.client.reference)."""
    drop_leaf(folder, code)
    document = read_document(folder, TAXONOMY)
    assert document is not None
    workspace.reference.save(document, retired=retired_between(workspace.taxonomy, taxonomy_of(document)))


def test_a_draft_keeps_a_category_the_new_catalogue_dropped_under_its_last_name(
    form: IntakeForm, bus: ChangeBus, workspace: Workspace, tmp_path: Path
) -> None:
    code = "CJ.WY.DT"
    form.category.setCurrentIndex(form.category.findData(code))
    shown = form.category.currentText()

    _pulled_without(workspace, reference_folder(tmp_path / "reference"), code)
    bus.changed.emit(workspace.switch(workspace.load_reference()))

    assert code not in workspace.taxonomy
    assert form.category.currentData() == code and form.category.currentText() == shown
    assert form.current_draft().category_code == code
    leaves = [form.category.itemData(i) for i in range(1, form.category.count())]
    assert leaves == [leaf.code for leaf in workspace.taxonomy.leaves()] + [code]


def test_a_draft_restored_under_a_retired_category_shows_its_name(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    code = "CJ.WY.DT"
    shown = workspace.category_label(code)
    _pulled_without(workspace, reference_folder(tmp_path / "reference"), code)
    workspace.switch(workspace.load_reference())
    form = IntakeForm(workspace, ChangeBus())
    qtbot.addWidget(form)
    form.load_draft(dataclasses.replace(workspace.new_draft(), category_code=code), 1, restored=True)
    assert form.category.currentData() == code and form.category.currentText() == shown


def test_typing_finds_a_category_of_the_catalogue_switched_to(
    qtbot: QtBot, form: IntakeForm, bus: ChangeBus, workspace: Workspace, tmp_path: Path
) -> None:
    folder = reference_folder(tmp_path / "reference")
    code = add_leaf(folder, "共享单车乱停放")
    document = read_document(folder, TAXONOMY)
    assert document is not None
    workspace.reference.save(document)
    bus.changed.emit(workspace.switch(workspace.load_reference()))

    commit_text(qtbot, category_edit(form), "单车乱停")
    matches = form.category_picker.matches
    qtbot.waitUntil(lambda: matches.rowCount() > 0, timeout=5000)
    assert "共享单车乱停放" in matches.item(0).text()
    assert code in workspace.taxonomy
