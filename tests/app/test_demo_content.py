"""演示数据: demo calls are deterministic, plausible and consistent with the catalogue."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from app import demo_content
from app.demo_content import CITY, DISTRICTS, PROGRESS_VALUES, WINDOW, DemoRequest, generate_demo_requests
from app.domain.kinds import Kind
from app.domain.taxonomy import Taxonomy

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "taxonomy.yaml"
NOW = datetime(2026, 1, 15, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    with SHIPPED.open(encoding="utf-8") as handle:
        return Taxonomy.from_mapping(yaml.safe_load(handle))


@pytest.fixture(scope="module")
def requests(taxonomy: Taxonomy) -> list[DemoRequest]:
    return generate_demo_requests(taxonomy, 300, seed=12345, now=NOW)


def test_same_seed_same_requests(taxonomy: Taxonomy, requests: list[DemoRequest]) -> None:
    assert generate_demo_requests(taxonomy, 300, seed=12345, now=NOW) == requests
    assert generate_demo_requests(taxonomy, 300, seed=54321, now=NOW) != requests


def test_does_not_touch_the_global_random_state(taxonomy: Taxonomy) -> None:
    random.seed(1)
    expected = random.random()
    random.seed(1)
    generate_demo_requests(taxonomy, 20, seed=3, now=NOW)
    assert random.random() == expected


def test_only_leaf_categories_with_their_priority(taxonomy: Taxonomy, requests: list[DemoRequest]) -> None:
    for request in requests:
        assert taxonomy.is_leaf(request.category_code)
        assert request.priority is taxonomy.get(request.category_code).priority
    assert len({r.category_code for r in requests}) > 100  # spread across the catalogue


def test_phones_are_eleven_digit_mobiles(requests: list[DemoRequest]) -> None:
    for request in requests:
        assert re.fullmatch(r"1[3-9]\d{9}", request.caller_phone), request.caller_phone


def test_times_are_in_the_past_30_days_in_shanghai(requests: list[DemoRequest]) -> None:
    for request in requests:
        assert NOW - WINDOW < request.received_at <= NOW
        assert request.received_at.utcoffset() == timedelta(hours=8)
    assert [r.received_at for r in requests] == sorted(r.received_at for r in requests)
    office_hours = sum(8 <= r.received_at.hour < 18 for r in requests)
    assert office_hours > len(requests) * 0.6


def test_all_kinds_appear(requests: list[DemoRequest]) -> None:
    assert set(Counter(r.kind for r in requests)) == set(Kind)


def test_content_is_natural_chinese(requests: list[DemoRequest]) -> None:
    for request in requests:
        assert len(CJK.findall(request.content)) >= 10, request.content
        assert "{" not in request.content and "}" not in request.content
        assert request.content[-1] in "。？！", request.content
    assert len({r.content for r in requests}) > len(requests) * 0.9


def test_addresses_and_callers(requests: list[DemoRequest]) -> None:
    for request in requests:
        assert request.district in DISTRICTS
        assert request.address.startswith((request.district, CITY)), request.address
        assert request.caller_name
    assert any(r.caller_name == "匿名" for r in requests if r.kind is Kind.REPORT)  # 匿名举报


def test_progress_follows_kind_and_age(requests: list[DemoRequest]) -> None:
    assert {r.progress for r in requests} <= set(PROGRESS_VALUES)
    consultations = [r for r in requests if r.kind is Kind.CONSULTATION]
    direct = sum(r.progress == "closed_direct" for r in consultations)
    assert direct > len(consultations) * 0.6
    assert not any(r.progress == "closed_direct" for r in requests if r.kind is Kind.COMPLAINT)
    old = [r for r in requests if r.received_at < NOW - timedelta(days=14) and r.progress != "closed_direct"]
    assert sum(r.progress in ("visited", "closed") for r in old) > len(old) * 0.5


def test_some_callers_call_again_about_the_same_issue(requests: list[DemoRequest]) -> None:
    by_phone: dict[str, list[DemoRequest]] = {}
    for request in requests:
        by_phone.setdefault(request.caller_phone, []).append(request)
    repeats = [calls for calls in by_phone.values() if len(calls) > 1]
    assert repeats
    for calls in repeats:
        assert len({(c.category_code, c.address) for c in calls}) == 1


def test_heating_calls_only_in_the_heating_season(taxonomy: Taxonomy) -> None:
    july = datetime(2026, 7, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    codes = {r.category_code for r in generate_demo_requests(taxonomy, 600, seed=9, now=july)}
    assert "GY.GN.BR" not in codes


def test_accepts_any_aware_now(taxonomy: Taxonomy) -> None:
    now = datetime(2026, 1, 15, 2, 30, tzinfo=UTC)
    for request in generate_demo_requests(taxonomy, 50, seed=1, now=now):
        assert now - WINDOW < request.received_at <= now
        assert request.received_at.utcoffset() == timedelta(hours=8)


def test_rejects_bad_arguments(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        generate_demo_requests(taxonomy, 5, seed=1, now=datetime(2026, 1, 15, 10, 30))
    with pytest.raises(ValueError, match="negative"):
        generate_demo_requests(taxonomy, -1, seed=1, now=NOW)
    assert generate_demo_requests(taxonomy, 0, seed=1, now=NOW) == []


def test_a_catalogue_without_scripts_still_gets_every_kind() -> None:
    doc: dict[str, Any] = {
        "version": 1,
        "departments": [
            {"code": "NY", "name": "区农业农村局", "en": "Agriculture Bureau", "level": "district"}
        ],
        "categories": [
            {
                "code": "NY",
                "name": "农业农村",
                "en": "Agriculture",
                "departments": ["NY"],
                "children": [{"code": "NY.ZJ", "name": "农资质量", "en": "Farm supplies"}],
            }
        ],
    }
    requests = generate_demo_requests(Taxonomy.from_mapping(doc), 200, seed=2, now=NOW)
    assert {r.kind for r in requests} == set(Kind)
    assert {r.category_code for r in requests} == {"NY.ZJ"}
    assert sum("农资质量" in r.content for r in requests) > 100


# --------------------------------------------------------------------------- white-box: the template data


def test_every_shipped_leaf_has_scripts_and_no_script_is_orphaned(taxonomy: Taxonomy) -> None:
    assert set(demo_content._SCRIPTS) == {leaf.code for leaf in taxonomy.leaves()}


def test_every_template_renders(taxonomy: Taxonomy) -> None:
    generator = demo_content._Generator(taxonomy, taxonomy.leaves(), random.Random(0), NOW)
    slots = generator._slots(demo_content._DISTRICTS[0], taxonomy.get("CJ.WY.DT"))
    templates = [s.text for scripts in demo_content._SCRIPTS_BY_CODE.values() for s in scripts]
    templates += [s.text for s in demo_content._GENERIC_SCRIPTS]
    templates += [t for openers in demo_content._OPENERS.values() for t in openers]
    for template in templates:
        rendered = template.format_map(slots)
        assert "{" not in rendered and " " not in rendered, template
