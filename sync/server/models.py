"""Tables of the central server. Changes here need an Alembic migration in sync/server/migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both dialects (SQLite keeps no zone, so it is put back on reading)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


def table_of(mapped: type[Base]) -> Table:
    """The Core table of a mapped class. Bulk writes go through it: the ORM's bulk insert issued one
    INSERT per feed row (its key is not autoincrement), a third of a 500-op push."""
    return cast(Table, mapped.__table__)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))
    seat_id: Mapped[str | None] = mapped_column(String(40))  # an operator's seat, a department's code
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id; never the password
    created_at: Mapped[datetime]
    # 停用: cannot log in, and its sessions were ended when it was disabled. Kept, not deleted: the
    # audit trail (ops, events, access log) names it.
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TokenRow(Base):
    """A bearer token, kept only as its SHA-256: a copy of this table logs nobody in."""

    __tablename__ = "tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    session_id: Mapped[str] = mapped_column(String(32), index=True)  # one login and its refreshes
    kind: Mapped[str] = mapped_column(String(10))  # access | refresh
    expires_at: Mapped[datetime] = mapped_column(index=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    # When the session's login happened: refreshes carry it on, and none reaches past
    # session_started_at + ServerSettings.session_max.
    session_started_at: Mapped[datetime]


OPEN_DUE = ("next_due", "assigned_seat", "supervised", "urgent", "category_code")


class TicketRow(Base):
    __tablename__ = "tickets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_no: Mapped[str] = mapped_column(String(40))
    number: Mapped[str | None] = mapped_column(String(40), unique=True)  # official 工单编号
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(10))
    category_code: Mapped[str | None] = mapped_column(String(40))
    caller_name: Mapped[str] = mapped_column(String(80))
    caller_phone: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(Text)
    district: Mapped[str] = mapped_column(String(80))
    content: Mapped[str] = mapped_column(Text)
    seat_id: Mapped[str] = mapped_column(String(40))
    assigned_seat: Mapped[str | None] = mapped_column(String(40))
    department: Mapped[str | None] = mapped_column(String(40))
    satisfaction: Mapped[str | None] = mapped_column(String(20))
    supervised: Mapped[bool] = mapped_column(Boolean)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    occurred_at: Mapped[datetime | None]
    company_name: Mapped[str] = mapped_column(String(80), default="", server_default="")
    plate_number: Mapped[str] = mapped_column(String(20), default="", server_default="")
    id_number: Mapped[str] = mapped_column(String(40), default="", server_default="")
    order_number: Mapped[str] = mapped_column(String(80), default="", server_default="")
    created_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    dispatch_due: Mapped[datetime | None]
    close_due: Mapped[datetime | None]
    contact_due: Mapped[datetime | None]
    extension_due: Mapped[datetime | None]  # 延期申请, until the centre answers it
    urge_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 催办
    next_due: Mapped[datetime | None]  # what the lead's overdue count looks at
    is_open: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer)
    # Per field: {"version": V, "by": username, "role": ..., "actor": ..., "value": ...} of its last
    # change, for the field-level merge and for telling a seat who moved its ticket.
    changes: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_tickets_open_assigned", "is_open", "assigned_seat"),
        # 今日办结 per seat on the lead's board, read from the index alone
        Index("ix_tickets_closed_at", "closed_at", "assigned_seat"),
        # Open tickets by deadline, with what the board and the balance count of those due soon
        # (sync.server.seat_work): the clock-dependent part of a seat's load, read from the index
        # alone (columns rather than INCLUDE: SQLite has no INCLUDE).
        Index(
            "ix_tickets_open_due",
            *OPEN_DUE,
            postgresql_where=text("is_open"),
            sqlite_where=text("is_open"),
        ),
        Index("ix_tickets_accepted_at", "accepted_at"),  # the figures' periods (sync.server.figures)
    )


class EventRow(Base):
    """工单流转记录: append-only, kept for audit."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))
    seat_id: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]]
    # `at` is the seat's clock (a seat works offline); this is when the server learnt of the event.
    received_at: Mapped[datetime | None]


class OpRow(Base):
    """Every op ever pushed, with how it was settled: the idempotency record and the audit trail."""

    __tablename__ = "ops"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    seat: Mapped[str] = mapped_column(String(40))
    username: Mapped[str] = mapped_column(String(80))
    base_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    conflicts: Mapped[list[str]]  # FieldConflict dicts
    version: Mapped[int | None] = mapped_column(Integer)  # the ticket's version after the op


class FeedRow(Base):
    """What pull serves: one row per change, numbered in commit order (see sync.server.feed)."""

    __tablename__ = "feed"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    assigned_seat: Mapped[str | None] = mapped_column(String(40))
    previous_seat: Mapped[str | None] = mapped_column(String(40))
    origin_seat: Mapped[str] = mapped_column(String(40))
    department: Mapped[str | None] = mapped_column(String(40))
    previous_department: Mapped[str | None] = mapped_column(String(40))
    event_ids: Mapped[list[str]]
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class CounterRow(Base):
    """Named counters shared by all workers: the daily 工单编号 sequences and the feed sequence."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class SeatWorkRow(Base):
    """Open tickets per seat and kind (督办, 紧急, the CATEGORY_SKILLS prefix its category needs),
    kept by push in the transaction that writes the tickets (sync.server.seat_work)."""

    __tablename__ = "seat_work"

    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    supervised: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    urgent: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    skill: Mapped[str] = mapped_column(String(40), primary_key=True)  # "" when none is needed
    count: Mapped[int] = mapped_column(Integer)


class SeatRow(Base):
    """When a seat last pushed or pulled: the lead's board shows a seat not seen lately as offline."""

    __tablename__ = "seats"

    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    last_seen: Mapped[datetime]
    # The seat's last SeatReport (state and shift counts) as the wire gave it; None until one came.
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class SeatShiftRow(Base):
    """One shift of a seat (an app run, from its start) as its latest report gave it: the call
    figures (平均处理时长, 每小时接话量) per seat and period. The seat's board row keeps only the last
    report; these are kept."""

    __tablename__ = "seat_shifts"

    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(primary_key=True, index=True)
    username: Mapped[str] = mapped_column(String(80))
    last_at: Mapped[datetime]  # the latest report: the shift lasted at least until then
    seconds_on: Mapped[float] = mapped_column(Float)
    calls: Mapped[int] = mapped_column(Integer)
    missed: Mapped[int] = mapped_column(Integer)
    talk_seconds: Mapped[float] = mapped_column(Float)
    wrap_up_seconds: Mapped[float] = mapped_column(Float)


class SeatSkillRow(Base):
    """A seat's skill tags (方言, 涉企, English, 心理疏导 …), set by a lead or admin: a seat can have
    skills before it is ever seen, so they are kept apart from `seats`."""

    __tablename__ = "seat_skills"

    seat_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    skills: Mapped[list[str]] = mapped_column(JSON)
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]


class KbArticleRow(Base):
    """知识条目: the authoritative KB. A delete keeps the row as a tombstone so seats learn of it."""

    __tablename__ = "kb_articles"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, index=True)  # the "kb" counter value of the last change
    version: Mapped[int] = mapped_column(Integer)  # the article's own edit count
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]]  # app.domain.article.Article.to_dict()
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]


class KbArticleUseRow(Base):
    """Which article answered which ticket, sent by every seat: the leads' KB effectiveness report.
    One row per ticket and article; a later use of the same pair replaces it."""

    __tablename__ = "kb_article_uses"

    ticket_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(index=True)
    recorded_by: Mapped[str] = mapped_column(String(80))


class LoginThrottleRow(Base):
    """Recent wrong passwords of one account ("account:NAME") or one client address ("address:IP").

    In the database so that every worker process sees the same counts. A row is forgotten a day
    after its last failure, or 30 days after its last login if it holds a trusted address
    (sync.server.throttle). `last_failure_at` is the row's creation time until a failure."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime] = mapped_column(index=True)
    blocked_until: Mapped[datetime | None]
    # Where and when this account last logged in: failures from elsewhere do not lock it out there.
    trusted_address: Mapped[str | None] = mapped_column(String(64))
    trusted_at: Mapped[datetime | None]


class AccessLogRow(Base):
    """访问记录: who read or tried what, when, from where, and how it ended (PIPL access records).

    Writes to tickets are audited in `ops` and `events`; this table records reads, logins and
    account administration. Kept `ServerSettings.access_log_keep`, then purged."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    username: Mapped[str] = mapped_column(String(80), index=True)  # as typed, for failed logins
    role: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[dict[str, Any]]  # query parameters, tickets served, the account acted on
    outcome: Mapped[str] = mapped_column(String(20))
    # The id a seat gave what it reports (an export): the same report sent twice is kept once.
    ref: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (Index("ux_access_log_ref", "ref", unique=True),)


class CallbackRow(Base):
    """漏接回拨 / 回访 as the seats send them: a lead sees every seat's unreturned calls."""

    __tablename__ = "callbacks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seat_id: Mapped[str] = mapped_column(String(40), index=True)
    username: Mapped[str] = mapped_column(String(80))  # the account that sent its latest version
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    call_id: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer)
    result: Mapped[str | None] = mapped_column(String(20))
    rings: Mapped[int] = mapped_column(Integer)
    last_attempt_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime]

    # The lead's list: every seat's open callbacks, oldest first.
    __table_args__ = (Index("ix_callbacks_state_at", "state", "at"),)
