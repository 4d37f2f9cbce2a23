"""我的统计: the seat's own figures from its store, by the same definitions as the server's report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.draft import Draft
from app.domain.figures import Figure, Grouping, Period
from app.domain.ids import new_id
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import Command
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.lead.figures import Buckets, ShiftFact, Sums
from app.store.db import Store
from app.store.figures import seat_figures
from app.store.tickets import TicketStore

ZONE = ZoneInfo("Asia/Shanghai")
MORNING = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, a working Wednesday
DAY = Buckets.covering(Period.DAY, MORNING.astimezone(ZONE).date(), MORNING.astimezone(ZONE).date(), ZONE)


def draft(seat: str, kind: Kind, started: datetime) -> Draft:
    values: dict[str, Any] = {
        "kind": kind,
        "category_code": "CJ.WY.DT",
        "priority": Priority.NORMAL,
        "caller_name": "张三",
        "caller_phone": "13812345678",
        "district": "福田区",
        "content": "电梯停运两天",
    }
    return Draft(id=new_id(), seat_id=seat, started_at=started, **values)


def test_the_seat_counts_its_own_tickets_by_the_shared_definitions(store: Store, sla_clock: SlaClock) -> None:
    now = [MORNING]
    tickets = TicketStore(store, sla_clock, clock=lambda: now[0])
    tickets.accept(
        draft("S01", Kind.CONSULTATION, MORNING - timedelta(minutes=4)), actor="李娜", close_reason="已答复"
    )
    tickets.accept(
        draft("S01", Kind.CONSULTATION, MORNING - timedelta(minutes=40)), actor="李娜"
    )  # 受理 late
    complaint, _ = tickets.accept(draft("S01", Kind.COMPLAINT, MORNING - timedelta(minutes=2)), actor="李娜")
    late = complaint.dispatch_due + timedelta(minutes=5)  # type: ignore[operator]
    tickets.act(
        complaint.id, Command(Action.DISPATCH, "李娜", Role.OPERATOR, late, seat_id="S01", department="QZJJ")
    )
    tickets.accept(
        draft("S02", Kind.CONSULTATION, MORNING), actor="王芳", close_reason="已答复"
    )  # not this seat's
    shift = ShiftFact("S01", MORNING, seconds_on=3 * 3600, calls=12, talk_seconds=2400, wrap_up_seconds=480)

    cells = seat_figures(store, "S01", Grouping.TEAM, DAY, MORNING + timedelta(days=3), shift)

    mine = cells[("*", 0)]
    assert mine[Figure.ACCEPTED_ON_TIME] == Sums(2, 3)
    assert mine[Figure.FIRST_CALL] == Sums(1, 2)
    assert mine[Figure.DISPATCHED_ON_TIME] == Sums(0, 2)  # one late; one never dispatched, now past due
    assert mine[Figure.CALLS_PER_HOUR].value(Figure.CALLS_PER_HOUR) == 4
