"""Retention on the seat (本机数据保存期限): run when the seat starts, off the GUI thread.

The seat is a working copy, not the archive (the central server is, with its own periods):

- closed (办结) tickets: personal fields masked `personal` days after 办结 (app.domain.retention), in
  the ticket, its events, its settled outbox ops and its resolved conflicts. Not masked while the
  ticket still has ops waiting to be pushed (the seat may hold the only copy of what they carry),
  nor demo tickets (invented people, never synced). A ticket pulled again is masked on arrival by
  the same rule (app.store.replica), so a pull never brings back what the purge masked;
- outbox ops the server acknowledged: deleted `outbox` days after (sync needs only pending ops;
  a conflict keeps its own copy, and ops of a conflict still open are kept anyway); conflicts the
  operator resolved, notices and notifications read, after the same period (an unread
  notification stays: nobody has seen it yet);
- drafts nobody touched for `drafts` days (accepted drafts are deleted at 受理 already);
- call transcripts, `transcripts` days after they were said (they never leave the seat).

Every step is idempotent and works in batches of short transactions, so the intake form's autosave
never waits long for the write lock.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.config.settings import Config
from app.domain.events import TicketEvent
from app.domain.retention import Personal, mask_event_data, mask_ticket, mask_wire
from app.domain.status import Status
from app.domain.ticket import Ticket
from app.store.changes import Changes
from app.store.db import Store
from app.store.mapping import ticket_columns, ticket_from_row
from app.store.models import (
    CallbackRow,
    ConflictRow,
    DraftRow,
    EventRow,
    NoticeRow,
    NotificationRow,
    OutboxRow,
    TicketRow,
    TranscriptSegmentRow,
)

BATCH = 500  # rows per transaction


@dataclass(frozen=True)
class RetentionPolicy:
    personal: timedelta = timedelta(days=30)
    outbox: timedelta = timedelta(days=7)
    drafts: timedelta = timedelta(days=7)
    transcripts: timedelta = timedelta(days=30)

    @classmethod
    def from_config(cls, config: Config) -> RetentionPolicy:
        return cls(
            personal=timedelta(days=config.number("retention.personal_days")),
            outbox=timedelta(days=config.number("retention.outbox_days")),
            drafts=timedelta(days=config.number("retention.draft_days")),
            transcripts=timedelta(days=config.number("retention.transcript_days")),
        )


@dataclass(frozen=True)
class PurgeReport:
    tickets_masked: int = 0
    outbox_deleted: int = 0
    conflicts_deleted: int = 0
    notices_deleted: int = 0
    notifications_deleted: int = 0  # read ones, after the `outbox` period (设置 → 已同步记录保留天数)
    drafts_deleted: int = 0
    transcript_segments_deleted: int = 0
    callbacks_deleted: int = 0

    @property
    def changes(self) -> Changes:
        return Changes(
            queue=self.tickets_masked > 0,
            drafts=self.drafts_deleted > 0,
            outbox=self.outbox_deleted + self.conflicts_deleted > 0,
            callbacks=self.callbacks_deleted > 0,
        )

    def __str__(self) -> str:
        return ", ".join(f"{f.name} {getattr(self, f.name)}" for f in fields(self))


def purge(store: Store, policy: RetentionPolicy, now: datetime, *, batch: int = BATCH) -> PurgeReport:
    """Mask and delete what is past its period at `now`; what was done, counted."""
    acknowledged = and_(
        OutboxRow.sent_at.is_not(None),
        OutboxRow.sent_at < now - policy.outbox,
        # The conflict dialog reads its own copy; keeping the op of an open one costs nothing.
        ~exists().where(ConflictRow.op_id == OutboxRow.op_id, ConflictRow.resolved_at.is_(None)),
    )
    resolved = and_(ConflictRow.resolved_at.is_not(None), ConflictRow.resolved_at < now - policy.outbox)
    seen = and_(NoticeRow.seen_at.is_not(None), NoticeRow.seen_at < now - policy.outbox)
    read = and_(NotificationRow.read_at.is_not(None), NotificationRow.read_at < now - policy.outbox)
    # A caller's number, like a closed ticket's: gone after the personal-data period, once the
    # callback is done and the server has its last version (the lead's list is the server's).
    returned = and_(
        CallbackRow.done_at < now - policy.personal, CallbackRow.sent_version >= CallbackRow.version
    )
    report = PurgeReport(
        tickets_masked=_mask_closed(store, now - policy.personal, now, batch),
        outbox_deleted=_delete(store, OutboxRow.seq, acknowledged, batch),
        conflicts_deleted=_delete(store, ConflictRow.id, resolved, batch),
        notices_deleted=_delete(store, NoticeRow.id, seen, batch),
        notifications_deleted=_delete(store, NotificationRow.id, read, batch),
        drafts_deleted=_delete(store, DraftRow.id, DraftRow.updated_at < now - policy.drafts, batch),
        transcript_segments_deleted=_delete(
            store, TranscriptSegmentRow.id, TranscriptSegmentRow.created_at < now - policy.transcripts, batch
        ),
        callbacks_deleted=_delete(store, CallbackRow.id, returned, batch),
    )
    if report != PurgeReport():
        # The old values must leave the file too, not only the rows: the write-ahead log still holds
        # the pages as they were until a checkpoint copies the new ones back and truncates it.
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return report


def due_for_masking(ticket: Ticket, cutoff: datetime) -> bool:
    """Closed before `cutoff`: the rule the purge and a pulled ticket share."""
    return ticket.status is Status.CLOSED and ticket.closed_at is not None and ticket.closed_at < cutoff


def mask_pulled(ticket: Ticket, events: Iterable[TicketEvent] = ()) -> tuple[Ticket, list[TicketEvent]]:
    """A ticket from the server, and events of it, as this seat keeps them once masked."""
    who = Personal.of(ticket)
    masked = [
        dataclasses.replace(e, data=mask_event_data(e.data, who), reason=who.free_text(e.reason))
        for e in events
    ]
    return mask_ticket(ticket, who), masked


def _mask_closed(store: Store, cutoff: datetime, now: datetime, batch: int) -> int:
    pending = exists().where(OutboxRow.ticket_id == TicketRow.id, OutboxRow.sent_at.is_(None))
    due = and_(
        TicketRow.masked_at.is_(None),
        TicketRow.closed_at < cutoff,
        TicketRow.status == Status.CLOSED.value,
        TicketRow.is_demo.is_(False),
        ~pending,
    )
    masked = 0
    while True:
        with store.transaction() as s:
            _overwrite_freed(s)
            rows = list(s.scalars(select(TicketRow).where(due).limit(batch)))
            if not rows:
                return masked
            for row in rows:
                _mask_one(s, row, now)
            masked += len(rows)


def _mask_one(s: Session, row: TicketRow, now: datetime) -> None:
    events = list(s.scalars(select(EventRow).where(EventRow.ticket_id == row.id)))
    ops = list(s.scalars(select(OutboxRow).where(OutboxRow.ticket_id == row.id)))
    conflicts = list(
        s.scalars(
            select(ConflictRow).where(ConflictRow.ticket_id == row.id, ConflictRow.resolved_at.is_not(None))
        )
    )
    ticket = ticket_from_row(row)
    who = Personal.of(ticket, *(json.loads(e.data) for e in events), *(json.loads(o.payload) for o in ops))
    for name, value in ticket_columns(mask_ticket(ticket, who)).items():
        setattr(row, name, value)
    row.masked_at = now
    for event in events:
        event.data = _json(mask_event_data(json.loads(event.data), who))
        event.reason = who.free_text(event.reason)
    for op in ops:
        op.payload = _json(mask_wire(json.loads(op.payload), who))
    for conflict in conflicts:
        conflict.mine = _json(mask_wire(json.loads(conflict.mine), who))
        if conflict.theirs is not None:
            conflict.theirs = _json(mask_wire(json.loads(conflict.theirs), who))
        # [{field, mine, theirs}]: the texts of both sides, masked as free text.
        conflict.fields = _json(mask_wire(json.loads(conflict.fields), who))


def _delete(store: Store, key: InstrumentedAttribute[Any], condition: ColumnElement[bool], batch: int) -> int:
    deleted = 0
    table = key.class_
    while True:
        with store.transaction() as s:
            _overwrite_freed(s)
            keys = list(s.scalars(select(key).where(condition).limit(batch)))
            if keys:
                s.execute(delete(table).where(key.in_(keys)))
        deleted += len(keys)
        if len(keys) < batch:
            return deleted


def _overwrite_freed(s: Session) -> None:
    """SQLite keeps deleted rows and the old text of shortened ones in free space of its pages until
    reused; secure_delete zeroes it as it is freed. It stays on for the pooled connection, which
    only makes later deletes on it zero their space too."""
    s.execute(text("PRAGMA secure_delete = ON"))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
