"""Convergence under random offline work (Hypothesis stateful): three seats, a team lead and two
承办单位 edit, dispatch, close, supervise and reassign while their networks drop and pushes lose
their answers; once everyone is back online and synced, every replica equals the server, no op is
lost or applied twice, and nothing the server refused is dropped without a conflict record.

Each example runs a real server (create_app on a SQLite copy, in-process through TestClient) and
six real seat stores with their sync engines. An offline seat's engine talks to a port where nothing
listens, so going offline is a real connection failure, not a flag.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from starlette.testclient import TestClient

from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import DomainError, allowed_actions
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Satisfaction
from app.domain.ticket import Ticket
from app.store.outbox import Outbox
from sync.client.api import Offline, ServerApi
from sync.client.engine import NO_SEAT, SyncEngine
from sync.client.outbound import prepare
from sync.server.app import close_app, create_app
from sync.server.rights import can_see
from sync.server.settings import ServerSettings
from tests.sync.live import free_port
from tests.sync.reliability.rig import Ledger, Seat, assert_exactly_once, comparable, open_seat

OPERATORS = ("a01", "a02", "a03")
LEAD = "lead"
DEPARTMENTS = ("qzjj", "qcgj")  # the demo 承办单位 QZJJ and QCGJ
ACTORS = (*OPERATORS, LEAD, *DEPARTMENTS)
WORKERS = (*OPERATORS, LEAD)  # who takes calls (受理)
SEATS = ("A01", "A02", "A03")
DEPARTMENT_CODES = ("QZJJ", "QCGJ")  # codes of resources/taxonomy.yaml
# Leaves of resources/taxonomy.yaml: lifts (for QZJJ) and street lights (for QCGJ).
CATEGORIES = ("CJ.WY.DT", "CJ.SZ.LD")
# Few values per field, so two seats often touch the same field: conflicts are what we are after.
EDITS: dict[str, st.SearchStrategy[object]] = {
    "content": st.sampled_from(["电梯停运两天", "电梯仍未修好，老人被困", "物业称已修复"]),
    "address": st.sampled_from(["福田区某小区3栋", "福田区某小区3栋2单元", "南山区科技园"]),
    "priority": st.sampled_from(list(Priority)),
}
QUIESCENT_WITHIN = 12  # sync rounds of everyone until nothing moves


class SyncWorld(RuleBasedStateMachine):
    """One server, six seats. Rules are what people and networks do; the checks run in teardown."""

    def __init__(self, template: Path, sla: SlaClock) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="hotline-world-"))
        db = self.root / "server.sqlite3"
        shutil.copy(template, db)
        self.db_url = f"sqlite:///{db}"
        self.app = create_app(ServerSettings(db_url=self.db_url))
        self.http = TestClient(self.app)
        self.ledger = Ledger(self.db_url)
        self.seats: dict[str, Seat] = {}
        self.cut_off: dict[str, SyncEngine] = {}
        nowhere = f"http://127.0.0.1:{free_port()}"  # nothing listens there: connection refused
        for name in ACTORS:
            # In memory: a soak logs in thousands of seats; the OS keyring is tested in test_auth.
            seat = open_seat(
                "http://localhost",
                name,
                self.root / name / "seat.sqlite3",
                sla,
                http=self.http,
                os_keyring=False,
            )
            self.seats[name] = seat
            self.cut_off[name] = SyncEngine(seat.store, sla, ServerApi(nowhere, seat.vault, timeout=1))
        self.offline: set[str] = set()
        self.made: list[str] = []  # ticket ids in the order they were accepted: stable picks
        self.replays = self.syncs = self.offline_syncs = 0

    @initialize(kinds=st.lists(st.sampled_from([Kind.COMPLAINT, Kind.CONSULTATION]), min_size=6, max_size=6))
    def morning(self, kinds: list[Kind]) -> None:
        """The day starts online: two calls on each seat, everyone synced, so the lead and the
        承办单位 hold tickets from the first step on."""
        for n, kind in enumerate(kinds):
            self.made.append(self.seats[OPERATORS[n % 3]].accept(kind, CATEGORIES[n % 2]).id)
        self.everyone_syncs()

    # -- people ---------------------------------------------------------------------------------------

    @rule(
        who=st.sampled_from(WORKERS),
        kind=st.sampled_from([Kind.COMPLAINT, Kind.HELP, Kind.CONSULTATION]),
        category=st.sampled_from(CATEGORIES),
        answered_on_call=st.booleans(),
    )
    def accept(self, who: str, kind: Kind, category: str, answered_on_call: bool) -> None:
        """受理, and for a consultation answered on the call 直接办结 at once."""
        close = "已电话解答" if answered_on_call and kind is Kind.CONSULTATION else None
        ticket = self.seats[who].accept(kind, category, close_reason=close)
        self.made.append(ticket.id)

    # Three rules for the three kinds of people, so that steps on tickets are the commonest thing.
    @rule(who=st.sampled_from(OPERATORS), pick=st.integers(0, 10_000), data=st.data())
    def seat_acts(self, who: str, pick: int, data: st.DataObject) -> None:
        self._act(who, pick, data)

    @rule(pick=st.integers(0, 10_000), data=st.data())
    def lead_acts(self, pick: int, data: st.DataObject) -> None:
        self._act(LEAD, pick, data)

    @rule(who=st.sampled_from(DEPARTMENTS), pick=st.integers(0, 10_000), data=st.data())
    def department_acts(self, who: str, pick: int, data: st.DataObject) -> None:
        self._act(who, pick, data)

    def _act(self, who: str, pick: int, data: st.DataObject) -> None:
        """Any step the role may take on a ticket the seat holds: 修改, 派单/改派, 直接办结, 督办,
        分配, 签收, 答复, 回访, 办结, 重办, 退单 — made locally, queued for the server."""
        seat = self.seats[who]
        ticket = self._pick(seat, pick)
        if ticket is None:
            return
        actions = [a for a in allowed_actions(ticket, seat.role) if a is not Action.ACCEPT]
        if not actions:
            return
        action = data.draw(st.sampled_from(actions), label="action")
        fields = self._fields(action, seat, data)
        note(f"{who} {action.value} {ticket.id[-6:]} ({ticket.status.value}) {fields}")
        try:
            seat.act(ticket.id, action, **fields)
        except DomainError as exc:
            note(f"  refused locally: {exc}")

    @rule(pick=st.integers(0, 10_000), to=st.sampled_from(SEATS))
    def lead_reassigns_on_the_console(self, pick: int, to: str) -> None:
        """改派 from the lead's console: decided on the server at once (the lead must be online)."""
        lead = self.seats[LEAD]
        ticket = self._pick(lead, pick)
        if ticket is None or LEAD in self.offline:
            return
        result = lead.api.reassign([ticket.id], to, "忙闲调整")
        note(f"console reassign {ticket.id[-6:]} -> {to}: moved {len(result.moved)}")

    # -- networks ---------------------------------------------------------------------------------------

    @rule(who=st.sampled_from(ACTORS))
    def network_drops_or_returns(self, who: str) -> None:
        self.offline ^= {who}

    @rule(who=st.sampled_from(ACTORS))
    def sync(self, who: str) -> None:
        seat = self.seats[who]
        if who not in self.offline:
            seat.engine.sync_once()
            self.syncs += 1
            return
        pending = seat.engine.status().pending
        with pytest.raises(Offline):
            self.cut_off[who].sync_once()
        assert seat.engine.status().pending == pending  # offline: the ops just wait
        self.offline_syncs += 1

    @rule()
    def everyone_syncs(self) -> None:
        for who in ACTORS:
            if who not in self.offline:
                self.sync(who)

    @rule(who=st.sampled_from(ACTORS), size=st.integers(1, 30))
    def push_answer_lost(self, who: str, size: int) -> None:
        """The push reaches the server and is committed, but its answer never comes back: the seat
        settles nothing and will push the same ops again (replays, answered as duplicates)."""
        seat = self.seats[who]
        pending = Outbox(seat.store).pending(size)
        if who in self.offline or not pending:
            return
        user = seat.api.user()
        ops = prepare(pending, (user.seat_id if user else None) or NO_SEAT).ops
        seat.api.push(ops)
        self.replays += 1

    # -- helpers ----------------------------------------------------------------------------------------

    def _pick(self, seat: Seat, pick: int) -> Ticket | None:
        held = seat.local_tickets()
        ids = [ticket_id for ticket_id in self.made if ticket_id in held]
        return held[ids[pick % len(ids)]] if ids else None

    @staticmethod
    def _fields(action: Action, seat: Seat, data: st.DataObject) -> dict[str, Any]:
        match action:
            case Action.EDIT:
                names = data.draw(st.sets(st.sampled_from(sorted(EDITS)), min_size=1), label="fields")
                return {"changes": {name: data.draw(EDITS[name], label=name) for name in sorted(names)}}
            case Action.DISPATCH:
                department = data.draw(st.sampled_from(DEPARTMENT_CODES), label="department")
                return {"department": department, "reason": "按职责派单"}
            case Action.VISIT:
                return {"satisfaction": data.draw(st.sampled_from(list(Satisfaction)), label="satisfaction")}
            case Action.ASSIGN:
                if seat.role is Role.OPERATOR:
                    return {"assign_to": seat.seat_id}  # an operator may only claim
                return {"assign_to": data.draw(st.sampled_from(SEATS), label="to"), "reason": "忙闲调整"}
            case Action.START:
                return {}
            case _:
                return {"reason": "已说明"}

    # -- the end: everyone back online, synced until nothing moves, then the checks --------------------

    def teardown(self) -> None:
        try:
            self._converge()
            self._check()
        finally:
            for seat in self.seats.values():
                seat.close()
            self.ledger.close()
            self.http.close()
            close_app(self.app)
            shutil.rmtree(self.root, ignore_errors=True)

    def _converge(self) -> None:
        self.offline.clear()
        for _ in range(QUIESCENT_WITHIN):
            moved = 0
            for seat in self.seats.values():
                report = seat.engine.sync_once()
                moved += report.pushed + report.pulled
            if moved == 0:
                return
        raise AssertionError(f"still syncing after {QUIESCENT_WITHIN} rounds of everyone")

    def _check(self) -> None:
        ops = assert_exactly_once(self.ledger, self.seats.values())
        server_status = {op.op_id: op.status for op in ops}
        server = self.ledger.tickets()
        events = self.ledger.events()
        note(f"{len(server)} tickets, {len(ops)} ops, {self.replays} replays, {self.syncs} syncs")
        for name, seat in self.seats.items():
            # Nothing refused is dropped silently: each conflict/rejected op has its conflict record.
            refused = {r.op_id for r in seat.outbox() if server_status[r.op_id] in ("conflict", "rejected")}
            assert refused == seat.conflict_op_ids(), name
            # Every ticket the seat may see is on the seat, exactly as the server has it.
            user = self.ledger.user(name)
            local = seat.local_tickets()
            for ticket_id, theirs in server.items():
                if not can_see(user, theirs):
                    continue
                assert ticket_id in local, (name, ticket_id)
                assert comparable(local[ticket_id]) == comparable(theirs), name
        lead = self.seats[LEAD]
        for ticket_id, ids in events.items():  # the lead sees everything: its history is complete
            assert set(ids) <= lead.local_event_ids(ticket_id), ticket_id


def _run(template: Path, sla: SlaClock, examples: int, steps: int) -> None:
    run_state_machine_as_test(
        lambda: SyncWorld(template, sla),
        settings=settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            print_blob=True,
        ),
    )


@pytest.mark.slow
def test_replicas_converge_with_every_op_once(sqlite_template: Path, sla_clock: SlaClock) -> None:
    """The quick selection's run: a handful of histories; the soak below explores hundreds."""
    _run(sqlite_template, sla_clock, examples=5, steps=40)


@pytest.mark.slow
def test_replicas_converge_with_every_op_once_longer(sqlite_template: Path, sla_clock: SlaClock) -> None:
    _run(sqlite_template, sla_clock, examples=20, steps=50)


@pytest.mark.slow
def test_replicas_converge_with_every_op_once_soak(sqlite_template: Path, sla_clock: SlaClock) -> None:
    # 100 histories of 60 steps: a few minutes now that the seats keep their logins in memory.
    _run(sqlite_template, sla_clock, examples=100, steps=60)
