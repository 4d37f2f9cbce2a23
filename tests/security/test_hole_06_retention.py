"""Hole 6: no retention. A ticket closed long ago kept its caller's name, phone and address forever
on the server (row, events, op payloads) and on the seat (row, events, outbox, drafts, transcripts).

Server: tickets are aged by writing an old `closed_at` into the live server's database, then the real
`hotline-server purge` runs as its own process while the server keeps serving. Seat: a store aged
by moving the clock, purged as the seat does at start, then its raw file is searched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.lifecycle import Command, apply
from app.domain.ops import OpStatus
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Status
from app.domain.ticket import Caller, Ticket
from app.speech.stream import Segment, Speaker
from app.store.db import open_store
from app.store.drafts import DraftStore
from app.store.outbox import Outbox
from app.store.replica import Answer, Pulled, Replica
from app.store.retention import RetentionPolicy, purge
from app.store.tickets import TicketStore
from app.store.transcripts import TranscriptStore
from sync.protocol import CommandWire
from sync.server.db import Database
from sync.server.models import EventRow, OpRow, TicketRow
from tests.security.conftest import Probe
from tests.sync.live import ROOT, LiveServer
from tests.sync.server.wire import EVENTS, TICKETS

NAME, PHONE, ADDRESS = "张三丰", "13812345678", "东湖区幸福路18号"
PERSONAL = (NAME, PHONE, "幸福路18号")


def consultation(
    seat: str, at: datetime, name: str = NAME, phone: str = PHONE, address: str = ADDRESS
) -> tuple[str, list[dict[str, Any]]]:
    """A consultation accepted and 直接办结 on `seat` at `at`: its id and the two ops a seat pushes."""
    draft = Ticket(
        id=new_id(), local_no=f"{seat}-{new_id()[-6:]}", kind=Kind.CONSULTATION, status=Status.DRAFT,
        seat_id=seat, created_at=at, category_code="CJ.WY.DT", caller=Caller(name, phone),
        address=address, district="东湖区", content=f"{name}咨询{address}电梯年检，回电{phone}",
    )  # fmt: skip
    accepted, event = apply(draft, Command(Action.ACCEPT, "话务员", Role.OPERATOR, at, seat_id=seat))
    close = CommandWire(
        event_id=new_id(), action=Action.CLOSE_DIRECT, actor="话务员", role=Role.OPERATOR, at=at,
        seat_id=seat, reason=f"已答复{name} {phone}",
    )  # fmt: skip
    common = {"ticket_id": accepted.id, "at": at.isoformat(), "seat": seat}
    return accepted.id, [
        {"kind": "create", "op_id": new_id(), **common,
         "ticket": TICKETS.dump_python(accepted, mode="json"),
         "event": EVENTS.dump_python(event, mode="json")},
        {"kind": "transition", "op_id": new_id(), "base_version": 1, **common,
         "command": close.model_dump(mode="json", exclude_none=True)},
    ]  # fmt: skip


def hotline_purge(url: str, *options: str) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-m", "sync.server", "purge", "--db", url, *options],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    counts = [line.split("\t") for line in done.stdout.splitlines() if "\t" in line]
    return {name: int(n) for name, n in counts}


def server_keeps(db: Database, ticket_id: str) -> str:
    with db.reading() as s:
        row = s.get(TicketRow, ticket_id)
        assert row is not None
        parts: list[Any] = [row.caller_name, row.caller_phone, row.address, row.content]
        parts += [
            [e.data, e.reason] for e in s.scalars(select(EventRow).where(EventRow.ticket_id == ticket_id))
        ]
        parts += [
            [o.payload, o.conflicts] for o in s.scalars(select(OpRow).where(OpRow.ticket_id == ticket_id))
        ]
        return json.dumps(parts, ensure_ascii=False)


def found(text: str) -> list[str]:
    return [value for value in PERSONAL if value in text]


@pytest.mark.slow
def test_a_running_server_masks_tickets_closed_longer_ago_than_its_period(
    live: LiveServer, probe: Probe, session_for: Any
) -> None:
    a01: httpx.Client = session_for("a01")
    now = datetime.now(UTC)
    old, old_ops = consultation("A01", now)
    recent, recent_ops = consultation("A01", now, "王五", "13900002222", "东湖区和平路1号")
    pushed = a01.post("/sync/push", json={"ops": old_ops + recent_ops})
    assert pushed.status_code == 200 and {r["status"] for r in pushed.json()["results"]} == {"applied"}
    db = Database.open(live.db_url)
    try:
        with db.writing() as s:  # closed 800 days ago; the period is 730 days
            s.execute(
                update(TicketRow).where(TicketRow.id == old).values(closed_at=now - timedelta(days=800))
            )
        before = server_keeps(db, old)

        counted = hotline_purge(live.db_url, "--dry-run")
        probe.record(6, "purge --dry-run on a ticket closed 800 days ago",
                     f"would mask {counted['tickets masked']} ticket(s); stored values unchanged: "
                     f"{server_keeps(db, old) == before}",
                     safe=counted["tickets masked"] == 1 and server_keeps(db, old) == before)  # fmt: skip

        counts = hotline_purge(live.db_url)  # a process of its own, the server still serving
        read = a01.get(f"/tickets/{old}")
        body = read.json()
        leaked = found(read.text) + found(server_keeps(db, old))
        probe.record(6, "purge, then GET /tickets/{id} and the stored row, events and ops",
                     f"{counts['tickets masked']} masked, {counts['events masked']} events, "
                     f"{counts['ops masked']} ops; personal values left: {leaked or 'none'}; caller now "
                     f"{body['caller_name']} {body['caller_phone']}, number {body['number']}",
                     safe=not leaked and read.status_code == 200)  # fmt: skip
        assert not leaked and body["district"] == "东湖区" and body["status"] == "closed"

        page = a01.get("/sync/pull", params={"cursor": 0}).json()
        pulled = [c["ticket"]["id"] for c in page["changes"]]
        probe.record(6, "pull from cursor 0 (a reinstalled seat) after the purge",
                     f"old ticket served: {old in pulled}; recent one: {recent in pulled}",
                     safe=old not in pulled and recent in pulled)  # fmt: skip
        assert old not in pulled and recent in pulled

        whole = all(v in a01.get(f"/tickets/{recent}").text for v in ("王五", "13900002222", "和平路1号"))
        probe.record(6, "a ticket closed today, after the purge", f"still whole: {whole}", safe=whole)
        assert whole

        again = hotline_purge(live.db_url)
        probe.record(6, "purge run a second time", f"counts {again}", safe=not any(again.values()))
        assert not any(again.values())
        health = httpx.get(f"{live.api}/health", timeout=5).status_code
        assert health == 200

        if db.is_sqlite:
            file = Path(db.engine.url.database or "")
            raw = b"".join(p.read_bytes() for p in (file, Path(f"{file}-wal")) if p.exists())
            left = [v for v in PERSONAL if v.encode() in raw]
            probe.record(6, "search the server's SQLite file (and its WAL) for the masked ticket's values",
                         f"found: {left or 'nothing'}", safe=not left)  # fmt: skip
            assert not left
    finally:
        db.dispose()


def test_the_seat_forgets_what_is_past_its_periods(tmp_path: Path, sla_clock: SlaClock) -> None:
    probe = Probe("seat")
    store = open_store(tmp_path / "seat.sqlite3")
    try:
        then = datetime.now(UTC) - timedelta(days=40)
        tickets = TicketStore(store, sla_clock, clock=lambda: then)
        draft = Draft(id=new_id(), seat_id="A01", started_at=then, kind=Kind.CONSULTATION,
                      category_code="CJ.WY.DT", caller_name=NAME, caller_phone=PHONE, address=ADDRESS,
                      district="东湖区", content=f"{NAME}咨询电梯年检，回电{PHONE}")  # fmt: skip
        ticket, _ = tickets.accept(draft, actor="话务员", close_reason=f"已答复{NAME} {PHONE}")
        replica = Replica(store, sla_clock, clock=lambda: then, mask_after=timedelta(days=30))
        replica.settle(
            [
                Answer(op.op_id, OpStatus.APPLIED, version=i + 1)
                for i, op in enumerate(Outbox(store).pending())
            ]
        )
        abandoned = Draft(
            id=new_id(), seat_id="A01", started_at=then, caller_name="李四", caller_phone="13911112222"
        )
        DraftStore(store).save(abandoned, 1)
        TranscriptStore(store).add(
            abandoned.id, Segment("c1", Speaker.CALLER, f"我是{NAME}", 0.0, 1.0, (), True)
        )

        now = datetime.now(UTC)
        first = purge(store, RetentionPolicy(), now + timedelta(days=8))
        second = purge(store, RetentionPolicy(), now + timedelta(days=31))
        probe.record(6, "seat start: a ticket closed 40 days ago, a draft and a transcript aged by the clock",
                     f"{first}; 23 days later: {second}",
                     safe=(first.tickets_masked, first.outbox_deleted, first.drafts_deleted) == (1, 2, 1)
                     and second.transcript_segments_deleted == 1)  # fmt: skip

        unmasked = Ticket(
            **{**tickets.get(ticket.id).__dict__, "caller": Caller(NAME, PHONE), "address": ADDRESS}
        )
        Replica(store, sla_clock, mask_after=timedelta(days=30)).apply_pull([Pulled(unmasked)], cursor=1)
        again = tickets.get(ticket.id)
        probe.record(6, "the server sends the old ticket unmasked again (pull)",
                     f"seat stores {again.caller.name} {again.caller.phone} / {again.address}",
                     safe=again.caller == Caller("张**", "138****5678"))  # fmt: skip
        assert again.caller == Caller("张**", "138****5678")

        file = tmp_path / "seat.sqlite3"
        raw = b"".join(p.read_bytes() for p in (file, Path(f"{file}-wal")) if p.exists())
        leaked = [v for v in (*PERSONAL, "李四", "13911112222") if v.encode() in raw]
        probe.record(6, "search the seat's SQLite file (and its WAL) for the masked values",
                     f"found: {leaked or 'nothing'}", safe=not leaked)  # fmt: skip
        assert not leaked
    finally:
        store.close()
