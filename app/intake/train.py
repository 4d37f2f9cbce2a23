"""Train the intake model: `python -m app.intake.train --out FILE [--taxonomy YAML | --leaves -]`.

Two linear models over the features of app.intake.features, both complement naive Bayes exactly as
scikit-learn's ComplementNB fits it (tests/app/intake/test_train.py checks it against ComplementNB),
counted sparse with numpy and scipy: 诉求类型 on the shipped example texts
(resources/intake/examples.jsonl); 事项分类 on the same texts plus weak examples the catalogue gives
every leaf (its name, keywords and guided questions), so a leaf without written examples is still
known. Only the weights that matter are kept (per class the strongest by size) and written for the
seat, which scores in plain Python: this module, numpy and scipy are never imported by the seat
process. Training takes about a second: most of it is jieba's dictionary. It runs in its own
process, at build time for the shipped catalogue and on a seat when the catalogue (a reference-data
switch) or the examples change.

`--cross-validate` prints the model's and the keyword baseline's figures on the examples (5-fold);
`--kinds-on FILE` their kind top-1 on other labelled texts (e.g. tests/data/intake/alarms.jsonl).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.sparse import csr_matrix

from app.domain.kinds import Kind
from app.domain.taxonomy import Taxonomy
from app.intake.features import feature_values
from app.intake.weights import LinearModel, Weights, examples_file, leaves_of, training_key, write_weights

if TYPE_CHECKING:
    from app.intake.classifier import Classifier, Suggested

log = logging.getLogger(__name__)
# Strongest weights kept per class, as measured best in --cross-validate: for categories 60 (fewer
# lose words that matter, more keep words every category shares); for kinds all (a kind is said in
# many small words, and with six classes all are few: 4000 a class lost 3 points on the calls).
KEEP_PER_CLASS: dict[str, int | None] = {"kinds": None, "categories": 60}
_WEAK = 1.0  # weight of a leaf's name, keyword or question as an example (0.25 to 3 measured: 1 best)
_MIN_WEIGHT = 0.01
_KINDS_ALPHA = 0.1  # 0.03 to 0.3 measured, 0.1 best in --cross-validate
_KINDS_SCALE = 3.0  # least held-out log-loss (5-fold): mean top-1 confidence 0.89 with 91 % right
_ALPHA = 0.6  # smoothing of the counts (0.3 to 2 measured, 0.6 best in --cross-validate)
# Softmax temperature making category scores confidences: the least held-out log-loss (there the mean
# top-1 confidence was 0.77 with 76 % right).
_CATEGORY_SCALE = 30.0


@dataclass(frozen=True)
class Example:
    text: str
    kind: str
    category: str


def read_examples(path: Path) -> list[Example]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            found.append(Example(row["text"], Kind(row["kind"]).value, row["category"]))
        except (ValueError, KeyError, TypeError) as error:  # a kind that is not one raises ValueError
            raise ValueError(f"{path}:{number}: expected {{text, kind, category}} ({error})") from None
    return found


def weak_texts(leaf: Mapping[str, Any]) -> list[str]:
    """What the catalogue itself says of a leaf, as texts: its name, keywords and questions."""
    return [leaf["name"], *leaf["keywords"], "".join(leaf["keywords"]), *leaf["questions"]]


@cache
def _values(text: str) -> dict[str, float]:
    """A text's features, worked out once: the kinds and the categories are fitted on the same texts."""
    return feature_values(text)


def _matrix(analyses: Sequence[Mapping[str, float]]) -> tuple[Any, list[str]]:
    """The texts' feature values as a sparse matrix over the features seen in two texts or more
    (one seen once is that text's accident, not a pattern), and those features in column order."""
    seen = Counter(feature for values in analyses for feature in values)
    columns = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n > 1))}
    indptr, indices, data = [0], [], []
    for found in analyses:
        for feature, value in found.items():
            if (column := columns.get(feature)) is not None:
                indices.append(column)
                data.append(value)
        indptr.append(len(indices))
    matrix = csr_matrix((data, indices, indptr), shape=(len(analyses), len(columns)))
    return matrix, list(columns)


def _pruned(
    rows: Iterable[tuple[Any, Any]], features: Sequence[str], keep: int | None
) -> dict[str, list[tuple[int, float]]]:
    """Per class its `keep` strongest weights (None: all), by feature; `rows` holds per class the
    columns (features) it weighs and their weights."""
    kept: dict[str, list[tuple[int, float]]] = {}
    for index, (columns, row) in enumerate(rows):
        size = np.abs(row)
        if keep is None or keep >= len(row):
            strongest = np.arange(len(row))
        else:
            strongest = np.argpartition(-size, keep)[:keep]
        strongest = strongest[size[strongest] >= _MIN_WEIGHT]
        for j in strongest[np.argsort(columns[strongest], kind="stable")].tolist():
            kept.setdefault(features[columns[j]], []).append((index, float(row[j])))
    return kept


def fit_kinds(texts: Sequence[str], kinds: Sequence[str]) -> LinearModel:
    """诉求类型: complement naive Bayes as for the categories. It held out better than a logistic
    regression (on the development set 87 % against 86 %, 5-fold on the examples 91.5 % against 91 %:
    the examples are short, the calls long, and counting carries over from one to the other better
    than fitted weights), and it needs no scikit-learn: the trainer starts a second sooner."""
    keep = KEEP_PER_CLASS["kinds"]
    return complement_nb(texts, kinds, [1.0] * len(texts), _KINDS_ALPHA, keep, _KINDS_SCALE)


def fit_categories(texts: Sequence[str], codes: Sequence[str], weights: Sequence[float]) -> LinearModel:
    """事项分类: complement naive Bayes, the linear model for many classes with few texts each: one
    pass of counting, where a logistic regression over 370 classes takes minutes."""
    return complement_nb(texts, codes, weights, _ALPHA, KEEP_PER_CLASS["categories"], _CATEGORY_SCALE)


def complement_nb(
    texts: Sequence[str],
    labels: Sequence[str],
    weights: Sequence[float],
    alpha: float,
    keep: int | None,
    scale: float,
) -> LinearModel:
    """Complement naive Bayes (Rennie et al. 2003) as scikit-learn's ComplementNB fits it, counted
    sparse: ComplementNB's dense arrays of classes x features would take the trainer to 400 MB.

    ComplementNB scores class c by the sum, over the text's features f (of value x_f), of
    x_f * (log S_c - log(n_f + a - n_cf)), S_c being the class's complement count over all features.
    Less log(n_f + a), the same for every class (it never changes the ranking), that is a sparse
    weight, log(n_f + a) - log(n_f + a - n_cf) (how much rarer f is outside the class than overall:
    nothing where the class never saw f), plus log S_c times the summed values, the model's `mass`
    (only its differences between classes matter: it is kept centred)."""
    matrix, features = _matrix([_values(text) for text in texts])
    classes, rows = np.unique(np.asarray(labels), return_inverse=True)
    belongs = csr_matrix((np.asarray(weights, dtype=float), (rows, np.arange(len(rows)))))
    counts = (belongs @ matrix).tocsr()  # classes x features, weighted
    overall = np.asarray(counts.sum(axis=0)).ravel() + alpha
    complement = np.log(overall.sum() - np.asarray(counts.sum(axis=1)).ravel())
    seen = overall[counts.indices]
    counts.data = np.log(seen) - np.log(seen - counts.data)
    spans = zip(counts.indptr[:-1], counts.indptr[1:], strict=True)
    runs = ((counts.indices[a:b], counts.data[a:b]) for a, b in spans)
    kept = _pruned(runs, features, keep)
    mass = (complement - complement.mean()).tolist()
    return LinearModel.of(list(map(str, classes)), [0.0] * len(classes), kept, scale=scale, mass=mass)


def train(examples: Path, leaves: Sequence[Mapping[str, Any]], version: int) -> Weights:
    key = training_key(examples.read_bytes(), leaves, version)
    return train_on(read_examples(examples), leaves, key)


def train_on(written: Sequence[Example], leaves: Sequence[Mapping[str, Any]], key: str) -> Weights:
    known = {leaf["code"] for leaf in leaves}
    texts = [e.text for e in written if e.category in known]
    codes = [e.category for e in written if e.category in known]
    weights = [1.0] * len(texts)
    for leaf in leaves:
        for text in weak_texts(leaf):
            texts.append(text)
            codes.append(leaf["code"])
            weights.append(_WEAK)
    kinds = fit_kinds([e.text for e in written], [e.kind for e in written])
    categories = fit_categories(texts, codes, weights)
    return Weights(key, kinds, categories)


def cross_validate(examples: Path, taxonomy: Taxonomy, folds: int = 5, seed: int = 18) -> dict[str, Any]:
    """The learned model against the keyword baseline on the examples it did not see: each of `folds`
    parts is classified by a model trained on the others (and the catalogue's weak examples)."""
    from app.intake.classifier import keyword_classifier, learned_classifier

    written = read_examples(examples)
    leaves = leaves_of(taxonomy)
    order = list(range(len(written)))
    random.Random(seed).shuffle(order)
    hits: Counter[str] = Counter()
    baseline = keyword_classifier(taxonomy)
    for fold in range(folds):
        held = {i for n, i in enumerate(order) if n % folds == fold}
        kept = [e for i, e in enumerate(written) if i not in held]
        model = learned_classifier(taxonomy, train_on(kept, leaves, "cv"))
        for i in held:
            hits += _hits("model", model, written[i]) + _hits("keywords", baseline, written[i])
    return {name: round(n / len(written), 3) for name, n in sorted(hits.items())} | {"examples": len(written)}


def kinds_on(texts: Sequence[Mapping[str, str]], weights: Weights, taxonomy: Taxonomy) -> dict[str, Any]:
    """Kind top-1 of the model and of the baseline on labelled texts it was not trained on."""
    from app.intake.classifier import keyword_classifier, learned_classifier

    model, baseline = learned_classifier(taxonomy, weights), keyword_classifier(taxonomy)
    hits: Counter[str] = Counter()
    for row in texts:
        for name, classifier in (("model", model), ("keywords", baseline)):
            hits[name] += _top(classifier.kinds(row["text"])) == row["kind"]
    figures = {f"{name} kind top-1": round(n / len(texts), 3) for name, n in hits.items()}
    return figures | {"texts": len(texts)}


def _hits(name: str, classifier: Classifier, example: Example) -> Counter[str]:
    categories = [s.code for s in classifier.categories(example.text, 3)]
    return Counter({
        f"{name} kind top-1": _top(classifier.kinds(example.text)) == example.kind,
        f"{name} category top-1": categories[:1] == [example.category],
        f"{name} category top-3": example.category in categories,
    })  # fmt: skip


def _top(found: Sequence[Suggested]) -> str | None:
    return found[0].code if found else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.intake.train", description=__doc__)
    parser.add_argument("--out", type=Path, help="the weights file to write")
    parser.add_argument("--examples", type=Path, default=None, help="training texts (default: shipped)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--taxonomy", type=Path, help="a taxonomy.yaml (default: the shipped one)")
    source.add_argument("--leaves", help="'-': the catalogue's leaves as JSON on stdin {version, leaves}")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="print the model's and the baseline's figures on the examples, 5-fold, as JSON (writes nothing)",
    )
    parser.add_argument(
        "--kinds-on",
        type=Path,
        help="print kind top-1 on this JSON-lines file of "
        "{text, kind}, model (trained on all examples) and baseline (writes nothing)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    examples = args.examples or examples_file()
    if args.cross_validate or args.kinds_on:
        from app.resources import load_taxonomy

        taxonomy = load_taxonomy(args.taxonomy.parent if args.taxonomy else None)
        if args.cross_validate:
            print(json.dumps(cross_validate(examples, taxonomy), ensure_ascii=False, indent=1))
        if args.kinds_on:
            lines = args.kinds_on.read_text(encoding="utf-8").splitlines()
            rows = [json.loads(line) for line in lines if line.strip()]
            weights = train(examples, leaves_of(taxonomy), taxonomy.version)
            print(json.dumps(kinds_on(rows, weights, taxonomy), ensure_ascii=False, indent=1))
        return 0
    if args.out is None:
        parser.error("--out is required to train")
    if args.leaves == "-":
        given = json.load(sys.stdin)
        leaves, version = given["leaves"], int(given["version"])
    else:
        from app.resources import load_taxonomy

        taxonomy = load_taxonomy(args.taxonomy.parent if args.taxonomy else None)
        leaves, version = leaves_of(taxonomy), taxonomy.version
    started = time.perf_counter()
    weights = train(examples, leaves, version)
    write_weights(args.out, weights)
    log.info(
        "intake model %s: %d kinds, %d categories, %d + %d features, %.1f s, written to %s",
        weights.key, len(weights.kinds.classes), len(weights.categories.classes),
        len(weights.kinds.runs), len(weights.categories.runs), time.perf_counter() - started, args.out,
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
