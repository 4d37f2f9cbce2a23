"""来电历史's merge on the seat (pure): the seat's own tickets and the server's summaries, each
ticket once, newest first, the seat's copy winning; the frequent-caller flag by the setting."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from app.domain.callers import EarlierTicket, FrequentRule
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Status
from app.domain.ticket import Ticket
from sync.client.callers import merged
from sync.protocol import CallerHistory

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
PHONE = "13912345678"
RULE = FrequentRule(calls=3, days=30)


def _ticket(days_ago: int, status: Status = Status.ACCEPTED) -> Ticket:
    return Ticket(
        id=new_id(), local_no=f"A01-{days_ago}", kind=Kind.COMPLAINT, status=status, seat_id="A01",
        created_at=NOW - timedelta(days=days_ago),
    )  # fmt: skip


def _summary(ticket: Ticket, **changes: object) -> EarlierTicket:
    return dataclasses.replace(EarlierTicket.of(ticket, mine=False), **changes)  # type: ignore[arg-type]


def test_each_ticket_once_newest_first_and_the_seats_copy_wins() -> None:
    own, shared = _ticket(1, Status.CLOSED), _ticket(5)
    server_only = _ticket(3)
    server = CallerHistory(
        tickets=[_summary(shared, status=Status.ACCEPTED), _summary(server_only), _summary(own)], total=3
    )
    history = merged(PHONE, [own], server, RULE, NOW)
    assert [t.id for t in history.tickets] == [own.id, server_only.id, shared.id]
    first = history.tickets[0]
    assert (first.status, first.mine) == (Status.CLOSED, True)  # the seat's 并单 not sent yet shows
    assert history.total == 3 and not history.server_missing


def test_a_bounded_server_answer_still_tells_the_whole_count() -> None:
    listed = [_summary(_ticket(d)) for d in range(2)]
    history = merged(PHONE, [], CallerHistory(tickets=listed, total=70), RULE, NOW)
    assert (len(history.tickets), history.total) == (2, 70)


def test_without_the_server_the_seats_own_tickets_are_shown_and_the_gap_is_said() -> None:
    own = [_ticket(1), _ticket(2)]
    history = merged(PHONE, own, None, RULE, NOW)
    assert [t.id for t in history.tickets] == [own[0].id, own[1].id]
    assert history.server_missing and history.total == 2


def test_a_frequent_caller_counts_the_seats_and_the_servers_tickets_together() -> None:
    own = [_ticket(1)]
    server = CallerHistory(tickets=[_summary(_ticket(10)), _summary(_ticket(40))], total=2)
    assert not merged(PHONE, own, server, RULE, NOW).frequent  # the one 40 days ago is outside
    server = CallerHistory(tickets=[_summary(_ticket(10)), _summary(_ticket(20))], total=2)
    assert merged(PHONE, own, server, RULE, NOW).frequent
