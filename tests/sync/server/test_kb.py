"""The server's knowledge base: lead/admin edits with version checks, revisions, incremental changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from sync.protocol import API_PREFIX

Client = Callable[[str], TestClient]


def _edit(title: str = "燃气开户", base_version: int = 0, **fields: Any) -> dict[str, Any]:
    return {
        "title": title,
        "body": "到营业厅办理，带身份证和房产证。",
        "categories": ["GY.GQ.KH"],
        "tags": ["燃气开户"],
        "base_version": base_version,
        **fields,
    }


def _save(client: TestClient, article_id: str, body: dict[str, Any]) -> Any:
    return client.put(f"{API_PREFIX}/kb/articles/{article_id}", json=body)


def _changes(client: TestClient, since: int = 0, limit: int = 500) -> dict[str, Any]:
    answer = client.get(f"{API_PREFIX}/kb/changes", params={"since": since, "limit": limit})
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def test_a_lead_saves_and_every_seat_pulls_the_change(client_for: Client) -> None:
    lead, seat = client_for("lead"), client_for("a01")
    saved = _save(lead, "GQ-1", _edit())
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 1
    page = _changes(seat)
    assert [a["id"] for a in page["articles"]] == ["GQ-1"]
    assert page["revision"] == saved.json()["revision"]
    assert _changes(seat, since=page["revision"]) == {
        "articles": [],
        "deleted": [],
        "revision": page["revision"],
        "more": False,
    }


def test_operators_and_departments_may_not_edit(client_for: Client) -> None:
    for username in ("a01", "qzjj"):
        answer = _save(client_for(username), "GQ-1", _edit())
        assert answer.status_code == 403
        assert "无权" in answer.json()["message"]
    assert client_for("a01").delete(f"{API_PREFIX}/kb/articles/GQ-1").status_code == 403


def test_an_edit_over_a_newer_version_is_a_conflict(client_for: Client) -> None:
    lead, admin = client_for("lead"), client_for("admin")
    assert _save(lead, "GQ-1", _edit()).status_code == 200
    assert _save(admin, "GQ-1", _edit("燃气开户（修订）", base_version=1)).status_code == 200
    stale = _save(lead, "GQ-1", _edit("燃气开户（旧稿）", base_version=1))
    assert stale.status_code == 409
    assert "第 2 版" in stale.json()["message"]
    again = _save(lead, "GQ-1", _edit())  # base 0 means new: the article exists, so also a conflict
    assert again.status_code == 409
    assert _changes(lead)["articles"][0]["title"] == "燃气开户（修订）"


def test_changes_are_incremental_with_deletes_and_pages(client_for: Client) -> None:
    lead = client_for("lead")
    for n in range(5):
        assert _save(lead, f"A-{n}", _edit(f"条目{n}")).status_code == 200
    first = _changes(lead, limit=2)
    assert [a["id"] for a in first["articles"]] == ["A-0", "A-1"] and first["more"]
    assert lead.delete(f"{API_PREFIX}/kb/articles/A-0").status_code == 204
    assert _save(lead, "A-1", _edit("条目1改", base_version=1)).status_code == 200
    rest = _changes(lead, since=first["revision"])
    assert [a["id"] for a in rest["articles"]] == ["A-2", "A-3", "A-4", "A-1"]
    assert rest["deleted"] == ["A-0"]
    assert not rest["more"]
    # Deleted and then created again: a fresh article, version 1.
    assert lead.delete(f"{API_PREFIX}/kb/articles/A-0").status_code == 404
    assert _save(lead, "A-0", _edit("条目0新")).json()["version"] == 1


def test_pull_reports_the_kb_revision(client_for: Client) -> None:
    lead, seat = client_for("lead"), client_for("a01")
    before = seat.get(f"{API_PREFIX}/sync/pull").json()["reference"]["kb"]
    revision = _save(lead, "GQ-1", _edit()).json()["revision"]
    after = seat.get(f"{API_PREFIX}/sync/pull").json()["reference"]["kb"]
    assert (before, after) == ("0", str(revision))


def test_bad_articles_are_refused_with_reasons(client_for: Client) -> None:
    lead = client_for("lead")
    cases = [
        ("bad id!", _edit(), 422),
        ("GQ-1", _edit(title=""), 422),
        ("GQ-1", _edit(valid_from="2026-05-01", valid_to="2026-01-01"), 422),
        ("GQ-1", _edit(kinds=["gossip"]), 422),
        ("GQ-1", {**_edit(), "colour": "red"}, 422),
        ("GQ-1", _edit(body="x" * 20_001), 422),
    ]
    for article_id, body, status in cases:
        answer = _save(lead, article_id, body)
        assert answer.status_code in (status, 404), (article_id, body, answer.text)
    assert "失效日期" in _save(lead, "GQ-1", cases[2][1]).json()["message"]
    assert _changes(lead)["articles"] == []


def test_anonymous_requests_are_refused(anon: TestClient) -> None:
    assert anon.get(f"{API_PREFIX}/kb/changes").status_code == 401
    assert _save(anon, "GQ-1", _edit()).status_code == 401
