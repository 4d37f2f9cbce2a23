"""The guided-intake benchmark: its figures count what they say they count, and it runs end to end
on a few calls of the development set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.resources import load_emergency_list
from benchmarks.intake import Call, emergencies, field_figures, targets

ROOT = Path(__file__).resolve().parents[2]


def call(id: str, text: str = "", name: str = "", emergency: tuple[str, ...] = ()) -> Call:
    return Call(id, "海滨市", text, "complaint", "CJ.WY.DT", "", name, "", emergency)


def test_a_field_is_precise_over_the_values_given_and_recalls_over_the_values_said() -> None:
    calls = [call("a", name="刘先生"), call("b", name="张伟"), call("c"), call("d")]
    got = {"a": "刘先生", "b": "", "c": "王女士", "d": ""}
    figures = field_figures(calls, lambda c: c.name, got)
    assert (figures["precision"], figures["recall"], figures["accuracy"]) == (0.5, 0.5, 0.5)
    assert figures["wrong"] == ["b: '' (want '张伟')", "c: '王女士' (want '')"]


def test_misses_count_over_emergencies_and_false_alarms_over_the_other_calls() -> None:
    calls = [
        call("a", "我家楼下着火了", emergency=("119",)),
        call("b", "你们过来看一下吧", emergency=("120",)),  # labelled so: what a miss is, whatever the rules
        call("c", "上次着火的事想问一下"),
        call("d", "厨房着火了"),  # labelled as no emergency: what a false alarm is, whatever the rules
    ]
    figures = emergencies(calls, load_emergency_list())
    assert (figures["recall"], figures["miss_rate"]) == (0.5, 0.5)
    assert figures["false_alarm_rate"] == 0.5
    assert figures["false_alarms"] == ["d: 厨房着火了"]
    assert figures["missed"] == ["b: 你们过来看一下吧"]


def test_a_field_meets_its_target_only_when_both_precision_and_recall_do() -> None:
    report = {
        "fields": {
            "phone": {"precision": 1.0, "recall": 0.97},
            "name": {"precision": 0.95, "recall": 0.91},
            "district": {"precision": 0.95, "recall": 0.95},
        },
        "classification": {"keyword_baseline": {"kind_top1": 0.6, "category_top3": 0.7}, "model": None},
        "emergency": {"recall": 1.0, "false_alarm_rate": 0.03},
        "update": {"p95_ms": 5.0},
    }
    met = {key: figure["met"] for key, figure in targets(report).items()}
    assert met == {
        "phone": False,
        "name": True,
        "district": True,
        "kind_top1": False,
        "category_top3": False,
        "emergency_recall": True,
        "false_alarm_rate_max": False,
        "update_p95_ms_max": True,
    }


def test_the_benchmark_runs_on_a_few_calls_and_prints_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.intake", "--calls", "12", "--no-model"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    assert report["calls"] == 12
    assert set(report["fields"]) == {"phone", "name", "district"}
    baseline = report["classification"]["keyword_baseline"]
    assert set(baseline) >= {"kind_top1", "category_top1", "category_top3"}
    assert report["update"]["updates"] > 12
