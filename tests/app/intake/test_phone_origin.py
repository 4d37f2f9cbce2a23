"""号码归属地: where a ringing number is from, for the screen pop."""

from __future__ import annotations

import pytest

from app.intake.phone_origin import phone_origin


@pytest.mark.parametrize(
    ("number", "zh", "en"),
    [
        ("13812345678", "江苏省连云港市", "Lianyungang, Jiangsu"),  # a mobile block
        ("+86 139 1234 5678", "江苏省常州市", "Changzhou, Jiangsu"),  # as a CTI may send it
        ("075512345678", "广东省深圳市", "Shenzhen, Guangdong"),  # a landline by its area code
        ("01012345678", "北京市", "Beijing"),
    ],
)
def test_a_valid_number_says_its_province_and_city_in_both_languages(number: str, zh: str, en: str) -> None:
    assert phone_origin(number) == zh
    assert phone_origin(number, english=True) == en


@pytest.mark.parametrize("number", ["", "anonymous", "12345", "1381234567", "17100000000"])
def test_a_withheld_invalid_or_unplaced_number_says_nothing(number: str) -> None:
    assert phone_origin(number) == ""  # 171 blocks are only known as 中国: nothing to show


def test_a_foreign_number_says_where_abroad() -> None:
    assert phone_origin("+44 20 7946 0958", english=True) == "London"
