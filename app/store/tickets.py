"""Ticket repository: every change writes the ticket, its event and its outbox op in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, tzinfo

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from app.domain.callback import CallbackError
from app.domain.callback_states import CallbackEvent
from app.domain.draft import Draft
from app.domain.events import TicketEvent
from app.domain.lifecycle import Command
from app.domain.ops import OpKind
from app.domain.planning import apply_planned
from app.domain.sla import SlaClock
from app.domain.status import Action, Role
from app.domain.ticket import Ticket
from app.store import callbacks, outbox
from app.store.changes import Changes
from app.store.db import Store
from app.store.drafts import discard_in
from app.store.mapping import (
    command_wire,
    event_columns,
    event_from_row,
    event_wire,
    ticket_columns,
    ticket_from_row,
    ticket_wire,
)
from app.store.models import Base, EventRow, MetaRow, TicketRow

log = logging.getLogger(__name__)


class TicketNotFound(LookupError):
    pass


def utc_now() -> datetime:
    return datetime.now(UTC)


class TicketStore:
    """Tickets of this seat's local store (本地工单库)."""

    def __init__(self, store: Store, sla: SlaClock, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._sla = sla
        self._clock = clock

    def plan_with(self, sla: SlaClock) -> None:
        """Deadlines planned from now on use `sla` (newer rules pulled from the server)."""
        self._sla = sla

    def accept(
        self,
        draft: Draft,
        *,
        actor: str,
        role: Role = Role.OPERATOR,
        close_reason: str | None = None,
        merge_into: str | None = None,
    ) -> tuple[Ticket, Changes]:
        """受理: the draft becomes a ticket with SLA deadlines; the draft row goes in the same commit.

        With `close_reason` the consultation answered on the call is also 直接办结 in that commit;
        with `merge_into` (an existing ticket's id) the request is 并单 into that ticket instead.
        """
        at = self._clock()
        with self._store.transaction() as session:
            local_no = _next_local_no(session, draft.seat_id, at, self._sla.calendar.timezone)
            accept = Command(Action.ACCEPT, actor, role, at, seat_id=draft.seat_id)
            ticket, event = apply_planned(draft.to_ticket(local_no), accept, self._sla)
            session.execute(insert(TicketRow).values(**ticket_columns(ticket), updated_at=at))
            session.execute(insert(EventRow).values(**event_columns(event)))
            outbox.enqueue(
                session,
                kind=OpKind.CREATE,
                ticket_id=ticket.id,
                base_version=0,
                payload={"ticket": ticket_wire(ticket), "event": event_wire(event)},
                at=at,
            )
            if close_reason is not None:
                close = Command(
                    Action.CLOSE_DIRECT, actor, role, at, seat_id=draft.seat_id, reason=close_reason
                )
                ticket = self._act_in(session, ticket, close)
            elif merge_into is not None:
                merge = Command(Action.MERGE, actor, role, at, seat_id=draft.seat_id, merge_into=merge_into)
                ticket = self._act_in(session, ticket, merge)
            if draft.callback_id:  # the caller was reached: the callback is done, with this ticket
                _reached(session, draft.callback_id, ticket.id, at)
            discard_in(session, draft.id)
        log.info("受理 %s %s %s by %s", ticket.local_no, ticket.kind.value, ticket.category_code, actor)
        return ticket, Changes(
            frozenset({ticket.id}), queue=True, drafts=True, outbox=True, callbacks=bool(draft.callback_id)
        )

    def act(self, ticket_id: str, cmd: Command) -> tuple[Ticket, Changes]:
        """Apply a lifecycle command (派单, 回访, 督办 ...) and queue it for the server."""
        with self._store.transaction() as session:
            before = self._load(session, ticket_id)
            ticket = self._act_in(session, before, cmd)
        log.info(
            "%s %s: %s -> %s by %s (%s)",
            cmd.action.value,
            ticket.display_no,
            before.status.value,
            ticket.status.value,
            cmd.actor,
            cmd.role.value,
        )
        return ticket, Changes(
            frozenset({ticket_id}), queue=True, outbox=True, callbacks=cmd.action is Action.VISIT
        )

    def act_within(self, session: Session, ticket_id: str, cmd: Command) -> Ticket:
        """`act` inside the caller's transaction (a conflict resolution commits with its edit)."""
        return self._act_in(session, self._load(session, ticket_id), cmd)

    def _act_in(self, session: Session, before: Ticket, cmd: Command) -> Ticket:
        ticket, event = apply_planned(before, cmd, self._sla)
        if cmd.action is Action.VISIT:
            callbacks.visited_in(session, before.id, cmd.at)
        session.execute(
            update(TicketRow)
            .where(TicketRow.id == before.id)
            .values(**ticket_columns(ticket), updated_at=cmd.at)
        )
        session.execute(insert(EventRow).values(**event_columns(event)))
        if _is_demo(session, before.id):
            return ticket  # 演示数据 stays on this seat: the server has never heard of it
        outbox.enqueue(
            session,
            kind=_op_kind(cmd.action),
            ticket_id=before.id,
            base_version=before.version,
            payload={"command": command_wire(cmd, event.id)},
            at=cmd.at,
        )
        return ticket

    def get(self, ticket_id: str) -> Ticket:
        with self._store.reading() as session:
            return self._load(session, ticket_id)

    def events(self, ticket_id: str) -> list[TicketEvent]:
        """The ticket's history in the order things happened. Not by id: a 督办 the server sends
        later, or a step recorded on another machine, is newer in the store than what came after it."""
        with self._store.reading() as session:
            rows = session.scalars(
                select(EventRow).where(EventRow.ticket_id == ticket_id).order_by(EventRow.at, EventRow.id)
            )
            return [event_from_row(row) for row in rows]

    def import_history(self, items: Iterable[tuple[Ticket, list[TicketEvent]]], *, demo: bool) -> int:
        """Bulk-insert tickets with their past events and no outbox ops (demo data, fixtures)."""
        tickets: list[dict[str, object]] = []
        events: list[dict[str, object]] = []
        for ticket, history in items:
            tickets.append({**ticket_columns(ticket), "updated_at": ticket.created_at, "is_demo": demo})
            events.extend(event_columns(e) for e in history)
        with self._store.transaction() as session:
            # Core inserts: one executemany a chunk (the ORM's bulk path went row by row here).
            for chunk in _chunks(tickets, 5000):
                session.execute(insert(_table(TicketRow)), chunk)
            for chunk in _chunks(events, 5000):
                session.execute(insert(_table(EventRow)), chunk)
        return len(tickets)

    def remove_demo(self) -> None:
        """Delete the demo tickets (演示数据) and their history, before they are dated again; the
        operator's own tickets stay. Demo tickets never reach the outbox, so nothing else refers to them."""
        demo = select(TicketRow.id).where(TicketRow.is_demo.is_(True))
        with self._store.transaction() as session:
            session.execute(delete(EventRow).where(EventRow.ticket_id.in_(demo)))
            session.execute(delete(TicketRow).where(TicketRow.is_demo.is_(True)))

    @staticmethod
    def _load(session: Session, ticket_id: str) -> Ticket:
        row = session.get(TicketRow, ticket_id)
        if row is None:
            raise TicketNotFound(ticket_id)
        return ticket_from_row(row)


def _reached(session: Session, callback_id: str, ticket_id: str, at: datetime) -> None:
    try:
        callbacks.step_in(session, callback_id, CallbackEvent.REACHED, at, ticket_id=ticket_id)
    except CallbackError as exc:
        # Its result was recorded from the list meanwhile (未接通, 无需回拨 …): the ticket is filed all the
        # same, and the callback keeps what the operator recorded.
        log.warning("回拨 %s not marked 已回拨 by ticket %s: %s", callback_id, ticket_id, exc)


def _table(row: type[Base]) -> Table:
    return Base.metadata.tables[row.__tablename__]


def _is_demo(session: Session, ticket_id: str) -> bool:
    return bool(session.scalar(select(TicketRow.is_demo).where(TicketRow.id == ticket_id)))


def _next_local_no(session: Session, seat_id: str, at: datetime, zone: tzinfo) -> str:
    """Provisional number 临时编号, unique on this seat: L-<seat>-<date>-<n>, replaced by the server's.

    Numbers pulled from the server (this seat's tickets from before a reinstall) are skipped."""
    day = at.astimezone(zone).strftime("%Y%m%d")
    key = f"local_no:{day}"
    row = session.get(MetaRow, key)
    n = int(row.value) if row else 0
    while True:
        n += 1
        local_no = f"L-{seat_id}-{day}-{n:04d}"
        if session.scalar(select(TicketRow.id).where(TicketRow.local_no == local_no)) is None:
            break
    if row:
        row.value = str(n)
    else:
        session.add(MetaRow(key=key, value=str(n)))
    return local_no


def _op_kind(action: Action) -> OpKind:
    if action is Action.ASSIGN:
        return OpKind.ASSIGN
    if action is Action.EDIT:
        return OpKind.UPDATE
    return OpKind.TRANSITION


def _chunks(rows: list[dict[str, object]], size: int) -> Iterable[list[dict[str, object]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
