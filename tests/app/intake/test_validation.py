"""Checks before 受理 (app.intake.validation): what a ticket must hold, and which phones, ID numbers,
plates and times are refused, each with a message that says what is wrong."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.draft import Draft
from app.domain.taxonomy import Taxonomy
from app.intake.validation import (
    MESSAGES,
    FieldProblem,
    id_number_problem,
    normalize_phone,
    phone_problem,
    plate_problem,
    problems_for_accept,
)
from app.resources import load_taxonomy

STARTED = datetime(2026, 12, 7, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def a_draft(**fields: object) -> Draft:
    values: dict[str, object] = {
        "category_code": "CJ.WY.DT",  # 电梯故障: asks for phone, district and address
        "caller_phone": "13812345678",
        "district": "东湖区",
        "address": "幸福路18号3栋",
        "content": "电梯停了两天",
        **fields,
    }
    return Draft(id="d1", seat_id="A01", started_at=STARTED).with_fields(**values)


def codes(problems: list[FieldProblem]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in problems]


# --- phones -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("0755-12345678", "075512345678"),  # 深圳 landline with its 区号
        ("010 8888 8888", "01088888888"),  # 北京
        ("(020)83456789", "02083456789"),
        ("0871-65123456", "087165123456"),  # 昆明
    ],
)
def test_mobiles_and_landlines_with_their_area_code_are_valid(typed: str, digits: str) -> None:
    assert normalize_phone(typed) == digits
    assert phone_problem(typed) is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1381234567", "phone_mobile_length"),  # a digit short
        ("138123456789", "phone_mobile_length"),
        ("83456789", "phone_no_area_code"),  # a landline without its 区号
        ("8888888", "phone_no_area_code"),
        ("020-8888888", "phone_invalid"),  # 广州 numbers have 8 digits
        ("电话不方便留", "phone_invalid"),
        ("10086x", "phone_invalid"),
    ],
)
def test_a_bad_phone_says_what_is_wrong_with_it(typed: str, code: str) -> None:
    assert phone_problem(typed) == code


# --- 身份证号 (GB 11643) ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["11010519491231002X", "11010519491231002x", "440524188001010014"])
def test_an_id_number_with_its_check_character_and_birth_date_is_valid(typed: str) -> None:
    assert id_number_problem(typed, today=STARTED.date()) is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("11010519491231002", "id_number_length"),
        ("1101051949123100211", "id_number_length"),
        ("11010519491231002A", "id_number_length"),  # only the last character may be X
        ("110105194912310021", "id_number_checksum"),  # 002X with the check character changed
        ("110105194913310021", "id_number_birth_date"),  # month 13
        ("110105202702300015", "id_number_birth_date"),  # 30 February
        ("11010520300101001X", "id_number_birth_date"),  # born after today
    ],
)
def test_a_bad_id_number_says_what_is_wrong_with_it(typed: str, code: str) -> None:
    assert id_number_problem(typed, today=STARTED.date()) == code


# --- 车牌号 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["粤B12345", "京A·D1234", "沪AD12345", "粤BD12345", "苏E12345F", "川A1234学", "粤Z1234港", "浙a 12345"],
)
def test_plates_of_every_kind_are_valid(typed: str) -> None:
    assert plate_problem(typed) is None


@pytest.mark.parametrize("typed", ["B12345", "粤12345", "粤B1234", "粤B1234567", "港B12345", "粤BI2345"])
def test_a_plate_without_province_letter_and_five_or_six_characters_is_refused(typed: str) -> None:
    assert plate_problem(typed) == "plate_invalid"


# --- 受理 -------------------------------------------------------------------------------------------


def test_a_complete_draft_has_no_problems(taxonomy: Taxonomy) -> None:
    assert problems_for_accept(a_draft(), taxonomy) == []


def test_the_place_that_decides_the_unit_must_be_filled(taxonomy: Taxonomy) -> None:
    problems = problems_for_accept(a_draft(district="", address=" "), taxonomy)  # 电梯故障: 属地
    assert codes(problems) == [("district", "field_required"), ("address", "field_required")]
    assert problems[1].message == "请填写详细地址"


def test_a_caller_who_gives_no_name_phone_or_plate_is_filed_all_the_same(taxonomy: Taxonomy) -> None:
    # 交通违法处理 asks for the caller's name, phone and the plate: the 承办单位 gets them later.
    draft = a_draft(category_code="HJ.CG.WF", caller_name="", caller_phone="", plate_number=" ")
    assert problems_for_accept(draft, taxonomy) == []


def test_a_detail_the_category_does_not_ask_for_is_not_required(taxonomy: Taxonomy) -> None:
    assert problems_for_accept(a_draft(plate_number=""), taxonomy) == []


def test_bad_values_are_refused_wherever_they_were_typed(taxonomy: Taxonomy) -> None:
    draft = a_draft(
        caller_phone="83456789",
        id_number="110105194912310021",
        plate_number="粤12345",
        occurred_at="昨天晚上",
        company_name="某" * 81,
    )
    assert codes(problems_for_accept(draft, taxonomy)) == [
        ("caller_phone", "phone_no_area_code"),
        ("occurred_at", "occurred_at_invalid"),
        ("company_name", "too_long"),
        ("plate_number", "plate_invalid"),
        ("id_number", "id_number_checksum"),
    ]


def test_too_long_content_is_a_problem_with_its_length_not_a_crash(taxonomy: Taxonomy) -> None:
    [problem] = problems_for_accept(a_draft(content="长" * 4001), taxonomy)
    assert (problem.field, problem.code) == ("content", "content_too_long")
    assert problem.message == "诉求内容过长（4001 字，最多 4000 字）"


def test_every_problem_code_has_a_message() -> None:
    assert all(MESSAGES[code] for code in MESSAGES)
    for code in ("field_required", "too_long", "occurred_at_invalid", "plate_invalid"):
        assert code in MESSAGES
