"""Demo data (演示数据) for `make run`: a few hundred realistic tickets, clearly marked as demo.

Demo tickets never enter the outbox, so they can never reach a real central server.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from app.demo_content import DemoRequest, Progress, generate_demo_requests
from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.lifecycle import Command, LifecycleError, apply
from app.domain.planning import apply_planned
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Caller, Ticket
from app.store.meta import DEMO_MARKER, set_meta, ticket_count
from app.workspace import Workspace

DEMO_SEED = 12345

# How far along the lifecycle each demo progress goes, in order.
_STEPS: dict[Progress, tuple[Action, ...]] = {
    Progress.ACCEPTED: (),
    Progress.CLOSED_DIRECT: (Action.CLOSE_DIRECT,),
    Progress.DISPATCHED: (Action.DISPATCH,),
    Progress.IN_PROGRESS: (Action.DISPATCH, Action.START),
    Progress.REPLIED: (Action.DISPATCH, Action.START, Action.REPLY),
    Progress.VISITED: (Action.DISPATCH, Action.START, Action.REPLY, Action.VISIT),
    Progress.CLOSED: (Action.DISPATCH, Action.START, Action.REPLY, Action.VISIT, Action.CLOSE),
}


def seed_demo_if_empty(workspace: Workspace, count: int = 300, *, now: datetime | None = None) -> bool:
    """Seed demo tickets into an empty store; True when the store holds demo data afterwards."""
    if ticket_count(workspace.store) == 0:
        now = now or datetime.now(UTC)
        requests = generate_demo_requests(workspace.taxonomy, count, seed=DEMO_SEED, now=now)
        workspace.tickets.import_history(_histories(workspace, requests, now), demo=True)
        set_meta(workspace.store, DEMO_MARKER, "1")
    return workspace.is_demo()


def _histories(
    workspace: Workspace, requests: list[DemoRequest], now: datetime
) -> Iterator[tuple[Ticket, list[TicketEvent]]]:
    rng = random.Random(DEMO_SEED)
    for n, request in enumerate(sorted(requests, key=lambda r: r.received_at), start=1):
        yield _history(workspace, request, n, rng, now)


def _history(
    workspace: Workspace, request: DemoRequest, n: int, rng: random.Random, now: datetime
) -> tuple[Ticket, list[TicketEvent]]:
    seat, actor = workspace.seat.seat_id, workspace.actor
    at = request.received_at
    ticket = Ticket(
        id=new_id(),
        local_no=f"DEMO-{at.astimezone(workspace.sla.calendar.timezone):%Y%m%d}-{n:04d}",
        kind=request.kind,
        status=Status.DRAFT,
        seat_id=seat,
        created_at=at,
        category_code=request.category_code,
        priority=request.priority,
        caller=Caller(request.caller_name, request.caller_phone),
        address=request.address,
        district=request.district,
        content=request.content,
    )
    at += timedelta(minutes=rng.randint(2, 6))
    accept = Command(Action.ACCEPT, actor, Role.OPERATOR, at, seat_id=seat)
    ticket, accepted = apply_planned(ticket, accept, workspace.sla)
    events = [accepted]
    for action in _STEPS[request.progress]:
        at += timedelta(
            minutes=rng.randint(5, 20) if action is Action.CLOSE_DIRECT else rng.randint(60, 1800)
        )
        if at >= now:
            break
        cmd = _demo_command(workspace, ticket, action, at, rng)
        try:
            ticket, event = apply_planned(ticket, cmd, workspace.sla)
        except LifecycleError:
            break  # e.g. a demo complaint cannot be closed directly: it simply stays accepted
        events.append(event)
    return _supervised_if_overdue(ticket, events, now)


def _supervised_if_overdue(
    ticket: Ticket, events: list[TicketEvent], now: datetime
) -> tuple[Ticket, list[TicketEvent]]:
    """Overdue demo tickets carry the 督办 a team lead would have put on them an hour after the deadline."""
    due = ticket.next_due
    if due is None or due + timedelta(hours=1) >= now:
        return ticket, events
    cmd = Command(
        Action.SUPERVISE,
        "值班班长",
        Role.TEAM_LEAD,
        due + timedelta(hours=1),
        reason="超期未办结，请加快办理",
    )
    ticket, event = apply(ticket, cmd)
    return ticket, [*events, event]


def _demo_command(
    workspace: Workspace, ticket: Ticket, action: Action, at: datetime, rng: random.Random
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
        satisfaction = rng.choices(list(Satisfaction), weights=(70, 20, 10))[0]
        return Command(action, actor, Role.OPERATOR, at, seat_id=seat, satisfaction=satisfaction)
    return Command(action, actor, Role.OPERATOR, at, seat_id=seat)
