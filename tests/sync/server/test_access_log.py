"""The access log (issue 16 item 5): reads, pulls, reports, logins and account administration on
record (who, role, when, from where, what, outcome), readable by admins, purged after its keep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from sync.protocol import API_PREFIX
from sync.server.access import Caller, purge_access_log, record
from sync.server.db import Database
from sync.server.models import AccessLogRow
from sync.server.retention import purge
from sync.server.settings import ServerSettings
from tests.sync.server.wire import created

Client = Callable[[str], TestClient]
LOG = f"{API_PREFIX}/admin/access-log"


def _entries(admin: TestClient, **params: Any) -> list[dict[str, Any]]:
    answer = admin.get(LOG, params=params)
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()["entries"]
    return entries


def test_reading_a_ticket_is_on_record_whether_or_not_it_was_shown(client_for: Client) -> None:
    seat, other, admin = client_for("a01"), client_for("a02"), client_for("admin")
    ticket = created(seat, "A01")
    assert seat.get(f"{API_PREFIX}/tickets/{ticket['id']}").status_code == 200
    assert other.get(f"{API_PREFIX}/tickets/{ticket['id']}").status_code == 404
    reads = _entries(admin, ticket=ticket["id"])
    assert [(e["username"], e["role"], e["action"], e["outcome"]) for e in reads] == [
        ("a02", "operator", "ticket.read", "not_found"),  # newest first
        ("a01", "operator", "ticket.read", "ok"),
    ]
    assert reads[0]["address"] == "testclient" and reads[0]["at"]


def test_a_pull_records_which_tickets_it_served_and_an_idle_pull_nothing(client_for: Client) -> None:
    seat, admin = client_for("a01"), client_for("admin")
    first, second = created(seat, "A01"), created(seat, "A01")
    page = seat.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0}).json()
    seat.get(f"{API_PREFIX}/sync/pull", params={"cursor": page["cursor"]})  # idle: nothing new
    [pulled] = [e for e in _entries(admin, user="a01") if e["action"] != "login"]
    assert pulled["action"] == "sync.pull"
    assert pulled["detail"] == {
        "cursor": 0,
        "next_cursor": page["cursor"],
        "count": 2,
        "tickets": [first["id"], second["id"]],
    }


def test_lead_reads_and_the_kb_report_are_on_record(client_for: Client) -> None:
    lead, admin = client_for("lead"), client_for("admin")
    since, until = "2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00"
    assert lead.get(f"{API_PREFIX}/lead/seats").status_code == 200
    assert lead.get(f"{API_PREFIX}/lead/balance").status_code == 200
    assert lead.get(f"{API_PREFIX}/kb/report", params={"since": since, "until": until}).status_code == 200
    entries = _entries(admin, user="lead")
    assert [e["action"] for e in entries] == ["kb.report", "lead.balance", "lead.seats", "login"]
    assert entries[0]["detail"] == {
        "since": datetime.fromisoformat(since).isoformat(),
        "until": datetime.fromisoformat(until).isoformat(),
    }


def test_admin_account_actions_are_on_record_refused_ones_too(client_for: Client) -> None:
    admin = client_for("admin")
    admin.post(f"{API_PREFIX}/admin/users/a01/disable")
    admin.post(f"{API_PREFIX}/admin/users/admin/disable")  # the last admin: refused
    admin.delete(f"{API_PREFIX}/admin/users/a02/sessions")
    admin.post(f"{API_PREFIX}/admin/users/a03/password", json={"new_password": "Rain-Gutter-8812"})
    entries = _entries(admin, user="admin")
    done = [
        (e["action"], e["detail"].get("account"), e["outcome"]) for e in entries if e["action"] != "login"
    ]
    assert done == [
        ("admin.user.password", "a03", "ok"),
        ("admin.user.revoke", "a02", "ok"),
        ("admin.user.disable", "admin", "refused"),
        ("admin.user.disable", "a01", "ok"),
    ]
    again = _entries(admin, user="admin")  # reading the log is itself on record
    assert again[0]["action"] == "admin.access_log" and again[0]["detail"] == {"user": "admin"}


def test_only_admins_read_the_access_log(client_for: Client) -> None:
    assert client_for("lead").get(LOG).status_code == 403
    assert client_for("a01").get(LOG).status_code == 403


def test_the_access_log_filters_by_time_and_pages_back(client_for: Client, db_url: str) -> None:
    db = Database.open(db_url)
    base = datetime(2026, 11, 1, tzinfo=UTC)
    with db.writing() as session:
        for day in range(10):
            record(session, Caller("a05", "operator", "10.0.0.5"), base + timedelta(days=day), "ticket.read")
    db.dispose()
    admin = client_for("admin")
    window = {
        "user": "a05",
        "since": (base + timedelta(days=2)).isoformat(),
        "until": (base + timedelta(days=7)).isoformat(),
    }
    assert [e["at"][:10] for e in _entries(admin, **window)] == [f"2026-11-0{d}" for d in range(7, 2, -1)]
    first = admin.get(LOG, params={"user": "a05", "limit": 4}).json()
    second = admin.get(LOG, params={"user": "a05", "limit": 4, "before": first["next_before"]}).json()
    third = admin.get(LOG, params={"user": "a05", "limit": 4, "before": second["next_before"]}).json()
    days = [e["at"][:10] for page in (first, second, third) for e in page["entries"]]
    assert days == [(base + timedelta(days=d)).date().isoformat() for d in range(9, -1, -1)]
    assert third["next_before"] is None
    naive = admin.get(LOG, params={"since": "2026-11-01T00:00:00"})
    assert naive.status_code == 422


def test_purge_keeps_only_the_retention_window(db_url: str) -> None:
    db = Database.open(db_url)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with db.writing() as session:
        for age in (1, 179, 181, 400):
            record(session, Caller("a01", "operator", "x"), now - timedelta(days=age), "ticket.read")
    with db.writing() as session:
        gone = purge_access_log(session, now, timedelta(days=180))
    with db.reading() as session:
        left = sorted(
            (now - at).days
            for at in session.scalars(select(AccessLogRow.at).where(AccessLogRow.username == "a01"))
        )
    db.dispose()
    assert gone == 2 and left == [1, 179]


def test_the_server_purge_deletes_old_access_log_entries_in_batches(db_url: str) -> None:
    db = Database.open(db_url)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with db.writing() as session:
        for n in range(12):
            record(session, Caller("a02", "operator", "x"), now - timedelta(days=200 + n), "ticket.read")
        record(session, Caller("a02", "operator", "x"), now - timedelta(days=10), "ticket.read")
    settings = ServerSettings(db_url=db_url, clock=lambda: now)
    assert purge(db, settings, dry_run=True)["access log entries deleted"] == 12
    assert purge(db, settings, batch=1)["access log entries deleted"] == 12  # five a transaction
    with db.reading() as session:
        left = list(session.scalars(select(AccessLogRow.at).where(AccessLogRow.username == "a02")))
    db.dispose()
    assert [(now - at).days for at in left] == [10]
