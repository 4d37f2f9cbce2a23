"""演示数据 looks like a live shift whatever day the demo starts: most tickets in time, a few near
their deadline, a few overdue, 督办 on some, work waiting for every kind of move; and a demo store
opened on a later day is brought up to that day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.config.settings import Config
from app.demo import seed_demo_if_empty
from app.demo_content import OUTBREAK_CATEGORY
from app.domain.hotspots import Dimension
from app.domain.sla import SlaLevel
from app.domain.status import Status
from app.domain.worklist import TURN, Turn
from app.lead.local import StoreHotspots
from app.paths import AppPaths
from app.store.queue import QueueFilter, QueueOrder, QueueQuery, QueueRow
from app.workspace import Workspace

CENTRE = ZoneInfo("Asia/Shanghai")
SHIFTS = {
    "tuesday morning": datetime(2026, 3, 3, 10, 30, tzinfo=CENTRE),
    "saturday afternoon": datetime(2026, 3, 7, 15, 0, tzinfo=CENTRE),
    "after the national day holiday": datetime(2026, 10, 8, 9, 10, tzinfo=CENTRE),
    "late evening": datetime(2026, 12, 6, 22, 40, tzinfo=CENTRE),
    "today": datetime.now(UTC),
}


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(AppPaths.under(tmp_path / "home"), Config())
    yield ws
    ws.close()


def queue(ws: Workspace) -> list[QueueRow]:
    return QueueQuery(ws.store, QueueFilter(seat_id=ws.seat.seat_id), QueueOrder()).page(0, 10_000)


def levels(ws: Workspace, rows: list[QueueRow], now: datetime) -> Counter[SlaLevel]:
    return Counter(
        ws.sla.running_level(
            r.kind,
            r.category_code,
            r.priority,
            dispatched=r.status is not Status.ACCEPTED,
            started=r.accepted_at or r.created_at,
            due=r.next_due,
            now=now,
        )
        for r in rows
        if r.next_due is not None
    )


@pytest.mark.parametrize("now", SHIFTS.values(), ids=SHIFTS.keys())
def test_a_demo_started_any_day_looks_like_a_live_shift(workspace: Workspace, now: datetime) -> None:
    assert seed_demo_if_empty(workspace, now=now)
    rows = queue(workspace)
    open_rows = [r for r in rows if r.status.is_open]
    running = levels(workspace, open_rows, now)
    with_deadline = sum(running.values())

    assert 25 <= len(open_rows) <= len(rows) // 2, "a shift's worth of open work, most of the month closed"
    assert running[SlaLevel.GREEN] >= with_deadline * 0.45, f"most tickets well in time: {running}"
    assert running[SlaLevel.AMBER] + running[SlaLevel.RED] >= 2, f"a few near their deadline: {running}"
    assert 1 <= running[SlaLevel.OVERDUE] <= max(2, with_deadline * 0.15), f"a few overdue: {running}"
    supervised = [r for r in open_rows if r.supervised]
    assert 1 <= len(supervised) <= len(open_rows) * 0.15, "督办 only on some"
    turns = Counter(TURN[r.status] for r in open_rows)
    assert turns[Turn.DISPATCH] + turns[Turn.FOLLOW_UP] >= 3, f"work for the operator: {turns}"
    assert turns[Turn.DEPARTMENT] >= 10, turns
    assert all(r.created_at <= now for r in rows)


@pytest.mark.parametrize("now", list(SHIFTS.values())[:3], ids=list(SHIFTS)[:3])
def test_every_demo_history_is_in_time_order_before_now_and_supervised_only_when_late(
    workspace: Workspace, now: datetime
) -> None:
    seed_demo_if_empty(workspace, now=now)
    for row in queue(workspace):
        events = workspace.tickets.events(row.id)
        moments = [e.at for e in events]
        assert moments == sorted(moments) and moments[-1] <= now
        ticket = workspace.tickets.get(row.id)
        supervise = [e for e in events if e.action.value == "supervise"]
        assert ticket.supervised == bool(supervise)
        for event in supervise:  # a lead supervises a ticket that is late, not one in time
            late = [
                due for due in (ticket.dispatch_due, ticket.close_due) if due is not None and due < event.at
            ]
            assert late, f"{ticket.local_no} supervised at {event.at} before any deadline passed"


def test_a_demo_store_opened_on_a_later_day_is_brought_up_to_that_day(workspace: Workspace) -> None:
    first = SHIFTS["tuesday morning"]
    seed_demo_if_empty(workspace, now=first)
    count = len(queue(workspace))
    later = first + timedelta(days=23, hours=3)

    assert seed_demo_if_empty(workspace, now=later)

    rows = queue(workspace)
    assert len(rows) == count
    assert max(r.created_at for r in rows) > later - timedelta(hours=6), "today's calls are there"
    running = levels(workspace, [r for r in rows if r.status.is_open], later)
    assert running[SlaLevel.OVERDUE] <= max(2, sum(running.values()) * 0.15), running


def test_a_store_with_real_tickets_is_never_seeded(workspace: Workspace) -> None:
    draft = workspace.new_draft().with_fields(content="路灯不亮", category_code="CJ.SZ.LD")
    workspace.tickets.accept(draft, actor="李娜")

    assert not seed_demo_if_empty(workspace, now=SHIFTS["today"])
    assert len(queue(workspace)) == 1


@pytest.mark.parametrize("now", SHIFTS.values(), ids=SHIFTS.keys())
def test_a_demo_shows_a_hot_spot_and_an_early_warning(workspace: Workspace, now: datetime) -> None:
    """A new lead opening the 热点 page of the demo sees it at work: this morning's 停水 cluster leads
    the week's categories and is warned of, with the tickets behind it."""
    seed_demo_if_empty(workspace, now=now)
    taxonomy = workspace.taxonomy
    local = StoreHotspots(
        workspace.store,
        workspace.tickets,
        workspace.zone,
        lambda code: taxonomy.path(code)[0].code,
        clock=lambda: now,
    )
    week = local.hotspots(now - timedelta(days=7), now, 5)
    assert week.categories[0].subject == OUTBREAK_CATEGORY
    assert week.categories[0].count > week.categories[0].previous
    assert week.grid.peak > 0
    watch = local.warnings()
    assert watch.judged
    found = {(w.kind, w.subject): w for w in watch.warnings}
    outbreak = found[(Dimension.CATEGORY, OUTBREAK_CATEGORY)]
    assert len(outbreak.ticket_ids) == outbreak.count >= 5
    tickets = local.lead_tickets(outbreak.ticket_ids)
    assert {t.category_code for t in tickets} == {OUTBREAK_CATEGORY}
    assert all(now - timedelta(hours=24) <= t.created_at <= now for t in tickets)
