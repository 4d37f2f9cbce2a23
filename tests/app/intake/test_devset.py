"""The development set of call texts (tests/data/intake/calls.jsonl, benchmarks/intake.py) holds
what the benchmark's figures need: every label is one the seat could produce, so a miss is the
extractor's, never the file's."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from app.domain.kinds import Kind
from app.domain.taxonomy import Taxonomy
from app.intake.classifier import learned_classifier
from app.intake.emergency import NUMBERS
from app.intake.places import jurisdiction
from app.intake.validation import normalize_phone
from app.intake.weights import Weights
from app.resources import load_emergency_list, load_taxonomy
from benchmarks.intake import emergencies, load

CALLS = Path(__file__).resolve().parents[2] / "data" / "intake" / "calls.jsonl"
ROWS = [json.loads(line) for line in CALLS.read_text(encoding="utf-8").splitlines()]
KEYS = {"id", "city", "text", "kind", "category", "phone", "name", "district", "emergency"}


def test_every_call_has_exactly_the_labelled_fields() -> None:
    assert [row["id"] for row in ROWS if set(row) != KEYS] == []


def test_ids_are_unique() -> None:
    assert [i for i, n in Counter(row["id"] for row in ROWS).items() if n > 1] == []


def test_every_category_is_a_leaf_of_the_catalogue() -> None:
    taxonomy = load_taxonomy()
    leaves = {category.code for category in taxonomy.leaves()}
    assert [row["id"] for row in ROWS if row["category"] not in leaves] == []


def test_every_kind_is_a_request_kind() -> None:
    kinds = {kind.value for kind in Kind}
    assert [row["id"] for row in ROWS if row["kind"] not in kinds] == []


def test_every_phone_is_as_normalize_phone_gives_it() -> None:
    assert [r["id"] for r in ROWS if r["phone"] and normalize_phone(r["phone"]) != r["phone"]] == []


def test_every_district_is_one_its_citys_resolver_labels() -> None:
    def labelled(row: dict[str, str]) -> bool:
        place = jurisdiction(row["city"]).resolve(row["district"])
        return place is not None and place.label == row["district"]

    assert [row["id"] for row in ROWS if row["district"] and not labelled(row)] == []


def test_every_emergency_names_transfer_numbers() -> None:
    assert [r["id"] for r in ROWS if not set(r["emergency"]) <= NUMBERS] == []


def test_the_text_is_spoken_without_punctuation_or_digits() -> None:
    written = [r["id"] for r in ROWS if any(ch.isdigit() or ch in "，。？！,.?!" for ch in r["text"])]
    assert written == []


@pytest.mark.parametrize(
    ("what", "least"),
    [("calls", 400), ("categories", 150), ("cities", 7), ("emergencies", 30), ("with_phone", 200)],
)
def test_the_set_is_large_and_varied_enough(what: str, least: int) -> None:
    counts = {
        "calls": len(ROWS),
        "categories": len({row["category"] for row in ROWS}),
        "cities": len({row["city"] for row in ROWS}),
        "emergencies": sum(bool(row["emergency"]) for row in ROWS),
        "with_phone": sum(bool(row["phone"]) for row in ROWS),
    }
    assert counts[what] >= least


def test_every_kind_is_present() -> None:
    assert {row["kind"] for row in ROWS} == {kind.value for kind in Kind}


def test_the_model_and_the_emergency_list_keep_their_figures_on_the_set(
    taxonomy: Taxonomy, weights: Weights
) -> None:
    """What benchmarks/intake.py measured (kind 88.5 %, category top-3 88.8 %, emergencies all heard
    with 0.5 % false alarms), less a small margin: a change that loses more is a regression. The set
    stays held out: these figures are read, never tuned on."""
    model, words = learned_classifier(taxonomy, weights), load_emergency_list()
    calls = load()
    kinds = sum(model.kinds(c.heard, words.detect(c.heard))[0].code == c.kind for c in calls)
    top3 = sum(c.category in [s.code for s in model.categories(c.heard, 3)] for c in calls)
    assert kinds / len(calls) >= 0.875
    assert top3 / len(calls) >= 0.875
    figures = emergencies(calls, words)
    assert figures["recall"] == 1.0 and figures["false_alarm_rate"] <= 0.01
