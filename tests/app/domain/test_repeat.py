"""并单 (issue 18 item 6): a repeat request joins an existing ticket. The repeat closes with an event
naming the ticket it joined; that ticket gets a link event and keeps its status; nothing is deleted;
only the repeat's own event counts as a repeat."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.callers import EarlierTicket, FrequentRule
from app.domain.kinds import Kind
from app.domain.lifecycle import LifecycleError, apply, is_repeat, link_repeat
from app.domain.status import Action, Role, Status
from app.domain.ticket import Ticket
from tests.app.domain.test_lifecycle import DEPT, LEAD, OP, cmd, refusal, ticket_in

MAIN_ID = "0193f0a0-0000-7000-8000-0000000000aa"


def _main(status: Status = Status.DISPATCHED) -> Ticket:
    return dataclasses.replace(ticket_in(status), id=MAIN_ID, number="20261120-0007")


def test_the_repeat_closes_into_the_ticket_it_joins_and_says_which() -> None:
    repeat = ticket_in(Status.ACCEPTED)
    merged, event = apply(repeat, cmd(Action.MERGE, merge_into=MAIN_ID))
    assert merged.status is Status.CLOSED and merged.closed_at == event.at
    assert (event.from_status, event.to_status, event.data) == (
        Status.ACCEPTED,
        Status.CLOSED,
        {"into": MAIN_ID},
    )
    assert merged.content == repeat.content and merged.caller == repeat.caller  # nothing dropped
    assert is_repeat(event)


@pytest.mark.parametrize("role", [OP, LEAD])
def test_operators_and_leads_merge_right_after_accepting(role: Role) -> None:
    merged, _ = apply(ticket_in(Status.ACCEPTED), cmd(Action.MERGE, role, merge_into=MAIN_ID))
    assert merged.status is Status.CLOSED


def test_a_merge_needs_another_ticket_to_join() -> None:
    repeat = ticket_in(Status.ACCEPTED)
    assert "并入" in refusal(repeat, cmd(Action.MERGE))
    assert "本身" in refusal(repeat, cmd(Action.MERGE, merge_into=repeat.id))


@pytest.mark.parametrize("status", [Status.DISPATCHED, Status.CLOSED, Status.DRAFT])
def test_only_a_ticket_just_accepted_is_merged_as_a_repeat(status: Status) -> None:
    with pytest.raises(LifecycleError):
        apply(ticket_in(status), cmd(Action.MERGE, merge_into=MAIN_ID))


def test_a_department_does_not_merge() -> None:
    with pytest.raises(LifecycleError):
        apply(ticket_in(Status.ACCEPTED), cmd(Action.MERGE, DEPT, merge_into=MAIN_ID))


def test_the_joined_ticket_gets_a_link_and_keeps_its_status_and_fields() -> None:
    repeat = ticket_in(Status.ACCEPTED, local_no="L-S01-20261125-0009")
    _, event = apply(repeat, cmd(Action.MERGE, merge_into=MAIN_ID))
    main = _main(Status.IN_PROGRESS)
    link = link_repeat(main, repeat, event)
    assert (link.ticket_id, link.action, link.from_status, link.to_status) == (
        MAIN_ID,
        Action.MERGE,
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
    )
    assert link.data == {"from": repeat.id, "from_no": "L-S01-20261125-0009"}
    assert (link.at, link.actor, link.seat_id) == (event.at, event.actor, event.seat_id)
    assert link.id != event.id and not is_repeat(link)


def test_a_closed_ticket_takes_no_repeat() -> None:
    repeat = ticket_in(Status.ACCEPTED)
    _, event = apply(repeat, cmd(Action.MERGE, merge_into=MAIN_ID))
    with pytest.raises(LifecycleError, match="已办结"):
        link_repeat(_main(Status.CLOSED), repeat, event)


NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _earlier(days_ago: float) -> EarlierTicket:
    return EarlierTicket(
        id=f"id-{days_ago}", number="1", created_at=NOW - timedelta(days=days_ago), kind=Kind.COMPLAINT,
        status=Status.ACCEPTED,
    )  # fmt: skip


def test_a_frequent_caller_has_the_set_number_of_tickets_within_the_set_days() -> None:
    rule = FrequentRule(calls=3, days=30)
    assert rule.applies([_earlier(1), _earlier(10), _earlier(29.9)], NOW)
    assert not rule.applies([_earlier(1), _earlier(10), _earlier(30.1)], NOW)
    assert not rule.applies([_earlier(1), _earlier(2)], NOW)
