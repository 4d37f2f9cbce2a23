"""Masking of personal data (个人信息脱敏): what leaves the seat in logs and lead views."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.pii import mask_name, mask_phone, mask_text

MOBILE = "13812345678"
ID_NUMBER = "440305199003071234"  # 深圳南山, born 1990-03-07
ID_NUMBER_X = "11010519851231002X"


# -- single fields ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        (" 13912345678 ", "139****5678"),
        ("075512345678", "075*******78"),  # landline with area code: first 3, last 2
        ("0755-1234567", "075*******67"),
        ("12345", "*****"),  # too short to show any of it
        ("110", "***"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("王小明", "王**"),
        ("欧阳娜娜", "欧***"),
        (" 李四 ", "李*"),
        ("张先生", "张先生"),  # already anonymous: how the operator addresses the caller
        ("陈女士", "陈女士"),
        ("李", "李"),
        ("", ""),
    ],
)
def test_mask_name_keeps_only_the_surname(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# -- mobiles in free text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13812345678", "138****5678"),
        ("来电人电话13812345678，反映噪音", "来电人电话138****5678，反映噪音"),
        ("电话:15912345678", "电话:159****5678"),
        ("tel=19912345678;", "tel=199****5678;"),
        ("138 1234 5678", "138 **** 5678"),  # as operators type it
        ("138-1234-5678", "138-****-5678"),
        ("+8613812345678", "+86138****5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("0086-13812345678", "0086-138****5678"),
        ("138-1234 5678", "138-**** 5678"),
        ("先打13812345678，不通再打13987654321", "先打138****5678，不通再打139****4321"),
    ],
)
def test_mask_text_masks_mobiles(text: str, masked: str) -> None:
    assert mask_text(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "138123456789",  # 12 digits: not a mobile
        "订单号138123456789已付款",
        "1381234567",  # 10 digits
        "12345678901",  # 11 digits, but no mobile starts with 12
        "10012345678",
        "快递单号 773123456789012",
        "订单号202311251381234567890",  # a mobile-like run inside a long order number
        "工单编号 SZ12345-20261125-000123",
        "138 1234 56789",  # the groups do not make a mobile
        "138 12345 678",  # not grouped 3-4-4
        "金额13812.34元",
        "2026-11-25 13:45:12",
        "门牌号138号1234室",
        "",
    ],
)
def test_mask_text_leaves_other_numbers_alone(text: str) -> None:
    assert mask_text(text) == text


# -- ID numbers in free text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (ID_NUMBER, "440305***********4"),
        (ID_NUMBER_X, "110105***********X"),
        ("11010519851231002x", "110105***********x"),
        (f"身份证号{ID_NUMBER}，住南山", "身份证号440305***********4，住南山"),
        (f"证件:{ID_NUMBER} 电话:{MOBILE}", "证件:440305***********4 电话:138****5678"),
    ],
)
def test_mask_text_masks_id_numbers_keeping_region_and_length(text: str, masked: str) -> None:
    result = mask_text(text)
    assert result == masked
    assert len(result) == len(text)  # a masked 18-digit number must not look like a 15-digit one


@pytest.mark.parametrize(
    "text",
    [
        "202401011234567890",  # 18-digit order number: no birth date inside it
        "订单号 202611251234567890 未发货",
        "440305199013071234",  # month 13
        "440305199003321234",  # day 32
        "440305099003071234",  # year 0990
        "4403051990030712345",  # 19 digits
        "44030519900307123",  # 17 digits
    ],
)
def test_mask_text_leaves_18_digit_numbers_that_are_not_id_numbers(text: str) -> None:
    assert mask_text(text) == text


def test_masking_twice_changes_nothing_more() -> None:
    text = f"张三 {MOBILE} 身份证{ID_NUMBER} 地址福田区"
    once = mask_text(text)
    assert mask_text(once) == once
    assert MOBILE not in once and ID_NUMBER not in once


# -- properties --------------------------------------------------------------------------------------

_CHINESE = st.text(alphabet="市民反映小区噪音扰民请尽快处理，。：地址福田区路号", max_size=12)
_mobiles = st.from_regex(r"\A1[3-9]\d{9}\Z", fullmatch=True)


@given(before=_CHINESE, mobile=_mobiles, after=_CHINESE)
def test_any_mobile_in_chinese_text_is_masked(before: str, mobile: str, after: str) -> None:
    masked = mask_text(before + mobile + after)
    assert masked == f"{before}{mobile[:3]}****{mobile[-4:]}{after}"


@given(digits=st.from_regex(r"\A\d{1,17}\Z", fullmatch=True).filter(lambda d: len(d) != 11))
def test_digit_runs_that_cannot_be_a_mobile_or_id_are_never_masked(digits: str) -> None:
    text = f"编号{digits}号"
    assert mask_text(text) == text


@given(text=st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=40))
def test_text_without_digits_is_unchanged(text: str) -> None:
    assert mask_text(text) == text
