"""The workspace's intake model is made on first use, not when the seat opens, and follows the
catalogue the seat switches to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config.settings import Config
from app.domain.taxonomy import Taxonomy
from app.intake.classifier import LearnedClassifier
from app.intake.model import weights_file
from app.intake.train import train
from app.intake.weights import examples_file, leaves_of, write_weights
from app.paths import AppPaths
from app.reference import TAXONOMY, read_document, retired_between, taxonomy_of
from app.workspace import Workspace
from tests.sync.reference_files import drop_leaf, reference_folder


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(AppPaths.under(tmp_path / "home"), Config())
    yield ws
    ws.close()


def _weights_for(workspace: Workspace, taxonomy: Taxonomy) -> None:
    """What the trainer would write for `taxonomy` (trained here, so no test waits for the process)."""
    write_weights(
        weights_file(workspace.paths.data_dir), train(examples_file(), leaves_of(taxonomy), taxonomy.version)
    )


def test_the_intake_model_is_made_on_first_use_and_kept(workspace: Workspace) -> None:
    assert not weights_file(workspace.paths.data_dir).exists()  # opening the seat neither trains nor loads
    _weights_for(workspace, workspace.taxonomy)
    first = workspace.classifier()
    assert isinstance(first, LearnedClassifier)
    assert workspace.classifier() is first


def test_after_a_catalogue_switch_the_model_is_the_new_catalogues(
    workspace: Workspace, tmp_path: Path
) -> None:
    _weights_for(workspace, workspace.taxonomy)
    before = workspace.classifier()
    folder = reference_folder(tmp_path / "reference")
    drop_leaf(folder, "CJ.WY.DT")
    document = read_document(folder, TAXONOMY)
    assert document is not None
    workspace.reference.save(document, retired=retired_between(workspace.taxonomy, taxonomy_of(document)))
    workspace.switch(workspace.load_reference())
    _weights_for(workspace, workspace.taxonomy)

    after = workspace.classifier()
    assert after is not before and isinstance(after, LearnedClassifier)
    assert after.taxonomy is workspace.taxonomy
    assert "CJ.WY.DT" not in {s.code for s in after.categories("我们小区的电梯坏了好几天", k=10)}
