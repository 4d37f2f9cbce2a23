"""The intake model trained once for the tests that need one (training takes seconds)."""

from __future__ import annotations

import pytest

from app.domain.taxonomy import Taxonomy
from app.intake.train import train
from app.intake.weights import Weights, examples_file, leaves_of
from app.resources import load_taxonomy


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="session")
def weights(taxonomy: Taxonomy) -> Weights:
    """Trained on the shipped examples for the shipped catalogue."""
    return train(examples_file(), leaves_of(taxonomy), taxonomy.version)
