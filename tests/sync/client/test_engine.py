"""The sync engine against the real central server: every op arrives once, nothing typed is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import insert

from app.domain.ids import new_id
from app.domain.ops import OpStatus
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Action, Status
from app.notify.notification import NotificationKind
from app.store.conflicts import ConflictKind, Resolution
from app.store.db import open_store
from app.store.models import OutboxRow
from app.store.notifications import NotificationStore
from app.store.outbox import Outbox
from app.store.tickets import TicketStore, utc_now
from sync.client.api import Offline, ServerApi
from sync.client.engine import SyncEngine
from sync.client.outbound import prepare
from sync.client.status import SyncState
from tests.sync.client.conftest import Central, Seats
from tests.sync.live import LiveServer, free_port

OFFICIAL = re.compile(r"12345-\d{8}-\d{6}")


def test_create_edit_and_dispatch_arrive_exactly_once_with_an_official_number(
    central: Central, seats: Seats
) -> None:
    seat = seats("a01")
    ticket = seat.accept()
    seat.act(ticket.id, Action.EDIT, changes={"content": "电梯停运三天，老人无法下楼"})
    seat.act(ticket.id, Action.DISPATCH, department="QZJJ")

    report = seat.engine.sync_once()

    assert (report.pushed, report.applied, report.conflicts, report.rejected) == (3, 3, 0, 0)
    local = seat.tickets.get(ticket.id)
    assert local.number is not None and OFFICIAL.fullmatch(local.number)
    assert local.display_no == local.number and local.local_no == ticket.local_no
    assert (local.status, local.content, local.version) == (
        Status.DISPATCHED,
        "电梯停运三天，老人无法下楼",
        3,
    )
    assert central.ops_of(ticket.id) == 3
    assert sorted(central.events_of(ticket.id)) == sorted(e.id for e in seat.tickets.events(ticket.id))
    assert seat.engine.status().pending == 0

    again = seat.engine.sync_once()
    assert again.pushed == 0 and central.ops_of(ticket.id) == 3
    assert seat.engine.status().state is SyncState.ONLINE


def test_a_lost_response_is_replayed_as_duplicates_and_nothing_doubles(
    central: Central, seats: Seats
) -> None:
    seat = seats("a01")
    ticket = seat.accept()
    seat.act(ticket.id, Action.EDIT, changes={"address": "福田区某小区3栋2单元"})
    # The server commits the push, but the answer never reaches the seat (killed, network cut).
    seat.api.push(prepare(Outbox(seat.store).pending(), "A01").ops)
    assert seat.tickets.get(ticket.id).number is None

    report = seat.engine.sync_once()

    assert (report.pushed, report.duplicates, report.applied, report.conflicts) == (2, 2, 0, 0)
    assert central.ops_of(ticket.id) == 2 and len(central.events_of(ticket.id)) == 2
    local = seat.tickets.get(ticket.id)
    assert local.number is not None and local.version == 2 and local.address == "福田区某小区3栋2单元"
    assert seat.engine.conflicts.open_conflicts() == []


def test_a_lead_reassignment_is_pulled_with_its_note(central: Central, seats: Seats) -> None:
    seat = seats("a01")
    lead = seats("lead")
    ticket = seat.accept()
    seat.engine.sync_once()

    result = lead.api.reassign([ticket.id], "A07", "忙闲调整")
    assert result.moved == [ticket.id]
    report = seat.engine.sync_once()

    assert seat.tickets.get(ticket.id).assigned_seat == "A07"
    said = Problem(
        "notice.reassigned_because",
        {
            "role": "team_lead",
            "actor": "班长李华",
            "ticket": seat.tickets.get(ticket.id).display_no,
            "seat": "A07",
            "reason": "忙闲调整",
        },
    )
    assert report.notices == [said]  # a code: the operator's language words it
    # The seat tells the operator once, as a notification; the note is not kept a second time.
    [moved] = NotificationStore(seat.store).recent()
    assert (moved.kind, moved.ticket_id, moved.params["reason"]) == (
        NotificationKind.MOVED_AWAY,
        ticket.id,
        "忙闲调整",
    )
    assert seat.engine.replica.notices() == []
    assert any(load.seat_id == "A07" for load in lead.api.seat_loads())


def test_the_pull_after_a_push_leaves_out_its_echo_but_not_what_a_lead_changed(
    central: Central, seats: Seats
) -> None:
    seat, lead = seats("a01"), seats("lead")
    made = [seat.accept() for _ in range(3)]
    seat.act(made[0].id, Action.EDIT, changes={"address": "福田区某小区3栋2单元"})
    report = seat.engine.sync_once()
    assert (report.pushed, report.pulled) == (4, 0)  # the answers brought every ticket already
    assert seat.tickets.get(made[0].id).address == "福田区某小区3栋2单元"
    assert all(seat.tickets.get(t.id).number for t in made)

    lead.api.reassign([made[1].id], "A07", "忙闲调整")
    seat.act(made[2].id, Action.EDIT, changes={"content": "补充：夜间也停水"})
    report = seat.engine.sync_once()
    assert (report.pushed, report.pulled) == (1, 1)
    assert seat.tickets.get(made[1].id).assigned_seat == "A07"
    assert seat.engine.sync_once().pulled == 0  # the cursor moved past the skipped rows


def test_a_store_that_never_saw_the_answers_pulls_everything(
    central: Central, seats: Seats, tmp_path: Path, sla_clock: SlaClock
) -> None:
    seat = seats("a01")
    made = {seat.accept().id for _ in range(3)}
    seat.engine.sync_once()
    restored = open_store(tmp_path / "restored" / "seat.sqlite3")  # the same login on another store
    try:
        report = SyncEngine(restored, sla_clock, seat.api).sync_once()
        assert report.pulled == 3
        assert all(TicketStore(restored, sla_clock).get(ticket_id).number for ticket_id in made)
    finally:
        restored.close()


def test_conflicting_edits_from_two_seats_keep_both_versions_and_keep_mine_wins(
    central: Central, seats: Seats
) -> None:
    seat = seats("a01")
    lead = seats("lead")
    ticket = seat.accept()
    seat.engine.sync_once()
    lead.engine.sync_once()  # the lead's seat now has the ticket too
    assert lead.tickets.get(ticket.id).number == seat.tickets.get(ticket.id).number

    lead.act(ticket.id, Action.EDIT, changes={"content": "物业称电梯已修复"})
    lead.engine.sync_once()
    seat.act(ticket.id, Action.EDIT, changes={"content": "电梯仍未修好，老人被困家中"})  # offline, unaware
    report = seat.engine.sync_once()

    assert report.conflicts == 1
    assert seat.tickets.get(ticket.id).content == "物业称电梯已修复"  # the server's, shown
    [conflict] = seat.engine.conflicts.open_conflicts()
    assert conflict.kind is ConflictKind.CONFLICT
    assert conflict.mine_command is not None
    assert conflict.mine_command.changes["content"] == "电梯仍未修好，老人被困家中"  # mine, readable
    assert conflict.theirs is not None and conflict.theirs.content == "物业称电梯已修复"
    assert [(f.field, f.mine, f.theirs) for f in conflict.fields] == [
        ("content", "电梯仍未修好，老人被困家中", "物业称电梯已修复")
    ]
    assert seat.engine.status().conflicts == 1

    seat.engine.conflicts.resolve(conflict.id, Resolution.KEEP_MINE, actor="a01")
    after = seat.engine.sync_once()
    assert after.applied == 1 and after.conflicts == 0
    lead.engine.sync_once()
    assert lead.tickets.get(ticket.id).content == "电梯仍未修好，老人被困家中"
    assert seat.engine.status().conflicts == 0


def test_a_rejected_create_stays_visible_with_the_reason(central: Central, seats: Seats) -> None:
    seat = seats("a01")
    ticket = seat.accept(category_code="XX.RETIRED")  # the seat's old catalogue; the server has no such code
    report = seat.engine.sync_once()

    assert report.rejected == 1
    assert seat.tickets.get(ticket.id).content == ticket.content  # kept on the seat
    [conflict] = seat.engine.conflicts.open_conflicts()
    assert conflict.kind is ConflictKind.REJECTED
    assert isinstance(conflict.reason, Problem) and conflict.reason.code == "server.unknown_category"
    assert conflict.mine_ticket is not None and conflict.mine_ticket.category_code == "XX.RETIRED"


def test_a_malformed_queued_op_is_rejected_locally_and_does_not_block_the_queue(
    central: Central, seats: Seats
) -> None:
    seat = seats("a01")
    bad_op = new_id()
    with seat.store.transaction() as session:
        session.execute(
            insert(OutboxRow).values(
                op_id=bad_op,
                ticket_id=new_id(),
                op_kind="update",
                base_version=0,
                payload='{"command": {"action": "teleport"}}',
                created_at=utc_now(),
                attempts=0,
            )
        )
    ticket = seat.accept()

    report = seat.engine.sync_once()

    assert (report.rejected, report.applied) == (1, 1)
    assert Outbox(seat.store).result(bad_op) is OpStatus.REJECTED
    assert seat.tickets.get(ticket.id).number is not None
    [conflict] = seat.engine.conflicts.open_conflicts()
    assert conflict.op_id == bad_op and conflict.mine == {"command": {"action": "teleport"}}


def test_offline_keeps_everything_and_recovers_when_the_server_is_back(
    seats: Seats, live_server: LiveServer
) -> None:
    seat = seats("a01", base_url=live_server.url)
    first = seat.accept()
    seat.engine.sync_once()
    live_server.kill()  # the central server goes down hard

    second = seat.accept(content="路灯不亮")
    with pytest.raises(Offline):
        seat.engine.sync_once()
    status = seat.engine.status()
    assert (status.state, status.pending) == (SyncState.OFFLINE, 1)
    assert isinstance(status.error, Problem) and status.error.code == "sync.unreachable"
    assert seat.tickets.get(second.id).content == "路灯不亮"

    live_server.start()
    report = seat.engine.sync_once()
    assert report.applied == 1
    assert seat.engine.status().state is SyncState.ONLINE and seat.engine.status().pending == 0
    assert seat.tickets.get(first.id).number is not None and seat.tickets.get(second.id).number is not None


def test_a_server_never_reached_is_offline(seats: Seats) -> None:
    seat = seats("a01")
    nowhere = ServerApi(f"http://127.0.0.1:{free_port()}", seat.vault, timeout=2)
    engine = SyncEngine(seat.store, seat.engine.replica._sla, nowhere)
    seat.accept()
    with pytest.raises(Offline):
        engine.sync_once()
    assert engine.status().state is SyncState.OFFLINE and engine.status().pending == 1
    nowhere.close()
