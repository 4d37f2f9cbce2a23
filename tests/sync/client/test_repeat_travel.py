"""并单 and 来电历史 between real seats (issue 18 item 6): a seat merges its new request into another
seat's ticket of the same caller; the merge travels seat → outbox → server → the other seat, which
sees the link event and a notice; both seats count one repeat. The number's history joins the
seat's own tickets and the server's. Each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.callers import FrequentRule
from app.domain.problem import Problem
from app.domain.status import Action, Status
from app.notify.notification import NotificationKind
from app.store.callers import repeat_count
from app.store.notifications import NotificationStore
from sync.client.api import ServerApi
from sync.client.callers import look_up
from tests.sync.client.conftest import Central, Seats

PHONE = "13912345678"


def test_a_merge_travels_from_one_seat_through_the_server_to_the_seat_of_the_joined_ticket(
    central: Central, seats: Seats
) -> None:
    a01, a02 = seats("a01"), seats("a02")
    main = a02.accept(caller_phone=PHONE, content="幸福路工地夜间打桩噪音")
    a02.engine.sync_once()
    repeat = a01.accept(caller_phone="139-1234-5678", content="幸福路工地半夜还在打桩")
    merged = a01.act(repeat.id, Action.MERGE, merge_into=main.id)
    assert merged.status is Status.CLOSED  # at once on the seat, before any network
    report = a01.engine.sync_once()
    assert report.pushed == 2 and a01.tickets.get(repeat.id).status is Status.CLOSED

    report = a02.engine.sync_once()
    link = a02.tickets.events(main.id)[-1]
    assert (link.action, link.from_status, link.to_status) == (Action.MERGE, Status.ACCEPTED, Status.ACCEPTED)
    assert link.data["from"] == repeat.id and link.seat_id == "A01"
    assert a02.tickets.get(main.id).status is Status.ACCEPTED  # its own work goes on
    [told] = report.notices  # a code with parameters: the operator's language words it
    assert isinstance(told, Problem) and (told.code, told.params["actor"]) == ("notice.merged", "话务员01")
    assert told.params["ticket"] == a01.tickets.get(repeat.id).display_no  # the official number
    [merged_note] = NotificationStore(a02.store).recent()  # told once: as a notification, no notice
    assert (merged_note.kind, merged_note.ticket_id) == (NotificationKind.MERGED, main.id)
    assert merged_note.params["from_no"] == a01.tickets.get(repeat.id).display_no
    assert a02.engine.replica.notices() == []
    # Nothing was deleted: the repeat is on the server with its content and both events.
    assert len(central.events_of(repeat.id)) == 2

    now, hour = datetime.now(UTC), timedelta(hours=1)
    assert repeat_count(a01.store, now - hour, now + hour) == 1  # the repeat's own event
    assert repeat_count(a02.store, now - hour, now + hour) == 0  # a link is not a repeat


def test_the_history_of_a_ringing_number_joins_the_seats_own_tickets_and_the_servers(
    central: Central, seats: Seats
) -> None:
    a01, a02 = seats("a01"), seats("a02")
    theirs = a02.accept(caller_phone=PHONE, content="私事")
    a02.engine.sync_once()
    synced = a01.accept(caller_phone=PHONE)
    a01.engine.sync_once()
    unsent = a01.accept(caller_phone=PHONE)  # still in the outbox: only the seat knows it
    rule = FrequentRule(calls=3, days=30)
    now = datetime.now(UTC)

    history = look_up(a01.store, a01.api, PHONE, 365, rule, now)
    assert {t.id for t in history.tickets} == {theirs.id, synced.id, unsent.id}
    assert [t.mine for t in history.tickets if t.id == theirs.id] == [False]
    assert (history.total, history.frequent, history.server_missing) == (3, True, False)

    offline = ServerApi("http://127.0.0.1:9", a01.vault)  # nothing listens there
    try:
        alone = look_up(a01.store, offline, PHONE, 365, rule, now)
    finally:
        offline.close()
    assert {t.id for t in alone.tickets} == {synced.id, unsent.id}
    assert (alone.server_missing, alone.frequent) == (True, False)
