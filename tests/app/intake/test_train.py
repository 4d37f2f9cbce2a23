"""The trainer's category model is complement naive Bayes as scikit-learn fits it, counted sparse."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from sklearn.naive_bayes import ComplementNB

from app.intake import train
from app.intake.weights import examples_file


def test_category_weights_are_complement_naive_bayes_as_scikit_learn_fits_it() -> None:
    texts = ["楼上装修电钻吵", "楼上半夜跳舞吵", "电梯坏了困人", "电梯停运好几天"]
    texts += ["公积金提取材料", "公积金贷款额度"]
    codes = ["ST.ZS.ZX", "GA.ZA.SH", "CJ.WY.DT", "CJ.WY.DT", "ZF.GJ.TQ", "ZF.GJ.DK"]
    weights = [1.0, 1.0, 1.0, 0.5, 1.0, 1.0]
    model = train.fit_categories(texts, codes, weights)

    matrix, features = train._matrix([train._values(text) for text in texts])
    reference = ComplementNB(alpha=train._ALPHA).fit(matrix, codes, sample_weight=weights)
    complement = reference.feature_all_ + train._ALPHA - reference.feature_count_
    assert list(model.classes) == list(reference.classes_)
    checked = 0
    for column, feature in enumerate(features):
        if feature not in model.runs:
            continue
        for at in range(*model.runs[feature]):
            c = model.indexes[at]
            # ComplementNB's weight, less its constant per class and its constant per feature
            expected = (
                reference.feature_log_prob_[c, column]
                - math.log(complement[c].sum())
                + math.log(reference.feature_all_[column] + train._ALPHA)
            )
            assert model.weights[at] == pytest.approx(expected, rel=1e-5)
            assert reference.feature_count_[c, column] > 0  # only what the class has seen weighs
            checked += 1
    assert checked > 10  # (features seen in two texts or more: 楼上, 电梯, 公积金 and their grams)


@pytest.mark.parametrize("fit", ["kinds", "categories"])
def test_both_models_rank_as_scikit_learns_complement_naive_bayes(fit: str) -> None:
    """Not only its weights: the whole score, its part for the size of each class's complement
    included, so the same class comes first for any text (six texts of three kinds here)."""
    texts = ["我要投诉楼上装修太吵", "投诉物业不管垃圾", "楼上半夜吵得睡不着", "电梯坏了投诉好几次"]
    texts += ["想问一下公积金怎么提取", "举报有人偷倒垃圾"]
    labels = ["complaint"] * 4 + ["consultation", "report"]
    if fit == "kinds":
        model, alpha = train.fit_kinds(texts, labels), train._KINDS_ALPHA
    else:
        model, alpha = train.fit_categories(texts, labels, [1.0] * len(texts)), train._ALPHA
    matrix, features = train._matrix([train._values(text) for text in texts])
    reference = ComplementNB(alpha=alpha).fit(matrix, labels)
    for text in ["投诉楼上", "公积金想问一下", "有人偷倒", "楼上装修想问一下", "举报物业"]:
        values = train._values(text)
        row = np.array([[values.get(feature, 0.0) for feature in features]])
        expected = reference.predict_joint_log_proba(row)[0]
        scores, _ = model.scores({f: v for f, v in values.items() if f in features})
        # equal but for one amount the same for every class (which never changes the ranking)
        assert np.allclose(np.asarray(scores) - expected, scores[0] - expected[0]), text
        assert model.classes[int(np.argmax(scores))] == reference.predict(row)[0]


def test_the_shipped_examples_speak_of_every_leaf_and_every_kind() -> None:
    from collections import Counter

    from app.domain.kinds import Kind
    from app.intake.weights import examples_file
    from app.resources import load_taxonomy

    examples = train.read_examples(examples_file())
    leaves = {leaf.code for leaf in load_taxonomy().leaves()}
    per_leaf = Counter(e.category for e in examples)
    assert set(per_leaf) == leaves and min(per_leaf.values()) >= 4
    assert {e.kind for e in examples} == {kind.value for kind in Kind}
    assert min(Counter(e.kind for e in examples).values()) >= 80
    assert all(e.text.strip() and not any(mark in e.text for mark in "，。？！,.?!") for e in examples)


@pytest.mark.parametrize(
    "bad", ['{"text": "x"}', '{"text": "x", "kind": "抱怨", "category": "CJ.WY.DT"}', "{"]
)
def test_a_malformed_example_line_is_named(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_text('{"text": "电梯坏了", "kind": "complaint", "category": "CJ.WY.DT"}\n' + bad + "\n")
    with pytest.raises(ValueError, match=r"examples.jsonl:2: expected \{text, kind, category\}"):
        train.read_examples(path)


def test_training_reads_the_same_features_as_the_seat() -> None:
    """Training skips working out the readable words (a third of its time), not a feature."""
    from app.intake.features import analyze, feature_values

    texts = [e.text for e in train.read_examples(examples_file())[::7]]
    texts += ["", "喂你好", "楼下那个KTV每天唱歌唱到凌晨3点 吵死了", "ｘｙｚ 电梯 坏了"]
    assert all(feature_values(text) == analyze(text).values for text in texts)
