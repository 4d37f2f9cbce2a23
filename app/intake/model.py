"""The seat's intake model, made ready: load trained weights, or train them in a separate process.

Call `ready_classifier` off the GUI thread. It scores with the first weights file trained for the
examples and catalogue in use: the seat's own (data dir), then the one a build shipped. When neither
fits (first start of a source install, a catalogue switched by sync, new examples), it trains: the
trainer runs as its own process (`python -m app.intake.train`, or the frozen binary's
`--train-intake-model`), so scikit-learn never enters the seat's memory. Whatever goes wrong (no
scikit-learn, a corrupt file, a crash) is logged with its reason and the keyword baseline is used.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Final

from app.domain.taxonomy import Taxonomy
from app.intake.classifier import Classifier, keyword_classifier, learned_classifier
from app.intake.weights import (
    FILE_NAME,
    WeightsError,
    examples_file,
    key_for,
    leaves_of,
    read_weights,
    shipped_weights_file,
)

log = logging.getLogger(__name__)
TRAIN_TIMEOUT: Final = 300.0  # seconds; it takes a few on a busy 2-core PC
TRAIN_FLAG: Final = "--train-intake-model"


def weights_file(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def training_command(*args: str) -> list[str]:
    """How to run `python -m app.intake.train ARGS` from this program: as a module, or through the
    frozen binary (which has no `-m`)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, TRAIN_FLAG, *args]
    return [sys.executable, "-m", "app.intake.train", *args]


def ready_classifier(data_dir: Path, taxonomy: Taxonomy, *, train: bool = True) -> Classifier:
    """A classifier for `taxonomy`: the learned one when weights for it exist or can be trained
    (`train`), else the keyword baseline (the log says why)."""
    try:
        key = key_for(taxonomy)
    except OSError as error:
        log.warning("intake model: no examples to check the weights against (%s); keyword suggestions", error)
        return keyword_classifier(taxonomy)
    own = weights_file(data_dir)
    refused: list[str] = []
    for path in (own, shipped_weights_file()):
        try:
            return learned_classifier(taxonomy, read_weights(path, key))
        except WeightsError as error:
            refused.append(str(error))
    if not train:
        log.warning("intake model: keyword suggestions, no usable weights: %s", "; ".join(refused))
        return keyword_classifier(taxonomy)
    log.info("intake model: training for %s (%s)", key, "; ".join(refused))
    if problem := _train(own, taxonomy):
        log.warning("intake model: keyword suggestions, training failed: %s", problem)
        return keyword_classifier(taxonomy)
    try:
        return learned_classifier(taxonomy, read_weights(own, key))
    except WeightsError as error:
        log.warning("intake model: keyword suggestions, the trained weights were refused: %s", error)
        return keyword_classifier(taxonomy)


def _train(out: Path, taxonomy: Taxonomy) -> str | None:
    """Train into `out` in a separate process; what went wrong, or None."""
    given = json.dumps({"version": taxonomy.version, "leaves": leaves_of(taxonomy)}, ensure_ascii=False)
    command = training_command("--out", str(out), "--leaves", "-", "--examples", str(examples_file()))
    # One thread: the PC's second core stays with the seat (and the numbers are the same either way).
    env = os.environ | {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    try:
        done = subprocess.run(
            command, input=given, capture_output=True, text=True, timeout=TRAIN_TIMEOUT, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return f"exit {done.returncode}: {lines[-1] if lines else 'no message'}"
    return None
