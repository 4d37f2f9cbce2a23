"""Notifications of the lifecycle's steps, through the real push and pull: a 退单 waits for the team
lead's review (the lead is told), the seat hears of it and of the review's outcome."""

from __future__ import annotations

from datetime import timedelta

from app.domain.status import Action, Status
from app.notify.notification import NotificationKind
from app.store.notifications import NotificationStore
from tests.sync.client.conftest import Central, Seats


def told(store: object) -> list[tuple[NotificationKind, str]]:
    notes = NotificationStore(store).recent()  # type: ignore[arg-type]
    return [(n.kind, n.params.get("step", "")) for n in reversed(notes)]


def test_a_return_asks_the_lead_to_review_and_the_seat_hears_of_it_and_of_the_outcome(
    central: Central, seats: Seats
) -> None:
    seat, unit, lead = seats("a01"), seats("qzjj"), seats("lead")
    ticket = seat.accept()
    seat.act(ticket.id, Action.DISPATCH, department="QZJJ")
    seat.engine.sync_once()
    unit.engine.sync_once()
    lead.engine.sync_once()
    assert told(lead.store) == [] and told(seat.store) == []

    unit.act(ticket.id, Action.RETURN, reason="不属本单位职责")
    unit.engine.sync_once()
    lead.engine.sync_once()
    assert told(lead.store) == [(NotificationKind.RETURNED, "review")]
    seat.engine.sync_once()
    assert told(seat.store) == [(NotificationKind.RETURNED, "asked")]

    lead.act(ticket.id, Action.APPROVE_RETURN)
    lead.engine.sync_once()
    assert told(lead.store) == [(NotificationKind.RETURNED, "review")]  # its own review: no news
    seat.engine.sync_once()
    assert told(seat.store) == [(NotificationKind.RETURNED, "asked"), (NotificationKind.RETURNED, "approved")]


def test_an_extension_request_waits_for_the_lead_and_its_answer_reaches_the_seat(
    central: Central, seats: Seats
) -> None:
    seat, unit, lead = seats("a01"), seats("qzjj"), seats("lead")
    ticket = seat.accept()
    seat.act(ticket.id, Action.DISPATCH, department="QZJJ")
    seat.engine.sync_once()
    unit.engine.sync_once()
    unit.act(ticket.id, Action.START)
    asked = unit.act(
        ticket.id, Action.EXTEND, reason="需现场勘查", until=ticket.close_due + timedelta(days=5)
    )
    assert asked.status is Status.IN_PROGRESS
    unit.engine.sync_once()
    lead.engine.sync_once()
    assert told(lead.store) == [(NotificationKind.EXTENSION_ASKED, "")]

    lead.act(ticket.id, Action.REFUSE_EXTENSION, reason="时限内可办结")
    lead.engine.sync_once()
    seat.engine.sync_once()
    [answer] = NotificationStore(seat.store).recent()
    assert answer.kind is NotificationKind.EXTENSION_ANSWERED and answer.params["answer"] == "refused"
    assert answer.params["reason"] == "时限内可办结"
