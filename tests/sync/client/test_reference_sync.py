"""A seat's reference data follows the server's: a changed catalogue arrives in one sync round, one
the seat cannot load is refused with the reason kept and the old one in use, a restarted seat
offline starts with the last good version, and tickets keep showing a retired category's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config.settings import Config
from app.paths import AppPaths
from app.reference import TAXONOMY, read_document
from app.resources import load_taxonomy
from app.store.reference import ReferenceStore
from app.workspace import Workspace
from sync.client.engine import SyncEngine
from sync.client.reference import ReferenceSync
from sync.server import reference as server_reference
from sync.server.settings import ServerSettings
from tests.sync.client.conftest import SeatRig, Seats
from tests.sync.conftest import WIDE_WINDOW
from tests.sync.reference_files import EMERGENCY_LIST, add_leaf, drop_leaf, reference_folder, write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return reference_folder(tmp_path / "reference")


@pytest.fixture
def server_settings(db_url: str, folder: Path) -> ServerSettings:
    return ServerSettings(db_url=db_url, offline_window=WIDE_WINDOW, reference_dir=str(folder))


def _engine(seats: Seats, seat: SeatRig) -> tuple[SyncEngine, ReferenceStore]:
    kept = ReferenceStore(seat.store)
    engine = SyncEngine(seat.store, seats.sla, seat.api, reference=ReferenceSync(seat.api, kept))
    return engine, kept


def test_a_changed_catalogue_on_the_server_reaches_the_seat_in_one_round(seats: Seats, folder: Path) -> None:
    engine, kept = _engine(seats, seats("a01"))
    first = engine.sync_once().reference
    shipped = {"taxonomy", "sla"} | ({"emergency"} if (folder / "emergency.yaml").exists() else set())
    assert {d.name for d in first.adopted} == shipped and first.refused == []
    assert engine.sync_once().reference.adopted == []  # nothing new: nothing fetched

    code = add_leaf(folder, "共享单车乱停放")
    report = engine.sync_once()
    assert [d.name for d in report.reference.adopted] == [TAXONOMY]
    assert kept.taxonomy().get(code).name == "共享单车乱停放"
    assert kept.versions()[TAXONOMY] == read_document(folder, TAXONOMY).version  # type: ignore[union-attr]


def test_an_emergency_list_the_server_starts_to_serve_reaches_the_seat(seats: Seats, folder: Path) -> None:
    engine, kept = _engine(seats, seats("a01"))
    (folder / "emergency.yaml").unlink(missing_ok=True)
    engine.sync_once()
    assert "emergency" not in kept.versions()
    write(folder, "emergency.yaml", EMERGENCY_LIST)
    assert [d.name for d in engine.sync_once().reference.adopted] == ["emergency"]
    assert kept.versions()["emergency"].startswith("1-")
    # What the intake listens for from now on (and at the next start, offline too).
    heard = kept.emergency_list().detect("快来人啊这里井盖吞人了")
    assert [(a.phrase, a.number) for a in heard] == [("井盖吞人", "119")]


def test_a_document_the_server_does_not_serve_when_asked_leaves_the_seat_on_its_own_copy(
    seats: Seats, folder: Path
) -> None:
    # The list was named, then its file removed before the seat asked (or a server of the previous
    # version, which has no /reference at all): 404, and the round goes on.
    seat = seats("a01")
    kept = ReferenceStore(seat.store)
    (folder / "emergency.yaml").unlink(missing_ok=True)
    named = seat.api.pull(0, 1).reference.model_copy(update={"emergency": "1-0123456789ab"})
    update = ReferenceSync(seat.api, kept).pull(named)
    assert {d.name for d in update.adopted} == {"taxonomy", "sla"} and update.refused == []
    assert "emergency" not in kept.versions()


def test_a_catalogue_the_seat_cannot_load_is_refused_with_why_and_the_old_one_stays(
    seats: Seats, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, kept = _engine(seats, seats("a01"))
    engine.sync_once()
    good = kept.versions()[TAXONOMY]
    # A server of another build whose loader lets through what this seat's refuses.
    monkeypatch.setattr(server_reference, "check", lambda document: None)
    write(folder, "taxonomy.yaml", "version: 7\ndepartments: []\ncategories: []\n")

    report = engine.sync_once()
    [reason] = report.reference.refused  # a code: the operator reads it in the interface language
    assert (reason.code, reason.params["version"]) == ("reference.taxonomy_refused", kept_version(folder))
    assert "no categories" in reason.text(english=True) and "no categories" in reason.text()
    assert report.reference.adopted == []
    assert kept.versions()[TAXONOMY] == good
    assert len(kept.taxonomy()) == len(load_taxonomy())
    refusal = kept.refusal(TAXONOMY)
    assert refusal is not None and refusal.version.startswith("7-") and refusal.reason == reason
    assert engine.sync_once().reference.refused == []  # told once: the same version is not fetched again


def kept_version(folder: Path) -> str:
    return read_document(folder, TAXONOMY).version  # type: ignore[union-attr]


def test_a_seat_restarted_offline_starts_with_the_last_good_pulled_version(
    seats: Seats, folder: Path, tmp_path: Path
) -> None:
    home = AppPaths.under(tmp_path / "home").create()
    ws = Workspace.open(home, Config())
    seat = seats("a01")
    engine = SyncEngine(ws.store, seats.sla, seat.api, reference=ReferenceSync(seat.api, ws.reference))
    code = add_leaf(folder, "共享单车乱停放")
    engine.sync_once()
    ws.close()

    again = Workspace.open(home, Config())  # no server: nothing but the store
    try:
        assert again.taxonomy.get(code).name == "共享单车乱停放"
        assert again.taxonomy.version == load_taxonomy().version + 1
    finally:
        again.close()


def test_a_ticket_filed_under_a_category_the_new_catalogue_drops_still_shows_its_name(
    seats: Seats, folder: Path, tmp_path: Path
) -> None:
    home = AppPaths.under(tmp_path / "home").create()
    ws = Workspace.open(home, Config())
    seat = seats("a01")
    engine = SyncEngine(ws.store, seats.sla, seat.api, reference=ReferenceSync(seat.api, ws.reference))
    ticket = seat.accept(category_code="CJ.WY.DT")
    label = ws.category_label("CJ.WY.DT")
    drop_leaf(folder, "CJ.WY.DT")
    engine.sync_once()
    changes = ws.switch(ws.load_reference())

    assert changes.reference and "CJ.WY.DT" not in ws.taxonomy
    assert ticket.category_code == "CJ.WY.DT"
    shipped = load_taxonomy()
    assert ws.category_label("CJ.WY.DT") == label == shipped.path_label("CJ.WY.DT")  # 城乡建设 > … > 电梯故障
    assert ws.category_label("CJ.WY.DT", english=True) == shipped.path_label("CJ.WY.DT", english=True)
    ws.close()
    again = Workspace.open(home, Config())  # the names outlive a restart
    try:
        assert again.category_label("CJ.WY.DT") == label
    finally:
        again.close()
