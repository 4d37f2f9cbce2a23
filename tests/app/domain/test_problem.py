"""Problems are codes with parameters; their words, in Chinese and English, are filled in one pass."""

from __future__ import annotations

import re

from app.domain.problem import MESSAGES, Problem, ProblemError, as_column, fill, from_column


def test_fill_puts_numbered_and_named_values_in_one_pass() -> None:
    assert fill("坐席 %1 · 话务员 %2", "S01", "李娜") == "坐席 S01 · 话务员 李娜"
    assert fill("请 {seconds} 秒后再试", seconds=30) == "请 30 秒后再试"
    # A value that looks like a placeholder is not filled again (.replace chains did that).
    assert fill("%1 / %2", "50%2", "x") == "50%2 / x"
    assert fill("{a} {b}", a="{b}", b="y") == "{b} y"


def test_fill_keeps_placeholders_it_has_no_value_for() -> None:
    assert fill("%1 %2 {name}", "a") == "a %2 {name}"


def test_a_problem_is_told_in_either_language_with_enum_codes_as_labels() -> None:
    problem = Problem("lifecycle.not_from_status", {"status": "closed", "action": "close_direct"})
    assert problem.text() == "「已办结」的工单不能「直接办结」"
    assert problem.text(english=True) == "You cannot close direct a closed ticket"
    assert str(problem) == "「已办结」的工单不能「直接办结」 (You cannot close direct a closed ticket)"


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for code, message in MESSAGES.items():
        assert message.zh and message.en, code
        assert set(re.findall(r"\{(\w+)\}", message.zh)) == set(re.findall(r"\{(\w+)\}", message.en)), code


def test_a_problem_within_a_problem_is_told_in_the_same_language_and_crosses_the_wire_in_both() -> None:
    inner = Problem("setting.too_large", {"name": "ui.font_scale", "maximum": 200, "value": 900})
    outer = Problem("config.bad_value", {"path": "seat.toml", "problem": inner})
    assert outer.text() == "seat.toml：ui.font_scale：不能大于 200，实为 900"
    assert outer.text(english=True) == "seat.toml: ui.font_scale: must be at most 200, got 900"
    assert outer.wire_params == {"path": "seat.toml", "problem": str(inner)}


def test_a_problem_error_is_raised_with_a_code_and_its_parameters() -> None:
    error = ProblemError("store.in_use", mode="wal")
    assert error.problem == Problem("store.in_use", {"mode": "wal"})
    both = "另一个程序正在使用本地数据库（wal） (Another program is using the local store (wal))"
    assert str(error) == both


def test_a_problem_kept_in_a_column_comes_back_whole_with_a_problem_within_it() -> None:
    within = Problem("reference.invalid", {"detail": "taxonomy.yaml:3: no categories"})
    said = Problem("reference.taxonomy_refused", {"version": "7-abc", "problem": within})
    assert from_column(as_column(said)) == said  # not its words: shown later in either language
    assert from_column(as_column("班长 李华 改派至 A07")) == "班长 李华 改派至 A07"  # kept by an older seat
    unknown = '{"problem": "x.of_a_newer_version", "params": {}}'
    assert from_column(unknown) == unknown
