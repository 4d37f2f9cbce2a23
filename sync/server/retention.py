"""Retention on the central server (`hotline-server purge`): what is masked or deleted, and when.

- A closed (办结) ticket's personal data (caller, phone, address; names and numbers in its content),
  in its row, its events (data, reasons) and the ops that carried it (payload, conflicts): masked in
  place HOTLINE_RETENTION_PERSONAL_DAYS (730) after 办结 (app.domain.retention). The ticket, its
  events and ops stay, for statistics and audit.
- Ops of tickets the server never created (a refused 受理): payload masked the same period after
  they arrived.
- Pull's feed rows of closed tickets: deleted HOTLINE_RETENTION_FEED_DAYS (90) after 办结, so a seat
  pulling from cursor 0 no longer downloads them (the ticket stays readable through /tickets).
- Expired tokens: deleted (they log nobody in).
- The access log (sync.server.access): entries deleted HOTLINE_ACCESS_LOG_KEEP_DAYS (180) after
  they were written.

Every step works in batches, one short transaction each, so the server keeps serving while it runs
(a push waits at most for one batch), and a purge killed half-way leaves only whole batches done.
Every step is idempotent: a masked ticket carries `masked_at` in its `changes` stamps and is not
selected again; masking a masked value changes nothing. `dry_run` counts what a run would touch.

Further steps are added to PURGE_STEPS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, select, text
from sqlalchemy.orm import Session

from app.domain.retention import Personal, mask_event_data, mask_ticket, mask_wire
from app.domain.status import Status
from sync.server.access import purge_access_log
from sync.server.db import Database
from sync.server.models import AccessLogRow, EventRow, FeedRow, OpRow, TicketRow, TokenRow
from sync.server.settings import ServerSettings
from sync.server.tickets import to_ticket

BATCH = 200  # tickets (or rows) per transaction: a push waits for one batch at most
MASKED_AT = "masked_at"  # key in TicketRow.changes: when the purge masked the ticket


@dataclass(frozen=True)
class PurgeRun:
    db: Database
    settings: ServerSettings
    now: datetime
    dry_run: bool = False
    batch: int = BATCH


@dataclass(frozen=True)
class PurgeStep:
    name: str  # printed before its counts
    run: Callable[[PurgeRun], dict[str, int]]  # counts of rows masked or deleted (or that would be)


def purge(
    db: Database,
    settings: ServerSettings,
    *,
    dry_run: bool = False,
    batch: int = BATCH,
    steps: Sequence[PurgeStep] | None = None,
) -> dict[str, int]:
    """Run every purge step; the counts of each, by name ("tickets masked": 12, ...)."""
    run = PurgeRun(db, settings, settings.clock(), dry_run, batch)
    counts: dict[str, int] = {}
    for step in PURGE_STEPS if steps is None else steps:
        counts.update(step.run(run))
    if db.is_sqlite and not dry_run and any(counts.values()):
        # The old values must leave the file, not only the rows: the write-ahead log holds the pages
        # as they were until a checkpoint copies the new ones back and truncates it. (PostgreSQL's
        # autovacuum reclaims the old row versions; `VACUUM` after a first large purge hurries it.)
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return counts


@contextmanager
def _writing(run: PurgeRun) -> Iterator[Session]:
    """A write transaction of the purge. On SQLite with secure_delete: deleted rows and the old text
    of masked ones are zeroed in the file as they are freed, not left in free space until reused."""
    with run.db.writing() as session:
        if run.db.is_sqlite:
            session.execute(text("PRAGMA secure_delete = ON"))
        yield session


# --- closed tickets: mask personal data ------------------------------------------------------------


def _mask_due(run: PurgeRun) -> ColumnElement[bool]:
    cutoff = run.now - run.settings.personal_retention
    return and_(
        TicketRow.status == Status.CLOSED.value,
        TicketRow.closed_at < cutoff,
        TicketRow.changes[MASKED_AT].as_string().is_(None),
    )


def mask_closed_tickets(run: PurgeRun) -> dict[str, int]:
    due = _mask_due(run)
    if run.dry_run:
        with run.db.reading() as s:
            ids = select(TicketRow.id).where(due).scalar_subquery()
            return {
                "tickets masked": _count(s, select(TicketRow.id).where(due)),
                "events masked": _count(s, select(EventRow.id).where(EventRow.ticket_id.in_(ids))),
                "ops masked": _count(s, select(OpRow.op_id).where(OpRow.ticket_id.in_(ids))),
            }
    counts = {"tickets masked": 0, "events masked": 0, "ops masked": 0}
    while True:
        with _writing(run) as s:
            query = select(TicketRow).where(due).order_by(TicketRow.closed_at, TicketRow.id)
            rows = list(s.scalars(query.limit(run.batch).with_for_update()))
            if not rows:
                return counts
            for name, n in _mask_batch(s, rows, run.now).items():
                counts[name] += n


def _mask_batch(s: Session, rows: list[TicketRow], now: datetime) -> dict[str, int]:
    ids = [row.id for row in rows]
    events: dict[str, list[EventRow]] = {}
    for event in s.scalars(select(EventRow).where(EventRow.ticket_id.in_(ids))):
        events.setdefault(event.ticket_id, []).append(event)
    ops: dict[str, list[OpRow]] = {}
    for op in s.scalars(select(OpRow).where(OpRow.ticket_id.in_(ids))):
        ops.setdefault(op.ticket_id, []).append(op)
    masked_events = masked_ops = 0
    for row in rows:
        ticket = to_ticket(row)
        mine_events, mine_ops = events.get(row.id, []), ops.get(row.id, [])
        who = Personal.of(ticket, *(e.data for e in mine_events), *(o.payload for o in mine_ops))
        masked = mask_ticket(ticket, who)
        row.caller_name, row.caller_phone = masked.caller.name, masked.caller.phone
        row.address, row.content = masked.address, masked.content
        row.id_number = masked.id_number
        # A new dict, so the JSON column is seen as changed; the stamps of the fields stay.
        row.changes = {**row.changes, MASKED_AT: now.isoformat()}
        masked_events += sum(_mask_event(e, who) for e in mine_events)
        masked_ops += sum(_mask_op(o, who) for o in mine_ops)
    return {"tickets masked": len(rows), "events masked": masked_events, "ops masked": masked_ops}


def _mask_event(event: EventRow, who: Personal) -> bool:
    data, reason = mask_event_data(event.data, who), who.free_text(event.reason)
    if (data, reason) == (event.data, event.reason):
        return False
    event.data, event.reason = data, reason
    return True


def _mask_op(op: OpRow, who: Personal) -> bool:
    payload, conflicts = mask_wire(op.payload, who), mask_wire(op.conflicts, who)
    if (payload, conflicts) == (op.payload, op.conflicts):
        return False
    op.payload, op.conflicts = payload, conflicts
    return True


# --- ops of tickets that were never created ------------------------------------------------------


def mask_orphan_ops(run: PurgeRun) -> dict[str, int]:
    """A refused 受理 leaves its op (the whole ticket in its payload) and no ticket row to date it by:
    it is masked the same period after it arrived. No marker: only rows that change are counted."""
    cutoff = run.now - run.settings.personal_retention
    orphan = and_(
        OpRow.received_at < cutoff, ~select(TicketRow.id).where(TicketRow.id == OpRow.ticket_id).exists()
    )
    masked, after = 0, ""
    while True:
        with run.db.reading() if run.dry_run else _writing(run) as s:
            query = select(OpRow).where(orphan, OpRow.op_id > after).order_by(OpRow.op_id).limit(run.batch)
            rows = list(s.scalars(query))
            if not rows:
                return {"refused ops masked": masked}
            for op in rows:
                who = Personal.of_found(op.payload)
                if run.dry_run:
                    masked += mask_wire(op.payload, who) != op.payload
                else:
                    masked += _mask_op(op, who)
            after = rows[-1].op_id


# --- feed and tokens -------------------------------------------------------------------------------


def delete_old_feed(run: PurgeRun) -> dict[str, int]:
    cutoff = run.now - run.settings.feed_retention
    closed = select(TicketRow.id).where(TicketRow.status == Status.CLOSED.value, TicketRow.closed_at < cutoff)
    old = FeedRow.ticket_id.in_(closed.scalar_subquery())
    if run.dry_run:
        with run.db.reading() as s:
            return {"feed rows deleted": _count(s, select(FeedRow.seq).where(old))}
    deleted = 0
    while True:
        with _writing(run) as s:
            seqs = list(s.scalars(select(FeedRow.seq).where(old).order_by(FeedRow.seq).limit(run.batch * 5)))
            if not seqs:
                return {"feed rows deleted": deleted}
            s.execute(delete(FeedRow).where(FeedRow.seq.in_(seqs)))
            deleted += len(seqs)


def delete_expired_tokens(run: PurgeRun) -> dict[str, int]:
    expired = TokenRow.expires_at < run.now
    if run.dry_run:
        with run.db.reading() as s:
            return {"expired tokens deleted": _count(s, select(TokenRow.token_hash).where(expired))}
    with _writing(run) as s:
        result: Any = s.execute(delete(TokenRow).where(expired))
        return {"expired tokens deleted": int(result.rowcount or 0)}


def delete_old_access_log(run: PurgeRun) -> dict[str, int]:
    keep = run.settings.access_log_keep
    if run.dry_run:
        old = select(AccessLogRow.id).where(AccessLogRow.at < run.now - keep)
        with run.db.reading() as s:
            return {"access log entries deleted": _count(s, old)}
    deleted = 0
    while True:
        with _writing(run) as s:
            gone = purge_access_log(s, run.now, keep, limit=run.batch * 5)
        if not gone:
            return {"access log entries deleted": deleted}
        deleted += gone


def _count(s: Session, query: Any) -> int:
    return int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)


# The order matters only for reading the counts.
PURGE_STEPS: list[PurgeStep] = [
    PurgeStep("closed tickets", mask_closed_tickets),
    PurgeStep("refused ops", mask_orphan_ops),
    PurgeStep("feed", delete_old_feed),
    PurgeStep("tokens", delete_expired_tokens),
    PurgeStep("access log", delete_old_access_log),
]
