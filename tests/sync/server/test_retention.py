"""Retention on the central server: personal data of tickets closed long ago is masked in place,
old feed rows and expired tokens are deleted; the purge runs in batches, twice is once, and a dry
run changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from app.domain.kinds import Kind
from app.domain.status import Action
from sync.protocol import API_PREFIX
from sync.server.db import Database
from sync.server.models import EventRow, FeedRow, OpRow, TicketRow, TokenRow
from sync.server.retention import PurgeStep, mask_closed_tickets, purge
from sync.server.settings import FEED_DAYS_ENV, PERSONAL_DAYS_ENV, ServerSettings
from tests.sync.server.wire import NOW, command_op, create_op, created, edit_op, push

Client = Callable[[str], TestClient]
PERSONAL = ("李四光", "13911112222", "东湖区幸福路18号3栋")


@pytest.fixture
def db(server_settings: ServerSettings) -> Iterator[Database]:
    database = Database.open(server_settings.db_url)
    yield database
    database.dispose()


def at(days: float) -> Callable[[], datetime]:
    return lambda: NOW + timedelta(days=days)


def purge_at(db: Database, settings: ServerSettings, days: float, **options: Any) -> dict[str, int]:
    return purge(db, dataclasses.replace(settings, clock=at(days)), **options)


def closed_consultation(a01: TestClient) -> str:
    """A consultation whose caller was corrected by an edit, then 直接办结 with a reason naming them."""
    ticket = created(a01, "A01", kind=Kind.CONSULTATION, content="张三反映停水，回电13800000000",
                     address="东湖区幸福路18号", district="东湖区")  # fmt: skip
    content = "李四光反映东湖区幸福路18号3栋停水，回电13911112222"
    edit = edit_op(ticket["id"], 1, "A01", caller={"name": "李四光", "phone": "13911112222"},
                   address="东湖区幸福路18号3栋", content=content)  # fmt: skip
    close = command_op(
        ticket["id"], 2, "A01", Action.CLOSE_DIRECT, reason="已告知李四光 13911112222 恢复时间"
    )
    assert [r["status"] for r in push(a01, edit, close)] == ["applied", "applied"]
    return str(ticket["id"])


def stored(db: Database, ticket_id: str) -> str:
    """Everything the server keeps of a ticket, as one text to search for personal values."""
    with db.reading() as s:
        ticket = s.get(TicketRow, ticket_id)
        assert ticket is not None
        events = s.scalars(select(EventRow).where(EventRow.ticket_id == ticket_id)).all()
        ops = s.scalars(select(OpRow).where(OpRow.ticket_id == ticket_id)).all()
        parts: list[Any] = [ticket.caller_name, ticket.caller_phone, ticket.address, ticket.content]
        parts += [[e.data, e.reason] for e in events] + [[o.payload, o.conflicts] for o in ops]
        return json.dumps(parts, ensure_ascii=False)


def test_a_ticket_closed_longer_ago_than_the_period_is_masked_in_its_row_events_and_ops(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    ticket_id = closed_consultation(client_for("a01"))
    before = stored(db, ticket_id)
    assert all(value in before for value in PERSONAL)
    # The caller as first taken down lives nowhere once edited: op records keep no ticket copy.
    assert "张三" not in before and "13800000000" not in before

    counts = purge_at(db, server_settings, 731)

    after = stored(db, ticket_id)
    for value in (*PERSONAL, "13800000000", "张三反映", "幸福路"):
        assert value not in after, value
    # Of the three ops only the close holds personal text (its reason): creates and edits keep no
    # values in their op record.
    assert counts["tickets masked"] == 1 and counts["events masked"] >= 2 and counts["ops masked"] == 1
    with db.reading() as s:
        row = s.get(TicketRow, ticket_id)
        assert row is not None
        assert (row.caller_name, row.caller_phone, row.address) == ("李**", "139****2222", "东湖区")
        assert row.content == "李**反映东湖区停水，回电139****2222"
        # What statistics read stays.
        assert (row.number, row.kind, row.category_code, row.district, row.status) == (
            row.number, "consultation", "CJ.WY.DT", "东湖区", "closed")  # fmt: skip
        assert row.number and row.closed_at == NOW and row.accepted_at == NOW


def test_the_purge_clears_the_id_number_of_a_ticket_closed_long_ago(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    a01 = client_for("a01")
    details = {"id_number": "11010519491231002X", "plate_number": "粤B12345"}
    ticket = created(a01, "A01", kind=Kind.CONSULTATION, **details)
    close = command_op(ticket["id"], 1, "A01", Action.CLOSE_DIRECT, reason="已答复")
    assert [r["status"] for r in push(a01, close)] == ["applied"]

    purge_at(db, server_settings, 731)

    with db.reading() as s:
        row = s.get(TicketRow, ticket["id"])
        assert row is not None and (row.id_number, row.plate_number) == ("", "粤B12345")
        ops = s.scalars(select(OpRow).where(OpRow.ticket_id == ticket["id"])).all()
        assert "11010519491231002X" not in json.dumps([o.payload for o in ops], ensure_ascii=False)


def test_open_and_recently_closed_tickets_keep_their_data(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    a01 = client_for("a01")
    closed = closed_consultation(a01)
    still_open = created(a01, "A01", address="东湖区幸福路1号")["id"]
    assert purge_at(db, server_settings, 729)["tickets masked"] == 0  # closed 729 days ago: kept
    assert purge_at(db, server_settings, 3650)["tickets masked"] == 1  # the open one never
    assert "李四光" not in stored(db, closed)
    assert "张三" in stored(db, still_open) and "幸福路1号" in stored(db, still_open)


def test_purging_twice_is_purging_once(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    ticket_id = closed_consultation(client_for("a01"))
    purge_at(db, server_settings, 800)
    once = stored(db, ticket_id)
    again = purge_at(db, server_settings, 900)
    assert again == {name: 0 for name in again}
    assert stored(db, ticket_id) == once


def test_a_dry_run_counts_and_changes_nothing(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    ticket_id = closed_consultation(client_for("a01"))
    before = stored(db, ticket_id)
    counted = purge_at(db, server_settings, 800, dry_run=True)
    assert counted["tickets masked"] == 1 and counted["ops masked"] == 3 and counted["feed rows deleted"] == 3
    assert stored(db, ticket_id) == before
    done = purge_at(db, server_settings, 800)
    assert done["tickets masked"] == 1 and done["feed rows deleted"] == 3


def test_batches_cover_every_ticket(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    ids = [closed_consultation(client_for("a01")) for _ in range(5)]
    assert purge_at(db, server_settings, 800, batch=2)["tickets masked"] == 5
    assert not any("李四光" in stored(db, ticket_id) for ticket_id in ids)


def test_a_refused_create_keeps_no_personal_data_to_mask(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    """A refused 受理 leaves no ticket row, and its op record holds no copy of the ticket: nothing
    personal is left to wait for the retention period."""
    refused = create_op("A02", content="王五反映噪音，电话13722223333")  # a01 cannot accept for A02
    [result] = push(client_for("a01"), refused)
    assert result["status"] == "rejected"
    with db.reading() as s:
        row = s.get(OpRow, refused["op_id"])
        assert row is not None
        text = json.dumps(row.payload, ensure_ascii=False)
    assert (
        "13722223333" not in text and "王五" not in text and "张三" not in text and "13800000000" not in text
    )
    assert purge_at(db, server_settings, 731)["refused ops masked"] == 0


def test_feed_rows_of_tickets_closed_long_ago_leave_pull(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    a01 = client_for("a01")
    closed = closed_consultation(a01)
    still_open = created(a01, "A01")["id"]
    assert purge_at(db, server_settings, 89)["feed rows deleted"] == 0
    assert purge_at(db, server_settings, 91)["feed rows deleted"] == 3
    with db.reading() as s:
        assert set(s.scalars(select(FeedRow.ticket_id))) == {still_open}
    a01 = client_for("a01")  # the purge, 91 days on, deleted the first login's tokens too
    answer = a01.get(f"{API_PREFIX}/sync/pull", params={"cursor": 0})
    assert answer.status_code == 200, answer.text
    page = answer.json()
    assert [c["ticket"]["id"] for c in page["changes"]] == [still_open]
    assert a01.get(f"{API_PREFIX}/tickets/{closed}").status_code == 200  # the ticket itself stays


def test_expired_tokens_are_deleted(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    client_for("a01")
    with db.reading() as s:
        tokens = len(s.scalars(select(TokenRow.token_hash)).all())
    assert tokens >= 2
    later = dataclasses.replace(server_settings, clock=lambda: datetime.now(NOW.tzinfo) + timedelta(days=8))
    assert purge(db, later)["expired tokens deleted"] == tokens


def test_retention_periods_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = ServerSettings.from_env("sqlite://")
    assert (defaults.personal_retention, defaults.feed_retention) == (timedelta(days=730), timedelta(days=90))
    monkeypatch.setenv(PERSONAL_DAYS_ENV, "1095")
    monkeypatch.setenv(FEED_DAYS_ENV, "30")
    settings = ServerSettings.from_env("sqlite://")
    assert (settings.personal_retention, settings.feed_retention) == (
        timedelta(days=1095),
        timedelta(days=30),
    )
    assert settings.to_env()[PERSONAL_DAYS_ENV] == "1095"
    monkeypatch.setenv(PERSONAL_DAYS_ENV, "0")
    with pytest.raises(ValueError, match=PERSONAL_DAYS_ENV):
        ServerSettings.from_env("sqlite://")


def test_pushes_go_on_while_the_purge_runs(
    client_for: Client, db: Database, server_settings: ServerSettings
) -> None:
    a01 = client_for("a01")
    old = [closed_consultation(a01) for _ in range(6)]
    counts: dict[str, int] = {}
    masking = [PurgeStep("closed tickets", mask_closed_tickets)]  # not the tokens: a01 is still pushing
    worker = threading.Thread(
        target=lambda: counts.update(purge_at(db, server_settings, 800, batch=1, steps=masking))
    )
    worker.start()
    fresh = [created(a01, "A01")["id"] for _ in range(6)]  # each its own push, while the purge works
    worker.join(timeout=60)
    assert not worker.is_alive() and counts["tickets masked"] == 6
    assert not any("李四光" in stored(db, ticket_id) for ticket_id in old)
    assert all("张三" in stored(db, ticket_id) for ticket_id in fresh)
