"""The intake alarms benchmark: its development sets are what the issue asks for, and its figures
count what they say they count."""

from __future__ import annotations

from app.domain.kinds import Kind
from app.resources import load_emergency_list
from benchmarks.intake_alarms import (
    DEVSET,
    HELD_OUT,
    HELD_OUT_2,
    HELD_OUT_3,
    HELD_OUT_4,
    HELD_OUT_5,
    HELD_OUT_6,
    HELD_OUT_7,
    Call,
    emergency_figures,
    load,
    naive_emergency,
)


def test_the_development_set_is_large_varied_and_tricky_enough() -> None:
    calls = load(DEVSET)
    assert len(calls) >= 150
    assert {c.kind for c in calls} == set(Kind)
    tricky = [c for c in calls if not c.emergency and _naive(c.text)]
    assert len(tricky) >= 40  # non-emergencies a plain word match would raise an alarm for
    assert all(set(c.emergency) <= {"110", "119", "120", "122"} for c in calls)
    sets = (HELD_OUT, HELD_OUT_2, HELD_OUT_3, HELD_OUT_4, HELD_OUT_5, HELD_OUT_6, HELD_OUT_7)
    held_out = [call for path in sets for call in load(path)]
    assert not {c.text for c in calls} & {c.text for c in held_out}


def test_misses_and_false_alarms_are_counted_over_their_own_calls() -> None:
    calls = [
        Call("着火了", "", Kind.HELP, ("119",)),
        Call("有人晕倒了", "", Kind.HELP, ("120",)),
        Call("火锅", "", Kind.CONSULTATION, ()),
        Call("上次着火的事", "", Kind.COMPLAINT, ()),
    ]
    figures = emergency_figures(calls, _naive)
    assert (figures["recall"], figures["miss_rate"], figures["false_alarm_rate"]) == (1.0, 0.0, 0.5)
    assert figures["false_alarms"] == ["上次着火的事"]


def _naive(text: str) -> list[str]:
    return naive_emergency(load_emergency_list())(text)
