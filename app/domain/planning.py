"""One step of a ticket's life with its SLA deadlines: the same code on the seat and on the server."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from app.domain.events import TicketEvent
from app.domain.lifecycle import Command, apply
from app.domain.sla import SlaClock
from app.domain.status import Action, Status
from app.domain.ticket import Ticket

# What the deadlines are computed from besides 受理 time: an edit of anything else keeps them.
_SLA_INPUTS = frozenset({"kind", "category_code", "priority"})


def planned(ticket: Ticket, cmd: Command, sla: SlaClock) -> Ticket:
    """SLA deadlines after `cmd` (already applied): 受理 plans them; 派单 starts the 承办单位's contact
    and close clocks, and so does 重办 (the 承办单位 handles the ticket anew, with new time); an edit
    before dispatch (kind, category, priority) plans them again from 受理."""
    replans = (
        cmd.action is Action.EDIT
        and ticket.status is Status.ACCEPTED
        and not _SLA_INPUTS.isdisjoint(cmd.changes)
    )
    if cmd.action is Action.ACCEPT or replans:
        return _with_deadlines(ticket, sla, dispatched_at=None)
    if cmd.action in (Action.DISPATCH, Action.REOPEN):
        return _with_deadlines(ticket, sla, dispatched_at=cmd.at)
    return ticket


def apply_planned(
    ticket: Ticket, cmd: Command, sla: SlaClock, *, event_id: str | None = None
) -> tuple[Ticket, TicketEvent]:
    """The lifecycle step and the deadlines it implies, or a LifecycleError saying why not."""
    changed, event = apply(ticket, cmd, event_id=event_id)
    return planned(changed, cmd, sla), event


def _with_deadlines(ticket: Ticket, sla: SlaClock, *, dispatched_at: datetime | None) -> Ticket:
    assert ticket.accepted_at is not None
    due = sla.deadlines(
        ticket.kind, ticket.category_code, ticket.priority, ticket.accepted_at, dispatched_at=dispatched_at
    )
    return dataclasses.replace(
        ticket, dispatch_due=due.dispatch_due, contact_due=due.contact_due, close_due=due.close_due
    )
