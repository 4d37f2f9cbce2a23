"""What the intake model reads in a caller's text: jieba words and character 2- and 3-grams.

The same function feeds training (app.intake.train) and the seat's plain-Python scoring
(app.intake.classifier), so both see exactly the same features. Words carry the meaning jieba and
the shared user dictionary know (异地就医, 公积金); character grams survive what segmentation gets
wrong in ASR text without punctuation (电梯坏了好几天 cut oddly still shares 电梯, 梯坏). Every
feature remembers the words of the text it came from, so a suggestion can say why in words.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from app.lexicon import tokenizer

FEATURES_VERSION: Final = 1  # raise it when what analyze() returns changes: weights are retrained
WORD: Final = "w:"
GRAM: Final = "c:"
# Spoken fillers that say nothing, not even the kind (投诉, 请问 and 吗 do, so they stay).
_FILLERS: Final = frozenset(
    ("喂", "你好", "您好", "那个", "这个", "就是", "然后", "那么", "嗯", "啊", "呢", "吧", "呀", "哦", "哎",
     "呃", "额", "嘛", "哈", "哇", "噢", "诶")
)  # fmt: skip
# Words that weigh (了 tells a complaint from a question) but explain nothing to the operator: an
# explanation never shows them, nor starts or ends with them (了物业 reads 物业).
_UNSHOWN: Final = _FILLERS | frozenset(
    ("了", "的", "地", "得", "着", "也", "在", "我", "我们", "你", "你们", "他", "她", "是", "还", "又", "就",
     "都", "很", "太", "这", "那", "个", "把", "被", "给", "跟", "和", "有", "一", "我家", "好", "大")
)  # fmt: skip
_RUN = re.compile(r"[\w]+")  # letters (Chinese included) and digits; punctuation splits runs


@dataclass(frozen=True)
class Analysis:
    """A text's features, each with its value (binary, scaled to unit length) and readable words."""

    values: dict[str, float]
    readable: dict[str, str]  # feature -> the word(s) of the text it stands for ("": none worth showing)


@lru_cache(maxsize=64)  # the kinds and the categories of a phrase are asked for together
def analyze(text: str) -> Analysis:
    readable = _features(text, explain=True)
    return Analysis(_valued(readable), readable)


def feature_values(text: str) -> dict[str, float]:
    """`analyze(text).values` without working out the readable words: what training needs, in
    two thirds of the time."""
    return _valued(_features(text, explain=False))


def _valued(features: dict[str, str]) -> dict[str, float]:
    if not features:
        return {}
    return dict.fromkeys(features, 1.0 / math.sqrt(len(features)))


def _features(text: str, *, explain: bool) -> dict[str, str]:
    """The text's features in the order found, each with its readable words ("" unless `explain`)."""
    readable: dict[str, str] = {}
    cutter = tokenizer()
    for said in _RUN.findall(text):
        run = said.lower() if len(said.lower()) == len(said) else said  # KTV and ktv are one feature
        words = cutter.lcut(run, HMM=False)
        ends = list(itertools.accumulate(map(len, words)))  # where each word ends in `run`
        shown = [said[end - len(word) : end] for word, end in zip(words, ends, strict=True)]
        for word, as_said in zip(words, shown, strict=True):
            if word not in _FILLERS:
                readable.setdefault(WORD + word, "" if word in _UNSHOWN or not explain else as_said)
        for size in (2, 3):
            for at in range(len(run) - size + 1):
                if (gram := GRAM + run[at : at + size]) not in readable:
                    readable[gram] = _covering(words, shown, ends, at, size) if explain else ""
    return readable


def _covering(words: list[str], shown: list[str], ends: list[int], start: int, size: int) -> str:
    """The words of the run (as said) that the gram at `start` overlaps, without function words at
    either end: 梯坏 in 电梯|坏|了 reads 电梯坏, 了物 in 坏|了|物业 reads 物业, 还在 nothing."""
    first = next(i for i, end in enumerate(ends) if end > start)
    last = next(i for i in range(first, len(ends)) if ends[i] >= start + size)
    while first <= last and words[first] in _UNSHOWN:
        first += 1
    while last >= first and words[last] in _UNSHOWN:
        last -= 1
    return "".join(shown[first : last + 1])
