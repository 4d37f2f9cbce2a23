"""The guided form's rules (app.intake.guide): the fields a category shows and its questions ticked
off as they are answered."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.draft import Draft
from app.domain.taxonomy import DispatchRule, Taxonomy, TicketField
from app.intake.guide import REQUIRED_AT_ACCEPT, missing, next_step, shown_details, steps, to_ask
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


def test_missing_lists_only_what_refuses_acceptance_and_to_ask_the_rest(taxonomy: Taxonomy) -> None:
    category = taxonomy.get(TRAFFIC)  # 按职 (车管所): the caller's name, phone and the plate are asked
    assert missing(taxonomy, category, a_draft()) == ()
    assert to_ask(taxonomy, category, a_draft(caller_phone="13812345678")) == (
        TicketField.CALLER_NAME,
        TicketField.PLATE_NUMBER,
    )


def test_the_district_refuses_acceptance_only_where_it_decides_the_unit(taxonomy: Taxonomy) -> None:
    shop_noise = taxonomy.get("ST.ZS.SY")  # 属地: the district's 生态环境分局
    assert taxonomy.departments_for(shop_noise.code)[0].rule is DispatchRule.BY_PLACE
    assert missing(taxonomy, shop_noise, a_draft()) == (TicketField.DISTRICT, TicketField.ADDRESS)
    water_cut = taxonomy.get("GY.GS.TS")  # 按职 (the water company): the address finds the main, the
    assert missing(taxonomy, water_cut, a_draft()) == (TicketField.ADDRESS,)  # district is only asked
    assert TicketField.DISTRICT in to_ask(taxonomy, water_cut, a_draft())


@pytest.mark.parametrize("field", [f for f in TicketField if f not in REQUIRED_AT_ACCEPT])
def test_no_caller_or_detail_field_ever_refuses_acceptance(taxonomy: Taxonomy, field: TicketField) -> None:
    for category in taxonomy.leaves():
        assert field not in missing(taxonomy, category, a_draft())


def test_missing_and_to_ask_without_a_category_are_empty(taxonomy: Taxonomy) -> None:
    assert missing(taxonomy, None, a_draft()) == () == to_ask(taxonomy, None, a_draft())
