"""A catalogue changed on the central server shows in the open intake form after one sync round, and
the draft keeps the category it holds (against the real server process)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.workspace import Workspace
from sync.client.loop import SyncState, SyncStatus
from sync.demo import DEMO_PASSWORD
from sync.server.settings import REFERENCE_DIR_ENV
from tests.sync.live import LiveServer
from tests.sync.reference_files import add_leaf, reference_folder
from ui.intake.intake_form import IntakeForm
from ui.ops import ChangeBus
from ui.sync.seat_sync import SeatSync


@pytest.fixture
def server(tmp_path: Path, sqlite_template: Path) -> Iterator[tuple[LiveServer, Path]]:
    folder = reference_folder(tmp_path / "reference")
    shutil.copy(sqlite_template, tmp_path / "server.sqlite3")
    env = {REFERENCE_DIR_ENV: str(folder)}
    with LiveServer(f"sqlite:///{tmp_path / 'server.sqlite3'}", env=env, log_dir=tmp_path) as live:
        yield live, folder


def _codes(form: IntakeForm) -> list[str]:
    return [form.category.itemData(i) for i in range(1, form.category.count())]


def test_a_new_leaf_on_the_server_shows_in_the_intake_forms_category_list_after_one_round(
    qtbot: QtBot, workspace: Workspace, server: tuple[LiveServer, Path]
) -> None:
    live, folder = server
    bus = ChangeBus()
    form = IntakeForm(workspace, bus)
    qtbot.addWidget(form)
    held = _codes(form)[0]
    form.category.setCurrentIndex(1)  # the draft holds a category while the catalogue changes
    sync = SeatSync(workspace, bus, server_url=live.url, interval=3600, account=("a01", DEMO_PASSWORD))
    rounds: list[SyncStatus] = []
    sync.statusChanged.connect(lambda status: rounds.append(status) if status is not None else None)
    sync.start()
    qtbot.waitUntil(lambda: any(s.state is SyncState.ONLINE for s in rounds), timeout=20_000)
    code = add_leaf(folder, "共享单车乱停放")
    assert code not in _codes(form)

    rounds.clear()
    sync.sync_now()  # one round
    qtbot.waitUntil(lambda: code in _codes(form), timeout=20_000)
    assert [s.reference_adopted for s in rounds if s.state is SyncState.ONLINE] == [("taxonomy",)]
    assert workspace.taxonomy.get(code).name == "共享单车乱停放"
    assert form.category.itemText(form.category.findData(code)).endswith("共享单车乱停放")
    assert form.category.currentData() == held
    engine = sync._runner._loop.engine  # type: ignore[union-attr]
    assert engine.replica._sla is workspace.sla is engine._tickets._sla  # pulled tickets plan with it
    assert sync.stop().wait(15)
