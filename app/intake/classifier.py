"""What the caller wants (诉求类型) and which category it is (事项分类), guessed from the transcript with
the words that drove each guess, so the operator sees why before accepting it.

Two classifiers behind one interface: the keyword baseline (kind.py's cue words, the catalogue's
keywords) and the learned model (app.intake.train's weights, scored here in plain Python: the seat
never imports scikit-learn). The learned one only suggests categories of the catalogue it is given:
a code a newer catalogue dropped is never offered, and a leaf the weights do not know yet (a
catalogue newer than the training) is suggested by its keywords until the model is retrained.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from app.domain.taxonomy import Taxonomy
from app.intake.emergency import Alarm
from app.intake.features import analyze
from app.intake.kind import guess_kind, named_kind
from app.intake.weights import LinearModel, Weights

WORDS_SHOWN: Final = 5
_LOOKED_AT: Final = 4  # candidates examined per suggestion wanted, for ones the text speaks for


@dataclass(frozen=True)
class Suggested:
    """One ranked guess, explainable."""

    code: str  # Kind value for kinds, leaf code for categories
    confidence: float  # 0..1
    words: tuple[str, ...]  # the words/char-grams of the text that drove it, strongest first


class Classifier(Protocol):
    def kinds(self, text: str, alarms: Sequence[Alarm] = ()) -> list[Suggested]:
        """The kinds `text` points to, best first (empty when it says nothing telling); `alarms`
        are the emergencies heard in it (each a call for help)."""
        ...

    def categories(self, text: str, k: int = 3) -> list[Suggested]:
        """At most `k` leaf codes of the catalogue, best first."""
        ...


class KeywordClassifier:
    """The baseline: kind.py's cue words and the catalogue's keywords."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def kinds(self, text: str, alarms: Sequence[Alarm] = ()) -> list[Suggested]:
        return [
            Suggested(g.kind.value, g.confidence, tuple(dict.fromkeys(cue.word for cue in g.cues)))
            for g in guess_kind(text, alarms)
        ]

    def categories(self, text: str, k: int = 3) -> list[Suggested]:
        return self.matching(text)[:k]

    def matching(self, text: str, among: frozenset[str] | None = None) -> list[Suggested]:
        """Leaves whose keywords are in `text` (only those `among`, when given); a leaf's confidence
        is its share of the matched words, with one word of doubt (as kind.py's prior)."""
        found = [m for m in self.taxonomy.keyword_matches(text) if among is None or m.code in among]
        total = sum(len(m.words) for m in found) + 1
        return [Suggested(m.code, round(len(m.words) / total, 3), m.words) for m in found]


def keyword_classifier(taxonomy: Taxonomy) -> Classifier:
    return KeywordClassifier(taxonomy)


class LearnedClassifier:
    """The trained model (weights from app.intake.train), limited to the catalogue in use."""

    def __init__(self, taxonomy: Taxonomy, weights: Weights) -> None:
        self.taxonomy = taxonomy
        self.key = weights.key
        self._kinds = weights.kinds
        self._categories = weights.categories
        leaves = frozenset(leaf.code for leaf in taxonomy.leaves())
        self._current = leaves
        self._untrained = leaves - set(weights.categories.classes)
        self._keywords = KeywordClassifier(taxonomy)

    def kinds(self, text: str, alarms: Sequence[Alarm] = ()) -> list[Suggested]:
        """The model's kinds, except that a kind the caller names outright (我要投诉), or 求助 for an
        emergency heard, goes first, with the words that named it (kind.named_kind)."""
        found = _ranked(self._kinds, text, None, len(self._kinds.classes))
        named = named_kind(text, alarms)
        if named is None:
            return found
        kind = named.kind.value
        learned = next((s for s in found if s.code == kind), Suggested(kind, 0.0, ()))
        said = tuple(dict.fromkeys(cue.word for cue in named.cues))
        first = Suggested(
            kind,
            max(named.confidence, *(s.confidence for s in [learned, *found[:1]])),
            tuple(dict.fromkeys([*said, *learned.words]))[:WORDS_SHOWN],
        )
        return [first, *(s for s in found if s.code != kind)]

    def categories(self, text: str, k: int = 3) -> list[Suggested]:
        found = _ranked(self._categories, text, self._current, k)
        if self._untrained:
            found += self._keywords.matching(text, self._untrained)[:k]
            found.sort(key=lambda s: -s.confidence)
        return found[:k]


def learned_classifier(taxonomy: Taxonomy, weights: Weights) -> Classifier:
    return LearnedClassifier(taxonomy, weights)


def _ranked(model: LinearModel, text: str, among: frozenset[str] | None, k: int) -> list[Suggested]:
    """The model's `k` likeliest classes for `text` (only those `among`, when given), best first.
    A class nothing in the text speaks for (only greetings, fillers and function words weighed: the
    call has barely begun) is not offered: a guess the operator cannot see a reason for is noise."""
    analysis = analyze(text)
    scores, present = model.scores(analysis.values)
    if not present:
        return []
    confidences = model.confidences(scores)
    wanted = (i for i in range(len(scores)) if among is None or model.classes[i] in among)
    found: list[Suggested] = []
    for i in sorted(wanted, key=lambda i: -confidences[i])[: _LOOKED_AT * k]:
        if words := _words(model, present, i, analysis.readable):
            found.append(Suggested(model.classes[i], round(confidences[i], 3), words))
            if len(found) == k:
                break
    return found


def _words(
    model: LinearModel, present: Mapping[str, float], index: int, readable: Mapping[str, str]
) -> tuple[str, ...]:
    """The text's words that added most to class `index`, strongest first; a word already inside a
    stronger one (电梯 after 电梯坏) is not repeated but a longer one takes the place of what it holds
    (问 then 想问一下: 想问一下), function words (了, 的) are not shown."""
    shares = ((model.share(feature, value, index), feature) for feature, value in present.items())
    words: list[str] = []
    for _, feature in sorted((s for s in shares if s[0] > 0), reverse=True):
        word = readable[feature]
        if not word or any(word in shown for shown in words):
            continue
        inside = [i for i, shown in enumerate(words) if shown in word]  # 问 then 想问一下: the longer
        if inside:
            words[inside[0]] = word
            words = [shown for i, shown in enumerate(words) if i not in inside[1:]]
        elif len(words) < WORDS_SHOWN:
            words.append(word)
    return tuple(words)
