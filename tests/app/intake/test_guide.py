"""The guided form's rules (app.intake.guide): the fields a category shows and its questions ticked
off as they are answered."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.draft import Draft
from app.domain.taxonomy import Taxonomy, TicketField
from app.intake.guide import missing, next_step, shown_details, steps
from app.resources import load_taxonomy

STARTED = datetime(2026, 12, 7, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TRAFFIC = "HJ.CG.WF"  # 交通违法处理: the caller's name, phone and the plate; asks the plate second


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def a_draft(**fields: object) -> Draft:
    return Draft(id="d1", seat_id="A01", started_at=STARTED).with_fields(**fields)


def test_a_category_shows_only_the_details_it_asks_for(taxonomy: Taxonomy) -> None:
    assert shown_details(taxonomy.get(TRAFFIC), a_draft()) == (TicketField.PLATE_NUMBER,)
    assert shown_details(taxonomy.get("CJ.WY.DT"), a_draft()) == ()  # 电梯故障: the base fields only
    assert shown_details(None, a_draft()) == ()


def test_a_detail_that_holds_a_value_stays_shown_when_the_category_changes(taxonomy: Taxonomy) -> None:
    draft = a_draft(plate_number="粤B12345")
    assert shown_details(taxonomy.get("CJ.WY.DT"), draft) == (TicketField.PLATE_NUMBER,)


def test_the_questions_come_in_the_catalogues_order_with_the_parents_first(taxonomy: Taxonomy) -> None:
    category = taxonomy.get(TRAFFIC)
    found = steps(category, a_draft())
    assert [s.question for s in found] == list(category.questions)
    assert [s.number for s in found] == list(range(1, len(found) + 1))
    assert not any(s.answered for s in found)


def test_a_question_is_answered_when_its_field_gets_a_value(taxonomy: Taxonomy) -> None:
    category = taxonomy.get(TRAFFIC)
    plate_question = next(
        s.number for s in steps(category, a_draft()) if s.question.field is TicketField.PLATE_NUMBER
    )
    answered = {s.number for s in steps(category, a_draft(plate_number="粤B12345")) if s.answered}
    assert answered == {plate_question}
    assert {s.number for s in steps(category, a_draft(plate_number="  ")) if s.answered} == set()


def test_a_question_marked_asked_is_answered_and_the_next_one_is_the_first_left(taxonomy: Taxonomy) -> None:
    category = taxonomy.get(TRAFFIC)
    first = steps(category, a_draft())
    assert next_step(first) == first[0]
    after = steps(category, a_draft(), asked={1})
    assert after[0].answered and next_step(after) == after[1]
    everything = steps(category, a_draft(plate_number="粤B12345"), asked={s.number for s in first})
    assert next_step(everything) is None


def test_missing_lists_the_required_fields_still_empty(taxonomy: Taxonomy) -> None:
    category = taxonomy.get(TRAFFIC)
    assert missing(category, a_draft(caller_phone="13812345678")) == (
        TicketField.CALLER_NAME,
        TicketField.PLATE_NUMBER,
    )
