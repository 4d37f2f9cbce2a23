"""The seat's state and shift counts go to a real server process after every sync round, also a
round with nothing to push or pull (the heartbeat), and show on the lead's board."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.desk import Desk
from app.domain.seat import SeatEvent
from app.telephony import make_event
from sync.client.engine import SyncEngine
from sync.protocol import SeatLoad, seat_report
from tests.sync.client.conftest import Seats
from tests.sync.live import LiveServer

T0 = datetime.now(UTC).replace(microsecond=0)


def _board(seats: Seats, live_server: LiveServer) -> dict[str, SeatLoad]:
    lead = seats("lead", base_url=live_server.url)
    return {load.seat_id: load for load in lead.api.seat_loads()}


def test_every_round_reports_the_seat_to_a_real_server(seats: Seats, live_server: LiveServer) -> None:
    seat = seats("a01", base_url=live_server.url)
    desk = [Desk.start(T0)]
    engine = SyncEngine(
        seat.store, seat.engine.replica._sla, seat.api, seat_report=lambda: seat_report(desk[0].seat)
    )
    engine.sync_once()  # nothing to push or pull: the heartbeat still reports
    report = _board(seats, live_server)["A01"].report
    assert report is not None and (report.state, report.calls) == ("idle", 0)

    for kind, seconds in (("ringing", 0), ("answered", 5), ("ended", 185)):
        event = make_event(kind, "pbx-1", "13812345678" if kind == "ringing" else "")
        desk[0] = desk[0].call_event(event.kind, event.call_id, T0 + timedelta(seconds=seconds))
    desk[0] = desk[0].seat_event(SeatEvent.TICKET_FILED, T0 + timedelta(seconds=200), direct=True)
    desk[0] = desk[0].seat_event(SeatEvent.CHOOSE_BREAK, T0 + timedelta(seconds=201), reason="用餐")
    engine.sync_once()
    report = _board(seats, live_server)["A01"].report
    assert report is not None
    assert (report.state, report.break_reason, report.since) == ("break", "用餐", T0 + timedelta(seconds=201))
    assert (report.calls, report.talk_seconds, report.wrap_up_seconds) == (1, 180, 15)
    assert (report.tickets_filed, report.closed_direct) == (1, 1)
