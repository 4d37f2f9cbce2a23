"""Intake alarms and extractors on the development set: emergencies, caller name, kind. JSON.

Files of call texts written as callers speak (no punctuation, numbers as spoken, dialect
particles, corrections), each call labelled with the caller's name as the form should show it (""
when none is said), the kind, and the acceptable transfer numbers of an emergency ([] when none):
- tests/data/intake/alarms.jsonl, 291 calls (51 emergencies, 60+ tricky non-emergencies: negated,
  past, feared, 火锅, 跳楼价 ...). The word list and the rules were tuned on most of it (its last 98
  lines were two held-out sets before they were tuned on): its figures show what the rules cover,
  not how they generalize.
- tests/data/intake/alarms_heldout.jsonl, 30 calls written before the word list's version 5 was
  tuned; its misses were read while choosing v5's more general phrases, so it now counts as
  tuned-on (its recall went from 10 % to 100 %, which says little);
- tests/data/intake/alarms_heldout2.jsonl, 30 calls (15 emergencies) written after v5 and never
  tuned on, nor read while v6 was made: the honest figure. Once a miss there is fixed, it too counts
  as tuned-on and a fresh one is due.
- tests/data/intake/alarms_heldout3.jsonl, 30 calls (16 emergencies in words v5 did not have, 14
  near misses) written before v6 by whoever wrote v6: its figure after v6 is the optimistic one.
- tests/data/intake/alarms_heldout4.jsonl, 30 calls (15 emergencies, 15 near misses) written before
  v7 by whoever wrote v7 (recall 13 % on v6). v7 was written by kinds of harm, not line by line from
  this file, but in the same hand and with its words in mind: like set 3, its figure after v7 is the
  optimistic one. Set 2's misses were printed in the run before v7 too, so set 2 also counts as read.
- tests/data/intake/alarms_heldout5.jsonl, 30 calls written after v7 was committed: the figure for
  v7 on phrasings nobody tuned for (recall 31 %, 11 of 16 missed). Its misses were read while v8 was
  made, so after v8 it counts as tuned-on: its figure is the optimistic one.
- tests/data/intake/alarms_heldout6.jsonl, 60 calls (30 emergencies, 30 near misses) written blind,
  by someone who never saw the word list, its rules or the earlier sets: the honest figure for v7
  (recall 60 %, false alarms 10 %). Its misses and false alarms were read while v8 was made (v8 was
  written by kind of harm and way of telling it, not line by line, but with them in mind): after v8
  it is no longer blind, and its figure (100 %, 0 %) is optimistic too. Sentences written by v8's
  author after each pass and before the next (not shipped) were caught at 30 to 57 %, and a last
  batch written after the final pass and never tuned on at 60 % (v7: 50 %).
- tests/data/intake/alarms_heldout7.jsonl, 60 calls (30 emergencies, 30 near misses) written blind
  by a third hand while v8 was being made, read by nobody who made it: the honest figure for v8,
  recall 90 % (3 missed: a smell from a neighbour's door, a man lying in a fast lane, a family on a
  flooded roof) and false alarms 3.3 % (a cry for help from a TV), where v7 gave 77 % and 10 %.
  Once its misses are worked on it is tuned-on like the others, and a fresh blind set is due.

Beside each figure, in the same run, a naive baseline:
- emergency: plain substring match of the same word list, no guards;
- name: 我叫 + two characters, or 我姓 + one;
- kind: the first kind named outright (投诉, 举报 ...), else the most frequent kind of the set.

And the time per update: each call is fed as a live call is, one settled phrase (about eight
characters) at a time, and every extractor runs on the text so far, as the seat does after each
phrase; p50/p95 per update, over every prefix of every call.

Targets (issue 18): emergency recall 100 % with false alarms ≤ 2 %; name ≥ 90 %; kind ≥ 90 %;
an update p95 ≤ 30 ms.

    python -m benchmarks.intake_alarms
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.kinds import Kind
from app.intake.caller import caller_name
from app.intake.emergency import EmergencyList
from app.intake.kind import guess_kind
from app.intake.when import time_mentions
from app.resources import load_emergency_list

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "intake"
DEVSET = DATA / "alarms.jsonl"  # the rules and the word list were tuned on it
HELD_OUT = DATA / "alarms_heldout.jsonl"  # held out until word list v5, which was tuned on it
HELD_OUT_2 = DATA / "alarms_heldout2.jsonl"  # written after v5 and never tuned on
HELD_OUT_3 = DATA / "alarms_heldout3.jsonl"  # written after v5, before v6, and never tuned on
HELD_OUT_4 = DATA / "alarms_heldout4.jsonl"  # written before v7 by v7's author: optimistic
HELD_OUT_5 = DATA / "alarms_heldout5.jsonl"  # written after v7; read while v8 was made: optimistic
HELD_OUT_6 = DATA / "alarms_heldout6.jsonl"  # written blind before v8; read while v8 was made
HELD_OUT_7 = DATA / "alarms_heldout7.jsonl"  # written blind during v8, read by nobody who made it
CALL_AT = datetime(2026, 12, 7, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
PHRASE = 8  # characters a settled phrase adds, about two seconds of speech


@dataclass(frozen=True)
class Call:
    text: str
    name: str
    kind: Kind
    emergency: tuple[str, ...]  # acceptable transfer numbers; empty: no emergency


def load(path: Path = DEVSET) -> list[Call]:
    calls = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        calls.append(Call(row["text"], row["name"], Kind(row["kind"]), tuple(row["emergency"])))
    return calls


def emergency_figures(calls: list[Call], numbers: Callable[[str], list[str]]) -> dict[str, Any]:
    """Miss and false-alarm rates, and how often the first number raised is one to transfer to."""
    real = [c for c in calls if c.emergency]
    quiet = [c for c in calls if not c.emergency]
    raised = {c.text: numbers(c.text) for c in calls}
    caught = [c for c in real if raised[c.text]]
    false_alarms = [c.text for c in quiet if raised[c.text]]
    right_number = [c for c in caught if raised[c.text][0] in c.emergency]
    return {
        "emergencies": len(real),
        "non_emergencies": len(quiet),
        "recall": _share(len(caught), len(real)),
        "miss_rate": _share(len(real) - len(caught), len(real)),
        "false_alarm_rate": _share(len(false_alarms), len(quiet)),
        "right_number": _share(len(right_number), len(caught)),
        "missed": [c.text for c in real if not raised[c.text]],
        "false_alarms": false_alarms,
    }


def name_figures(calls: list[Call], extract: Callable[[str], str]) -> dict[str, Any]:
    """Precision over the names given, recall over the names said, accuracy over all calls (saying
    none when none was said counts as right)."""
    got = {c.text: extract(c.text) for c in calls}
    given = [c for c in calls if got[c.text]]
    said = [c for c in calls if c.name]
    right = [c for c in given if got[c.text] == c.name]
    return {
        "names_said": len(said),
        "precision": _share(len(right), len(given)),
        "recall": _share(len(right), len(said)),
        "accuracy": _share(sum(got[c.text] == c.name for c in calls), len(calls)),
        "wrong": [f"{c.text} → {got[c.text]!r} (want {c.name!r})" for c in calls if got[c.text] != c.name],
    }


def kind_figures(calls: list[Call], classify: Callable[[str], Kind | None]) -> dict[str, Any]:
    got = {c.text: classify(c.text) for c in calls}
    per_kind = {}
    for kind in Kind:
        predicted = [c for c in calls if got[c.text] is kind]
        actual = [c for c in calls if c.kind is kind]
        hits = sum(c.kind is kind for c in predicted)
        per_kind[kind.value] = {
            "calls": len(actual),
            "precision": _share(hits, len(predicted)),
            "recall": _share(hits, len(actual)),
        }
    return {
        "top1": _share(sum(got[c.text] is c.kind for c in calls), len(calls)),
        "no_guess": sum(got[c.text] is None for c in calls),
        "per_kind": per_kind,
    }


def update_times(calls: list[Call], words: EmergencyList) -> dict[str, float]:
    """Milliseconds to run every extractor on the call so far, after each settled phrase."""
    took = []
    for call in calls:
        for end in range(PHRASE, len(call.text) + PHRASE, PHRASE):
            heard = call.text[:end]
            start = time.perf_counter()
            caller_name(heard)
            guess_kind(heard, words.detect(heard))
            time_mentions(heard, CALL_AT)
            took.append((time.perf_counter() - start) * 1000)
    return update_summary(took)


def update_summary(took: list[float]) -> dict[str, Any]:
    """p50/p95/max of per-update milliseconds (the intake benchmarks' one shape)."""
    took = sorted(took)
    return {
        "updates": len(took),
        "p50_ms": round(statistics.median(took), 3),
        "p95_ms": round(took[int(0.95 * (len(took) - 1))], 3),
        "max_ms": round(took[-1], 3),
    }


def naive_emergency(words: EmergencyList) -> Callable[[str], list[str]]:
    def numbers(text: str) -> list[str]:
        plain = re.sub(r"\s+", "", text)
        return [p.number for p in words.phrases if p.phrase in plain]

    return numbers


_NAIVE_NAME = re.compile(r"我叫(..)|我姓(.)")
_KIND_NAMES = {kind.label: kind for kind in Kind}


def naive_name(text: str) -> str:
    said = _NAIVE_NAME.search(text)
    if said is None:
        return ""
    return said.group(1) or said.group(2) + "先生/女士"


def naive_kind(most_common: Kind) -> Callable[[str], Kind | None]:
    def classify(text: str) -> Kind | None:
        named = [(text.find(label), kind) for label, kind in _KIND_NAMES.items() if label in text]
        return min(named, key=lambda found: found[0])[1] if named else most_common

    return classify


def best_kind(words: EmergencyList) -> Callable[[str], Kind | None]:
    def classify(text: str) -> Kind | None:
        guesses = guess_kind(text, words.detect(text))
        return guesses[0].kind if guesses else None

    return classify


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def figures(calls: list[Call], words: EmergencyList) -> dict[str, Any]:
    most_common = Counter(c.kind for c in calls).most_common(1)[0][0]
    return {
        "calls": len(calls),
        "emergency": {
            "ours": emergency_figures(calls, lambda text: [a.number for a in words.detect(text)]),
            "naive_substring": emergency_figures(calls, naive_emergency(words)),
        },
        "name": {
            "ours": name_figures(calls, lambda text: found.text if (found := caller_name(text)) else ""),
            "naive_regex": name_figures(calls, naive_name),
        },
        "kind": {
            "ours": kind_figures(calls, best_kind(words)),
            "naive_kind_word": kind_figures(calls, naive_kind(most_common)),
        },
    }


def main() -> None:
    devset, held_out = load(DEVSET), load(HELD_OUT)
    held_out_2, held_out_3, held_out_4 = load(HELD_OUT_2), load(HELD_OUT_3), load(HELD_OUT_4)
    held_out_5, held_out_6, held_out_7 = load(HELD_OUT_5), load(HELD_OUT_6), load(HELD_OUT_7)
    words = load_emergency_list()
    # The first call pays the one-off loads (cn2an's import, the names dictionary) outside the timing.
    caller_name("我是周边居民")
    time_mentions("昨天晚上十点", CALL_AT)
    report = {
        "emergency_list_version": words.version,
        "devset": figures(devset, words),
        "held_out": figures(held_out, words),
        "held_out_2": figures(held_out_2, words),
        "held_out_3": figures(held_out_3, words),
        "held_out_4": figures(held_out_4, words),
        "held_out_5": figures(held_out_5, words),
        "held_out_6_blind": figures(held_out_6, words),
        "held_out_7_blind": figures(held_out_7, words),
        "update": update_times(devset + held_out, words),
        "targets": {
            "emergency_recall": 1.0,
            "false_alarm_rate_max": 0.02,
            "name": 0.9,
            "kind": 0.9,
            "p95_ms": 30,
        },
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
