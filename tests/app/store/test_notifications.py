"""Notifications in the store: once per source event across repeated pulls and restarts, read state
kept, the SLA clock warns once per deadline, conflicts notify, read ones are purged."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain.draft import Draft
from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.ops import OpStatus
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Status
from app.domain.ticket import Ticket
from app.notify.notification import Notification, NotificationKind, Viewer
from app.store.db import Store, open_store
from app.store.notifications import NotificationStore
from app.store.outbox import Outbox
from app.store.replica import Answer, Pulled, Replica
from app.store.retention import RetentionPolicy, purge
from app.store.tickets import TicketStore

MORNING = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ME = Viewer("S01", Role.OPERATOR, frozenset({"op01", "李娜"}))


class Clock:
    def __init__(self) -> None:
        self.now = MORNING

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def reassigned_to_me(version: int = 2) -> Pulled:
    ticket = Ticket(
        id=new_id(),
        local_no="L-S02-20261207-0001",
        number="12345-20261207-000009",
        kind=Kind.HELP,
        status=Status.ACCEPTED,
        seat_id="S02",
        created_at=MORNING - timedelta(hours=1),
        accepted_at=MORNING - timedelta(hours=1),
        assigned_seat="S01",
        version=version,
    )
    moved = TicketEvent(
        new_id(),
        ticket.id,
        Action.ASSIGN,
        Status.ACCEPTED,
        Status.ACCEPTED,
        MORNING - timedelta(minutes=2),
        "李华",
        Role.TEAM_LEAD,
        None,
        "忙闲调整",
        {"assign_to": "S01", "previous": "S02"},
    )
    return Pulled(ticket, (moved,), note=Problem("notice.reassigned", {"seat": "S01"}))


def test_a_pulled_reassignment_to_this_seat_is_kept_unread(
    store: Store, sla_clock: SlaClock, clock: Clock
) -> None:
    replica, notes = Replica(store, sla_clock, clock=clock), NotificationStore(store, clock=clock)
    item = reassigned_to_me()
    replica.apply_pull([item], cursor=5, viewer=ME)
    [note] = notes.recent()
    assert note.kind is NotificationKind.ASSIGNED_TO_ME and note.ticket_id == item.ticket.id
    assert note.unread and note.params["reason"] == "忙闲调整"
    assert notes.unread_count() == 1


def test_a_pull_without_a_signed_in_user_notifies_nobody(
    store: Store, sla_clock: SlaClock, clock: Clock
) -> None:
    Replica(store, sla_clock, clock=clock).apply_pull([reassigned_to_me()], cursor=5)
    assert NotificationStore(store).recent() == []


def test_a_repeated_pull_and_a_restart_add_no_duplicate_and_keep_the_read_state(
    tmp_path: Path, sla_clock: SlaClock, clock: Clock
) -> None:
    item = reassigned_to_me()
    first = open_store(tmp_path / "seat.sqlite3")
    Replica(first, sla_clock, clock=clock).apply_pull([item], cursor=5, viewer=ME)
    Replica(first, sla_clock, clock=clock).apply_pull([item], cursor=5, viewer=ME)  # cursor lost in a crash
    notes = NotificationStore(first, clock=clock)
    [note] = notes.recent()
    assert note.id is not None
    notes.mark_read([note.id])
    first.close()

    again = open_store(tmp_path / "seat.sqlite3")
    try:
        Replica(again, sla_clock, clock=clock).apply_pull([item], cursor=5, viewer=ME)
        [kept] = NotificationStore(again).recent()
        assert kept.id == note.id and kept.read_at == MORNING and not kept.unread
    finally:
        again.close()


def test_the_same_key_is_kept_once_even_when_its_events_were_stored_before(
    store: Store, clock: Clock
) -> None:
    notes = NotificationStore(store, clock=clock)
    note = Notification("supervised:e1", NotificationKind.SUPERVISED, "t1", MORNING, {"ticket": "1"})
    assert [n.key for n in notes.add([note, note])] == ["supervised:e1"]
    assert notes.add([note]) == []
    assert len(notes.recent()) == 1


def test_mark_read_and_mark_all_read(store: Store, clock: Clock) -> None:
    notes = NotificationStore(store, clock=clock)
    added = notes.add(
        Notification(f"k{i}", NotificationKind.URGED, "t", MORNING + timedelta(minutes=i)) for i in range(3)
    )
    notes.mark_read([added[0].id or 0])
    assert notes.unread_count() == 2
    assert [n.key for n in notes.recent()] == ["k2", "k1", "k0"]  # newest first
    notes.mark_all_read()
    assert notes.unread_count() == 0
    assert notes.after(added[0].id or 0) == notes.recent()[:2][::-1]


def street_light_at_s01(tickets: TicketStore) -> Ticket:
    """A 路灯不亮 call accepted at seat S01 this morning (its 派单 deadline running)."""
    ticket, _ = tickets.accept(
        Draft(
            id=new_id(),
            seat_id="S01",
            started_at=MORNING,
            kind=Kind.HELP,
            category_code="CJ.SZ.LD",
            content="路灯不亮",
            caller_phone="13812345678",
        ),
        actor="李娜",
    )
    return ticket


def test_the_sla_check_warns_once_per_deadline_of_this_seats_open_tickets(
    store: Store, sla_clock: SlaClock, clock: Clock
) -> None:
    tickets = TicketStore(store, sla_clock, clock=clock)
    mine = street_light_at_s01(tickets)
    assert mine.dispatch_due is not None
    notes = NotificationStore(store, clock=clock)
    lead_time = timedelta(minutes=30)
    clock.now = mine.dispatch_due - timedelta(minutes=20)
    [warning] = notes.check_deadlines("S01", lead_time)
    assert warning.kind is NotificationKind.SLA_WARNING and warning.ticket_id == mine.id
    assert notes.check_deadlines("S01", lead_time) == []  # the next look: told already
    assert notes.check_deadlines("S02", lead_time) == []  # another seat's deadlines are not mine
    clock.now = mine.dispatch_due + timedelta(minutes=1)
    [overdue] = notes.check_deadlines("S01", lead_time)
    assert overdue.kind is NotificationKind.SLA_OVERDUE
    assert notes.check_deadlines("S01", lead_time) == []


def test_a_refused_change_notifies_a_sync_conflict_once(
    store: Store, sla_clock: SlaClock, clock: Clock
) -> None:
    tickets = TicketStore(store, sla_clock, clock=clock)
    ticket = street_light_at_s01(tickets)
    [op] = Outbox(store).pending()
    replica = Replica(store, sla_clock, clock=clock)
    refused = Answer(op.op_id, OpStatus.REJECTED, reason=Problem("push.ticket_exists"))
    replica.settle([refused])
    replica.settle([refused])
    [note] = NotificationStore(store).recent()
    assert note.kind is NotificationKind.SYNC_CONFLICT and note.ticket_id == ticket.id
    assert note.params == {"ticket": ticket.display_no, "outcome": "rejected"}


def test_read_notifications_go_after_the_outbox_period_and_unread_ones_stay(
    store: Store, clock: Clock
) -> None:
    notes = NotificationStore(store, clock=clock)
    read, _unread = notes.add(
        Notification(k, NotificationKind.URGED, "t", MORNING) for k in ("read", "unread")
    )
    notes.mark_read([read.id or 0])
    policy = RetentionPolicy()
    assert purge(store, policy, MORNING + timedelta(days=6)).notifications_deleted == 0
    assert purge(store, policy, MORNING + timedelta(days=8)).notifications_deleted == 1
    assert [n.key for n in notes.recent()] == ["unread"]


def test_a_move_that_makes_a_notification_leaves_no_second_notice_even_when_pulled_again(
    store: Store, sla_clock: SlaClock, clock: Clock
) -> None:
    replica, item = Replica(store, sla_clock, clock=clock), reassigned_to_me()
    replica.apply_pull([item], cursor=5, viewer=ME)
    replica.apply_pull([item], cursor=5, viewer=ME)  # cursor lost in a crash
    assert [n.kind for n in NotificationStore(store).recent()] == [NotificationKind.ASSIGNED_TO_ME]
    assert replica.notices() == []  # the status bar would say it a second time
