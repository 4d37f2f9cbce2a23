"""The trainer's category model is complement naive Bayes as scikit-learn fits it, counted sparse."""

from __future__ import annotations

import math

import pytest
from sklearn.naive_bayes import ComplementNB

from app.intake import train


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
