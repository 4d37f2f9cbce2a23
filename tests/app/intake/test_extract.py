"""Intake fields heard in the call: only what can be checked, the last said of each."""

from __future__ import annotations

import pytest

from app.intake.extract import Heard, extract


@pytest.mark.parametrize(
    ("said", "phone"),
    [
        ("我的电话是13812345678", "13812345678"),
        ("我的电话是138 1234 5678", "13812345678"),  # one final per group, joined by the stream
        ("座机0755-8123 4567", "075581234567"),
        ("电话0755-8123 4567，不对，是13912345678", "13912345678"),  # the caller corrects it
        ("身份证号110101199001011234", ""),  # an ID number is not a phone number
        ("我家18号楼3单元", ""),
        ("号码是1381234", ""),  # too short: not filled half
        # the recognizer glues numbers said in one breath: part of it, then all of it again
        ("我电话18080271564哦不对后头是154618080271546", "18080271546"),
        ("手机1391234567812", "13912345678"),  # two digits more said on: the number is still there
        # the caller pauses between groups (the transcript puts a comma there) or fills them
        ("我的电话是138，1234，5678", "13812345678"),
        ("电话138嗯1234呃5678", "13812345678"),
        ("我住2栋，电话13812345678", "13812345678"),
    ],
)
def test_a_phone_number_is_taken_only_when_it_is_a_valid_one(said: str, phone: str) -> None:
    assert extract(said).caller_phone == phone


def test_the_district_and_its_sub_district_come_from_the_local_dictionary() -> None:
    assert extract("我在东湖区湖滨街道望湖小区").district == "东湖区湖滨街道"
    assert extract("原来在西城区，现在搬到北港区了").district == "北港区"
    assert extract("我们这个区的路灯坏了").district == ""


@pytest.mark.parametrize(
    ("said", "address"),
    [
        ("你好，我家住在幸福路18号5栋，电梯坏了三天了。", "幸福路18号5栋"),
        ("我在东湖区湖滨街道望湖小区3栋2单元501室", "望湖小区3栋2单元501室"),
        ("北港区港口街道海湾路88号", "海湾路88号"),
        ("我住在和平小区", "和平小区"),
        ("马路上有个大坑", ""),
        ("在路边等车", ""),
        ("物业一直说在修，没有人来。", ""),
    ],
)
def test_an_address_is_a_named_street_or_estate_with_its_house_numbers(said: str, address: str) -> None:
    assert extract(said).address == address


def test_nothing_heard_in_small_talk() -> None:
    assert extract("您好，12345热线，请讲。") == Heard()


def test_the_district_is_one_of_the_jurisdictions_with_its_short_forms() -> None:
    heard = extract("喂你好我在那个福田那边沙头街道电话一三八一二三四五六七八", "深圳市")
    assert heard.district == "福田区沙头街道"
    assert heard.place is not None and heard.place.district_code == "440304"
    assert extract("我在东湖区湖滨街道", "深圳市").district == ""  # the demo's district, not Shenzhen's
    assert extract("我在南山那边", "深圳").district == "南山区"
    assert extract("我在南山那边").district == "南山新区"  # the demo city's


def test_an_unknown_jurisdiction_still_hears_the_phone_and_address(caplog: pytest.LogCaptureFixture) -> None:
    heard = extract("我家住在幸福路18号电话13812345678在福田区", "深证市")
    assert heard == Heard("13812345678", "", "幸福路18号")
    assert "深证市" in caplog.text
