"""A lead sees every seat's unreturned calls: a seat's missed call goes to a real server process with
the seat's sync round, and the lead's callback list, ticked to 全部坐席, reads it from there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.call import CallSession
from app.domain.call_states import CallEventKind
from app.paths import AppPaths
from app.workspace import Workspace
from sync.client.loop import SyncState, SyncStatus
from sync.demo import DEMO_PASSWORD
from tests.sync.live import LiveServer
from ui.call.callback_list import SEAT_COLUMN, CallbackList
from ui.ops import ChangeBus
from ui.sync.seat_sync import SeatSync


@pytest.fixture
def lead_workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(AppPaths.under(tmp_path / "lead").create(), Config())
    yield ws
    ws.close()


def signed_in(qtbot: QtBot, ws: Workspace, live: LiveServer, account: str) -> SeatSync:
    sync = SeatSync(ws, ChangeBus(), server_url=live.url, interval=3600, account=(account, DEMO_PASSWORD))
    rounds: list[SyncStatus] = []
    sync.statusChanged.connect(lambda status: rounds.append(status) if status is not None else None)
    sync.start()
    qtbot.waitUntil(lambda: any(s.state is SyncState.ONLINE for s in rounds), timeout=20_000)
    return sync


@pytest.mark.slow
def test_a_lead_sees_a_seats_missed_call_from_the_server_and_cannot_act_on_it(
    qtbot: QtBot, workspace: Workspace, lead_workspace: Workspace, server: LiveServer
) -> None:
    rang = datetime.now(UTC)
    missed = CallSession("pbx-9", "13812345678", rang).step(CallEventKind.MISSED, rang)
    callback, _ = workspace.callbacks.missed(missed, workspace.seat.seat_id)
    assert callback is not None
    seat = signed_in(qtbot, workspace, server, "a01")  # its first round sends the callback
    qtbot.waitUntil(lambda: workspace.callbacks.unsent(10) == [], timeout=20_000)
    # One OS account, one keyring: the seat signs out before the lead signs in on the same server.
    seat.logout()
    qtbot.waitUntil(lambda: seat.user is None, timeout=10_000)
    assert seat.stop().wait(15)

    lead = signed_in(qtbot, lead_workspace, server, "lead")
    view = CallbackList(lead_workspace, ChangeBus())
    qtbot.addWidget(view)
    assert not view.all_seats.isVisibleTo(view)  # not a lead yet, as far as the list knows
    view.set_central(lead.lead_callbacks)
    assert view.all_seats.isVisibleTo(view)
    view.all_seats.setChecked(True)
    qtbot.waitUntil(lambda: [c.id for c in view.callbacks] == [callback.id], timeout=10_000)
    row = view.tree.topLevelItem(0)
    assert row is not None and (row.text(1), row.text(SEAT_COLUMN)) == ("13812345678", "A01")
    assert not view.tree.isColumnHidden(SEAT_COLUMN)
    assert not view.start_button.isEnabled()  # the seat's to return, not the lead's
    view.all_seats.setChecked(False)
    qtbot.waitUntil(lambda: view.callbacks == [], timeout=10_000)  # the lead's own seat has none
    assert lead.stop().wait(15)
