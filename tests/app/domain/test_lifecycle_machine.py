"""The lifecycle under random commands: whatever anyone tries, the rules of the table hold.

A Hypothesis state machine drives one ticket with any action, in any role, with random inputs, and
checks after every step what must always be true of a ticket and of its event chain. The graph of
TRANSITIONS is checked as a whole too: every status can be reached, and every open ticket can be closed.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import deque
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from app.domain.events import TicketEvent
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import TRANSITIONS, Command, LifecycleError, Rule, allowed_actions, apply
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Caller, Ticket

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DISPATCH_DUE = T0 + timedelta(hours=8)
CLOSE_DUE = T0 + timedelta(days=21)
SEATS = ("S01", "S02")
DIRECT_CLOSE_KINDS = {Kind.CONSULTATION, Kind.SUGGESTION, Kind.PRAISE}
WITH_DEPARTMENT = {Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED, Status.REPLIED, Status.VISITED}
LATER = CLOSE_DUE + timedelta(days=10)

# What each action may change besides the status; everything else must stay as it was.
MAY_CHANGE: dict[Action, set[str]] = {
    Action.ACCEPT: {"accepted_at", "assigned_seat"},
    Action.CLOSE_DIRECT: {"closed_at"},
    Action.DISPATCH: {"department"},
    Action.RETURN: {"department", "extension_due"},
    Action.APPROVE_RETURN: {"department", "extension_due"},
    Action.REFUSE_RETURN: set(),
    Action.START: set(),
    Action.EXTEND: {"extension_due"},
    Action.APPROVE_EXTENSION: {"close_due", "extension_due"},
    Action.REFUSE_EXTENSION: {"extension_due"},
    Action.WITHDRAW: {"closed_at", "extension_due"},
    Action.URGE: {"urge_count"},
    Action.REPLY: {"extension_due"},  # a request still waiting lapses
    Action.VISIT: {"satisfaction"},
    Action.CLOSE: {"closed_at"},
    Action.REOPEN: {"satisfaction", "closed_at"},
    Action.SUPERVISE: {"supervised"},
    Action.ASSIGN: {"assigned_seat"},
    Action.EDIT: set(),  # the fields named in the command's changes
}

EDITS: list[dict[str, object]] = [
    {},
    {"kind": Kind.COMPLAINT},
    {"kind": Kind.CONSULTATION},
    {"priority": Priority.URGENT},
    {"content": "路灯仍然不亮", "address": "南山区科技园"},
    {"caller": Caller("陈女士", "13700001234")},
    {"category_code": None},
    {"status": Status.CLOSED},  # not editable: must be refused
    {"department": "D-ROADS"},  # not editable: must be refused
    {"kind": "complaint"},  # wrong type: must be refused
]

inputs = st.fixed_dictionaries(
    {
        "actor": st.sampled_from(["李娜", "班长王", "城管局", "system"]),
        "seat_id": st.sampled_from([None, *SEATS]),
        "reason": st.sampled_from(["", "  ", "按规定办理", "市民不满意，重新办理"]),
        "department": st.sampled_from([None, "", "D-ROADS", "D-WATER", "D-HOUSING"]),
        "satisfaction": st.none() | st.sampled_from(Satisfaction),
        "assign_to": st.sampled_from([None, *SEATS]),
        "changes": st.sampled_from(EDITS),
        "until": st.sampled_from([None, T0, LATER]),
    }
)


# Inputs that satisfy most guards, for the rule that pushes the ticket along its way.
good_inputs = st.fixed_dictionaries(
    {
        "actor": st.sampled_from(["李娜", "班长王"]),
        "seat_id": st.sampled_from(SEATS),
        "reason": st.sampled_from(["按规定办理", "市民不满意，重新办理", "按规定办理", ""]),
        "department": st.sampled_from(["D-ROADS", "D-WATER", "D-HOUSING"]),
        "satisfaction": st.sampled_from(Satisfaction),
        "assign_to": st.sampled_from(SEATS),
        "changes": st.sampled_from(EDITS[1:7]),
        "until": st.just(LATER),
    }
)


def rules_for(status: Status, action: Action, role: Role) -> list[Rule]:
    return [r for r in TRANSITIONS if r.action is action and status in r.sources and role in r.roles]


class TicketLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.ticket: Ticket
        self.events: list[TicketEvent] = []
        self.now = T0
        self.was_closed = False
        self.close_due = CLOSE_DUE  # moved only by an approved 延期

    @initialize(
        kind=st.sampled_from(Kind),
        # Mostly drafts that can be accepted, or the machine would rarely get past 草稿.
        content=st.sampled_from(["", "   ", *["路灯不亮，晚上看不见路"] * 10]),
        category=st.sampled_from([None, "", *["CS.SZ.LD"] * 10]),
    )
    def new_draft(self, kind: Kind, content: str, category: str | None) -> None:
        self.ticket = Ticket(
            id="0193f0a0-0000-7000-8000-0000000000aa",
            local_no="L-S01-20261125-0001",
            kind=kind,
            status=Status.DRAFT,
            seat_id="S01",
            created_at=T0,
            category_code=category,
            content=content,
            dispatch_due=DISPATCH_DUE,
            close_due=CLOSE_DUE,
        )

    @rule(action=st.sampled_from(Action), role=st.sampled_from(Role), fields=inputs)
    def anyone_tries_anything(self, action: Action, role: Role, fields: dict[str, object]) -> None:
        self._try(action, role, fields)

    @rule(role=st.sampled_from(Role), pick=st.integers(0, 20), fields=inputs)
    def someone_tries_an_offered_action(self, role: Role, pick: int, fields: dict[str, object]) -> None:
        offered = allowed_actions(self.ticket, role)
        if offered:
            self._try(offered[pick % len(offered)], role, fields)

    # Random commands are mostly refused; this rule moves the ticket on with sensible input so the
    # deep statuses (回访, 重办, 办结) are visited too. Guards can still refuse it.
    @rule(pick=st.integers(0, 50), fields=good_inputs)
    def someone_moves_the_ticket_on(self, pick: int, fields: dict[str, object]) -> None:
        moves = [
            (action, role)
            for role in Role
            for action in allowed_actions(self.ticket, role)
            if any(r.target is not None for r in rules_for(self.ticket.status, action, role))
        ]
        if moves:
            self._try(*moves[pick % len(moves)], fields)

    def _try(self, action: Action, role: Role, fields: dict[str, object]) -> None:
        self.now += timedelta(minutes=7)
        command = Command(action, role=role, at=self.now, **fields)  # type: ignore[arg-type]
        before = self.ticket
        snapshot = dataclasses.replace(before)
        offered = action in allowed_actions(before, role)
        try:
            after, event = apply(before, command)
        except LifecycleError as refused:
            assert str(refused), "a refusal must say why"
            assert before == snapshot, "a refused command changed the ticket"
            return

        # Applied: the table allows it, for this role, from this status.
        assert offered, f"{action} by {role} in {before.status} was applied but not offered"
        matching = rules_for(before.status, action, role)
        assert matching, f"({before.status}, {action}, {role}) is not in TRANSITIONS"
        assert not self.was_closed, "a closed ticket accepted a command"
        assert after.status is (matching[0].target or before.status)
        if matching[0].needs_reason:
            assert command.reason.strip()
        self._check_rule_specifics(before, after, command)
        self._check_only_the_action_changed_the_ticket(before, after, command)
        self._check_event(event, before, after, command)

        if command.action is Action.APPROVE_EXTENSION:
            assert after.close_due == before.extension_due
            self.close_due = after.close_due or CLOSE_DUE
        self.ticket = after
        self.events.append(event)
        self.was_closed = self.was_closed or after.status is Status.CLOSED

    @staticmethod
    def _check_rule_specifics(before: Ticket, after: Ticket, command: Command) -> None:
        match command.action:
            case Action.ACCEPT:
                assert before.content.strip() and before.category_code
                assert after.accepted_at == command.at
            case Action.CLOSE_DIRECT:
                assert before.kind in DIRECT_CLOSE_KINDS
            case Action.CLOSE if before.satisfaction is Satisfaction.UNSATISFIED:
                assert command.role is Role.TEAM_LEAD and command.reason.strip()
            case Action.DISPATCH:
                assert command.department and command.department != before.department
                assert after.department == command.department
                if before.status is Status.DISPATCHED:
                    assert command.role is Role.TEAM_LEAD  # 改派
            case Action.VISIT:
                assert command.satisfaction is not None
                assert after.satisfaction is command.satisfaction
            case Action.ASSIGN:
                assert after.assigned_seat == command.assign_to  # None: a lead returned it to the pool
                if command.role is Role.OPERATOR:
                    assert command.assign_to == command.seat_id
                    assert before.assigned_seat in (None, command.seat_id)
            case Action.EDIT:
                assert command.changes
                for name, value in command.changes.items():
                    assert getattr(after, name) == value
            case Action.EXTEND:
                assert command.role is Role.DEPARTMENT and before.extension_due is None
                assert command.until is not None and command.until > (before.close_due or command.until)
                assert after.extension_due == command.until
            case Action.APPROVE_EXTENSION | Action.REFUSE_EXTENSION | Action.APPROVE_RETURN:
                assert command.role in (Role.TEAM_LEAD, Role.ADMIN)
            case Action.RETURN if command.role is Role.DEPARTMENT:
                assert after.status is Status.RETURNED and after.department == before.department

    @staticmethod
    def _check_only_the_action_changed_the_ticket(before: Ticket, after: Ticket, command: Command) -> None:
        may_change = {"status"} | MAY_CHANGE[command.action] | set(command.changes)
        kept = {f.name for f in dataclasses.fields(Ticket)} - may_change
        changed = sorted(name for name in kept if getattr(before, name) != getattr(after, name))
        assert not changed, f"{command.action} changed {changed}"

    @staticmethod
    def _check_event(event: TicketEvent, before: Ticket, after: Ticket, command: Command) -> None:
        assert event.ticket_id == before.id
        assert (event.action, event.from_status, event.to_status) == (
            command.action,
            before.status,
            after.status,
        )
        assert (event.at, event.actor, event.role, event.seat_id, event.reason) == (
            command.at,
            command.actor,
            command.role,
            command.seat_id,
            command.reason,
        )

    @invariant()
    def event_chain_is_consistent(self) -> None:
        if not self.events:
            assert self.ticket.status is Status.DRAFT
            return
        assert self.events[0].from_status is Status.DRAFT
        assert self.events[0].action is Action.ACCEPT or self.events[0].to_status is Status.DRAFT
        for earlier, later in itertools.pairwise(self.events):
            assert later.from_status is earlier.to_status
            assert later.at > earlier.at
        assert self.events[-1].to_status is self.ticket.status
        assert len({e.id for e in self.events}) == len(self.events)

    @invariant()
    def closed_is_terminal(self) -> None:
        if self.was_closed:
            assert self.ticket.status is Status.CLOSED

    @invariant()
    def closed_at_is_set_exactly_when_closed(self) -> None:
        assert (self.ticket.closed_at is not None) == (self.ticket.status is Status.CLOSED)

    @invariant()
    def accepted_at_is_set_once_accepted(self) -> None:
        assert (self.ticket.accepted_at is None) == (self.ticket.status is Status.DRAFT)

    @invariant()
    def a_ticket_with_a_department_is_one_being_handled(self) -> None:
        status = self.ticket.status
        if status in WITH_DEPARTMENT:
            assert self.ticket.department, f"{status} ticket without a department"
        if status in (Status.DRAFT, Status.ACCEPTED):
            assert self.ticket.department is None, f"{status} ticket still has a department"

    @invariant()
    def satisfaction_belongs_to_the_visit(self) -> None:
        status = self.ticket.status
        if status is Status.VISITED:
            assert self.ticket.satisfaction is not None
        if status not in (Status.VISITED, Status.CLOSED):
            assert self.ticket.satisfaction is None, f"{status} ticket keeps an old satisfaction"

    @invariant()
    def next_due_is_the_deadline_running_for_the_status(self) -> None:
        # After the 承办单位's reply no deadline runs: a replied ticket is never shown as overdue.
        expected = {
            Status.DRAFT: None,
            Status.ACCEPTED: DISPATCH_DUE,
            Status.DISPATCHED: self.close_due,
            Status.IN_PROGRESS: self.close_due,
            Status.RETURNED: None,  # the centre's review has no time limit of its own
            Status.REPLIED: None,
            Status.VISITED: None,
            Status.CLOSED: None,
        }
        assert self.ticket.next_due == expected[self.ticket.status]

    @invariant()
    def chases_are_counted_by_their_events(self) -> None:
        assert self.ticket.urge_count == sum(e.action is Action.URGE for e in self.events)

    @invariant()
    def an_extension_waits_only_while_a_department_handles_the_ticket(self) -> None:
        if self.ticket.extension_due is not None:
            assert self.ticket.status in (Status.DISPATCHED, Status.IN_PROGRESS)

    @invariant()
    def supervision_comes_from_a_supervise_event(self) -> None:
        assert self.ticket.supervised == any(e.action is Action.SUPERVISE for e in self.events)


TestTicketLifecycle = TicketLifecycle.TestCase
TestTicketLifecycle.settings = settings(
    max_examples=250,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# -- the graph of TRANSITIONS as a whole ---------------------------------------------------------------


def _edges() -> dict[Status, set[Status]]:
    graph: dict[Status, set[Status]] = {s: set() for s in Status}
    for r in TRANSITIONS:
        for source in r.sources:
            graph[source].add(r.target or source)
    return graph


def _reachable(start: Status, graph: dict[Status, set[Status]]) -> set[Status]:
    seen, todo = {start}, deque([start])
    while todo:
        for nxt in graph[todo.popleft()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def test_every_status_is_reachable_from_draft() -> None:
    assert _reachable(Status.DRAFT, _edges()) == set(Status)


def test_every_open_status_can_still_be_closed() -> None:
    graph = _edges()
    stuck = [s for s in Status if s.is_open and Status.CLOSED not in _reachable(s, graph)]
    assert not stuck, f"tickets in {stuck} can never be closed"


def test_closed_is_terminal_in_the_table() -> None:
    leaving = [r for r in TRANSITIONS if Status.CLOSED in r.sources]
    assert not leaving, f"rules act on closed tickets: {[r.action for r in leaving]}"


def test_nothing_goes_back_to_draft() -> None:
    assert all(r.target is not Status.DRAFT for r in TRANSITIONS)


def test_every_action_has_a_rule_and_every_rule_names_a_role() -> None:
    assert {r.action for r in TRANSITIONS} == set(Action)
    assert all(r.roles and r.sources for r in TRANSITIONS)


def test_no_two_rules_overlap() -> None:
    # find_rule takes the first match: overlapping rules would make the second one dead text.
    keys = [(s, r.action, role) for r in TRANSITIONS for s in r.sources for role in r.roles]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates
