"""Notifications through a real server process: a lead's reassignment reaches both seats at their
next sync as news, once; a seat's own work tells it nothing."""

from __future__ import annotations

from app.notify.notification import NotificationKind
from app.store.notifications import NotificationStore
from tests.sync.client.conftest import Seats
from tests.sync.live import LiveServer


def test_a_lead_moving_a_ticket_to_a_seat_tells_it_at_its_next_sync_and_tells_the_seat_it_left(
    seats: Seats, live_server: LiveServer
) -> None:
    mine, other, lead = (seats(name, base_url=live_server.url) for name in ("a01", "a02", "lead"))
    ticket = other.accept()
    other.engine.sync_once()
    mine.engine.sync_once()
    assert NotificationStore(other.store).recent() == []  # its own ticket: nothing to tell
    assert NotificationStore(mine.store).recent() == []

    assert lead.api.reassign([ticket.id], "A01", "忙闲调整").moved == [ticket.id]
    mine.engine.sync_once()
    [told] = NotificationStore(mine.store).recent()
    assert told.kind is NotificationKind.ASSIGNED_TO_ME and told.ticket_id == ticket.id
    assert told.params["reason"] == "忙闲调整" and told.params["previous"] == "A02" and told.unread

    other.engine.sync_once()
    [left] = NotificationStore(other.store).recent()
    assert left.kind is NotificationKind.MOVED_AWAY and left.params["seat"] == "A01"

    mine.engine.sync_once()
    assert len(NotificationStore(mine.store).recent()) == 1  # another round adds nothing
