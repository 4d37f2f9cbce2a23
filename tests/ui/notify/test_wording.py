"""Every kind of notification has its words in both languages: a kind added without them fails here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.notify.notification import Notification, NotificationKind
from tests.ui.wording import assert_chinese, assert_english
from ui.notify import wording
from ui.shell.i18n import LanguageSwitcher

ZONE = ZoneInfo("Asia/Shanghai")
# Parameters as the rules give them: names stay as they were recorded, the rest is worded.
PARAMS = {
    "ticket": "12345-20261207-000009",
    "role": "team_lead",
    "due": "2026-12-07T10:00:00+00:00",
    "deadline": "close",
    "count": "2",
    "subject": "GY.GS.TS",
    "expected": "0.4",
    "from_no": "L-S05-20261207-0003",
}
# What each line must name: the ticket, or for 苗头预警 the category or district it is about.
NAMED = {kind: PARAMS["ticket"] for kind in NotificationKind} | {NotificationKind.EARLY_WARNING: "GY.GS.TS"}


@pytest.fixture
def english(languages: LanguageSwitcher) -> Iterator[None]:
    languages.switch("en")
    yield
    languages.switch("zh_CN")


@pytest.mark.parametrize("kind", list(NotificationKind))
def test_every_kind_is_worded_in_chinese(kind: NotificationKind) -> None:
    note = Notification("k", kind, "t", datetime.now(UTC), PARAMS)
    assert_chinese(wording.title(kind))
    assert_chinese(wording.text(note, ZONE))
    assert NAMED[kind] in wording.text(note, ZONE)


@pytest.mark.parametrize("kind", list(NotificationKind))
def test_every_kind_is_worded_in_english(kind: NotificationKind, english: None) -> None:
    note = Notification("k", kind, "t", datetime.now(UTC), PARAMS)
    assert_english(wording.title(kind))
    assert_english(wording.text(note, ZONE))


@pytest.mark.parametrize(
    ("step", "words"),
    [
        ("review", "待审核"),
        ("asked", "退回了"),
        ("approved", "请改派"),
        ("refused", "驳回"),
        ("recalled", "收回"),
    ],
)
def test_each_step_of_a_return_says_what_happened(step: str, words: str) -> None:
    note = Notification("k", NotificationKind.RETURNED, "t", datetime.now(UTC), {**PARAMS, "step": step})
    assert words in wording.text(note, ZONE)


def test_the_deadline_is_shown_in_the_centres_time_and_the_reason_after_the_text() -> None:
    note = Notification("k", NotificationKind.SLA_WARNING, "t", datetime.now(UTC), PARAMS)
    assert wording.text(note, ZONE).endswith("办结时限将到：12-07 18:00")
    why = Notification(
        "k", NotificationKind.SUPERVISED, "t", datetime.now(UTC), {**PARAMS, "reason": "临近超期"}
    )
    assert wording.text(why, ZONE).endswith("：临近超期")
