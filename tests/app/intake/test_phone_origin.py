"""号码归属地: where a ringing number is from, for the screen pop."""

from __future__ import annotations

import random
import subprocess
import sys

import phonenumbers
import pytest

from app.intake import number_blocks
from app.intake.phone_origin import TABLE, phone_origin
from app.paths import resources_dir


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


def test_a_foreign_number_says_its_country() -> None:
    assert phone_origin("+44 20 7946 0958") == "英国"
    assert phone_origin("+44 20 7946 0958", english=True) == "United Kingdom"
    assert phone_origin("+852 2123 4567", english=True) == "Hong Kong"


def _geocoder(number: phonenumbers.PhoneNumber, english: bool) -> str:
    """What the seat showed when it asked libphonenumber's geocoder itself."""
    from phonenumbers import geocoder

    language = "en" if english else "zh"
    place: str = geocoder.description_for_number(number, language)
    return "" if place == geocoder.country_name_for_number(number, language) else place


def _numbers_under(prefixes: list[str]) -> list[phonenumbers.PhoneNumber]:
    """A valid number under each prefix where there is one: mobiles have 11 digits after 86,
    landlines 10 or 11 with the area code."""
    found = []
    for prefix in prefixes:
        for length in (13, 12, 11):
            digits = (prefix + "2345678901234")[:length]
            number = phonenumbers.parse(f"+{digits}")
            if phonenumbers.is_valid_number(number):
                found.append(number)
                break
    return found


def _china_prefixes() -> list[str]:
    from phonenumbers.geodata import GEOCODE_DATA

    return sorted(prefix for prefix in GEOCODE_DATA if prefix.startswith(number_blocks.CHINA))


def _same_as_the_geocoder(prefixes: list[str]) -> None:
    numbers = _numbers_under(prefixes)
    assert len(numbers) > 0.9 * len(prefixes)
    for english in (False, True):
        for number in numbers:
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            assert phone_origin(e164, english=english) == _geocoder(number, english), e164


def test_the_shipped_table_places_numbers_as_the_geocoder_does() -> None:
    prefixes = _china_prefixes()
    short = [p for p in prefixes if len(p) < 8]  # area codes and whole mobile ranges
    _same_as_the_geocoder(short + random.Random(86).sample(prefixes, 3_000))


@pytest.mark.slow
def test_every_block_of_the_shipped_table_places_numbers_as_the_geocoder_does() -> None:
    _same_as_the_geocoder(_china_prefixes())


@pytest.mark.slow
def test_the_shipped_table_is_what_the_installed_phonenumbers_gives() -> None:
    """After a phonenumbers upgrade:
    `python -m app.intake.number_blocks > resources/places/number_blocks.tsv`."""
    made = subprocess.run(
        [sys.executable, "-m", "app.intake.number_blocks"], capture_output=True, text=True, check=True
    ).stdout
    assert made == (resources_dir() / "places" / TABLE).read_text(encoding="utf-8")


def test_placing_a_number_leaves_the_geocoders_data_unloaded() -> None:
    probe = (
        "import sys; from app.intake.phone_origin import phone_origin; "
        "assert phone_origin('13812345678') == '江苏省连云港市'; "
        "print(sorted(m for m in sys.modules if m.startswith('phonenumbers.geo')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"  # the geocoder's data is about 100 MB for the rest of a shift
