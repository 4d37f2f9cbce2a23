"""SQLAlchemy models of the local store. Changes here need an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.store.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class TicketRow(Base):
    __tablename__ = "tickets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_no: Mapped[str] = mapped_column(String(40), unique=True)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(10))
    category_code: Mapped[str | None] = mapped_column(String(40))
    caller_name: Mapped[str] = mapped_column(String(80), default="")
    caller_phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(String(40), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    seat_id: Mapped[str] = mapped_column(String(40))
    assigned_seat: Mapped[str | None] = mapped_column(String(40))
    department: Mapped[str | None] = mapped_column(String(40))
    satisfaction: Mapped[str | None] = mapped_column(String(20))
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    occurred_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    company_name: Mapped[str] = mapped_column(String(80), default="", server_default="")
    plate_number: Mapped[str] = mapped_column(String(20), default="", server_default="")
    id_number: Mapped[str] = mapped_column(String(40), default="", server_default="")
    order_number: Mapped[str] = mapped_column(String(80), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    dispatch_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    close_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    contact_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    extension_due: Mapped[datetime | None] = mapped_column(UtcDateTime)  # 延期申请, until answered
    urge_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 催办
    # The deadline that matters now (派单 before dispatch, 办结 after): what the queue sorts on.
    next_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # When this seat masked the personal fields after its retention period (app.store.retention).
    masked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Number, caller, phone, address and content upper-cased in one text for the queue's search box;
    # written by triggers (migration 0007), never by this code.
    search_text: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_tickets_assigned_due", "assigned_seat", "next_due"),
        Index("ix_tickets_assigned_created", "assigned_seat", "created_at"),
        Index("ix_tickets_status", "status"),
        # Covers the queue's count for a status filter (seat included), so it never touches the rows.
        Index("ix_tickets_status_seat", "status", "assigned_seat"),
        # The purge's question, "closed before the cutoff and not masked yet", without a scan.
        Index("ix_tickets_masked_closed", "masked_at", "closed_at"),
        # 相似工单's candidates (app.store.callers.open_alike). Migration 0009 also indexes the number
        # as digits for 来电历史: an expression index, which the model cannot declare.
        Index("ix_tickets_alike", "category_code", "district", "created_at"),
    )


def is_modelled(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's include_name: what a model describes. The queue's search index (migration 0008) is an
    FTS5 virtual table whose shadow tables SQLite keeps itself; no model describes those."""
    return not (type_ == "table" and name is not None and name.startswith("ticket_search"))


class EventRow(Base):
    """工单流转记录: append-only audit trail."""

    __tablename__ = "ticket_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))
    seat_id: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON


class OutboxRow(Base):
    """An op waiting to be pushed to the central server, written with the change it carries."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    op_kind: Mapped[str] = mapped_column(String(20))
    base_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Settled: the server answered (or the op was refused locally); null while still to be pushed.
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    result: Mapped[str | None] = mapped_column(String(20))  # applied/duplicate/conflict/rejected

    # Rebasing a ticket replays its pending ops: find them without scanning the whole outbox.
    __table_args__ = (Index("ix_outbox_ticket_pending", "ticket_id", "sent_at", "seq"),)


class DraftRow(Base):
    """The ticket being typed (草稿), saved continuously so a crash loses nothing."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seat_id: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)  # JSON of DraftForm
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # 挂起: put aside when a new call rang (app.store.drafts.park); null for the draft being typed.
    parked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MetaRow(Base):
    """Small key/value facts: sync cursor, daily counters, demo marker."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ConflictRow(Base):
    """同步冲突: an op the server answered with conflict or rejected, both versions kept for the operator."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)  # one record per op, however often replayed
    op_kind: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))  # conflict | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    mine: Mapped[str] = mapped_column(Text)  # JSON: the op's command, or the ticket for a create
    theirs: Mapped[str | None] = mapped_column(Text)  # JSON: the server's ticket
    fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [{field, mine, theirs}]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    resolution: Mapped[str | None] = mapped_column(String(20))


class NoticeRow(Base):
    """A server decision the operator should hear about (e.g. 班长改派): shown until acknowledged."""

    __tablename__ = "sync_notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(36))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)


class NotificationRow(Base):
    """A notification (app.notify): kept once per source event (`key`), read or not."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    params: Mapped[str] = mapped_column(Text)  # JSON object of strings
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)


class TranscriptSegmentRow(Base):
    """通话转写: one final sentence of a call, written as it is recognized so a crash keeps it."""

    __tablename__ = "transcript_segments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The draft's id, which becomes the ticket's id when it is accepted: the transcript follows it.
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    call_id: Mapped[str] = mapped_column(String(36), index=True)
    speaker: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    words: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [[text, start, end, conf]]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The recorded call (RecordingJobRow) this line was transcribed from; None: said live at the seat.
    recording_id: Mapped[int | None] = mapped_column(Integer)


class RecordingJobRow(Base):
    """录音转写队列: one recording from the phone system's watch folder (or a `recording` event),
    transcribed in the background and attached to its ticket. Kept after it is done, so that a file
    is never transcribed twice; `working` found at start means the seat stopped half-way: redone."""

    __tablename__ = "recording_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    size: Mapped[int] = mapped_column(Integer)  # bytes when it was taken (settled)
    state: Mapped[str] = mapped_column(String(20), index=True)  # app.store.recording_queue.JobState
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    call_id: Mapped[str] = mapped_column(String(64), default="")
    caller: Mapped[str] = mapped_column(String(40), default="")
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    matched_by: Mapped[str] = mapped_column(String(20), default="")  # call id, number and time, or ""
    seconds: Mapped[float] = mapped_column(Float, default=0.0)  # audio transcribed
    problem: Mapped[str | None] = mapped_column(Text)  # JSON {code, params}: why it failed
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ReferenceRow(Base):
    """The last good copy of one reference document pulled from the server (app.reference), and the
    last version it refused with why: a refused version is not fetched again."""

    __tablename__ = "reference_documents"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[str | None] = mapped_column(String(80))  # None: only a refusal so far
    files: Mapped[str | None] = mapped_column(Text)  # JSON: {file name: text}
    saved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    refused_version: Mapped[str | None] = mapped_column(String(80))
    refused_reason: Mapped[str | None] = mapped_column(Text)
    refused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RetiredCategoryRow(Base):
    """A category a pulled catalogue dropped, with its last names: tickets filed under it show them."""

    __tablename__ = "retired_categories"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    en: Mapped[str] = mapped_column(Text)
    retired_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CallbackRow(Base):
    """漏接回拨 / 回访: a number this seat has to call back, and how calling it back went
    (app.domain.callback). `sent_version` is the version the server has: below `version`, to send."""

    __tablename__ = "callbacks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    seat_id: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    call_id: Mapped[str] = mapped_column(String(64), default="")
    ticket_id: Mapped[str] = mapped_column(String(36), default="")
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str | None] = mapped_column(String(20))
    rings: Mapped[int] = mapped_column(Integer, default=1)
    draft_id: Mapped[str] = mapped_column(String(36), default="")
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    sent_version: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        # The list: a seat's callbacks still open, oldest first.
        Index("ix_callbacks_seat_state_at", "seat_id", "state", "at"),
        # A number that rings again finds its waiting callback.
        Index("ix_callbacks_number_state", "number", "state"),
    )


class ExportRow(Base):
    """导出: each list or report written to a file, kept for the access record and sent to the
    server (POST /access/exports) by the account that made it, once it is signed in."""

    __tablename__ = "exports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    username: Mapped[str] = mapped_column(String(80))
    list: Mapped[str] = mapped_column(String(40))
    rows: Mapped[int] = mapped_column(Integer)
    filters: Mapped[str] = mapped_column(Text)  # JSON object of words
    masked: Mapped[bool] = mapped_column(Boolean)
    format: Mapped[str] = mapped_column(String(8))
    sent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # What is still to send for the account signed in now, oldest first.
    __table_args__ = (Index("ix_exports_unsent", "sent", "username", "at"),)
