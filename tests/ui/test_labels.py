"""The core's problems are worded in the interface language, their enum parameters as the labels the
interface shows."""

from __future__ import annotations

import pytest

from app.domain.problem import Problem
from ui.labels import problem_text
from ui.shell.i18n import LanguageSwitcher

NEEDS_REASON = Problem("lifecycle.reason_needed", {"action": "close_direct"})
NOT_FROM = Problem("lifecycle.not_from_status", {"status": "closed", "action": "dispatch"})


@pytest.mark.parametrize(
    ("language", "problem", "shown"),
    [
        ("zh_CN", NEEDS_REASON, "「直接办结」须填写说明"),
        ("en", NEEDS_REASON, "Close directly needs a reason"),
        ("zh_CN", NOT_FROM, "「已办结」的工单不能「派单」"),
        ("en", NOT_FROM, "You cannot dispatch a closed ticket"),
    ],
)
def test_a_problem_reads_in_the_interface_language(
    languages: LanguageSwitcher, language: str, problem: Problem, shown: str
) -> None:
    languages.switch(language)
    try:
        assert problem_text(problem) == shown
    finally:
        languages.switch("zh_CN")
