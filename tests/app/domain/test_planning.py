"""SLA planning per lifecycle step: which steps set the deadlines, and from when."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.planning import apply_planned
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Ticket

T0 = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)  # 09:30 in the centre's zone, a Wednesday


def draft() -> Ticket:
    return Ticket(
        id="0193f0a0-0000-7000-8000-000000000001",
        local_no="L-S01-20261125-0001",
        kind=Kind.COMPLAINT,
        status=Status.DRAFT,
        seat_id="S01",
        created_at=T0,
        category_code="CJ.WY.DT",
        content="电梯停运两天",
    )


def step(
    ticket: Ticket, sla: SlaClock, action: Action, at: datetime, role: Role = Role.OPERATOR, **fields: object
) -> Ticket:
    command = Command(action, "李娜", role, at, seat_id="S01", **fields)  # type: ignore[arg-type]
    changed, _ = apply_planned(ticket, command, sla)
    return changed


def test_accepting_plans_the_contact_deadline_with_the_others(sla_clock: SlaClock) -> None:
    accepted = step(draft(), sla_clock, Action.ACCEPT, T0)
    due = sla_clock.deadlines(accepted.kind, accepted.category_code, accepted.priority, T0)
    assert (accepted.dispatch_due, accepted.contact_due, accepted.close_due) == (
        due.dispatch_due,
        due.contact_due,
        due.close_due,
    )


def test_reopening_plans_the_departments_deadlines_again_from_the_reopening(sla_clock: SlaClock) -> None:
    ticket = step(draft(), sla_clock, Action.ACCEPT, T0)
    ticket = step(ticket, sla_clock, Action.DISPATCH, T0 + timedelta(hours=1), department="D-WY")
    visited = dataclasses.replace(ticket, status=Status.VISITED, satisfaction=Satisfaction.UNSATISFIED)
    reopened_at = T0 + timedelta(days=20)
    reopened = step(visited, sla_clock, Action.REOPEN, reopened_at, reason="市民反映仍未修好")
    due = sla_clock.deadlines(
        ticket.kind, ticket.category_code, ticket.priority, T0, dispatched_at=reopened_at
    )
    assert reopened.close_due == due.close_due and reopened.close_due != ticket.close_due
    assert reopened.contact_due == due.contact_due
    assert reopened.next_due == due.close_due  # the running deadline is the new one
    assert reopened.dispatch_due == ticket.dispatch_due  # 派单 was on time then; it stays as it was


def test_an_approved_extension_is_the_deadline_and_is_not_planned_over(sla_clock: SlaClock) -> None:
    ticket = step(draft(), sla_clock, Action.ACCEPT, T0)
    ticket = step(ticket, sla_clock, Action.DISPATCH, T0 + timedelta(hours=1), department="D-WY")
    assert ticket.close_due is not None
    later = ticket.close_due + timedelta(days=10)
    asked = step(
        ticket,
        sla_clock,
        Action.EXTEND,
        T0 + timedelta(days=2),
        Role.DEPARTMENT,
        until=later,
        reason="需协调",
    )
    approved = step(asked, sla_clock, Action.APPROVE_EXTENSION, T0 + timedelta(days=3), Role.TEAM_LEAD)
    assert (approved.close_due, approved.extension_due) == (later, None)
