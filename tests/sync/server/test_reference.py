"""The server serves the reference data it plans with (taxonomy, SLA rules, emergency list), each
versioned by its `version:` and a hash of the content, picks up an administrator's edit while it
runs, and never serves an edit that does not load."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.domain.status import Action
from app.reference import read_document
from app.resources import ResourceError
from sync.protocol import API_PREFIX
from sync.server.reference import ReferenceLibrary
from sync.server.settings import REFERENCE_DIR_ENV, ServerSettings
from tests.sync.conftest import WIDE_WINDOW
from tests.sync.reference_files import EMERGENCY_LIST, add_leaf, drop_leaf, reference_folder, write
from tests.sync.server.wire import CATEGORY, DEPARTMENT, command_op, create_op, created, push

Client = Callable[[str], TestClient]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return reference_folder(tmp_path / "reference")


@pytest.fixture
def server_settings(db_url: str, folder: Path) -> ServerSettings:
    return ServerSettings(db_url=db_url, offline_window=WIDE_WINDOW, reference_dir=str(folder))


def _served(client: TestClient) -> dict[str, Any]:
    answer = client.get(f"{API_PREFIX}/sync/pull", params={"emergency": 1})
    assert answer.status_code == 200, answer.text
    reference: dict[str, Any] = answer.json()["reference"]
    return reference


def _document(client: TestClient, name: str) -> dict[str, Any]:
    answer = client.get(f"{API_PREFIX}/reference/{name}")
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_every_signed_in_account_reads_the_documents_the_pull_names(
    client_for: Client, anon: TestClient, folder: Path
) -> None:
    for username in ("a01", "lead", "qzjj"):  # operator, team lead, 承办单位
        client = client_for(username)
        versions = _served(client)
        taxonomy, sla = _document(client, "taxonomy"), _document(client, "sla")
        assert taxonomy["version"] == versions["taxonomy"] == read_document(folder, "taxonomy").version  # type: ignore[union-attr]
        assert taxonomy["files"] == {"taxonomy.yaml": (folder / "taxonomy.yaml").read_text(encoding="utf-8")}
        assert sla["version"] == versions["sla"] and list(sla["files"]) == ["sla.yaml", "holidays.yaml"]
    assert anon.get(f"{API_PREFIX}/reference/taxonomy").status_code == 401
    assert client_for("a01").get(f"{API_PREFIX}/reference/passwords").status_code == 422


def test_the_version_is_the_files_own_version_and_a_hash_of_the_content(client_for: Client) -> None:
    versions = _served(client_for("a01"))
    declared, digest = versions["taxonomy"].split("-")
    assert declared.isdigit() and len(digest) == 12
    assert versions["sla"].startswith("0-")  # sla.yaml carries no version: the hash alone tells


def test_an_edit_reaches_the_next_pull_and_one_without_a_version_bump_is_logged(
    client_for: Client, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    a01 = client_for("a01")
    before = _served(a01)["taxonomy"]
    with caplog.at_level(logging.WARNING, logger="sync.server.reference"):
        code = add_leaf(folder, "新增测试事项", bump=False)
        after = _served(a01)["taxonomy"]
    assert after != before and after.split("-")[0] == before.split("-")[0]
    assert "changed without raising version" in caplog.text
    assert code in _document(a01, "taxonomy")["files"]["taxonomy.yaml"]


def test_an_edit_that_does_not_load_is_refused_and_the_last_good_one_still_served(
    client_for: Client, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    a01 = client_for("a01")
    good = _document(a01, "taxonomy")
    with caplog.at_level(logging.ERROR, logger="sync.server.reference"):
        write(folder, "taxonomy.yaml", "version: 9\ndepartments: []\ncategories: oops\n")
        assert _document(a01, "taxonomy") == good
        assert _served(a01)["taxonomy"] == good["version"]
    [refused] = [r for r in caplog.records if "edit refused" in r.getMessage()]  # once, not per request
    assert "categories" in refused.getMessage()


def test_the_emergency_list_is_served_only_while_its_file_exists(client_for: Client, folder: Path) -> None:
    a01 = client_for("a01")
    (folder / "emergency.yaml").unlink(missing_ok=True)
    assert "emergency" not in _served(a01)
    assert a01.get(f"{API_PREFIX}/reference/emergency").status_code == 404
    write(folder, "emergency.yaml", EMERGENCY_LIST)
    assert _served(a01)["emergency"] == _document(a01, "emergency")["version"]


def test_a_seat_of_the_previous_version_is_not_told_of_the_emergency_list(
    client_for: Client, folder: Path
) -> None:
    write(folder, "emergency.yaml", EMERGENCY_LIST)
    a01 = client_for("a01")
    answer = a01.get(f"{API_PREFIX}/sync/pull")  # as that seat asks: it refuses fields it does not know
    assert set(answer.json()["reference"]) == {"taxonomy", "sla", "kb"}
    assert _served(a01)["emergency"] == _document(a01, "emergency")["version"]


def test_a_ticket_keeps_its_category_when_the_catalogue_drops_it_but_no_new_one_gets_it(
    client_for: Client, folder: Path
) -> None:
    a01 = client_for("a01")
    ticket = created(a01, "A01")
    drop_leaf(folder, CATEGORY)
    dispatch = command_op(ticket["id"], 1, "A01", Action.DISPATCH, department=DEPARTMENT)
    assert push(a01, dispatch)[0]["status"] == "applied"  # filed under it: handled on
    [refused] = push(a01, create_op("A01"))
    assert refused["status"] == "rejected" and CATEGORY in refused["reason"]


def test_a_server_whose_reference_files_do_not_load_does_not_start(folder: Path) -> None:
    write(folder, "sla.yaml", "dispatch: soon\n")
    with pytest.raises(ResourceError, match=r"sla\.yaml"):
        ReferenceLibrary(folder)


def test_the_reference_folder_is_a_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REFERENCE_DIR_ENV, "/srv/hotline/reference")
    settings = ServerSettings.from_env("sqlite://")
    assert settings.reference_dir == "/srv/hotline/reference"
    assert settings.to_env()[REFERENCE_DIR_ENV] == "/srv/hotline/reference"
