"""The intake model's weights file: what training writes and the seat scores with, in plain Python.

One JSON file per trained model holds two sparse linear models (诉求类型 and 事项分类), each as classes,
intercepts and, per feature, the classes it weighs for. Training keeps only the weights that matter,
so the file is small and loads in a few dozen milliseconds without scikit-learn or numpy.

A file is keyed by what it was trained from (`training_key`: the example texts, the catalogue's
leaves, the dictionary and the feature version). A seat only scores with a file whose key matches what
it has now; anything else (another catalogue, a truncated or hand-edited file) is refused with the
reason, and the seat retrains or falls back to the keyword baseline.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import os
import sys
import tempfile
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from app.domain.taxonomy import Taxonomy
from app.intake.features import FEATURES_VERSION
from app.lexicon import dict_dir
from app.paths import resources_dir

FORMAT: Final = 2  # of the file itself; a file of another format is refused (2: a model's `mass`)
FILE_NAME: Final = "intake_model.json"


class WeightsError(ValueError):
    """A weights file the seat will not score with; the message says which file and why."""


def examples_file() -> Path:
    """The shipped training texts (one JSON object a line: text, kind, category)."""
    return resources_dir() / "intake" / "examples.jsonl"


def shipped_weights_file() -> Path:
    """Weights trained at build time for the shipped catalogue (absent in a source checkout)."""
    return resources_dir() / "intake" / FILE_NAME


def leaves_of(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """What training takes from the catalogue: each leaf's code, name, keywords and questions."""
    return [
        {"code": leaf.code, "name": leaf.name, "keywords": list(leaf.keywords),
         "questions": [q.ask for q in leaf.questions]}
        for leaf in taxonomy.leaves()
    ]  # fmt: skip


def training_key(examples: bytes, leaves: Sequence[Mapping[str, Any]], version: int) -> str:
    """Names one training run's inputs: equal keys, equal weights."""
    sha = hashlib.sha256(f"{FORMAT}/{FEATURES_VERSION}/{version}\0".encode())
    sha.update(examples + b"\0")
    sha.update(json.dumps(leaves, ensure_ascii=False, sort_keys=True).encode() + b"\0")
    for name in ("userdict.txt", "synonyms.txt"):  # they decide how the texts are cut into words
        sha.update((dict_dir() / name).read_bytes() + b"\0")
    return sha.hexdigest()[:16]


def key_for(taxonomy: Taxonomy, examples: Path | None = None) -> str:
    return training_key((examples or examples_file()).read_bytes(), leaves_of(taxonomy), taxonomy.version)


@dataclass(frozen=True)
class LinearModel:
    """Scores of each class: intercept plus the summed weights of the features present, plus per
    class its `mass` weight times the summed values of those features (complement naive Bayes
    weighs every known feature of the text by how large the class's complement is).

    The weights are flat arrays (class index, weight), each feature owning one run of them: about
    six bytes a weight and one small tuple a feature, where lists of floats would take ten times that."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    runs: Mapping[str, tuple[int, int]]  # feature -> its [start, end) in indexes and weights
    indexes: array[int]  # of classes
    weights: array[float]
    scale: float = 1.0  # of the scores before the softmax that makes them confidences
    mass: tuple[float, ...] = ()  # per class, or none

    @classmethod
    def of(
        cls,
        classes: Sequence[str],
        intercepts: Sequence[float],
        weighed: Mapping[str, Sequence[tuple[int, float]]],
        scale: float = 1.0,
        mass: Sequence[float] = (),
    ) -> LinearModel:
        """From each feature's (class index, weight) pairs."""
        runs: dict[str, tuple[int, int]] = {}
        indexes, weights = array("H"), array("f")
        for feature, pairs in weighed.items():
            runs[feature] = (len(indexes), len(indexes) + len(pairs))
            for index, weight in pairs:
                indexes.append(index)
                weights.append(weight)
        return cls(tuple(classes), tuple(intercepts), runs, indexes, weights, scale, tuple(mass))

    def scores(self, values: Mapping[str, float]) -> tuple[list[float], dict[str, float]]:
        """The classes' scores for a text's feature values, and the features that weighed (with
        their values: `share` tells what each added to a class)."""
        scores = list(self.intercepts)
        present: dict[str, float] = {}
        indexes, weights = self.indexes, self.weights
        for feature, value in values.items():
            if (run := self.runs.get(feature)) is None:
                continue
            present[feature] = value
            for at in range(*run):
                scores[indexes[at]] += value * weights[at]
        if self.mass and present:
            known = sum(present.values())
            scores = [score + known * mass for score, mass in zip(scores, self.mass, strict=True)]
        return scores, present

    def share(self, feature: str, value: float, index: int) -> float:
        """What `feature` (of `value`) added to the score of class `index`."""
        for at in range(*self.runs[feature]):
            if self.indexes[at] == index:
                return value * self.weights[at]
        return 0.0

    def confidences(self, scores: Sequence[float]) -> list[float]:
        """Softmax: the classes' shares of belief, summing to 1."""
        top = max(scores)
        exps = [math.exp(self.scale * (s - top)) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def to_json(self) -> dict[str, Any]:
        # The arrays as little-endian bytes in base64: loading them is one C call, not a float each.
        return {
            "scale": self.scale,
            "classes": list(self.classes),
            "intercepts": list(self.intercepts),
            "mass": list(self.mass),
            "features": list(self.runs),
            "ends": _packed(array("I", (end for _, end in self.runs.values()))),
            "indexes": _packed(self.indexes),
            "weights": _packed(self.weights),
        }

    @classmethod
    def from_json(cls, data: Any, what: str) -> LinearModel:
        if not isinstance(data, dict):
            raise WeightsError(f"{what}: expected an object")
        classes, intercepts, features = data.get("classes"), data.get("intercepts"), data.get("features")
        scale, mass = data.get("scale"), data.get("mass", [])
        if not isinstance(scale, int | float) or not math.isfinite(scale) or scale <= 0:
            raise WeightsError(f"{what}: scale must be a positive number, got {scale!r}")
        if not isinstance(classes, list) or not classes or not all(isinstance(c, str) for c in classes):
            raise WeightsError(f"{what}: classes must be a non-empty list of codes")
        if not isinstance(intercepts, list) or len(intercepts) != len(classes):
            raise WeightsError(f"{what}: {len(classes)} classes but intercepts do not match")
        if not isinstance(mass, list) or len(mass) not in (0, len(classes)):
            raise WeightsError(f"{what}: {len(classes)} classes but their mass does not match")
        if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
            raise WeightsError(f"{what}: features must be a list of names")
        try:
            bias = tuple(float(b) for b in intercepts)
            masses = tuple(float(m) for m in mass)
            ends = _unpacked("I", data.get("ends"))
            indexes = _unpacked("H", data.get("indexes"))
            weights = _unpacked("f", data.get("weights"))
        except (TypeError, ValueError) as error:
            raise WeightsError(f"{what}: malformed weights ({error})") from None
        if len(ends) != len(features) or len(indexes) != len(weights) or (ends and ends[-1] != len(weights)):
            raise WeightsError(f"{what}: the weights do not add up to the features they are for")
        if any(a > b for a, b in itertools.pairwise(ends)):
            raise WeightsError(f"{what}: the features' runs of weights are out of order")
        if max(indexes, default=0) >= len(classes):
            raise WeightsError(f"{what}: weights name classes that do not exist")
        if not all(map(math.isfinite, (*bias, *masses))) or not all(map(math.isfinite, weights)):
            raise WeightsError(f"{what}: a weight is not a number")
        runs = dict(zip(features, zip([0, *ends], ends, strict=False), strict=True))
        return cls(tuple(classes), bias, runs, indexes, weights, float(scale), masses)


def _packed(values: array[Any]) -> str:
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return base64.b64encode(values.tobytes()).decode("ascii")


def _unpacked(typecode: str, text: object) -> array[Any]:
    if not isinstance(text, str):
        raise TypeError(f"expected base64 text, got {type(text).__name__}")
    values = array(typecode)
    values.frombytes(base64.b64decode(text, validate=True))  # ValueError when cut short
    if sys.byteorder == "big":
        values.byteswap()
    return values


@dataclass(frozen=True)
class Weights:
    key: str
    kinds: LinearModel
    categories: LinearModel


def write_weights(path: Path, weights: Weights) -> None:
    """Atomically: a reader sees the old file or the new one, never half of one."""
    body = {
        "format": FORMAT,
        "key": weights.key,
        "kinds": weights.kinds.to_json(),
        "categories": weights.categories.to_json(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(body, out, ensure_ascii=False, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_weights(path: Path, key: str) -> Weights:
    """The weights in `path` if they were trained for `key`; WeightsError saying why not otherwise."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise WeightsError(f"{path}: no such file") from None
    except (OSError, ValueError) as error:  # unreadable, truncated, not JSON, not UTF-8
        raise WeightsError(f"{path}: unreadable ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise WeightsError(f"{path}: format {found!r}, this seat reads format {FORMAT}")
    if data.get("key") != key:
        raise WeightsError(
            f"{path}: trained for {data.get('key')!r}, not for the examples and catalogue in use ({key})"
        )
    return Weights(
        key,
        LinearModel.from_json(data.get("kinds"), f"{path}: kinds"),
        LinearModel.from_json(data.get("categories"), f"{path}: categories"),
    )
