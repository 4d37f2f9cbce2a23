"""The seat's copy of the server's truth (本地副本): settle pushed ops and adopt pulled tickets.

Everything here is idempotent. A seat killed between the server's commit and the local settle pushes
the same ops again and gets DUPLICATE back; settling that must heal the store, never double it.
Adopting a server ticket is always followed by a rebase: the ticket's ops still waiting to be pushed
are replayed on top, so an edit the server has not acknowledged yet never vanishes from the screen.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.domain.events import TicketEvent
from app.domain.ids import new_id
from app.domain.lifecycle import DomainError
from app.domain.ops import OpKind, OpStatus
from app.domain.planning import apply_planned
from app.domain.problem import Problem, as_column, from_column
from app.domain.sla import SlaClock
from app.domain.ticket import Ticket
from app.notify.derive import from_conflict, from_events
from app.notify.notification import Notification, Viewer
from app.store import notifications
from app.store.changes import Changes
from app.store.db import Store
from app.store.mapping import (
    command_from_wire,
    event_columns,
    ticket_columns,
    ticket_wire,
)
from app.store.models import ConflictRow, EventRow, MetaRow, NoticeRow, OutboxRow, TicketRow
from app.store.retention import due_for_masking, mask_pulled
from app.store.tickets import utc_now

log = logging.getLogger(__name__)

CURSOR_KEY = "sync.cursor"


@dataclass(frozen=True)
class FieldDiff:
    """One field both sides changed: the operator's value and the server's."""

    field: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class Answer:
    """The server's answer to one pushed op, in domain terms."""

    op_id: str
    result: OpStatus
    original: OpStatus | None = None  # for a duplicate: how the server settled it the first time
    ticket: Ticket | None = None  # the server's ticket after the op (for a conflict: theirs)
    version: int | None = None
    number: str | None = None
    reason: Problem | str | None = None  # a problem, or the words of a server that sent no code
    conflicts: tuple[FieldDiff, ...] = ()

    @property
    def outcome(self) -> OpStatus:
        """What happened to the op: a replayed conflict is still a conflict the operator must see."""
        if self.result is OpStatus.DUPLICATE and self.original in (OpStatus.CONFLICT, OpStatus.REJECTED):
            return self.original
        return self.result


@dataclass(frozen=True)
class Pulled:
    """A ticket as the server has it now, with events this seat may not have, and why it changed."""

    ticket: Ticket
    events: tuple[TicketEvent, ...] = ()
    # Why it changed (班长 李华 改派至 S07): a problem, or the words of a server that sent no code.
    note: Problem | str | None = None


def _notified(viewer: Viewer | None, item: Pulled, now: datetime) -> bool:
    """Whether the item's events make a notification for `viewer` (kept now or at an earlier pull of
    the same page): the server's note says the same (改派, 并单), and the operator is told once."""
    return viewer is not None and bool(from_events(viewer, item.ticket, item.events, now))


@dataclass(frozen=True)
class Notice:
    id: int
    ticket_id: str
    note: Problem | str  # worded in the operator's language when shown
    created_at: datetime


class Replica:
    def __init__(
        self,
        store: Store,
        sla: SlaClock,
        *,
        clock: Callable[[], datetime] = utc_now,
        mask_after: timedelta | None = None,
    ) -> None:
        """`mask_after`: a ticket closed longer ago than this arrives masked (the seat's retention
        period, app.store.retention), so a pull never brings back what the purge masked."""
        self._store = store
        self._sla = sla
        self._clock = clock
        self._mask_after = mask_after

    def mask_after(self, period: timedelta | None) -> None:
        """A new retention period (设置 → 隐私), for the pulls from now on."""
        self._mask_after = period

    def plan_with(self, sla: SlaClock) -> None:
        """Deadlines planned from now on use `sla` (newer rules pulled from the server)."""
        self._sla = sla

    # -- push results ---------------------------------------------------------------------------------

    def settle(self, answers: Sequence[Answer]) -> Changes:
        """Settle a batch of answers in one transaction; answers for settled or unknown ops are skipped."""
        touched: set[str] = set()
        with self._store.transaction() as session:
            wanted = [answer.op_id for answer in answers]
            rows = {r.op_id: r for r in session.scalars(select(OutboxRow).where(OutboxRow.op_id.in_(wanted)))}
            loaded = _Loaded.read(session, {row.ticket_id for row in rows.values()})
            adopt: dict[str, Ticket] = {}  # per ticket, the newest server ticket among the answers
            for answer in answers:
                row = rows.get(answer.op_id)
                if row is None or row.sent_at is not None:
                    continue
                self._settle_row(loaded, row, answer, adopt)
                touched.add(row.ticket_id)
            # Adopting once per ticket, after every op of the batch is settled, ends where adopting
            # after each answer would (older answers are skipped by version), without the rebases.
            for ticket in adopt.values():
                self._adopt(loaded, ticket)
        return Changes(frozenset(touched), queue=bool(touched), outbox=bool(touched))

    def _settle_row(self, loaded: _Loaded, row: OutboxRow, answer: Answer, adopt: dict[str, Ticket]) -> None:
        now = self._clock()
        row.sent_at, row.result = now, answer.result.value
        still_pending = loaded.pending.setdefault(row.ticket_id, [])
        if row in still_pending:
            still_pending.remove(row)
        outcome = answer.outcome
        if outcome in (OpStatus.CONFLICT, OpStatus.REJECTED):
            _record_conflict(loaded.session, row, answer, now)
            log.warning("同步 %s %s: %s", outcome.value, row.ticket_id, answer.reason or "")
        elif answer.version is not None and answer.version == row.base_version + 1:
            # Nothing else reached the server in between: the ticket's later ops were made on exactly
            # the version this op produced, so they may claim it as their base.
            for later in still_pending:
                if later.base_version == row.base_version:
                    later.base_version = answer.version
        if answer.ticket is not None:
            newest = adopt.get(row.ticket_id)
            if newest is None or answer.ticket.version >= newest.version:
                adopt[row.ticket_id] = answer.ticket
        elif answer.version is not None or answer.number is not None:
            if row.ticket_id in adopt:  # keep the order of the answers: adopt first, then stamp
                self._adopt(loaded, adopt.pop(row.ticket_id))
            _stamp(loaded.tickets.get(row.ticket_id), answer.version, answer.number)

    # -- pull -----------------------------------------------------------------------------------------

    def apply_pull(self, items: Sequence[Pulled], *, cursor: int, viewer: Viewer | None = None) -> Changes:
        """Adopt one pull page and move the cursor past it, in one transaction. `viewer`: who signed
        in at this seat; what the page's new events tell them is kept as notifications (app.notify)."""
        with self._store.transaction() as session:
            loaded = _Loaded.read(session, {item.ticket.id for item in items})
            known = _event_ids(session, loaded.tickets)
            missing: list[dict[str, object]] = []
            news: list[Notification] = []
            now = self._clock()
            for item in items:
                new = [event for event in item.events if event.id not in known]
                if viewer is not None:
                    news += from_events(viewer, item.ticket, new, now)
                if self._adopt(loaded, item.ticket):
                    _, new = mask_pulled(item.ticket, new)
                for event in new:
                    if event.id not in known:
                        known.add(event.id)
                        missing.append(event_columns(event))
                if item.note and not _notified(viewer, item, now):
                    self._notice(session, item.ticket.id, item.note)
            if missing:
                session.flush()  # the events' tickets first
                session.execute(insert(EventRow), missing)
            notifications.keep(session, news)
            _put_meta(session, CURSOR_KEY, str(cursor))
        ids = frozenset(item.ticket.id for item in items)
        return Changes(ids, queue=bool(ids))

    def _notice(self, session: Session, ticket_id: str, said: Problem | str) -> None:
        note = as_column(said)
        if not session.scalar(
            select(NoticeRow.id).where(NoticeRow.ticket_id == ticket_id, NoticeRow.note == note)
        ):
            session.add(NoticeRow(ticket_id=ticket_id, note=note, created_at=self._clock()))

    def cursor(self) -> int:
        with self._store.reading() as session:
            row = session.get(MetaRow, CURSOR_KEY)
            return int(row.value) if row else 0

    # -- notices --------------------------------------------------------------------------------------

    def notices(self) -> list[Notice]:
        """Server decisions the operator has not acknowledged yet, oldest first."""
        with self._store.reading() as session:
            rows = session.scalars(
                select(NoticeRow).where(NoticeRow.seen_at.is_(None)).order_by(NoticeRow.id)
            )
            return [Notice(r.id, r.ticket_id, from_column(r.note), r.created_at) for r in rows]

    def acknowledge_notices(self, ids: Sequence[int]) -> None:
        with self._store.transaction() as session:
            session.execute(update(NoticeRow).where(NoticeRow.id.in_(ids)).values(seen_at=self._clock()))

    # -- adopt + rebase -------------------------------------------------------------------------------

    def _adopt(self, loaded: _Loaded, server: Ticket) -> bool:
        """Make the server's ticket the local base, then replay this seat's pending ops on top.
        True when the ticket is kept masked (closed longer ago than this seat keeps personal data)."""
        row = loaded.tickets.get(server.id)
        if row is not None and row.version > server.version:
            return row.masked_at is not None  # an older answer arriving late: the newer one is adopted
        ticket = server
        if row is not None and row.local_no != server.local_no:
            # The provisional number stays searchable on this seat; the official one is shown.
            ticket = dataclasses.replace(server, local_no=row.local_no)
        elif row is None and _local_no_taken(loaded.session, server.local_no):
            # A reinstalled seat numbers from 1 again: its new ticket and one pulled from before can
            # share a provisional number. Provisional numbers are only for this seat; keep both apart.
            ticket = dataclasses.replace(server, local_no=f"{server.local_no}~{server.id[-6:]}")
        pending = loaded.pending.get(server.id, [])
        ticket = self._rebase(ticket, pending)
        now = self._clock()
        masked_at = None
        if self._mask_after is not None and not pending and due_for_masking(ticket, now - self._mask_after):
            (ticket, _), masked_at = mask_pulled(ticket), now
        values = {**ticket_columns(ticket), "updated_at": now, "is_demo": False, "masked_at": masked_at}
        if row is None:
            row = TicketRow(**values)
            loaded.session.add(row)
            loaded.tickets[server.id] = row
        else:
            for name, value in values.items():
                setattr(row, name, value)
        return masked_at is not None

    def _rebase(self, ticket: Ticket, pending: Iterable[OutboxRow]) -> Ticket:
        for op in pending:
            if op.op_kind == OpKind.CREATE.value:
                continue  # the server has the ticket already; its create will come back a duplicate
            try:
                command = command_from_wire(json.loads(op.payload)["command"])
                ticket, _ = apply_planned(ticket, command, self._sla)
            except (DomainError, KeyError, ValueError, TypeError):
                # No longer applies here (e.g. someone else closed it): it stays pending, the server
                # answers it, and a refusal becomes a conflict record the operator sees.
                continue
        return ticket


@dataclass
class _Loaded:
    """The rows one settle or pull page works on, read with two queries instead of several per op;
    changes go to these objects and are flushed with the transaction."""

    session: Session
    tickets: dict[str, TicketRow]
    pending: dict[str, list[OutboxRow]]  # per ticket, its ops not settled yet, oldest first

    @classmethod
    def read(cls, session: Session, ticket_ids: Collection[str]) -> _Loaded:
        ids = list(ticket_ids)
        tickets = {row.id: row for row in session.scalars(select(TicketRow).where(TicketRow.id.in_(ids)))}
        pending: dict[str, list[OutboxRow]] = {}
        unsettled = (
            select(OutboxRow)
            .where(OutboxRow.ticket_id.in_(ids), OutboxRow.sent_at.is_(None))
            .order_by(OutboxRow.seq)
        )
        for row in session.scalars(unsettled):
            pending.setdefault(row.ticket_id, []).append(row)
        return cls(session, tickets, pending)


def _event_ids(session: Session, tickets: Collection[str]) -> set[str]:
    return set(session.scalars(select(EventRow.id).where(EventRow.ticket_id.in_(list(tickets)))))


def _stamp(row: TicketRow | None, version: int | None, number: str | None) -> None:
    """The server acknowledged without sending its ticket: take its version and official number."""
    if row is None:
        return
    if version is not None and version > row.version:
        row.version = version
    if number:
        row.number = number


def _local_no_taken(session: Session, local_no: str) -> bool:
    return session.scalar(select(TicketRow.id).where(TicketRow.local_no == local_no)) is not None


def _put_meta(session: Session, key: str, value: str) -> None:
    session.merge(MetaRow(key=key, value=value))


def _record_conflict(session: Session, row: OutboxRow, answer: Answer, now: datetime) -> None:
    if session.scalar(select(ConflictRow.id).where(ConflictRow.op_id == row.op_id)) is not None:
        return
    mine: dict[str, Any] = json.loads(row.payload)
    theirs = ticket_wire(answer.ticket) if answer.ticket is not None else None
    fields = list(answer.conflicts) or _edit_diffs(mine, answer.ticket)
    conflict_id = new_id()
    session.add(
        ConflictRow(
            id=conflict_id,
            ticket_id=row.ticket_id,
            op_id=row.op_id,
            op_kind=row.op_kind,
            kind=answer.outcome.value,
            reason=as_column(answer.reason),
            mine=json.dumps(mine, ensure_ascii=False),
            theirs=None if theirs is None else json.dumps(theirs, ensure_ascii=False),
            fields=json.dumps([f.__dict__ for f in fields], ensure_ascii=False),
            created_at=now,
        )
    )
    ticket = session.get(TicketRow, row.ticket_id)
    number = (ticket.number or ticket.local_no) if ticket is not None else row.ticket_id
    notifications.keep(
        session, [from_conflict(conflict_id, row.ticket_id, number, answer.outcome.value, now)]
    )


def _edit_diffs(mine: dict[str, Any], theirs: Ticket | None) -> list[FieldDiff]:
    """The server named no fields: compare what my 修改 set with what the server holds."""
    changes = (mine.get("command") or {}).get("changes") or {}
    if theirs is None or not changes:
        return []
    server = ticket_wire(theirs)
    diffs = []
    for name, value in changes.items():
        if name == "caller":
            pairs = [("caller_name", value.get("name", "")), ("caller_phone", value.get("phone", ""))]
        else:
            pairs = [(name, value)]
        for field, wanted in pairs:
            if server.get(field) != wanted:
                diffs.append(FieldDiff(field, _text(wanted), _text(server.get(field))))
    return diffs


def _text(value: object) -> str:
    return "" if value is None else str(value)
