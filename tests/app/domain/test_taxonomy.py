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
    Department,
    Taxonomy,
    TaxonomyError,
    UnknownCategory,
    UnknownDepartment,
)

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
    assert 12 <= len(roots) <= 18
    for root in roots:
        assert 3 <= len(shipped.children(root.code)) <= 6, root.code
        for second in shipped.children(root.code):
            assert 2 <= len(shipped.children(second.code)) <= 6, second.code
    assert all(leaf.level == MAX_DEPTH for leaf in shipped.leaves())


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
            {"code": "ZJJ", "name": "区住房和建设局", "en": "Housing Bureau"},
            {"code": "JDB", "name": "街道办事处", "en": "Sub-district Office"},
            {"code": "RQ", "name": "燃气集团", "en": "Gas Group"},
        ],
        "categories": [
            {
                "code": "CJ",
                "name": "城乡建设",
                "en": "Construction",
                "departments": ["ZJJ"],
                "children": [
                    {
                        "code": "CJ.WY",
                        "name": "物业管理",
                        "en": "Property",
                        "priority": "fast",
                        "children": [
                            {"code": "CJ.WY.DT", "name": "电梯故障", "en": "Elevator", "keywords": ["电梯"]},
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
                    {"code": "GY.QT", "name": "其他", "en": "Other", "departments": []},
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
        lambda d: d["departments"].append({"code": "JDB", "name": "另一个", "en": "Other"}),
        ["departments[3] (JDB): duplicate department code 'JDB'"],
    ),
    (
        "bad department code",
        lambda d: d["departments"][0].update(code="zjj"),
        ["departments[0] (zjj): code must be uppercase"],
    ),
    ("unknown top-level key", lambda d: d.update(catgories=[]), ["taxonomy: unknown key(s) catgories"]),
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
    assert tax.get("GY").departments == ()
    assert tax.get("GY.QT").departments == ()  # explicitly none


def test_keywords_are_not_inherited(tax: Taxonomy) -> None:
    assert tax.get("CJ.WY.DT").keywords == ("电梯",)
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
    assert tax.department("RQ") == Department("RQ", "燃气集团", "Gas Group")
    assert [d.code for d in tax.departments] == ["ZJJ", "JDB", "RQ"]
    assert [d.name for d in tax.departments_for("CJ.WY.SF")] == ["区住房和建设局", "街道办事处"]
    assert tax.departments_for("GY.QT") == ()
    with pytest.raises(UnknownDepartment, match="unknown department code 'XX'"):
        tax.department("XX")
    with pytest.raises(UnknownCategory):
        tax.departments_for("XX")
