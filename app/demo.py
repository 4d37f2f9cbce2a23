"""Demo data (演示数据) for `make run`: a few hundred realistic tickets, clearly marked as demo.

Demo tickets never enter the outbox, so they can never reach a real central server.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.demo_content import DemoRequest, Progress, generate_demo_requests
from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.lifecycle import Command, LifecycleError, apply
from app.domain.planning import apply_planned
from app.domain.sla import Clock
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Caller, Ticket
from app.store.meta import DEMO_MARKER, get_meta, set_meta, ticket_count
from app.workspace import Workspace

DEMO_SEED = 12345

DEMO_DAY = "demo_day"  # the centre's date the demo tickets were dated for

# How the demo's people keep time, as shares of the time a deadline allows: most act well in time,
# a few late, so a demo shows a live shift (mostly green, some amber and red, a few 逾期).
_LATE_DISPATCH = 0.05  # share of 派单 done after the 派单 deadline
_LATE_REPLY = 0.08  # share of 承办单位 replies after the 办结 deadline
_SUPERVISED_WHEN_LATE = 0.6  # the team lead does not 督办 every late ticket at once
# Chance alone may leave a given day without a single overdue ticket: the first replies that fell
# due in the last days before now are kept waiting, so every demo has these few 逾期 (and 督办) rows.
_KEPT_OVERDUE = 2
_KEPT_WITHIN = timedelta(days=3)
# And chance may leave many late steps still waiting at once (16 of 65 on some evenings): beyond
# these few, a late step is done late but before now, so the queue never turns into a wall of 逾期.
_MOST_WAITING_LATE = 6


@dataclass
class _Shift:
    """What the whole demo still owes a live-looking shift while its tickets are lived one by one."""

    overdue_left: int = _KEPT_OVERDUE
    waiting_late_left: int = _MOST_WAITING_LATE


def seed_demo_if_empty(workspace: Workspace, count: int = 300, *, now: datetime | None = None) -> bool:
    """Seed demo tickets into an empty store; a demo store dated for an earlier day gets its demo
    tickets dated again for today (the operator's own tickets stay). True when the store holds demo
    data afterwards."""
    now = now or datetime.now(UTC)
    today = now.astimezone(workspace.zone).date().isoformat()
    fresh = ticket_count(workspace.store) == 0
    if fresh or (workspace.is_demo() and get_meta(workspace.store, DEMO_DAY) != today):
        workspace.tickets.remove_demo()
        requests = generate_demo_requests(workspace.taxonomy, count, seed=DEMO_SEED, now=now)
        workspace.tickets.import_history(_histories(workspace, requests, now), demo=True)
        set_meta(workspace.store, DEMO_MARKER, "1")
        set_meta(workspace.store, DEMO_DAY, today)
    return workspace.is_demo()


def _histories(
    workspace: Workspace, requests: list[DemoRequest], now: datetime
) -> Iterator[tuple[Ticket, list[TicketEvent]]]:
    rng, shift = random.Random(DEMO_SEED), _Shift()
    for n, request in enumerate(sorted(requests, key=lambda r: r.received_at), start=1):
        yield _Life(workspace, request, n, rng, now, shift).lived()


class _Life:
    """One demo ticket lived from its call up to `now`: each step at a time drawn against the deadline
    it answers, stopping at the first step that would happen after now."""

    def __init__(
        self,
        workspace: Workspace,
        request: DemoRequest,
        n: int,
        rng: random.Random,
        now: datetime,
        shift: _Shift,
    ) -> None:
        self._ws, self._rng, self._now, self._shift = workspace, rng, now, shift
        at = request.received_at
        self.ticket = Ticket(
            id=new_id(),
            local_no=f"DEMO-{at.astimezone(workspace.zone):%Y%m%d}-{n:04d}",
            kind=request.kind,
            status=Status.DRAFT,
            seat_id=workspace.seat.seat_id,
            created_at=at,
            category_code=request.category_code,
            priority=request.priority,
            caller=Caller(request.caller_name, request.caller_phone),
            address=request.address,
            district=request.district,
            content=request.content,
        )
        self.events: list[TicketEvent] = []
        self._direct = request.progress is Progress.CLOSED_DIRECT

    def lived(self) -> tuple[Ticket, list[TicketEvent]]:
        rng = self._rng
        accepted = min(self.ticket.created_at + timedelta(minutes=rng.randint(2, 6)), self._now)
        self._step(Action.ACCEPT, accepted)
        if self._direct and self._step(Action.CLOSE_DIRECT, accepted + timedelta(minutes=rng.randint(5, 20))):
            return self.ticket, self.events
        assert self.ticket.dispatch_due is not None
        rule = self._ws.sla.policy.rule_for(self.ticket.kind, self.ticket.category_code, self.ticket.priority)
        dispatch_clock = rule.dispatch.clock
        dispatched = self._answering(
            self.ticket.dispatch_due, accepted, dispatch_clock, _LATE_DISPATCH, (0.05, 0.7)
        )
        if not self._step(Action.DISPATCH, dispatched):
            return self.ticket, self.events
        if not self._step(Action.START, dispatched + timedelta(minutes=rng.randint(20, 300))):
            return self.ticket, self.events
        assert self.ticket.close_due is not None
        replied = self._replying(self.ticket.close_due, dispatched, rule.close.clock)
        if not self._step(Action.REPLY, replied):
            return self.ticket, self.events
        visited = self._daytime(replied + timedelta(hours=rng.uniform(4, 40)))  # 回访: usually the next day
        if not self._step(Action.VISIT, visited):
            return self.ticket, self.events
        if self.ticket.satisfaction is Satisfaction.UNSATISFIED:
            reopened = visited + timedelta(hours=rng.uniform(0.5, 3))
            if not self._step(Action.REOPEN, reopened):
                return self.ticket, self.events
            replied = reopened + timedelta(hours=rng.uniform(12, 60))
            if not self._step(Action.REPLY, replied):
                return self.ticket, self.events
            visited = self._daytime(replied + timedelta(hours=rng.uniform(2, 30)))
            if not self._step(Action.VISIT, visited, satisfied=True):
                return self.ticket, self.events
        self._step(Action.CLOSE, self._daytime(visited + timedelta(hours=rng.uniform(0.5, 20))))
        return self.ticket, self.events

    def _daytime(self, at: datetime) -> datetime:
        """The operator's own calls (回访) and 办结 happen between 08:00 and 21:00, the centre's time:
        a moment at night moves to the next morning."""
        local = at.astimezone(self._ws.zone)
        if 8 <= local.hour < 21:
            return at
        morning = local.replace(hour=8, minute=0, second=0, microsecond=0)
        morning += timedelta(days=1 if local.hour >= 21 else 0, minutes=self._rng.randint(0, 90))
        return morning

    def _replying(self, due: datetime, dispatched: datetime, clock: Clock) -> datetime:
        """The 承办单位's reply; one of the few kept overdue if its deadline passed lately."""
        shift = self._shift
        if shift.overdue_left and self._now - _KEPT_WITHIN < due < self._now - timedelta(hours=5):
            shift.overdue_left -= 1
            self._supervise(due + timedelta(hours=self._rng.uniform(1, 4)))
            return self._now + timedelta(hours=self._rng.uniform(2, 48))
        return self._answering(due, dispatched, clock, _LATE_REPLY, (0.1, 0.8))

    def _answering(
        self, due: datetime, started: datetime, clock: Clock, late_share: float, in_time: tuple[float, float]
    ) -> datetime:
        """When the step answering `due` happens: at a share of the time allowed on the deadline's
        clock (a call at night waits for the office-hours dispatch desk), now and then late; a lead
        may 督办 the ticket once it is an hour or more overdue and still waiting."""
        rng = self._rng
        share = rng.uniform(1.05, 1.6) if rng.random() < late_share else rng.uniform(*in_time)
        calendar = self._ws.sla.calendar
        if clock == "working":
            happens = calendar.add_working_time(started, calendar.working_time_between(started, due) * share)
        else:
            happens = started + (due - started) * share
        if due < self._now < happens:  # late and still waiting now: a 逾期 row
            if self._shift.waiting_late_left:
                self._shift.waiting_late_left -= 1
            else:
                happens = due + (self._now - due) * rng.uniform(0.2, 0.9)
        supervised_at = due + timedelta(hours=rng.uniform(1, 4))
        if supervised_at < min(happens, self._now) and rng.random() < _SUPERVISED_WHEN_LATE:
            self._supervise(supervised_at)
        return happens

    def _step(self, action: Action, at: datetime, *, satisfied: bool = False) -> bool:
        """Apply `action` at `at`; False (nothing changes) when that is still in the future or the
        rules refuse it (a complaint cannot be closed directly: it goes the dispatch way)."""
        if at > self._now:
            return False
        cmd = _demo_command(self._ws, self.ticket, action, at, self._rng, satisfied=satisfied)
        try:
            self.ticket, event = apply_planned(self.ticket, cmd, self._ws.sla)
        except LifecycleError:
            return False
        self.events.append(event)
        return True

    def _supervise(self, at: datetime) -> None:
        if self.ticket.supervised:
            return
        cmd = Command(Action.SUPERVISE, "值班班长", Role.TEAM_LEAD, at, reason="已超时限，请加快办理")
        self.ticket, event = apply(self.ticket, cmd)
        self.events.append(event)


def _demo_command(
    workspace: Workspace, ticket: Ticket, action: Action, at: datetime, rng: random.Random, *, satisfied: bool
) -> Command:
    seat, actor = workspace.seat.seat_id, workspace.actor
    if action is Action.CLOSE_DIRECT:
        return Command(
            action, actor, Role.OPERATOR, at, seat_id=seat, reason="已根据知识库当场答复市民（演示）"
        )
    if action is Action.DISPATCH:
        departments = workspace.taxonomy.departments_for(ticket.category_code or "")
        department = departments[0].code if departments else None
        return Command(action, actor, Role.OPERATOR, at, seat_id=seat, department=department)
    if action in (Action.START, Action.REPLY):
        reason = "已联系市民并现场处理完毕（演示）" if action is Action.REPLY else ""
        department = (
            workspace.taxonomy.department(ticket.department).name if ticket.department else "承办单位"
        )
        return Command(action, department, Role.DEPARTMENT, at, reason=reason)
    if action is Action.VISIT:
        satisfaction = (
            Satisfaction.SATISFIED if satisfied else rng.choices(list(Satisfaction), (75, 18, 7))[0]
        )
        return Command(action, actor, Role.OPERATOR, at, seat_id=seat, satisfaction=satisfaction)
    if action is Action.REOPEN:
        return Command(action, actor, Role.OPERATOR, at, seat_id=seat, reason="市民不满意，重办（演示）")
    return Command(action, actor, Role.OPERATOR, at, seat_id=seat)
