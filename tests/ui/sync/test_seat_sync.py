"""The seat's link to the server never holds up the window: stopping or switching it returns at once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.workspace import Workspace
from sync.client.loop import SyncState, SyncStatus
from tests.ui.conftest import SilentServer
from tests.ui.stall import watching
from ui.ops import ChangeBus
from ui.sync.seat_sync import SeatSync


def _in_a_hanging_round(qtbot: QtBot, workspace: Workspace, silent_server: SilentServer) -> SeatSync:
    """A seat syncing with a server that takes the request and never answers."""
    sync = SeatSync(workspace, ChangeBus(), server_url=silent_server.url, interval=5)
    statuses: list[SyncStatus | None] = []
    sync.statusChanged.connect(statuses.append)
    sync.start()
    qtbot.waitUntil(
        lambda: any(s is not None and s.state is SyncState.SYNCING for s in statuses), timeout=10_000
    )
    return sync


def test_switching_to_another_server_never_waits_for_the_old_loop(
    qtbot: QtBot, workspace: Workspace, silent_server: SilentServer
) -> None:
    sync = _in_a_hanging_round(qtbot, workspace, silent_server)
    qtbot.waitUntil(lambda: sync.user is not None, timeout=10_000)
    user = sync.user
    assert user is not None
    with watching():
        sync.signed_in(user, "http://127.0.0.1:9")  # 登录 on another server, from the login dialog
        qtbot.wait(300)
    assert sync.server_url == "http://127.0.0.1:9"
    silent_server.hang_up()
    assert sync.stop().wait(15)


def test_stopping_while_a_round_hangs_returns_at_once_and_ends_when_the_round_does(
    qtbot: QtBot, workspace: Workspace, silent_server: SilentServer
) -> None:
    sync = _in_a_hanging_round(qtbot, workspace, silent_server)
    with watching():
        ended = sync.stop()
        qtbot.wait(100)
    assert not ended.wait(0.2)  # the round goes on: a settled batch is never cut off
    silent_server.hang_up()
    assert ended.wait(15)
