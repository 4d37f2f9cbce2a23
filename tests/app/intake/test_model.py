"""The seat's intake model is made ready off the GUI thread: weights trained for the examples and
catalogue in use are loaded, anything else is refused with its reason (then retrained, or the keyword
baseline is used), training runs in a process of its own, and the seat never imports scikit-learn."""

from __future__ import annotations

import base64
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.taxonomy import Taxonomy
from app.intake.classifier import KeywordClassifier, LearnedClassifier
from app.intake.model import ready_classifier, weights_file
from app.intake.weights import (
    Weights,
    WeightsError,
    examples_file,
    key_for,
    leaves_of,
    read_weights,
    training_key,
    write_weights,
)


@pytest.fixture(autouse=True)
def built_without_weights(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A source checkout: no weights trained at build time (tests/conftest.py ships some)."""
    monkeypatch.setattr("app.intake.model.shipped_weights_file", lambda: tmp_path / "not-built.json")


def test_weights_trained_for_the_catalogue_in_use_are_loaded(
    taxonomy: Taxonomy, weights: Weights, tmp_path: Path
) -> None:
    assert weights.key == key_for(taxonomy)
    write_weights(weights_file(tmp_path), weights)
    classifier = ready_classifier(tmp_path, taxonomy, train=False)
    assert isinstance(classifier, LearnedClassifier) and classifier.key == weights.key
    assert classifier.categories("小区电梯坏了好几天了")[0].code == "CJ.WY.DT"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format": 1, "key": "', "unreadable"),  # cut off while being copied
        (b"\xff\xfe not even text", "unreadable"),
        (b"[]", "format None"),
        (b'{"format": 99}', "format 99"),
    ],
)
def test_a_corrupt_weights_file_gives_the_keyword_baseline_and_says_why(
    taxonomy: Taxonomy, tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes, reason: str
) -> None:
    weights_file(tmp_path).write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="app.intake.model"):
        classifier = ready_classifier(tmp_path, taxonomy, train=False)
    assert isinstance(classifier, KeywordClassifier)
    assert reason in caplog.text and str(weights_file(tmp_path)) in caplog.text


def test_weights_of_another_catalogue_or_examples_are_refused(
    taxonomy: Taxonomy, weights: Weights, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_weights(weights_file(tmp_path), Weights("0123456789abcdef", weights.kinds, weights.categories))
    with caplog.at_level(logging.WARNING, logger="app.intake.model"):
        classifier = ready_classifier(tmp_path, taxonomy, train=False)
    assert isinstance(classifier, KeywordClassifier)
    assert "trained for '0123456789abcdef'" in caplog.text


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"indexes": base64.b64encode(bytes([6, 0]) * 3).decode()}, "name classes that do not exist"),
        ({"weights": base64.b64encode(b"\0\0\xc0\x7f").decode()}, "do not add up"),
        ({"weights": "not base64!"}, "malformed weights"),
        ({"intercepts": [0.0]}, "intercepts do not match"),
        ({"scale": -1}, "scale must be a positive number"),
        ({"mass": [0.0, 1.0]}, "their mass does not match"),
        ({"mass": [float("nan")] * 6}, "not a number"),
    ],
)
def test_weights_that_do_not_hold_together_are_refused(
    weights: Weights, tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    path = tmp_path / "w.json"
    write_weights(path, weights)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["kinds"] |= change
    if "indexes" in change:  # one feature, three weights, all for a seventh kind (there are six: 0..5)
        ends = base64.b64encode((3).to_bytes(4, "little")).decode()
        zeros = base64.b64encode(bytes(12)).decode()
        data["kinds"] |= {"features": ["w:投诉"], "ends": ends, "weights": zeros}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WeightsError, match=reason):
        read_weights(path, weights.key)


def test_the_key_changes_with_the_catalogue(taxonomy: Taxonomy) -> None:
    leaves = leaves_of(taxonomy)
    renamed = [dict(leaves[0], name="电梯坏了"), *leaves[1:]]
    examples = examples_file().read_bytes()
    assert training_key(examples, leaves, 2) != training_key(examples, renamed, 2)
    assert training_key(examples, leaves, 2) != training_key(examples, leaves, 3)
    assert training_key(examples, leaves, 2) != training_key(examples + b"\n", leaves, 2)


def test_writing_weights_replaces_the_file_whole(weights: Weights, tmp_path: Path) -> None:
    path = tmp_path / "intake_model.json"
    path.write_text("old", encoding="utf-8")
    write_weights(path, weights)
    assert read_weights(path, weights.key).categories.classes == weights.categories.classes
    assert [p.name for p in tmp_path.iterdir()] == ["intake_model.json"]  # no temporary left behind


SEAT = """
import sys, time
from pathlib import Path
from app.intake.model import ready_classifier, weights_file
from app.intake.classifier import LearnedClassifier
from app.resources import load_taxonomy
import app.intake.model
import app.workspace

folder = Path(sys.argv[1])
# A source checkout without build weights (make run trains some into resources/intake/).
app.intake.model.shipped_weights_file = lambda: folder / "not-built.json"
classifier = ready_classifier(folder, load_taxonomy())
assert isinstance(classifier, LearnedClassifier), type(classifier)
assert weights_file(folder).exists()
found = classifier.categories("我们小区电梯坏了好几天了物业不管")
print(found[0].code, classifier.kinds("我想问一下异地就医备案怎么办理")[0].code)
print(",".join(m for m in ("sklearn", "scipy", "numpy") if m in sys.modules) or "none")
"""


def test_the_seat_trains_in_a_process_of_its_own_and_never_imports_scikit_learn(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SEAT, str(tmp_path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["CJ.WY.DT consultation", "none"]


def test_the_trainer_needs_no_scikit_learn(tmp_path: Path) -> None:
    """Importing scikit-learn took the trainer most of a second (of the two it may take): the models
    are counted with numpy and scipy (tests/app/intake/test_train.py checks them against it)."""
    trains = (
        "import sys; from app.intake.train import main; main(sys.argv[1:]);"
        " print(','.join(m for m in sys.modules if m.split('.')[0] == 'sklearn') or 'none')"
    )
    out = tmp_path / "w.json"
    command = [sys.executable, "-c", trains, "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none" and out.exists()
