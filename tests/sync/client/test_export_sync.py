"""导出 reaches a real server's access log after a sync round: once, under the account that made
it; made offline, it waits in the store and goes with the first round the server answers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.domain.ids import new_id
from app.export.files import Format
from app.export.record import ExportRecord
from app.store.exports import ExportLog
from sync.client.api import Offline
from sync.client.engine import SyncEngine
from sync.client.exports import ExportSync
from sync.demo import DEMO_PASSWORD
from tests.sync.client.conftest import Seats
from tests.sync.live import LiveServer

T0 = datetime(2026, 12, 7, 2, 30, tzinfo=UTC)


def made(username: str, list_name: str = "queue", *, masked: bool = False) -> ExportRecord:
    at = datetime.now(UTC).replace(microsecond=0)
    return ExportRecord(new_id(), at, username, list_name, 12, {"status": "open"}, masked, Format.XLSX)


def exports_on_record(server: LiveServer) -> list[dict[str, Any]]:
    with httpx.Client(base_url=server.api) as http:
        token = http.post("/auth/login", json={"username": "admin", "password": DEMO_PASSWORD}).json()
        answer = http.get("/admin/access-log", headers={"Authorization": f"Bearer {token['access_token']}"})
    return [e for e in answer.json()["entries"] if e["action"] == "export"]


def test_a_sync_round_puts_the_seats_exports_on_the_servers_access_log_once(
    seats: Seats, live_server: LiveServer
) -> None:
    seat = seats("a01", base_url=live_server.url)
    log = ExportLog(seat.store)
    queue, callbacks = made("a01"), made("a01", "callbacks", masked=True)
    log.add(queue)
    log.add(callbacks)
    engine = SyncEngine(
        seat.store, seat.engine.replica._sla, seat.api, exports=ExportSync(seat.api, log, who=lambda: "a01")
    )
    assert engine.sync_once().exports_sent == 2
    assert log.unsent("a01", 10) == []
    assert engine.sync_once().exports_sent == 0  # nothing new: nothing sent
    on_record = exports_on_record(live_server)
    assert [(e["username"], e["role"], e["detail"]["list"], e["detail"]["masked"]) for e in on_record] == [
        ("a01", "operator", "callbacks", True),
        ("a01", "operator", "queue", False),
    ]
    assert on_record[1]["detail"]["rows"] == 12 and on_record[1]["detail"]["filters"] == {"status": "open"}


def test_an_export_made_offline_waits_and_goes_with_the_first_round_that_reaches_the_server(
    seats: Seats, live_server: LiveServer
) -> None:
    seat = seats("a01", base_url=live_server.url)
    log = ExportLog(seat.store)
    sender = ExportSync(seat.api, log, who=lambda: "a01")
    live_server.stop()
    offline = made("a01")
    log.add(offline)
    with pytest.raises(Offline):
        sender.send()
    assert log.unsent("a01", 10) == [offline]  # kept, not lost
    live_server.start()
    assert sender.send() == 1
    assert [e["detail"]["exported_at"] for e in exports_on_record(live_server)] == [offline.at.isoformat()]


def test_another_accounts_export_waits_for_that_account_and_nobody_sends_without_a_sign_in(
    seats: Seats, live_server: LiveServer
) -> None:
    seat = seats("a01", base_url=live_server.url)
    log = ExportLog(seat.store)
    theirs = made("a02")  # a02 exported on this PC, then a01 signed in
    log.add(theirs)
    assert ExportSync(seat.api, log, who=lambda: "a01").send() == 0
    assert ExportSync(seat.api, log, who=lambda: None).send() == 0
    assert log.unsent("a02", 10) == [theirs]
    assert exports_on_record(live_server) == []


def test_a_record_keeps_its_fields_through_the_store(seats: Seats, live_server: LiveServer) -> None:
    seat = seats("a01", base_url=live_server.url)
    log = ExportLog(seat.store)
    record = ExportRecord(
        "0193e0a0-0000-7000-8000-000000000001", T0, "a01", "lead.seats", 3, {"状态": "空闲"}, True, Format.CSV
    )
    log.add(record)
    assert log.unsent("a01", 10) == [record]
