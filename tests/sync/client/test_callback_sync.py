"""A seat's callback list reaches a real server process after a sync round, so the lead sees the
unreturned calls; each version goes once, and only an operator's account sends it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.call import CallSession
from app.domain.call_states import CallEventKind
from app.domain.callback_states import CallbackEvent
from app.store.callbacks import CallbackStore
from sync.client.callbacks import CallbackSync
from sync.client.engine import SyncEngine
from tests.sync.client.conftest import Seats
from tests.sync.live import LiveServer

T0 = datetime.now(UTC).replace(microsecond=0)


def missed(call_id: str, number: str) -> CallSession:
    return CallSession(call_id, number, T0).step(CallEventKind.MISSED, T0 + timedelta(seconds=20))


def test_a_sync_round_sends_the_callbacks_and_the_lead_sees_the_unreturned_ones(
    seats: Seats, live_server: LiveServer
) -> None:
    seat = seats("a01", base_url=live_server.url)
    store = CallbackStore(seat.store)
    waiting, _ = store.missed(missed("pbx-1", "13812345678"), "A01")
    returned, _ = store.missed(missed("pbx-2", "13900001111"), "A01")
    assert waiting is not None and returned is not None
    store.step(returned.id, CallbackEvent.NOT_NEEDED)
    engine = SyncEngine(
        seat.store, seat.engine.replica._sla, seat.api, callbacks=CallbackSync(seat.api, store)
    )
    assert engine.sync_once().callbacks_sent == 2
    assert store.unsent(10) == []
    lead = seats("lead", base_url=live_server.url)
    assert [(c.id, c.number, c.seat_id) for c in lead.api.lead_callbacks()] == [
        (waiting.id, "13812345678", "A01")
    ]

    assert engine.sync_once().callbacks_sent == 0  # nothing changed: nothing sent
    store.step(waiting.id, CallbackEvent.START, draft_id="d1")
    store.step(waiting.id, CallbackEvent.WRONG_NUMBER)
    assert engine.sync_once().callbacks_sent == 1
    assert lead.api.lead_callbacks() == []


def test_an_account_that_speaks_for_no_seat_sends_nothing_and_keeps_the_list_to_send(
    seats: Seats, live_server: LiveServer
) -> None:
    seat = seats("a01", base_url=live_server.url)
    store = CallbackStore(seat.store)
    made, _ = store.missed(missed("pbx-3", "13812345678"), "A01")
    sender = CallbackSync(seat.api, store, when=lambda: False)
    assert sender.send() == 0 and store.unsent(10) == [made]
