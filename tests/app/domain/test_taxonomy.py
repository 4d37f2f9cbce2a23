"""事项分类: the shipped catalogue's invariants, validation messages, inheritance and lookups."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.kinds import Priority
from app.domain.taxonomy import (
    MAX_DEPTH,
    Assignment,
    Department,
    DispatchRule,
    KeywordMatch,
    Question,
    Taxonomy,
    TaxonomyError,
    TicketField,
    UnitLevel,
    UnknownCategory,
    UnknownDepartment,
    unit_name,
)
from app.resources import ResourceError, load_taxonomy

SHIPPED = Path(__file__).resolve().parents[3] / "resources" / "taxonomy.yaml"
SEGMENT = re.compile(r"[A-Z][A-Z0-9]*")
CJK = re.compile(r"[\u4e00-\u9fff]")

# --------------------------------------------------------------------------- the shipped file


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    with SHIPPED.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def shipped(raw: dict[str, Any]) -> Taxonomy:
    return Taxonomy.from_mapping(raw)


def _count_nodes(nodes: list[dict[str, Any]]) -> int:
    return sum(1 + _count_nodes(node.get("children", [])) for node in nodes)


def test_shipped_catalogue_parses_with_every_node(raw: dict[str, Any], shipped: Taxonomy) -> None:
    assert shipped.version >= 1
    # Equal counts mean no node was dropped and, codes being dict keys, none was duplicated.
    assert len(shipped) == _count_nodes(raw["categories"])


def test_shipped_catalogue_has_the_intended_shape(shipped: Taxonomy) -> None:
    roots = shipped.children()
    assert 18 <= len(roots) <= 25
    for root in roots:
        assert 3 <= len(shipped.children(root.code)) <= 10, root.code
        for second in shipped.children(root.code):
            assert 2 <= len(shipped.children(second.code)) <= 12, second.code
    assert all(leaf.level == MAX_DEPTH for leaf in shipped.leaves())


def test_shipped_catalogue_is_as_fine_as_a_responsibility_list(shipped: Taxonomy) -> None:
    assert len(shipped.leaves()) >= 300
    tops = {c.name for c in shipped.children()}
    assert {"农业农村", "生态环境", "民政", "退役军人", "文化旅游", "水务", "公用事业"} <= tops
    # Noise alone is split by source and time of day over several units, as real centres do.
    noise = [leaf for leaf in shipped.leaves() if "噪声" in leaf.name]
    assert len(noise) >= 12
    assert len({leaf.departments[0] for leaf in noise}) >= 5


def test_every_shipped_leaf_has_a_dispatch_rule_an_sla_class_fields_and_questions(shipped: Taxonomy) -> None:
    for leaf in shipped.leaves():
        assert leaf.departments, f"{leaf.code} has no 承办单位"
        assert leaf.priority in set(Priority), leaf.code
        assert leaf.questions, f"{leaf.code} has no guided questions"
        assert leaf.fields, f"{leaf.code} requires no field"
        for question in leaf.questions:
            assert question.ask.endswith(("？", "。")), f"{leaf.code}: {question.ask!r} is not a line to read"
            assert question.field is None or isinstance(question.field, TicketField)


def test_shipped_departments_say_how_they_are_found(shipped: Taxonomy) -> None:
    rules = {d.rule for d in shipped.departments}
    assert rules == set(DispatchRule)
    for department in shipped.departments:
        assert department.en and not CJK.search(department.en), department.code
        unit = unit_name(department, "东湖区", "湖滨街道")
        assert unit is not None and "{" not in unit, department.code
        if department.level is UnitLevel.DISTRICT:
            assert unit.startswith("东湖区") or "东湖区" in unit, unit


def test_every_first_level_domain_has_leaves(shipped: Taxonomy) -> None:
    for root in shipped.children():
        assert any(leaf.code.startswith(root.code + ".") for leaf in shipped.leaves()), root.code


def test_shipped_leaves_can_be_dispatched_and_suggested(shipped: Taxonomy) -> None:
    for leaf in shipped.leaves():
        assert leaf.departments, f"{leaf.code} has no 承办单位"
        assert leaf.keywords, f"{leaf.code} has no keywords"


def test_shipped_codes_are_pinyin_paths(shipped: Taxonomy) -> None:
    for category in shipped:
        segments = category.code.split(".")
        assert len(segments) == category.level
        assert all(SEGMENT.fullmatch(s) for s in segments), category.code
        assert CJK.search(category.name), category.code
        assert not CJK.search(category.en), category.code


def test_shipped_departments_are_all_used(shipped: Taxonomy) -> None:
    used = {code for category in shipped for code in category.departments}
    assert {d.code for d in shipped.departments} == used


def test_shipped_priorities_reflect_risk(shipped: Taxonomy) -> None:
    assert shipped.get("GY.GQ.XL").priority is Priority.URGENT  # 燃气泄漏
    assert shipped.get("GY.GS.BG").priority is Priority.URGENT  # 爆管
    assert shipped.get("GY.GS.TS").priority is Priority.FAST  # 停水
    assert shipped.get("ZC.ZW.ZN").priority is Priority.NORMAL  # 办事指南
    assert {c.priority for c in shipped.leaves()} == set(Priority)


def test_shipped_path_label(shipped: Taxonomy) -> None:
    assert shipped.path_label("CJ.WY.DT") == "城乡建设 > 物业管理 > 电梯故障"
    assert shipped.path_label("CJ.WY.DT", " / ", english=True) == (
        "Urban and Rural Construction / Property management / Elevator breakdown"
    )


# --------------------------------------------------------------------------- a small fixture catalogue


def small() -> dict[str, Any]:
    return {
        "version": 3,
        "departments": [
            {"code": "ZJJ", "name": "区住房和建设局", "en": "Housing Bureau", "level": "district"},
            {"code": "JDB", "name": "街道办事处", "en": "Sub-district Office", "level": "street"},
            {"code": "RQ", "name": "燃气集团", "en": "Gas Group", "level": "city"},
        ],
        "categories": [
            {
                "code": "CJ",
                "name": "城乡建设",
                "en": "Construction",
                "departments": ["ZJJ"],
                "fields": ["caller_phone"],
                "children": [
                    {
                        "code": "CJ.WY",
                        "name": "物业管理",
                        "en": "Property",
                        "priority": "fast",
                        "fields": ["address"],
                        "questions": [{"ask": "请问是哪个小区？", "field": "address"}],
                        "children": [
                            {
                                "code": "CJ.WY.DT",
                                "name": "电梯故障",
                                "en": "Elevator",
                                "keywords": ["电梯", "困人"],
                                "fields": ["occurred_at", "address"],
                                "questions": ["请问有没有人被困？"],
                            },
                            {
                                "code": "CJ.WY.SF",
                                "name": "物业收费",
                                "en": "Fees",
                                "priority": "normal",
                                "departments": ["ZJJ", "JDB"],
                            },
                        ],
                    },
                ],
            },
            {
                "code": "GY",
                "name": "公用事业",
                "en": "Utilities",
                "children": [
                    {
                        "code": "GY.RQ",
                        "name": "燃气泄漏",
                        "en": "Gas leak",
                        "priority": "urgent",
                        "departments": ["RQ"],
                    },
                    {"code": "GY.QT", "name": "其他", "en": "Other", "departments": ["RQ", "JDB"]},
                ],
            },
        ],
    }


def _node(doc: dict[str, Any], *indexes: int) -> dict[str, Any]:
    node: dict[str, Any] = doc["categories"][indexes[0]]
    for index in indexes[1:]:
        node = node["children"][index]
    return node


Mutation = Callable[[dict[str, Any]], object]

WY = "城乡建设 (CJ) > 物业管理 (CJ.WY)"
INVALID: list[tuple[str, Mutation, list[str]]] = [
    (
        "duplicate code",
        lambda d: _node(d, 0, 0, 1).update(code="CJ.WY.DT"),
        [
            f"{WY} > 物业收费 (CJ.WY.DT): duplicate code 'CJ.WY.DT'",
            f"already used by {WY} > 电梯故障 (CJ.WY.DT)",
        ],
    ),
    (
        "code not under its parent",
        lambda d: _node(d, 0, 0, 0).update(code="GY.WY.DT"),
        [f"{WY} > 电梯故障 (GY.WY.DT): code 'GY.WY.DT'", "parent code 'CJ.WY'", "'CJ.WY.XX'"],
    ),
    ("lowercase segment", lambda d: _node(d, 0, 0, 0).update(code="CJ.WY.dt"), ["code 'CJ.WY.dt'"]),
    ("code skips a level", lambda d: _node(d, 0, 0).update(code="CJ"), ["物业管理 (CJ): code 'CJ'"]),
    ("missing code", lambda d: _node(d, 1).pop("code"), ["公用事业 (categories[1]): code is missing"]),
    (
        "unknown department",
        lambda d: _node(d, 0, 0).update(departments=["XX"]),
        [f"{WY}: unknown department 'XX'", "departments:"],
    ),
    (
        "department listed twice",
        lambda d: _node(d, 0, 0).update(departments=["ZJJ", "ZJJ"]),
        [f"{WY}: a department is listed twice"],
    ),
    (
        "unknown priority",
        lambda d: _node(d, 0, 0, 0).update(priority="asap"),
        [f"{WY} > 电梯故障 (CJ.WY.DT): unknown priority 'asap'", "urgent (紧急)", "normal (一般)"],
    ),
    (
        "too deep",
        lambda d: _node(d, 0, 0, 0).update(
            children=[{"code": "CJ.WY.DT.KR", "name": "困人", "en": "Trapped"}]
        ),
        [f"{WY} > 电梯故障 (CJ.WY.DT) > 困人 (CJ.WY.DT.KR): nested too deep (level 4)"],
    ),
    ("missing name", lambda d: _node(d, 0, 0, 0).pop("name"), [f"{WY} > CJ.WY.DT: name is missing"]),
    ("blank en", lambda d: _node(d, 0, 0, 0).update(en="  "), ["电梯故障 (CJ.WY.DT): en is missing"]),
    (
        "name as a number",
        lambda d: _node(d, 0, 0, 0).update(name=12345),
        ["CJ.WY.DT: name must be text, got int 12345"],
    ),
    (
        "typo in a key",
        lambda d: _node(d, 0, 0).update(departmens=["JDB"]),
        [f"{WY}: unknown key(s) departmens", "allowed:"],
    ),
    (
        "keywords with a blank word",
        lambda d: _node(d, 0, 0, 0).update(keywords=["电梯", ""]),
        ["电梯故障 (CJ.WY.DT): keywords must be non-empty text"],
    ),
    (
        "children not a list",
        lambda d: _node(d, 0, 0).update(children={"code": "CJ.WY.X"}),
        [f"{WY}: children: expected a list, got dict"],
    ),
    (
        "child not a mapping",
        lambda d: _node(d, 0, 0).update(children=["电梯故障"]),
        [f"{WY} > children[0]: expected a mapping, got str"],
    ),
    ("no categories", lambda d: d.update(categories=[]), ["the catalogue has no categories"]),
    ("categories missing", lambda d: d.pop("categories"), ["categories: expected a list, got nothing"]),
    ("version as text", lambda d: d.update(version="1"), ["version: expected a positive integer, got '1'"]),
    ("version zero", lambda d: d.update(version=0), ["version: expected a positive integer"]),
    ("version as bool", lambda d: d.update(version=True), ["version: expected a positive integer"]),
    (
        "duplicate department",
        lambda d: d["departments"].append({"code": "JDB", "name": "另一个", "en": "Other", "level": "city"}),
        ["departments[3] (JDB): duplicate department code 'JDB'"],
    ),
    (
        "bad department code",
        lambda d: d["departments"][0].update(code="zjj"),
        ["departments[0] (zjj): code must be uppercase"],
    ),
    ("unknown top-level key", lambda d: d.update(catgories=[]), ["taxonomy: unknown key(s) catgories"]),
    (
        "unknown department level",
        lambda d: d["departments"][0].update(level="province"),
        ["departments[0] (ZJJ): unknown level 'province'", "city (市级)", "street (街道乡镇)"],
    ),
    (
        "department without level",
        lambda d: d["departments"][2].pop("level"),
        ["departments[2] (RQ): unknown level None"],
    ),
    (
        "district unit named without 区 and no pattern",
        lambda d: d["departments"][0].update(name="住建局"),
        ["departments[0] (ZJJ): a district-level unit whose name does not start with 区 needs unit"],
    ),
    (
        "unit pattern without the district",
        lambda d: d["departments"][0].update(unit="海滨市住建局"),
        ["departments[0] (ZJJ): unit must hold {district} once"],
    ),
    (
        "unit pattern on a city unit",
        lambda d: d["departments"][2].update(unit="{district}燃气"),
        ["departments[2] (RQ): unit is only for district-level units"],
    ),
    (
        "leaf without a dispatch rule",
        lambda d: _node(d, 1).get("children", [{}])[1].pop("departments"),
        ["公用事业 (GY) > 其他 (GY.QT): no 承办单位"],
    ),
    (
        "question without text",
        lambda d: _node(d, 0, 0, 0).update(questions=[{"field": "address"}]),
        ["电梯故障 (CJ.WY.DT): questions[0]: the question has no text"],
    ),
    (
        "question with a blank line",
        lambda d: _node(d, 0, 0, 0).update(questions=["  "]),
        ["电梯故障 (CJ.WY.DT): questions[0]: the question has no text"],
    ),
    (
        "question that is a list",
        lambda d: _node(d, 0, 0, 0).update(questions=[["请问？"]]),
        ["电梯故障 (CJ.WY.DT): questions[0]: expected the question's text"],
    ),
    (
        "question filling an unknown field",
        lambda d: _node(d, 0, 0).update(questions=[{"ask": "请问？", "field": "room"}]),
        [f"{WY}: questions[0]: unknown field 'room'", "address (详细地址)"],
    ),
    (
        "typo in a question key",
        lambda d: _node(d, 0, 0).update(questions=[{"aks": "请问？"}]),
        [f"{WY}: questions[0]: unknown key(s) aks"],
    ),
    (
        "unknown required field",
        lambda d: _node(d, 0).update(fields=["phone"]),
        ["城乡建设 (CJ): unknown field 'phone'"],
    ),
    (
        "fields not a list",
        lambda d: _node(d, 0).update(fields="address"),
        ["城乡建设 (CJ): fields: expected a list, got str"],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [(m, e) for _, m, e in INVALID], ids=[i for i, _, _ in INVALID]
)
def test_invalid_catalogue_names_the_offending_node(mutate: Mutation, expected: list[str]) -> None:
    doc = copy.deepcopy(small())
    mutate(doc)
    with pytest.raises(TaxonomyError) as error:
        Taxonomy.from_mapping(doc)
    for fragment in expected:
        assert fragment in str(error.value)


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(TaxonomyError, match="expected a mapping at the top, got list"):
        Taxonomy.from_mapping([])  # type: ignore[arg-type]


def test_yaml_booleans_in_codes_are_reported() -> None:
    # YAML 1.1 reads an unquoted NO / YES as a boolean; the message must show what arrived.
    doc = yaml.safe_load(
        "version: 1\ndepartments: []\ncategories:\n  - {code: NO, name: 农业, en: Farming}\n"
    )
    with pytest.raises(TaxonomyError, match="code is missing or not text \\(got False\\)"):
        Taxonomy.from_mapping(doc)


# --------------------------------------------------------------------------- inheritance


@pytest.fixture
def tax() -> Taxonomy:
    return Taxonomy.from_mapping(small())


def test_priority_is_inherited_and_overridable(tax: Taxonomy) -> None:
    assert tax.get("CJ").priority is Priority.NORMAL  # nothing up the chain
    assert tax.get("CJ.WY").priority is Priority.FAST
    assert tax.get("CJ.WY.DT").priority is Priority.FAST  # inherited from 物业管理
    assert tax.get("CJ.WY.SF").priority is Priority.NORMAL  # own value wins
    assert tax.get("GY.RQ").priority is Priority.URGENT


def test_departments_are_inherited_and_replaced(tax: Taxonomy) -> None:
    assert tax.get("CJ.WY").departments == ("ZJJ",)
    assert tax.get("CJ.WY.DT").departments == ("ZJJ",)  # two levels down
    assert tax.get("CJ.WY.SF").departments == ("ZJJ", "JDB")  # replaces, does not extend
    assert tax.get("GY").departments == ()  # a parent needs none: its children name their own


def test_keywords_are_not_inherited(tax: Taxonomy) -> None:
    assert tax.get("CJ.WY.DT").keywords == ("电梯", "困人")
    assert tax.get("CJ.WY.SF").keywords == ()


# --------------------------------------------------------------------------- lookups


def test_category_fields(tax: Taxonomy) -> None:
    elevator = tax.get("CJ.WY.DT")
    assert (elevator.name, elevator.en, elevator.level, elevator.parent_code) == (
        "电梯故障",
        "Elevator",
        3,
        "CJ.WY",
    )
    assert tax.get("CJ").parent_code is None
    assert tax.version == 3


def test_unknown_category_is_a_key_error(tax: Taxonomy) -> None:
    with pytest.raises(KeyError):
        tax.get("CJ.XX")
    with pytest.raises(UnknownCategory, match=re.escape("unknown category code 'CJ.XX'")):
        tax.children("CJ.XX")
    with pytest.raises(UnknownCategory):
        tax.path_label("nope")


def test_children_and_leaves(tax: Taxonomy) -> None:
    assert [c.code for c in tax.children()] == ["CJ", "GY"]
    assert [c.code for c in tax.children(None)] == ["CJ", "GY"]
    assert [c.code for c in tax.children("CJ.WY")] == ["CJ.WY.DT", "CJ.WY.SF"]
    assert tax.children("CJ.WY.DT") == ()
    assert [c.code for c in tax.leaves()] == ["CJ.WY.DT", "CJ.WY.SF", "GY.RQ", "GY.QT"]
    assert tax.is_leaf("GY.RQ")
    assert not tax.is_leaf("CJ")


def test_iteration_order_and_membership(tax: Taxonomy) -> None:
    assert [c.code for c in tax] == ["CJ", "CJ.WY", "CJ.WY.DT", "CJ.WY.SF", "GY", "GY.RQ", "GY.QT"]
    assert len(tax) == 7
    assert "CJ.WY" in tax
    assert "CJ.XX" not in tax


def test_path_and_label(tax: Taxonomy) -> None:
    assert [c.code for c in tax.path("CJ.WY.DT")] == ["CJ", "CJ.WY", "CJ.WY.DT"]
    assert [c.code for c in tax.path("CJ")] == ["CJ"]
    assert tax.path_label("CJ.WY.DT") == "城乡建设 > 物业管理 > 电梯故障"
    assert tax.path_label("CJ.WY", "/") == "城乡建设/物业管理"
    assert tax.path_label("GY.RQ", english=True) == "Utilities > Gas leak"


def test_departments(tax: Taxonomy) -> None:
    assert tax.department("RQ") == Department("RQ", "燃气集团", "Gas Group", UnitLevel.CITY)
    assert [d.code for d in tax.departments] == ["ZJJ", "JDB", "RQ"]
    assert [d.name for d in tax.departments_for("CJ.WY.SF")] == ["区住房和建设局", "街道办事处"]
    assert [d.code for d in tax.departments_for("GY.QT")] == ["RQ", "JDB"]
    with pytest.raises(UnknownDepartment, match="unknown department code 'XX'"):
        tax.department("XX")
    with pytest.raises(UnknownCategory):
        tax.departments_for("XX")


def test_required_fields_add_up_down_the_tree(tax: Taxonomy) -> None:
    assert tax.get("CJ").fields == (TicketField.CALLER_PHONE,)
    assert tax.get("CJ.WY").fields == (TicketField.CALLER_PHONE, TicketField.ADDRESS)
    # The leaf adds 发生时间; naming 地址 again does not list it twice.
    assert tax.get("CJ.WY.DT").fields == (
        TicketField.CALLER_PHONE,
        TicketField.ADDRESS,
        TicketField.OCCURRED_AT,
    )
    assert tax.get("GY.RQ").fields == ()


def test_a_question_that_fills_a_field_makes_it_one_the_category_needs() -> None:
    doc = copy.deepcopy(small())
    _node(doc, 0, 0, 1)["questions"] = [{"ask": "请问车牌号是多少？", "field": "plate_number"}]
    fees = Taxonomy.from_mapping(doc).get("CJ.WY.SF")
    assert fees.fields == (TicketField.CALLER_PHONE, TicketField.ADDRESS, TicketField.PLATE_NUMBER)


def test_shipped_questions_only_fill_fields_their_category_needs(shipped: Taxonomy) -> None:
    for leaf in shipped.leaves():
        for question in leaf.questions:
            assert question.field is None or question.field in leaf.fields, (leaf.code, question)


def test_questions_follow_the_parents_in_order(tax: Taxonomy) -> None:
    assert tax.get("CJ.WY.DT").questions == (
        Question("请问是哪个小区？", TicketField.ADDRESS),
        Question("请问有没有人被困？"),
    )
    assert tax.get("CJ.WY.SF").questions == (Question("请问是哪个小区？", TicketField.ADDRESS),)
    assert tax.get("GY.RQ").questions == ()


# --------------------------------------------------------------------------- 承办单位: 属地 and 按职


def test_by_place_units_are_resolved_by_the_callers_district_and_street(tax: Taxonomy) -> None:
    housing, street = tax.assign("CJ.WY.SF", "东湖区", "湖滨街道")
    assert (housing.department.code, housing.unit, housing.rule) == (
        "ZJJ",
        "东湖区住房和建设局",
        DispatchRule.BY_PLACE,
    )
    assert (street.department.code, street.unit, street.rule) == (
        "JDB",
        "湖滨街道办事处",
        DispatchRule.BY_PLACE,
    )
    # In a county the same kinds are the county's bureau and the town's government.
    assert [a.unit for a in tax.assign("CJ.WY.SF", "青溪县", "石桥镇")] == [
        "青溪县住房和建设局",
        "石桥镇人民政府",
    ]


def test_by_duty_units_are_the_same_wherever_the_caller_is(tax: Taxonomy) -> None:
    gas = Assignment(tax.department("RQ"), "燃气集团")
    assert tax.assign("GY.RQ", "东湖区") == (gas,)
    assert tax.assign("GY.RQ", None) == (gas,)
    assert gas.rule is DispatchRule.BY_DUTY


def test_by_place_units_stay_open_until_the_place_is_known(tax: Taxonomy) -> None:
    assert [a.unit for a in tax.assign("CJ.WY.SF", None)] == [None, None]
    assert [a.unit for a in tax.assign("CJ.WY.SF", "西城区")] == ["西城区住房和建设局", None]
    assert [a.unit for a in tax.assign("GY.QT", "西城区")] == ["燃气集团", None]


def test_a_district_unit_with_its_own_name_pattern() -> None:
    police = Department("GAFJ", "区公安分局", "Police", UnitLevel.DISTRICT, "海滨市公安局{district}分局")
    assert unit_name(police, "南山新区") == "海滨市公安局南山新区分局"
    assert unit_name(police, None) is None


def test_shipped_units_resolve_for_a_demo_district(shipped: Taxonomy) -> None:
    units = [a.unit for a in shipped.assign("CJ.SR.ZD", "东湖区", "柳堤街道")]
    assert units == ["东湖区城市管理和综合执法局", "柳堤街道办事处"]
    assert [a.unit for a in shipped.assign("GY.GS.TS", "北港区")] == ["海滨供水集团"]
    assert [a.unit for a in shipped.assign("JT.LK.TC", "滨江区")] == ["海滨市公安局滨江区分局交通警察大队"]
    assert [a.unit for a in shipped.assign("NY.TD.CB", "青溪县")] == ["青溪县农业农村局"]


# --------------------------------------------------------------------------- keywords


def test_keyword_matches_rank_by_words_and_say_which(tax: Taxonomy) -> None:
    assert tax.keyword_matches("电梯坏了有人困人了") == (KeywordMatch("CJ.WY.DT", ("电梯", "困人")),)
    assert tax.keyword_matches("今天天气不错") == ()
    assert tax.keyword_matches("") == ()


def test_only_leaves_are_suggested_by_keywords() -> None:
    doc = copy.deepcopy(small())
    _node(doc, 0, 0)["keywords"] = ["物业"]
    assert Taxonomy.from_mapping(doc).keyword_matches("物业不管电梯") == (
        KeywordMatch("CJ.WY.DT", ("电梯",)),
    )


def test_shipped_keywords_point_to_the_right_leaf(shipped: Taxonomy) -> None:
    calls = {
        "家里有很重的煤气味是不是燃气泄漏了": "GY.GQ.XL",
        "楼下广场舞音响太大了天天跳到十点": "ST.ZS.GC",
        "半夜施工打桩吵得睡不着": "CJ.SG.ZS",
        "我家的玉米种子不发芽是假种子": "NY.NZ.JL",
        "老板拖欠工资三个月了": "LD.GZ.QX",
    }
    for text, code in calls.items():
        matches = shipped.keyword_matches(text)
        assert matches and matches[0].code == code, (text, matches[:3])
        assert all(word in text for word in matches[0].words)


# --------------------------------------------------------------------------- files with mistakes


GOOD_FILE = """\
version: 1
departments:
  - {code: ZJJ, level: district, name: 区住房和建设局, en: Housing Bureau}
categories:
  - code: CJ
    name: 城乡建设
    en: Construction
    departments: [ZJJ]
    children:
      - code: CJ.WY
        name: 物业管理
        en: Property
        children:
          - code: CJ.WY.DT
            name: 电梯故障
            en: Elevator
            questions: [请问有没有人被困？]
"""

BAD_FILES: list[tuple[str, str, str, int, str]] = [
    (
        "unknown key",
        "            questions:",
        "            questoins:",
        17,
        "电梯故障 (CJ.WY.DT): unknown key(s) questoins",
    ),
    (
        "wrong type",
        "            en: Elevator",
        "            en: Elevator\n            priority: 3",
        17,
        "电梯故障 (CJ.WY.DT): unknown priority 3",
    ),
    (
        "unknown department kind",
        "level: district",
        "level: province",
        3,
        "departments[0] (ZJJ): unknown level 'province'",
    ),
    (
        "leaf without 承办",
        "    departments: [ZJJ]\n",
        "",
        13,
        "物业管理 (CJ.WY) > 电梯故障 (CJ.WY.DT): no 承办单位",
    ),
    (
        "question without text",
        "[请问有没有人被困？]",
        "[{field: address}]",
        17,
        "电梯故障 (CJ.WY.DT): questions[0]: the question has no text",
    ),
    (
        "unknown department",
        "departments: [ZJJ]",
        "departments: [ZJ]",
        8,
        "城乡建设 (CJ): unknown department 'ZJ'",
    ),
    (
        "duplicated node",
        "          - code: CJ.WY.DT\n",
        "          - {code: CJ.WY.DT, name: 困人, en: Trapped, departments: [ZJJ]}\n"
        "          - code: CJ.WY.DT\n",
        15,
        "电梯故障 (CJ.WY.DT): duplicate code 'CJ.WY.DT'",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_a_mistake_in_the_file_names_file_line_and_node(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    assert old in GOOD_FILE
    path = tmp_path / "taxonomy.yaml"
    path.write_text(GOOD_FILE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ResourceError) as error:
        load_taxonomy(tmp_path)
    message = str(error.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert expected in message
    assert "\n" not in message and "Traceback" not in message


def test_the_good_file_loads_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(GOOD_FILE, encoding="utf-8")
    assert load_taxonomy(tmp_path).get("CJ.WY.DT").questions == (Question("请问有没有人被困？"),)


def test_broken_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(GOOD_FILE.replace("en: Elevator", "en: [Elevator"), encoding="utf-8")
    with pytest.raises(ResourceError, match=re.escape(str(path))) as error:
        load_taxonomy(tmp_path)
    assert "line 17" in str(error.value)


def test_errors_without_a_file_still_name_the_line() -> None:
    assert str(TaxonomyError("CJ: bad", 4)) == "line 4: CJ: bad"
    assert str(TaxonomyError("CJ: bad", 4, "t.yaml")) == "t.yaml:4: CJ: bad"
    assert str(TaxonomyError("CJ: bad", None, "t.yaml")) == "t.yaml: CJ: bad"
