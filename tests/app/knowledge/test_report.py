"""The KB effectiveness report over a real KB file: counts per article in a period, articles used
only outside it, articles never used, and uses of an article deleted since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.knowledge.report import effectiveness
from app.knowledge.store import KbStore
from tests.app.knowledge.conftest import article

MAY = datetime(2026, 5, 1, tzinfo=UTC)


def test_counts_uses_per_article_in_the_period_and_lists_the_unused(store: KbStore) -> None:
    a, b, c, d = (
        article(i, t) for i, t in (("a", "护照办理"), ("b", "医保报销"), ("c", "燃气开户"), ("d", "供暖报修"))
    )
    store.upsert([a, b, c, d])
    store.record_use("t1", a, MAY + timedelta(days=1))
    store.record_use("t2", a, MAY + timedelta(days=2))
    store.record_use("t2", b, MAY + timedelta(days=2))  # one ticket, two articles
    store.record_use("t3", c, MAY - timedelta(days=40))  # before the period
    store.record_use("t4", b, MAY + timedelta(days=31))  # the end is exclusive: after it

    report = effectiveness(store, MAY, MAY + timedelta(days=31))
    assert [(u.article_id, u.uses) for u in report.used] == [("a", 2), ("b", 1)]
    assert report.tickets == 2 and report.articles == 4
    assert [u.article_id for u in report.unused] == ["d", "c"]  # never used first
    assert [u.article_id for u in report.never_used] == ["d"]
    assert report.unused[1].last_used == MAY - timedelta(days=40)
    assert report.used[1].last_used == MAY + timedelta(days=31)  # the latest use ever


def test_a_deleted_article_keeps_its_uses_marked_as_gone(store: KbStore) -> None:
    gone = article("gone", "旧政策")
    store.upsert([gone])
    store.record_use("t1", gone, MAY)
    store.delete(["gone"])
    report = effectiveness(store, MAY, MAY + timedelta(days=1))
    [usage] = report.used
    assert usage.article_id == "gone" and not usage.in_kb and report.unused == ()


def test_period_bounds_in_another_time_zone_mean_the_same_moments(store: KbStore) -> None:
    a = article("a", "护照办理")
    store.upsert([a])
    store.record_use("t1", a, datetime(2026, 5, 1, 16, 30, tzinfo=UTC))  # 5月2日 00:30 in Beijing
    beijing = timezone(timedelta(hours=8))
    may2 = datetime(2026, 5, 2, tzinfo=beijing)
    assert effectiveness(store, may2, may2 + timedelta(days=1)).tickets == 1
    assert effectiveness(store, may2 - timedelta(days=1), may2).tickets == 0
    with pytest.raises(ValueError):
        effectiveness(store, datetime(2026, 5, 1), may2)
