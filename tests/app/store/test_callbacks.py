"""The seat's callback list in the local store (app.store.callbacks): what is kept comes back
exactly, after a restart and after a kill; a filed callback ticket records its result with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.call import CallSession
from app.domain.call_states import CallEventKind
from app.domain.callback import CallbackError
from app.domain.callback_states import CallbackEvent, CallbackKind, CallbackResult, CallbackState
from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Satisfaction
from app.store.callbacks import CallbackStore
from app.store.db import Store, open_store
from app.store.retention import RetentionPolicy, purge
from app.store.tickets import TicketStore

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def callbacks(store: Store, clock: Clock) -> CallbackStore:
    return CallbackStore(store, clock=clock)


def missed_call(call_id: str = "c1", caller: str = "13812345678", minute: int = 0) -> CallSession:
    rang = T0 + timedelta(minutes=minute)
    return CallSession(call_id, caller, rang).step(CallEventKind.MISSED, rang + timedelta(seconds=20))


def test_a_missed_call_is_kept_and_comes_back_exactly(callbacks: CallbackStore) -> None:
    made, changes = callbacks.missed(missed_call(), "S01")
    assert made is not None and changes.callbacks
    assert callbacks.get(made.id) == made
    assert callbacks.listing("S01", done_since=T0) == [made]


def test_a_withheld_number_keeps_nothing(callbacks: CallbackStore) -> None:
    assert callbacks.missed(missed_call(caller=""), "S01") == (
        None,
        callbacks.missed(missed_call(caller=""), "S01")[1],
    )
    assert callbacks.listing("S01", done_since=T0) == []


def test_the_same_number_missed_again_while_waiting_is_one_callback_rung_twice(
    callbacks: CallbackStore,
) -> None:
    first, _ = callbacks.missed(missed_call("c1"), "S01")
    again, _ = callbacks.missed(missed_call("c2", minute=3), "S01")
    assert first is not None and again is not None and again.id == first.id
    assert (again.rings, again.call_id) == (2, "c2")
    assert len(callbacks.listing("S01", done_since=T0)) == 1


def test_a_number_missed_after_its_callback_was_done_is_a_new_callback(callbacks: CallbackStore) -> None:
    first, _ = callbacks.missed(missed_call("c1"), "S01")
    assert first is not None
    callbacks.step(first.id, CallbackEvent.NOT_NEEDED)
    second, _ = callbacks.missed(missed_call("c2", minute=30), "S01")
    assert second is not None and second.id != first.id


def test_steps_are_kept_with_attempts_and_results(callbacks: CallbackStore, clock: Clock) -> None:
    made, _ = callbacks.missed(missed_call(), "S01")
    assert made is not None
    clock.now = T0 + timedelta(minutes=5)
    started, _ = callbacks.step(made.id, CallbackEvent.START, draft_id="d1")
    clock.now = T0 + timedelta(minutes=6)
    tried, _ = callbacks.step(made.id, CallbackEvent.NO_ANSWER)
    assert callbacks.get(made.id) == tried
    assert (tried.state, tried.attempts, tried.result) == (CallbackState.WAITING, 1, CallbackResult.NO_ANSWER)
    assert tried.last_attempt_at == T0 + timedelta(minutes=5) and started.draft_id == "d1"


def test_a_refused_step_keeps_nothing(callbacks: CallbackStore) -> None:
    made, _ = callbacks.missed(missed_call(), "S01")
    assert made is not None
    with pytest.raises(CallbackError):
        callbacks.step(made.id, CallbackEvent.REACHED)  # nobody dialled yet
    assert callbacks.get(made.id) == made
    with pytest.raises(CallbackError) as unknown:
        callbacks.step("no-such-id", CallbackEvent.START)
    assert unknown.value.problem.code == "callback.unknown"


def test_the_list_shows_open_callbacks_oldest_first_then_recently_done_ones(
    callbacks: CallbackStore, clock: Clock
) -> None:
    early, _ = callbacks.missed(missed_call("c1", "13800000001", minute=0), "S01")
    late, _ = callbacks.missed(missed_call("c2", "13800000002", minute=10), "S01")
    old, _ = callbacks.missed(missed_call("c3", "13800000003", minute=1), "S01")
    other_seat, _ = callbacks.missed(missed_call("c4", "13800000004"), "S02")
    assert early and late and old and other_seat
    clock.now = T0 - timedelta(days=1)
    callbacks.step(old.id, CallbackEvent.NOT_NEEDED)  # done long ago: off the list
    clock.now = T0 + timedelta(minutes=20)
    done, _ = callbacks.step(late.id, CallbackEvent.WRONG_NUMBER)
    listed = callbacks.listing("S01", done_since=T0)
    assert [c.id for c in listed] == [early.id, done.id]


def test_a_follow_up_is_kept_once_per_ticket_while_it_waits(callbacks: CallbackStore) -> None:
    visit, changes = callbacks.follow_up("t1", "13900001111", "S01")
    again, unchanged = callbacks.follow_up("t1", "13900001111", "S01")
    assert visit == again and changes.callbacks and not unchanged.callbacks
    assert callbacks.get(visit.id).kind is CallbackKind.FOLLOW_UP and visit.ticket_id == "t1"


def test_filing_the_callback_draft_records_已回拨_with_the_ticket_in_the_same_commit(
    store: Store, callbacks: CallbackStore, sla_clock: SlaClock
) -> None:
    made, _ = callbacks.missed(missed_call(), "S01")
    assert made is not None
    draft = Draft(
        id=new_id(),
        seat_id="S01",
        started_at=T0,
        kind=Kind.CONSULTATION,
        category_code="CJ.WY.DT",
        caller_phone=made.number,
        content="回拨：询问电梯维修进度",
        callback_id=made.id,
    )
    callbacks.step(made.id, CallbackEvent.START, draft_id=draft.id)
    ticket, changes = TicketStore(store, sla_clock).accept(draft, actor="李娜")
    done = callbacks.get(made.id)
    assert changes.callbacks
    assert (done.state, done.result, done.ticket_id) == (
        CallbackState.DONE,
        CallbackResult.REACHED,
        ticket.id,
    )


def test_a_callback_draft_is_filed_even_when_its_callback_was_closed_meanwhile(
    store: Store, callbacks: CallbackStore, sla_clock: SlaClock
) -> None:
    made, _ = callbacks.missed(missed_call(), "S01")
    assert made is not None
    callbacks.step(made.id, CallbackEvent.NOT_NEEDED)
    draft = Draft(
        id=new_id(),
        seat_id="S01",
        started_at=T0,
        category_code="CJ.WY.DT",
        content="来电咨询",
        callback_id=made.id,
    )
    ticket, _ = TicketStore(store, sla_clock).accept(draft, actor="李娜")
    assert TicketStore(store, sla_clock).get(ticket.id).content == "来电咨询"
    assert callbacks.get(made.id).result is CallbackResult.NOT_NEEDED


def test_a_callback_draft_keeps_its_link_through_autosave() -> None:
    draft = Draft(id="d1", seat_id="S01", started_at=T0, callback_id="cb1")
    assert Draft.from_json(draft.to_json()).callback_id == "cb1"


def test_unsent_changes_are_sent_once_each_version(callbacks: CallbackStore) -> None:
    made, _ = callbacks.missed(missed_call(), "S01")
    assert made is not None and callbacks.unsent(10) == [made]
    callbacks.mark_sent([made])
    assert callbacks.unsent(10) == []
    started, _ = callbacks.step(made.id, CallbackEvent.START, draft_id="d1")
    callbacks.mark_sent([made])  # an older version answered late: the newer one is still to send
    assert callbacks.unsent(10) == [started]


def test_callbacks_survive_closing_and_reopening_the_store(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    first = open_store(path)
    made, _ = CallbackStore(first).missed(missed_call(), "S01")
    first.close()
    reopened = open_store(path)
    try:
        assert made is not None and CallbackStore(reopened).get(made.id) == made
    finally:
        reopened.close()


KEEP_AND_DIE = """
import os, signal, sys
from datetime import UTC, datetime
from pathlib import Path
from app.domain.call import CallSession
from app.domain.call_states import CallEventKind
from app.store.callbacks import CallbackStore
from app.store.db import open_store
from tests.store_keys import use_test_keys
use_test_keys()
t = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
made, _ = CallbackStore(open_store(Path(sys.argv[1]))).missed(
    CallSession("c1", "13812345678", t).step(CallEventKind.MISSED, t), "S01")
print(made.id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_callback_acknowledged_before_a_kill_9_is_still_there(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    run = subprocess.run(
        [sys.executable, "-c", KEEP_AND_DIE, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        },
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    store = open_store(path)
    try:
        assert CallbackStore(store).get(run.stdout.strip()).number == "13812345678"
    finally:
        store.close()


def test_recording_the_visit_on_the_ticket_closes_its_回访_call_as_reached(
    store: Store, callbacks: CallbackStore, sla_clock: SlaClock
) -> None:
    tickets = TicketStore(store, sla_clock)
    draft = Draft(
        id=new_id(),
        seat_id="S01",
        started_at=T0,
        kind=Kind.COMPLAINT,
        category_code="CJ.WY.DT",
        caller_phone="13900001111",
        district="福田区",
        address="福田区某小区3栋",
        content="电梯停运",
    )
    ticket, _ = tickets.accept(draft, actor="李娜")
    now = ticket.accepted_at
    assert now is not None
    for cmd in (
        Command(Action.DISPATCH, "李娜", Role.OPERATOR, now, seat_id="S01", department="QZJJ"),
        Command(Action.START, "物业科", Role.DEPARTMENT, now),
        Command(Action.REPLY, "物业科", Role.DEPARTMENT, now, reason="已修复"),
    ):
        tickets.act(ticket.id, cmd)
    visit, _ = callbacks.follow_up(ticket.id, "13900001111", "S01")
    _, changes = tickets.act(
        ticket.id,
        Command(Action.VISIT, "李娜", Role.OPERATOR, now, seat_id="S01", satisfaction=Satisfaction.SATISFIED),
    )
    done = callbacks.get(visit.id)
    assert changes.callbacks
    assert (done.state, done.result, done.attempts) == (CallbackState.DONE, CallbackResult.REACHED, 1)


def test_a_done_callback_the_server_has_goes_with_the_personal_data_retention(
    store: Store, callbacks: CallbackStore, clock: Clock
) -> None:
    policy = RetentionPolicy()  # personal data: 30 days
    done, _ = callbacks.missed(missed_call("c1", "13800000001"), "S01")
    unsent, _ = callbacks.missed(missed_call("c2", "13800000002"), "S01")
    waiting, _ = callbacks.missed(missed_call("c3", "13800000003"), "S01")
    assert done and unsent and waiting
    finished, _ = callbacks.step(done.id, CallbackEvent.NOT_NEEDED)
    callbacks.step(unsent.id, CallbackEvent.NOT_NEEDED)
    callbacks.mark_sent([finished, waiting])
    report = purge(store, policy, T0 + policy.personal + timedelta(days=1))
    assert report.callbacks_deleted == 1 and report.changes.callbacks
    with pytest.raises(CallbackError):
        callbacks.get(done.id)
    # Still to send, or still to return: kept however old.
    assert callbacks.get(unsent.id).number == "13800000002"
    assert callbacks.get(waiting.id).number == "13800000003"
