"""Sync conflicts (同步冲突) for the operator: both versions side by side, and a way to resolve each.

Nothing the operator typed is dropped silently: an op the server answered with conflict or rejected
keeps its command (or ticket) here, readable, until the operator chooses what to do with it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.lifecycle import Command
from app.domain.ops import OpKind
from app.domain.problem import Problem, from_column
from app.domain.status import Action
from app.domain.ticket import Ticket
from app.store import outbox
from app.store.changes import Changes
from app.store.db import Store
from app.store.mapping import command_from_wire, ticket_from_row, ticket_from_wire
from app.store.models import ConflictRow, TicketRow
from app.store.replica import FieldDiff
from app.store.tickets import TicketNotFound, TicketStore, utc_now


class ConflictKind(StrEnum):
    CONFLICT = "conflict"  # someone else changed the same thing first
    REJECTED = "rejected"  # refused for good (rules, rights, bad data)


class Resolution(StrEnum):
    KEEP_MINE = "keep_mine"  # send my values (or my command, or my new ticket) again, on the server's base
    TAKE_THEIRS = "take_theirs"  # the server's version stands (the ticket already shows it)
    ACKNOWLEDGE = "acknowledge"  # seen; nothing to send again


class ConflictResolved(LookupError):
    """The conflict is unknown or was resolved already."""


@dataclass(frozen=True)
class Conflict:
    id: str
    ticket_id: str
    op_id: str
    op_kind: OpKind
    kind: ConflictKind
    reason: Problem | str  # why: a problem, or the words of a server that sent no code
    mine: dict[str, Any]  # what this seat sent: {"command": ...} or {"ticket": ..., "event": ...}
    theirs: Ticket | None  # the server's ticket, when it sent one
    fields: tuple[FieldDiff, ...]  # the fields both sides changed, mine and theirs
    created_at: datetime
    resolved_at: datetime | None = None
    resolution: Resolution | None = None

    @property
    def mine_command(self) -> Command | None:
        return command_from_wire(self.mine["command"]) if "command" in self.mine else None

    @property
    def mine_ticket(self) -> Ticket | None:
        """For a create: the ticket as this seat made it."""
        return ticket_from_wire(self.mine["ticket"]) if "ticket" in self.mine else None

    @property
    def choices(self) -> tuple[Resolution, ...]:
        """What the operator may choose: a refused create can only be retried or acknowledged."""
        if self.op_kind is OpKind.CREATE:
            return (Resolution.KEEP_MINE, Resolution.ACKNOWLEDGE)
        return (Resolution.KEEP_MINE, Resolution.TAKE_THEIRS, Resolution.ACKNOWLEDGE)


class ConflictStore:
    def __init__(
        self, store: Store, tickets: TicketStore, *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self._store = store
        self._tickets = tickets
        self._clock = clock

    def open_conflicts(self) -> list[Conflict]:
        with self._store.reading() as session:
            rows = session.scalars(
                select(ConflictRow).where(ConflictRow.resolved_at.is_(None)).order_by(ConflictRow.created_at)
            )
            return [_conflict(row) for row in rows]

    def open_count(self) -> int:
        with self._store.reading() as session:
            count = session.scalar(select(func.count()).where(ConflictRow.resolved_at.is_(None)))
            return int(count or 0)

    def get(self, conflict_id: str) -> Conflict:
        with self._store.reading() as session:
            row = session.get(ConflictRow, conflict_id)
            if row is None:
                raise ConflictResolved(conflict_id)
            return _conflict(row)

    def resolve(self, conflict_id: str, resolution: Resolution, *, actor: str) -> Changes:
        """Resolve one conflict. KEEP_MINE goes through the lifecycle and the outbox like any change
        (a LifecycleError leaves the conflict open); the others only close the record."""
        with self._store.transaction() as session:
            row = session.get(ConflictRow, conflict_id)
            if row is None or row.resolved_at is not None:
                raise ConflictResolved(conflict_id)
            conflict = _conflict(row)
            if resolution not in conflict.choices:
                raise ValueError(f"{resolution} is not a choice for this conflict")
            if resolution is Resolution.KEEP_MINE:
                self._keep_mine(session, conflict, actor)
            row.resolved_at, row.resolution = self._clock(), resolution.value
        return Changes(frozenset({conflict.ticket_id}), queue=True, outbox=resolution is Resolution.KEEP_MINE)

    def _keep_mine(self, session: Session, conflict: Conflict, actor: str) -> None:
        now = self._clock()
        if conflict.op_kind is OpKind.CREATE:
            # The local ticket was kept; offer the server the same ticket again under a new op id.
            outbox.enqueue(
                session,
                kind=OpKind.CREATE,
                ticket_id=conflict.ticket_id,
                base_version=0,
                payload=conflict.mine,
                at=now,
            )
            return
        mine = conflict.mine_command
        assert mine is not None
        current = _ticket(session, conflict.ticket_id)
        if mine.action is Action.EDIT:
            # Only my values that differ from what the ticket shows now: those are what I would lose.
            changes = {k: v for k, v in mine.changes.items() if getattr(current, k) != v}
            if not changes:
                return
            cmd = Command(Action.EDIT, actor, mine.role, now, seat_id=mine.seat_id, changes=changes)
        else:
            cmd = Command(
                mine.action,
                actor,
                mine.role,
                now,
                seat_id=mine.seat_id,
                reason=mine.reason,
                department=mine.department,
                satisfaction=mine.satisfaction,
                assign_to=mine.assign_to,
            )
        self._tickets.act_within(session, conflict.ticket_id, cmd)


def _ticket(session: Session, ticket_id: str) -> Ticket:
    row = session.get(TicketRow, ticket_id)
    if row is None:
        raise TicketNotFound(ticket_id)
    return ticket_from_row(row)


def _conflict(row: ConflictRow) -> Conflict:
    theirs = json.loads(row.theirs) if row.theirs else None
    return Conflict(
        id=row.id,
        ticket_id=row.ticket_id,
        op_id=row.op_id,
        op_kind=OpKind(row.op_kind),
        kind=ConflictKind(row.kind),
        reason=from_column(row.reason),
        mine=json.loads(row.mine),
        theirs=None if theirs is None else ticket_from_wire(theirs),
        fields=tuple(FieldDiff(**f) for f in json.loads(row.fields)),
        created_at=row.created_at,
        resolved_at=row.resolved_at,
        resolution=Resolution(row.resolution) if row.resolution else None,
    )
