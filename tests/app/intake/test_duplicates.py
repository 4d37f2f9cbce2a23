"""相似工单 (issue 18 item 6): while the call goes on, the open tickets of the same category and
district that say the same thing, from real-sounding ASR text (no punctuation, fillers, spoken
numbers), best first; closed, old, other-category and other-district tickets never."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Status
from app.domain.ticket import Ticket
from app.intake.duplicates import similar_open, words

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
NOISE = "HB.ZY.SG"
LIGHT = "CS.SZ.LD"


def _ticket(
    content: str,
    *,
    category: str = NOISE,
    district: str = "东湖区",
    status: Status = Status.ACCEPTED,
    age: timedelta = timedelta(days=2),
) -> Ticket:
    return Ticket(
        id=new_id(),
        local_no="A01-1",
        kind=Kind.COMPLAINT,
        status=status,
        seat_id="A02",
        created_at=NOW - age,
        category_code=category,
        district=district,
        content=content,
    )


SAME_SITE = _ticket("幸福路工地晚上十一点还在打桩噪音太大影响睡觉")
SAME_SITE_OTHER_WORDS = _ticket("喂你好那个幸福路那边工地半夜施工打桩吵得根本睡不着")
RESTAURANT = _ticket("楼下饭店空调外机噪音很大一直响")
SQUARE_DANCE = _ticket("小区广场舞音响声音太大每天晚上八点到十点")


def _ranked(content: str, tickets: list[Ticket], **kw: object) -> list[Ticket]:
    found = similar_open(content, NOISE, "东湖区", tickets, NOW, days=30, **kw)  # type: ignore[arg-type]
    return [s.ticket for s in found]


def test_the_same_building_site_said_in_other_words_is_found_first_and_other_noise_is_not() -> None:
    call = "我要投诉一下幸福路那个工地啊晚上都十一点多了还在打桩噪音特别大我们都没法睡觉"
    found = _ranked(call, [RESTAURANT, SQUARE_DANCE, SAME_SITE_OTHER_WORDS, SAME_SITE])
    assert found[:2] == [SAME_SITE, SAME_SITE_OTHER_WORDS] or found[:2] == [SAME_SITE_OTHER_WORDS, SAME_SITE]
    assert RESTAURANT not in found and SQUARE_DANCE not in found


@pytest.mark.parametrize(
    "call",
    [
        "嗯就是我们小区那个广场舞啊每天晚上音响开得特别大声",  # fillers, no punctuation
        "广场舞音响太吵了晚上八点到十点天天这样",
        "你好我反映一下小区广场舞的音响声音太大了谢谢",
    ],
)
def test_the_square_dance_complaint_is_found_however_the_caller_puts_it(call: str) -> None:
    assert _ranked(call, [SAME_SITE, RESTAURANT, SQUARE_DANCE])[:1] == [SQUARE_DANCE]


def test_only_open_tickets_of_the_same_category_and_district_within_the_days_count() -> None:
    text = SAME_SITE.content
    others = [
        _ticket(text, status=Status.CLOSED),
        _ticket(text, status=Status.DRAFT),
        _ticket(text, category=LIGHT),
        _ticket(text, district="西湖区"),
        _ticket(text, age=timedelta(days=31)),
    ]
    assert _ranked(text, others) == []
    assert _ranked(text, [*others, SAME_SITE]) == [SAME_SITE]
    replied = _ticket(text, status=Status.REPLIED)  # still open: the matter is not settled yet
    assert _ranked(text, [replied]) == [replied]


def test_the_district_may_not_be_known_yet_then_the_category_decides() -> None:
    elsewhere = _ticket(SAME_SITE.content, district="西湖区")
    found = similar_open(SAME_SITE.content, NOISE, "", [elsewhere], NOW, days=30)
    assert [s.ticket for s in found] == [elsewhere]


def test_nothing_is_suggested_without_a_category_or_without_words_worth_comparing() -> None:
    assert similar_open(SAME_SITE.content, None, "东湖区", [SAME_SITE], NOW, days=30) == []
    assert _ranked("喂 你好 那个 就是 嗯", [SAME_SITE]) == []
    assert _ranked("", [SAME_SITE]) == []


def test_the_ticket_being_filed_is_not_its_own_duplicate_and_the_list_is_bounded() -> None:
    copies = [_ticket(SAME_SITE.content) for _ in range(8)]
    assert SAME_SITE not in _ranked(SAME_SITE.content, [SAME_SITE, *copies], exclude=SAME_SITE.id)
    assert len(_ranked(SAME_SITE.content, copies, limit=3)) == 3


def test_scores_are_best_first_between_0_and_100() -> None:
    found = similar_open(
        "幸福路工地半夜打桩噪音", NOISE, "东湖区", [SAME_SITE_OTHER_WORDS, SAME_SITE], NOW, days=30
    )
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 100 for s in scores)


def test_fillers_and_punctuation_are_not_words_worth_comparing() -> None:
    assert words("喂，你好！那个……就是 楼上装修。") == "楼上 装修"
