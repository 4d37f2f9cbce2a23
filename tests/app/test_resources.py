"""The shipped resources load, and refer to each other consistently."""

from __future__ import annotations

from app.domain.kinds import Kind, Priority
from app.resources import load_sla_clock, load_taxonomy


def test_every_sla_category_override_names_a_real_category() -> None:
    taxonomy = load_taxonomy()
    overrides = load_sla_clock().policy.overrides
    named = [o.category for o in overrides if o.category]
    assert named, "sla.yaml has no category overrides to check"
    for code in named:
        assert code in taxonomy, f"sla.yaml names category {code!r}, which taxonomy.yaml does not have"


def test_water_outage_is_at_least_fast_by_the_shipped_rules() -> None:
    clock = load_sla_clock()
    assert clock.policy.rule_for(Kind.HELP, "GY.GS.TS", Priority.NORMAL).priority is Priority.FAST


def test_every_leaf_gets_deadlines_for_every_kind() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    taxonomy, clock = load_taxonomy(), load_sla_clock()
    accepted = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    for leaf in taxonomy.leaves():
        for kind in Kind:
            due = clock.deadlines(kind, leaf.code, leaf.priority, accepted)
            assert accepted < due.dispatch_due <= due.close_due or kind is Kind.CONSULTATION
