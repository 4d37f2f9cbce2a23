"""The server's knowledge base: lead/admin edits with version checks, revisions, incremental changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import create_engine, insert
from starlette.testclient import TestClient

from app.domain.ids import new_id
from sync.protocol import API_PREFIX
from sync.server.models import KbArticleUseRow
from tests.sync.server.wire import created

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


def _item(ident: str, where: str, title: str = "燃气开户", **fields: Any) -> dict[str, Any]:
    return {"id": ident, "where": where, "title": title, "body": "到营业厅办理。", **fields}


def _import(client: TestClient, *items: dict[str, Any]) -> Any:
    return client.post(f"{API_PREFIX}/kb/import", json={"articles": list(items)})


def test_a_bulk_import_stores_every_article_as_its_next_version(client_for: Client) -> None:
    lead, seat = client_for("lead"), client_for("a01")
    assert _save(lead, "GQ-1", _edit()).status_code == 200  # version 1
    assert _save(lead, "GONE-1", _edit("旧条目")).status_code == 200
    assert lead.delete(f"{API_PREFIX}/kb/articles/GONE-1").status_code == 204
    before = _changes(seat)["revision"]

    answer = _import(
        lead,
        _item("GQ-1", "第 2 行 (row 2)", "燃气开户（新版）"),
        _item("GONE-1", "第 3 行 (row 3)", "旧条目（恢复）", tags=["恢复"]),
        _item("NEW-1", "第 4 行 (row 4)", "燃气过户", valid_from="2026-01-01"),
    )
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert (result["created"], result["updated"], result["problems"]) == (1, 2, [])
    assert result["revision"] == before + 3
    page = _changes(seat, since=before)
    versions = {a["id"]: (a["version"], a["title"]) for a in page["articles"]}
    assert versions == {
        "GQ-1": (2, "燃气开户（新版）"),
        "GONE-1": (2, "旧条目（恢复）"),
        "NEW-1": (1, "燃气过户"),
    }
    assert page["deleted"] == [] and page["revision"] == result["revision"]


def test_a_bulk_import_with_any_bad_row_stores_nothing_and_names_every_row(client_for: Client) -> None:
    lead = client_for("lead")
    assert _save(lead, "GQ-1", _edit()).status_code == 200
    before = _changes(lead)
    answer = _import(
        lead,
        _item("GQ-1", "第 2 行 (row 2)", "改了也不算"),
        _item("OK-2", "第 3 行 (row 3)", ""),  # no title
        _item("bad id!", "第 4 行 (row 4)"),
        _item("OK-5", "第 5 行 (row 5)", valid_from="2026-05-01", valid_to="2026-01-01"),
        _item("GQ-1", "第 6 行 (row 6)"),  # given twice
    )
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert [(p["index"], p["where"]) for p in result["problems"]] == [
        (1, "第 3 行 (row 3)"),
        (2, "第 4 行 (row 4)"),
        (3, "第 5 行 (row 5)"),
        (4, "第 6 行 (row 6)"),
    ]
    assert "第 2 行" in result["problems"][3]["message"]  # the duplicate names its first row
    assert (result["created"], result["updated"], result["revision"]) == (0, 0, before["revision"])
    assert _changes(lead) == before  # nothing stored, not even the good rows


def test_only_leads_and_admins_import_and_an_empty_import_is_refused(client_for: Client) -> None:
    assert _import(client_for("a01"), _item("X-1", "第 2 行")).status_code == 403
    assert _import(client_for("admin"), _item("X-1", "第 2 行")).status_code == 200
    assert _import(client_for("lead")).status_code == 422


MISSING = "0192f5e0-0000-7000-8000-00000000000a"  # a ticket id the server never had


def _use(ticket: str, article: str, at: str, version: int = 1) -> dict[str, Any]:
    return {"ticket_id": ticket, "article_id": article, "version": version, "at": at}


def _report(
    client: TestClient, since: str = "2026-06-01T00:00:00+08:00", until: str = "2026-07-01T00:00:00+08:00"
) -> Any:
    return client.get(f"{API_PREFIX}/kb/report", params={"since": since, "until": until})


def _post_uses(client: TestClient, *uses: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(f"{API_PREFIX}/kb/uses", json={"uses": list(uses)})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_every_seats_uses_make_the_leads_report(client_for: Client) -> None:
    lead, a01, a02 = client_for("lead"), client_for("a01"), client_for("a02")
    _save(lead, "GQ-1", _edit("燃气开户"))
    _save(lead, "GS-1", _edit("供水过户"))
    _save(lead, "GR-1", _edit("暖气报修"))
    ticket_a, ticket_b = created(a01, "A01")["id"], created(a02, "A02")["id"]
    assert _post_uses(a01, _use(ticket_a, "GQ-1", "2026-06-02T09:00:00+08:00")) == {
        "recorded": 1,
        "refused": [],
    }
    uses = [
        _use(ticket_b, "GQ-1", "2026-06-03T09:00:00+08:00"),
        _use(ticket_b, "GS-1", "2026-05-20T09:00:00+08:00"),
    ]
    assert _post_uses(a02, *uses)["recorded"] == 2
    assert _post_uses(a02, *uses)["recorded"] == 2  # a resend changes nothing

    report = _report(lead)
    assert report.status_code == 200, report.text
    body = report.json()
    assert [(u["article_id"], u["uses"]) for u in body["used"]] == [("GQ-1", 2)]
    assert body["tickets"] == 2 and body["articles"] == 3
    # Never used first, then the longest unused.
    assert [u["article_id"] for u in body["unused"]] == ["GR-1", "GS-1"]
    assert body["unused"][1]["last_used"].startswith("2026-05-20")


def test_a_later_use_of_the_same_article_for_a_ticket_replaces_the_earlier(client_for: Client) -> None:
    lead, seat = client_for("lead"), client_for("a01")
    _save(lead, "GQ-1", _edit("燃气开户"))
    _save(lead, "GQ-1", _edit("燃气开户通气", base_version=1))
    ticket = created(seat, "A01")["id"]
    later = _use(ticket, "GQ-1", "2026-06-05T09:00:00+08:00", version=2)
    earlier = _use(ticket, "GQ-1", "2026-06-02T09:00:00+08:00", version=1)
    for use in (later, earlier):  # an older use arriving late does not win
        assert _post_uses(seat, use)["recorded"] == 1
    [usage] = _report(lead).json()["used"]
    assert usage["uses"] == 1 and usage["last_used"].startswith("2026-06-05")


def test_the_report_is_for_leads_and_bad_uses_are_refused(client_for: Client) -> None:
    seat = client_for("a01")
    assert _report(seat).status_code == 403
    lead = client_for("lead")
    assert _report(lead, since="2026-06-01T00:00:00").status_code == 422  # no time zone
    assert _report(lead, until="2026-05-01T00:00:00+08:00").status_code == 422
    for bad in (
        {"uses": []},
        {"uses": [_use("not-a-ticket", "GQ-1", "2026-06-02T09:00:00+08:00")]},
        {"uses": [_use(MISSING, "bad id!", "2026-06-02T09:00:00+08:00")]},
        {"uses": [_use(MISSING, "GQ-1", "2026-06-02T09:00:00")]},
        {"uses": [_use(MISSING, "GQ-1", "2026-06-02T09:00:00+08:00", version=0)]},
    ):
        answer = seat.post(f"{API_PREFIX}/kb/uses", json=bad)
        assert answer.status_code == 422, (bad, answer.text)
    assert _report(lead).json()["used"] == []


def test_forged_uses_are_dropped_named_and_never_counted(client_for: Client) -> None:
    """Uses of a made-up ticket, of another seat's ticket, of an article the KB never had, of a
    deleted one, or of a version not yet written: each dropped with its reason, the good use kept."""
    lead, a01, a02 = client_for("lead"), client_for("a01"), client_for("a02")
    _save(lead, "GQ-1", _edit("燃气开户"))
    _save(lead, "OLD-1", _edit("旧政策"))
    assert lead.delete(f"{API_PREFIX}/kb/articles/OLD-1").status_code == 204
    mine, theirs = created(a01, "A01")["id"], created(a02, "A02")["id"]
    at = "2026-06-02T09:00:00+08:00"
    answer = _post_uses(
        a01,
        _use(mine, "GQ-1", at),
        _use(MISSING, "GQ-1", at),
        _use(theirs, "GQ-1", at),
        _use(mine, "NO-SUCH", at),
        _use(mine, "OLD-1", at),
        _use(mine, "GQ-1", at, version=7),
    )
    assert answer["recorded"] == 1
    assert [r["index"] for r in answer["refused"]] == [1, 2, 3, 4, 5]
    missing, foreign = answer["refused"][0], answer["refused"][1]
    assert missing["reason"] == foreign["reason"]  # another seat's ticket is as good as none
    assert all("No such knowledge article" in r["reason"] for r in answer["refused"][2:])
    body = _report(lead).json()
    assert [(u["article_id"], u["uses"]) for u in body["used"]] == [("GQ-1", 1)] and body["tickets"] == 1


def test_a_department_account_may_not_post_uses(client_for: Client) -> None:
    qzjj = client_for("qzjj")
    answer = qzjj.post(
        f"{API_PREFIX}/kb/uses", json={"uses": [_use(MISSING, "GQ-1", "2026-06-02T09:00:00+08:00")]}
    )
    assert answer.status_code == 403


def test_uses_kept_before_they_were_checked_count_only_for_real_tickets(
    client_for: Client, db_url: str
) -> None:
    lead, a01 = client_for("lead"), client_for("a01")
    _save(lead, "GQ-1", _edit("燃气开户"))
    ticket = created(a01, "A01")["id"]
    _post_uses(a01, _use(ticket, "GQ-1", "2026-06-02T09:00:00+08:00"))
    engine = create_engine(db_url)
    with engine.begin() as conn:  # what a forger left in the table before the server checked uses
        forged = [
            {
                "ticket_id": new_id(),
                "article_id": "GQ-1",
                "version": 1,
                "at": datetime(2026, 6, 3, tzinfo=UTC),
                "recorded_by": "a01",
            }
            for _ in range(20)
        ]
        conn.execute(insert(KbArticleUseRow), forged)
    engine.dispose()
    body = _report(lead).json()
    assert [(u["article_id"], u["uses"]) for u in body["used"]] == [("GQ-1", 1)] and body["tickets"] == 1
    assert body["used"][0]["last_used"].startswith("2026-06-02")
