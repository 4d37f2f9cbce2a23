"""Retention on the seat: a store aged by moving the clock loses what is past its period, and keeps
what sync, the conflict dialog and the archive on the server still need."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.config.settings import Config
from app.domain.draft import Draft
from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.ops import OpStatus
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Status
from app.domain.ticket import Caller, Ticket
from app.speech.stream import Segment, Speaker
from app.store.conflicts import ConflictStore, Resolution
from app.store.db import Store
from app.store.drafts import DraftStore
from app.store.models import ConflictRow, EventRow, NoticeRow, OutboxRow, TicketRow
from app.store.outbox import Outbox
from app.store.replica import Answer, Pulled, Replica
from app.store.retention import PurgeReport, RetentionPolicy, purge
from app.store.tickets import TicketStore
from app.store.transcripts import TranscriptStore

MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
POLICY = RetentionPolicy()  # 30 days personal data, 7 days outbox and drafts, 30 days transcripts
PERSONAL = ("张三丰", "13812345678", "幸福路18号")


class Clock:
    def __init__(self) -> None:
        self.now = MORNING

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def tickets(store: Store, sla_clock: SlaClock, clock: Clock) -> TicketStore:
    return TicketStore(store, sla_clock, clock=clock)


@pytest.fixture
def replica(store: Store, sla_clock: SlaClock, clock: Clock) -> Replica:
    return Replica(store, sla_clock, clock=clock, mask_after=POLICY.personal)


def draft(**fields: Any) -> Draft:
    values: dict[str, Any] = {
        "kind": Kind.CONSULTATION,
        "category_code": "CJ.WY.DT",
        "caller_name": "张三丰",
        "caller_phone": "13812345678",
        "address": "东湖区幸福路18号",
        "district": "东湖区",
        "content": "张三丰咨询东湖区幸福路18号电梯年检，回电13812345678",
        **fields,
    }
    return Draft(id=new_id(), seat_id="A01", started_at=MORNING, **values)


def synced(replica: Replica, store: Store, ticket_id: str) -> None:
    """The server acknowledged every op of the ticket (as a push would)."""
    ops = [op for op in Outbox(store).pending() if op.ticket_id == ticket_id]
    replica.settle([Answer(op.op_id, OpStatus.APPLIED, version=i + 1) for i, op in enumerate(ops)])


def closed(tickets: TicketStore, replica: Replica, store: Store, *, sync: bool = True) -> Ticket:
    ticket, _ = tickets.accept(draft(), actor="话务员", close_reason="已答复张三丰 13812345678")
    if sync:
        synced(replica, store, ticket.id)
    return ticket


def kept(store: Store, ticket_id: str) -> str:
    """Everything the seat keeps of a ticket, as one text to search for personal values."""
    with store.reading() as s:
        row = s.get(TicketRow, ticket_id)
        assert row is not None
        parts = [row.caller_name, row.caller_phone, row.id_number, row.address, row.content]
        parts += [
            e.data + e.reason for e in s.scalars(select(EventRow).where(EventRow.ticket_id == ticket_id))
        ]
        parts += [o.payload for o in s.scalars(select(OutboxRow).where(OutboxRow.ticket_id == ticket_id))]
        parts += [c.mine + (c.theirs or "") + c.fields for c in s.scalars(select(ConflictRow))]
        return json.dumps(parts, ensure_ascii=False)


def test_a_ticket_closed_more_than_30_days_ago_is_masked_everywhere_on_the_seat(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket = closed(tickets, replica, store)
    assert all(value in kept(store, ticket.id) for value in PERSONAL)

    assert purge(store, POLICY, MORNING + timedelta(days=29)).tickets_masked == 0
    assert purge(store, POLICY, MORNING + timedelta(days=31)).tickets_masked == 1

    text = kept(store, ticket.id)
    assert not any(value in text for value in PERSONAL), text
    masked = tickets.get(ticket.id)
    assert masked.caller == Caller("张**", "138****5678") and masked.address == "东湖区"
    assert masked.content == "张**咨询东湖区电梯年检，回电138****5678"
    assert (masked.status, masked.closed_at, masked.category_code, masked.district) == (
        Status.CLOSED, ticket.closed_at, "CJ.WY.DT", "东湖区")  # fmt: skip
    assert purge(store, POLICY, MORNING + timedelta(days=60)) == PurgeReport()  # twice is once


def test_the_purge_clears_the_id_number_on_the_seat_too(
    store: Store, tickets: TicketStore, replica: Replica
) -> None:
    ticket, _ = tickets.accept(draft(id_number="11010519491231002X"), actor="话务员", close_reason="已答复")
    synced(replica, store, ticket.id)
    assert tickets.get(ticket.id).id_number == "11010519491231002X"

    purge(store, POLICY, MORNING + timedelta(days=31))

    assert tickets.get(ticket.id).id_number == ""
    assert "11010519491231002X" not in kept(store, ticket.id)


def test_open_tickets_unsynced_tickets_and_demo_tickets_keep_their_data(
    store: Store, tickets: TicketStore, replica: Replica, clock: Clock
) -> None:
    still_open, _ = tickets.accept(draft(kind=Kind.COMPLAINT), actor="话务员")
    synced(replica, store, still_open.id)
    unsynced = closed(tickets, replica, store, sync=False)  # the seat holds the only copy
    demo = dataclasses.replace(unsynced, id=new_id(), local_no="DEMO-1")
    tickets.import_history([(demo, [])], demo=True)

    assert purge(store, POLICY, MORNING + timedelta(days=400)).tickets_masked == 0
    for ticket in (still_open, unsynced, demo):
        assert tickets.get(ticket.id).caller.phone == "13812345678"

    synced(replica, store, unsynced.id)  # once the server has it, the seat lets go
    assert purge(store, POLICY, MORNING + timedelta(days=400)).tickets_masked == 1
    assert tickets.get(unsynced.id).caller.phone == "138****5678"


def test_acknowledged_ops_go_after_7_days_pending_ones_never(
    store: Store, tickets: TicketStore, replica: Replica, clock: Clock
) -> None:
    acknowledged = closed(tickets, replica, store)  # settled at MORNING
    pending, _ = tickets.accept(draft(kind=Kind.COMPLAINT), actor="话务员")
    assert purge(store, POLICY, MORNING + timedelta(days=6)).outbox_deleted == 0
    report = purge(store, POLICY, MORNING + timedelta(days=8))
    assert report.outbox_deleted == 2
    with store.reading() as s:
        left = list(s.scalars(select(OutboxRow.ticket_id)))
    assert left == [pending.id] and acknowledged.id not in left
    assert Outbox(store).pending_count() == 1


def test_an_op_whose_conflict_is_still_open_is_kept_and_a_resolved_conflict_goes_after_7_days(
    store: Store, tickets: TicketStore, replica: Replica, clock: Clock
) -> None:
    ticket, _ = tickets.accept(draft(kind=Kind.COMPLAINT), actor="话务员")
    synced(replica, store, ticket.id)
    edit = Command(Action.EDIT, "话务员", Role.OPERATOR, MORNING, seat_id="A01", changes={"content": "改"})
    tickets.act(ticket.id, edit)
    [op] = Outbox(store).pending()
    replica.settle([Answer(op.op_id, OpStatus.REJECTED, reason="不能修改 (refused)")])
    conflicts = ConflictStore(store, tickets, clock=clock)

    assert purge(store, POLICY, MORNING + timedelta(days=30)).outbox_deleted == 1  # the create only
    [conflict] = conflicts.open_conflicts()
    clock.now = MORNING + timedelta(days=31)
    conflicts.resolve(conflict.id, Resolution.ACKNOWLEDGE, actor="话务员")
    report = purge(store, POLICY, MORNING + timedelta(days=37))
    assert (report.conflicts_deleted, report.outbox_deleted) == (0, 1)  # resolved: its op may go
    assert purge(store, POLICY, MORNING + timedelta(days=39)).conflicts_deleted == 1


def test_notices_read_more_than_7_days_ago_are_deleted(store: Store, replica: Replica, clock: Clock) -> None:
    with store.transaction() as s:
        s.add(NoticeRow(ticket_id="t", note="班长 李华 改派至 A02", created_at=MORNING))
        s.add(NoticeRow(ticket_id="t", note="unread", created_at=MORNING))
    [read, _unread] = replica.notices()
    replica.acknowledge_notices([read.id])
    assert purge(store, POLICY, MORNING + timedelta(days=8)).notices_deleted == 1
    assert [n.note for n in replica.notices()] == ["unread"]


def test_drafts_untouched_for_7_days_and_transcripts_older_than_30_days_are_deleted(store: Store) -> None:
    drafts, transcripts = DraftStore(store), TranscriptStore(store)
    old = draft()
    drafts.save(old, 1)
    transcripts.add(
        old.id, Segment("call-1", Speaker.CALLER, "我叫张三丰，电话13812345678", 0.0, 2.0, (), True)
    )
    now = datetime.now(UTC)  # drafts and transcripts are stamped with the real clock

    assert purge(store, POLICY, now + timedelta(days=6)) == PurgeReport()
    report = purge(store, POLICY, now + timedelta(days=8))
    assert (report.drafts_deleted, report.transcript_segments_deleted) == (1, 0)
    assert drafts.latest("A01") is None
    assert purge(store, POLICY, now + timedelta(days=31)).transcript_segments_deleted == 1
    assert transcripts.for_ticket(old.id) == []


def server_copy(ticket: Ticket) -> tuple[Ticket, tuple[TicketEvent, ...]]:
    """The ticket as the server still holds it (unmasked, 730 days there), with an edit event."""
    unmasked = dataclasses.replace(
        ticket, caller=Caller("张三丰", "13812345678"), address="东湖区幸福路18号", content=draft().content
    )
    edit = TicketEvent(
        id=new_id(), ticket_id=ticket.id, action=Action.EDIT, from_status=Status.ACCEPTED,
        to_status=Status.ACCEPTED, at=MORNING, actor="话务员", role=Role.OPERATOR, seat_id="A01",
        data={"caller_name": "张三丰", "caller_phone": "13812345678"},
    )  # fmt: skip
    return unmasked, (edit,)


def test_pulling_a_masked_ticket_again_does_not_bring_its_data_back(
    store: Store, tickets: TicketStore, replica: Replica, clock: Clock
) -> None:
    ticket = closed(tickets, replica, store)
    purge(store, POLICY, MORNING + timedelta(days=31))
    clock.now = MORNING + timedelta(days=40)
    unmasked, events = server_copy(tickets.get(ticket.id))

    replica.apply_pull([Pulled(unmasked, events)], cursor=99)

    text = kept(store, ticket.id)
    assert not any(value in text for value in PERSONAL), text
    assert tickets.get(ticket.id).caller == Caller("张**", "138****5678")


def test_a_pulled_ticket_closed_long_ago_arrives_masked(store: Store, tickets: TicketStore, replica: Replica,
                                                        clock: Clock) -> None:  # fmt: skip
    ticket = closed(tickets, replica, store)
    old = dataclasses.replace(ticket, id=new_id(), local_no="L-A09-20261125-0001", version=4)
    clock.now = MORNING + timedelta(days=40)
    unmasked, events = server_copy(old)
    replica.apply_pull([Pulled(unmasked, events)], cursor=5)
    arrived = kept(store, old.id)
    assert not any(value in arrived for value in PERSONAL)
    purge(store, POLICY, clock.now)
    assert kept(store, old.id) == arrived  # masked on arrival exactly as the purge masks


def test_the_periods_are_settings(store: Store) -> None:
    config = Config()
    assert RetentionPolicy.from_config(config) == POLICY
    config.set("retention.personal_days", 90)
    config.set("retention.transcript_days", 14)
    policy = RetentionPolicy.from_config(config)
    assert (policy.personal, policy.transcripts) == (timedelta(days=90), timedelta(days=14))
