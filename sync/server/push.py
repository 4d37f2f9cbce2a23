"""Push (上传): settle a batch of ops from a seat's outbox, each on its own, in one transaction.

Every op ends applied, duplicate, conflict or rejected, and is kept for audit. The lifecycle and SLA
planning are the domain's own code (app.domain.planning.apply_planned), so the server cannot judge a
step differently from the seat that made it.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.domain import codec
from app.domain.events import TicketEvent
from app.domain.lifecycle import Command, LifecycleError, link_repeat
from app.domain.ops import OpStatus
from app.domain.planning import apply_planned
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Action, Role, Status
from app.domain.taxonomy import Taxonomy
from app.domain.ticket import EDITABLE_FIELDS, Caller, Ticket
from app.resources import load_taxonomy
from sync.protocol import (
    WIRE_VERSION,
    CommandOp,
    CreateOp,
    FieldConflict,
    Op,
    OpResult,
    PushResponse,
    SeqRange,
    coded,
)
from sync.server import feed, seat_work
from sync.server.db import Database, among, bulk_insert
from sync.server.models import EventRow, OpRow, TicketRow, UserRow, table_of
from sync.server.numbering import official_numbers
from sync.server.rights import ACTS_AS, LEADS, NOT_YOURS, OWNER_FIELD, can_see, owns, role_of
from sync.server.seats import mark_seen
from sync.server.tickets import event_values, ticket_columns, to_ticket
from sync.server.times import ClientTimes

log = logging.getLogger(__name__)

ATTEMPTS = 5
# Fields whose last change is remembered per ticket: the editable ones for the merge, and the two
# that say whose work the ticket is, to tell a seat who took it away.
TRACKED = (*EDITABLE_FIELDS, "assigned_seat", "department")
BEFORE_ACCEPTED = Problem("push.before_accepted")
OP_ID_TAKEN = Problem("push.op_id_taken")


def push(
    db: Database,
    user: UserRow,
    ops: Sequence[Op],
    sla: SlaClock,
    clock: Callable[[], datetime],
    times: ClientTimes | None = None,
    taxonomy: Taxonomy | None = None,
    *,
    problems: bool = False,
    reads: int = WIRE_VERSION,
) -> PushResponse:
    """Settle `ops` in order. A clash with a concurrent worker (the same new ticket or op_id, a
    deadlock) rolls the whole batch back and settles it again, now seeing the other's result.
    `times` bounds the seat's clock (default: ClientTimes()); `taxonomy`: the catalogue codes are
    checked against (default: the shipped one); `problems`: the seat reads the codes of why an op
    was not applied (OpResult.problem); `reads`: the ticket wire version the seat reads."""
    catalogue = taxonomy or load_taxonomy()
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with db.writing() as session:
                batch = _Batch(
                    session, user, sla, clock(), times or ClientTimes(), catalogue, problems, reads
                )
                return batch.settle(ops)
        except (IntegrityError, OperationalError) as exc:
            if attempt == ATTEMPTS or not _retryable(exc):
                raise
            log.info("push retried after a clash with another writer: %s", exc.orig)
            time.sleep(0.01 * attempt)
    raise AssertionError("unreachable")


def _retryable(exc: IntegrityError | OperationalError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    # PostgreSQL: serialization failure, deadlock; SQLite: locked/busy beyond busy_timeout.
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40001", "40P01") or "locked" in str(exc.orig) or "busy" in str(exc.orig)


# Why an op was not applied: a problem, or the words of one stored before codes were kept.
Reason = Problem | str | None


@dataclass
class _Outcome:
    op_id: str
    ticket_id: str
    status: OpStatus
    reason: Reason = None
    conflicts: list[FieldConflict] = field(default_factory=list)
    original: OpStatus | None = None
    snapshot: Ticket | None = None  # the ticket after the op, if the pusher may see it


@dataclass(frozen=True)
class _Settled:
    """How an op was settled (stored, or earlier in this batch): what a duplicate answers."""

    ticket_id: str
    status: OpStatus
    reason: Reason
    conflicts: list[dict[str, Any]]
    username: str  # who pushed it: only they are told how it went


class _Batch:
    """One push transaction. Tickets are worked on as domain values and written in bulk at the
    end (a batch of 500 ops is a handful of statements, not thousands)."""

    def __init__(
        self,
        session: Session,
        user: UserRow,
        sla: SlaClock,
        now: datetime,
        times: ClientTimes,
        taxonomy: Taxonomy,
        problems: bool,
        reads: int,
    ) -> None:
        self.session, self.user, self.sla, self.now, self.times = session, user, sla, now, times
        self.taxonomy, self.problems, self.reads = taxonomy, problems, reads
        self.role = role_of(user)
        self.tickets: dict[str, Ticket] = {}
        self.stamps: dict[str, dict[str, Any]] = {}  # per ticket: TicketRow.changes
        self.created: list[str] = []  # new tickets, in order: they get official numbers
        self.changed: set[str] = set()  # known tickets this batch changed
        self.settled: dict[str, _Settled] = {}
        self.taken_events: set[str] = set()
        self.events: list[dict[str, Any]] = []
        self.ops: list[dict[str, Any]] = []
        self.feed: list[feed.FeedEntry] = []
        self.work: dict[str, seat_work.Key | None] = {}  # per loaded ticket: the kind it counted as

    def settle(self, ops: Sequence[Op]) -> PushResponse:
        mark_seen(self.session, self.user, self.now)
        self._load(ops)
        outcomes = []
        for op in ops:
            if (done := self.settled.get(op.op_id)) is not None:
                if done.username != self.user.username:
                    # Someone else's op id: its reason and field conflicts are theirs to read.
                    outcomes.append(_Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, OP_ID_TAKEN))
                else:
                    outcomes.append(self._duplicate(op, done))
                continue
            outcome = self._settle_one(op)
            self._record(op, outcome)
            outcomes.append(outcome)
        # Before the numbers: from there to the commit every creating push waits for this one (the
        # day's number counter stays locked), and the counts need no number.
        changed = {i: seat_work.key(self.tickets[i]) for i in (*self.created, *self.changed)}
        seat_work.record(self.session, self.work, changed)
        numbers = dict(
            zip(self.created, official_numbers(self.session, len(self.created), self.now), strict=True)
        )
        self._name_repeats(numbers)
        for ticket_id, number in numbers.items():
            self.tickets[ticket_id] = dataclasses.replace(self.tickets[ticket_id], number=number)
        self._write()
        # Only the last answer per ticket carries an applied ticket: the seat adopts the newest one
        # of a batch anyway, and a drain's four ops per ticket sent (and parsed) it four times.
        last = {o.ticket_id: i for i, o in enumerate(outcomes) if o.snapshot is not None}
        results = [
            self._result(o, numbers, latest=last.get(o.ticket_id) == i) for i, o in enumerate(outcomes)
        ]
        return PushResponse(
            results=results, echo=self._append_feed({r.ticket.id for r in results if r.ticket})
        )

    def _name_repeats(self, numbers: Mapping[str, str]) -> None:
        """A repeat filed and merged in one batch is named on the joined ticket's link event and note
        by the local number it had then (L-A01-…): that seat reads the official one instead."""
        renamed = {self.tickets[ticket_id].display_no: number for ticket_id, number in numbers.items()}
        for values in self.events:
            data = values["data"]
            if values["action"] == Action.MERGE.value and data.get("from_no") in renamed:
                values["data"] = {**data, "from_no": renamed[data["from_no"]]}
        for i, entry in enumerate(self.feed):
            note = entry.note
            said = note.params.get("ticket") if note is not None and note.code == MERGED_NOTE else None
            if note is not None and isinstance(said, str) and said in renamed:
                params = {**note.params, "ticket": renamed[said]}
                self.feed[i] = dataclasses.replace(entry, note=Problem(MERGED_NOTE, params))

    def _append_feed(self, carried: set[str]) -> SeqRange | None:
        """Store the feed rows, those of tickets the answers carry last, so that they form one range
        the seat may skip on its next pull (it holds them as they are now). Rows of one ticket stay
        in order; the order between tickets of one transaction means nothing."""
        rest = [e for e in self.feed if e.ticket_id not in carried]
        echo = [e for e in self.feed if e.ticket_id in carried]
        first = feed.append(self.session, rest + echo, self.now)
        if not echo:
            return None
        return SeqRange(first=first + len(rest), last=first + len(rest) + len(echo) - 1)

    def _load(self, ops: Sequence[Op]) -> None:
        s = self.session
        op_ids = [op.op_id for op in ops]
        for r in s.execute(
            select(
                OpRow.op_id,
                OpRow.ticket_id,
                OpRow.status,
                OpRow.reason,
                OpRow.payload,
                OpRow.conflicts,
                OpRow.username,
            ).where(among(s, OpRow.op_id, op_ids))
        ):
            reason = _stored_reason(r.reason, r.payload)
            self.settled[r.op_id] = _Settled(r.ticket_id, OpStatus(r.status), reason, r.conflicts, r.username)
        # Locked in id order, the same in every batch, so two batches cannot deadlock on tickets.
        # A 并单's target too: it gets the link event, so it is locked with the others.
        targets = {op.command.merge_into for op in ops if isinstance(op, CommandOp) and op.command.merge_into}
        ticket_ids = sorted({op.ticket_id for op in ops} | targets)
        columns = select(*TicketRow.__table__.columns)
        query = columns.where(among(s, TicketRow.id, ticket_ids)).order_by(TicketRow.id).with_for_update()
        for row in s.execute(query):
            self.tickets[row.id] = to_ticket(row)
            self.stamps[row.id] = row.changes
            self.work[row.id] = seat_work.key(self.tickets[row.id])
        event_ids = [op.event.id if isinstance(op, CreateOp) else op.command.event_id for op in ops]
        self.taken_events = set(s.scalars(select(EventRow.id).where(among(s, EventRow.id, event_ids))))

    def _write(self) -> None:
        def values(ids: Iterable[str]) -> list[dict[str, Any]]:
            return [
                {**ticket_columns(self.tickets[i]), "changes": self.stamps[i], "updated_at": self.now}
                for i in ids
            ]

        s = self.session
        created, updated = values(self.created), values(sorted(self.changed - set(self.created)))
        if created:
            bulk_insert(s, table_of(TicketRow), created)
        if updated:
            s.execute(update(TicketRow), updated)
        if self.events:
            bulk_insert(s, table_of(EventRow), self.events)
        if self.ops:
            bulk_insert(s, table_of(OpRow), self.ops)

    # --- one op -------------------------------------------------------------------------------------

    def _settle_one(self, op: Op) -> _Outcome:
        outcome = self._judge(op)
        if outcome.status is OpStatus.REJECTED and outcome.snapshot is None:
            # The seat applied the refused change to its own copy already: send the server's ticket
            # (if the seat may see it) so that copy is put right; no later change may ever bring it.
            outcome.snapshot = self.tickets.get(op.ticket_id)
        return outcome

    def _judge(self, op: Op) -> _Outcome:
        if (refusal := self._rights_refusal(op) or self._time_refusal(op)) is not None:
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, refusal)
        event_id = op.event.id if isinstance(op, CreateOp) else op.command.event_id
        if event_id in self.taken_events:
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, Problem("push.event_id_taken"))
        if isinstance(op, CreateOp):
            return self._create(op)
        return self._command(op)

    def _rights_refusal(self, op: Op) -> Problem | None:
        acting = op.event.role if isinstance(op, CreateOp) else op.command.role
        if acting not in ACTS_AS[self.role]:
            return Problem("push.cannot_act_as", {"role": self.role.value, "acting": acting.value})
        if self.role in OWNER_FIELD and op.seat != self.user.seat_id:
            return Problem("push.other_seat", {"account_seat": self.user.seat_id or "—", "seat": op.seat})
        if (
            isinstance(op, CommandOp)
            and self.role is Role.OPERATOR
            and op.command.seat_id not in (None, op.seat)
        ):
            return Problem("push.command_seat_differs")
        return None

    def _time_refusal(self, op: Op) -> Problem | None:
        """A seat's times are planned from (SLA deadlines): each must lie near the server's clock."""
        times = [op.event.at, op.ticket.created_at] if isinstance(op, CreateOp) else [op.command.at]
        times.append(op.at)
        return next((r for at in times if (r := self.times.refusal(at, self.now))), None)

    def _create(self, op: CreateOp) -> _Outcome:
        if self.role is Role.DEPARTMENT:
            return _Outcome(
                op.op_id,
                op.ticket_id,
                OpStatus.REJECTED,
                Problem("push.department_cannot_accept"),
            )
        if op.ticket.seat_id != op.seat:
            return _Outcome(
                op.op_id,
                op.ticket_id,
                OpStatus.REJECTED,
                Problem("push.ticket_seat_differs"),
            )
        if op.ticket_id in self.tickets:
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, Problem("push.ticket_exists"))
        # The server plans again from a draft with the same accept step the seat ran: its deadlines,
        # not the seat's, are the official ones.
        draft = dataclasses.replace(
            op.ticket,
            status=Status.DRAFT,
            number=None,
            assigned_seat=None,
            department=None,
            satisfaction=None,
            supervised=False,
            accepted_at=None,
            closed_at=None,
            dispatch_due=None,
            close_due=None,
            contact_due=None,
            extension_due=None,  # 延期 and 催办 are steps of an accepted ticket, never part of a new one
            urge_count=0,
            version=0,
        )
        cmd = Command(Action.ACCEPT, self.user.display_name, op.event.role, op.event.at, seat_id=op.seat)
        try:
            accepted, event = apply_planned(draft, cmd, self.sla, event_id=op.event.id)
        except LifecycleError as exc:
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, exc.problem)
        if (refusal := _reference_refusal(accepted, self.taxonomy)) is not None:
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, refusal)
        ticket = dataclasses.replace(accepted, version=1)
        self.created.append(ticket.id)
        self._save(draft, ticket, cmd, op.seat, event)
        self.feed.append(_feed_entry(None, ticket, op.event.id, None))
        return _Outcome(op.op_id, op.ticket_id, OpStatus.APPLIED, snapshot=ticket)

    def _command(self, op: CommandOp) -> _Outcome:
        ticket = self.tickets.get(op.ticket_id)
        if ticket is None or not can_see(self.user, ticket):
            # The very answer a missing id gets: no conflict, reason, version or field tells an
            # account that may not see a ticket what it holds, or even that it exists.
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, NOT_YOURS)
        stamps = self.stamps[ticket.id]
        cmd = dataclasses.replace(op.command.to_domain(), actor=self.user.display_name)
        if ticket.accepted_at is not None and cmd.at < ticket.accepted_at:
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, BEFORE_ACCEPTED, snapshot=ticket)
        if self.role is Role.OPERATOR and cmd.action is Action.ASSIGN:
            taken = stamps.get("assigned_seat")
            if ticket.assigned_seat not in (None, op.seat) and taken is not None:
                return self._conflict(op, ticket, _taken_by(taken, ticket.assigned_seat))
        elif not owns(self.user, ticket):
            lost = stamps.get(OWNER_FIELD[self.role])
            if lost is not None and lost["version"] > op.base_version:
                return self._conflict(op, ticket, _taken_by(lost, getattr(ticket, OWNER_FIELD[self.role])))
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, NOT_YOURS)
        if cmd.action is Action.ASSIGN and cmd.role in LEADS and (moved := self._moved_since(op, stamps)):
            # Two leads moving one ticket: the first wins, the second is told who moved it where.
            return self._conflict(op, ticket, _taken_by(moved, ticket.assigned_seat))
        if cmd.action is Action.MERGE:
            return self._merge(op, ticket, cmd)
        conflicts: list[FieldConflict] = []
        if cmd.action is Action.EDIT:
            changes, conflicts = self._merge_fields(stamps, ticket, op.base_version, cmd.changes)
            if conflicts and not changes:
                return self._conflict(op, ticket, Problem("push.fields_changed"), conflicts)
            cmd = dataclasses.replace(cmd, changes=changes)
        try:
            changed, event = apply_planned(ticket, cmd, self.sla, event_id=op.command.event_id)
        except LifecycleError as exc:
            if op.base_version < ticket.version:
                return self._conflict(op, ticket, exc.problem)
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, exc.problem, snapshot=ticket)
        if (refusal := _reference_refusal(changed, self.taxonomy, ticket)) is not None:
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, refusal, snapshot=ticket)
        changed = dataclasses.replace(changed, version=ticket.version + 1)
        self._save(ticket, changed, cmd, op.seat, event)
        self.feed.append(_feed_entry(ticket, changed, op.command.event_id, _note(cmd, changed)))
        if conflicts:
            reason = Problem("push.some_fields_changed")
            return _Outcome(op.op_id, op.ticket_id, OpStatus.CONFLICT, reason, conflicts, snapshot=changed)
        return _Outcome(op.op_id, op.ticket_id, OpStatus.APPLIED, snapshot=changed)

    def _merge(self, op: CommandOp, repeat: Ticket, cmd: Command) -> _Outcome:
        """并单: the repeat closes into the ticket it joins, which gets the link event, both in this
        transaction. The ticket to join must be one the account may see or one of the same caller
        (来电历史 shows those); a missing one and one it may not join get the same answer."""
        main = self.tickets.get(cmd.merge_into or "")
        if main is None or not self._may_join(repeat, main):
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, NOT_YOURS, snapshot=repeat)
        try:
            changed, event = apply_planned(repeat, cmd, self.sla, event_id=op.command.event_id)
            link = link_repeat(main, changed, event)
        except LifecycleError as exc:
            if op.base_version < repeat.version:
                return self._conflict(op, repeat, exc.problem)
            return _Outcome(op.op_id, op.ticket_id, OpStatus.REJECTED, exc.problem, snapshot=repeat)
        changed = dataclasses.replace(changed, version=repeat.version + 1)
        self._save(repeat, changed, cmd, op.seat, event)
        self.feed.append(_feed_entry(repeat, changed, event.id, None))
        # The joined ticket's seat learns of it on its next pull (a new version carries the event).
        linked = dataclasses.replace(main, version=main.version + 1)
        self._save(main, linked, cmd, op.seat, link)
        self.feed.append(_feed_entry(main, linked, link.id, _merge_note(cmd, changed)))
        return _Outcome(op.op_id, op.ticket_id, OpStatus.APPLIED, snapshot=changed)

    def _moved_since(self, op: CommandOp, stamps: dict[str, Any]) -> dict[str, Any] | None:
        """The stamp of a change of seat by someone else after the version `op` was made on."""
        last = stamps.get("assigned_seat")
        if last is None or last["version"] <= op.base_version or last["by"] == self.user.username:
            return None
        return cast(dict[str, Any], last)

    def _may_join(self, repeat: Ticket, main: Ticket) -> bool:
        return can_see(self.user, main) or _same_caller(repeat, main)

    def _merge_fields(
        self, stamps: dict[str, Any], ticket: Ticket, base_version: int, changes: dict[str, object]
    ) -> tuple[dict[str, object], list[FieldConflict]]:
        """The changes that apply, and the fields someone else changed since `base_version` to
        another value than this seat's (those keep the server's value and are reported)."""
        applying: dict[str, object] = {}
        conflicts = []
        for name, mine in changes.items():
            last = stamps.get(name)
            theirs = getattr(ticket, name, None)
            if (
                last is not None
                and last["version"] > base_version
                and last["by"] != self.user.username
                and theirs != mine
            ):
                conflicts.append(FieldConflict(field=name, mine=_text(mine), theirs=_text(theirs)))
            else:
                applying[name] = mine
        return applying, conflicts

    def _conflict(
        self, op: CommandOp, ticket: Ticket, reason: Problem, conflicts: list[FieldConflict] | None = None
    ) -> _Outcome:
        return _Outcome(op.op_id, op.ticket_id, OpStatus.CONFLICT, reason, conflicts or [], snapshot=ticket)

    # --- bookkeeping --------------------------------------------------------------------------------

    def _save(self, before: Ticket, after: Ticket, cmd: Command, seat: str, event: TicketEvent) -> None:
        """Keep the changed ticket, its field stamps and its event, to be written at the end."""
        stamp = {
            "version": after.version,
            "by": self.user.username,
            "actor": self.user.display_name,
            "role": cmd.role.value,
            "seat": seat,
        }
        moved = {name: stamp for name in TRACKED if getattr(before, name) != getattr(after, name)}
        self.stamps[after.id] = {**self.stamps.get(after.id, {}), **moved}
        self.tickets[after.id] = after
        self.changed.add(after.id)
        self.events.append({**event_values(event), "received_at": self.now})
        self.taken_events.add(event.id)

    def _record(self, op: Op, outcome: _Outcome) -> None:
        ticket = self.tickets.get(op.ticket_id)
        conflicts = [c.model_dump(mode="json") for c in outcome.conflicts]
        self.ops.append(
            {
                "op_id": op.op_id,
                "ticket_id": op.ticket_id,
                "kind": op.kind.value,
                "seat": op.seat,
                "username": self.user.username,
                "base_version": op.base_version,
                "payload": _audit(op, outcome.reason),
                "received_at": self.now,
                "status": outcome.status.value,
                "reason": None if outcome.reason is None else str(outcome.reason),
                "conflicts": conflicts,
                "version": ticket.version if ticket is not None else None,
            }
        )
        self.settled[op.op_id] = _Settled(
            op.ticket_id, outcome.status, outcome.reason, conflicts, self.user.username
        )

    def _duplicate(self, op: Op, done: _Settled) -> _Outcome:
        return _Outcome(
            op.op_id,
            done.ticket_id,
            OpStatus.DUPLICATE,
            done.reason,
            [FieldConflict.model_validate(c) for c in done.conflicts],
            original=done.status,
            snapshot=self.tickets.get(done.ticket_id),
        )

    def _result(self, outcome: _Outcome, numbers: dict[str, str], *, latest: bool) -> OpResult:
        snapshot = outcome.snapshot
        if snapshot is not None and not can_see(self.user, snapshot):
            # Not the pusher's ticket (any more): say how the op went, not what the ticket holds.
            snapshot = None
        number = None if snapshot is None else snapshot.number or numbers.get(snapshot.id)
        applied = (outcome.original or outcome.status) is OpStatus.APPLIED
        carried = None if snapshot is None or (applied and not latest) else snapshot
        if carried is not None and carried.number != number:
            carried = dataclasses.replace(carried, number=number)
        # Built from the server's own values: validating them (every ticket flattened, checked and
        # decoded again) took a sixth of a push's time.
        return OpResult.model_construct(
            op_id=outcome.op_id,
            status=outcome.status,
            original=outcome.original,
            version=snapshot.version if snapshot is not None else None,
            number=number,
            ticket=None if carried is None else codec.as_read_by(carried, self.reads),
            reason=None if outcome.reason is None else str(outcome.reason),
            conflicts=outcome.conflicts,
            **(coded(outcome.reason) if self.problems and isinstance(outcome.reason, Problem) else {}),
        )


def _stored_reason(text: str | None, payload: dict[str, Any]) -> Reason:
    """Why a stored op was not applied: its problem when the record keeps the code, else (stored
    before codes were kept) its words."""
    if (kept := payload.get("problem")) is not None:
        return Problem(kept["problem"], kept["params"])
    return text


def _audit(op: Op, reason: Reason) -> dict[str, Any]:
    """What the op record keeps of an op: what was asked, by which event, when, never a second copy
    of the ticket (the caller's name, phone, address and the complaint live in `tickets` and
    `events` only, where retention finds them). An edit keeps the names of the fields it changed,
    a refusal its problem's code (the `reason` column has its words), to answer a replay alike."""
    refusal = {"problem": coded(reason)} if isinstance(reason, Problem) else {}
    if isinstance(op, CreateOp):
        t = op.ticket
        return {
            **refusal,
            "event_id": op.event.id,
            "action": op.event.action.value,
            "role": op.event.role.value,
            "at": op.at.isoformat(),
            "event_at": op.event.at.isoformat(),
            "created_at": t.created_at.isoformat(),
            "ticket": {"kind": t.kind.value, "category_code": t.category_code, "priority": t.priority.value},
        }
    c = op.command
    record: dict[str, Any] = {
        **refusal,
        "event_id": c.event_id,
        "action": c.action.value,
        "role": c.role.value,
        "at": op.at.isoformat(),
        "command_at": c.at.isoformat(),
        "seat_id": c.seat_id,
        "reason": c.reason,
        "department": c.department,
        "satisfaction": c.satisfaction.value if c.satisfaction is not None else None,
        "assign_to": c.assign_to,
        "merge_into": c.merge_into,
        "until": c.until.isoformat() if c.until is not None else None,
    }
    if c.changes is not None:
        record["fields"] = sorted(c.changes.model_fields_set)
    return record


def _feed_entry(before: Ticket | None, after: Ticket, event_id: str, note: Problem | None) -> feed.FeedEntry:
    return feed.FeedEntry(
        ticket_id=after.id,
        assigned_seat=after.assigned_seat,
        previous_seat=before.assigned_seat if before is not None else None,
        origin_seat=after.seat_id,
        department=after.department,
        previous_department=before.department if before is not None else None,
        event_ids=(event_id,),
        note=note,
    )


def _note(cmd: Command, moved_ticket: Ticket) -> Problem | None:
    """What a seat reads when a lead moved its ticket: 班长 李华 将 12345-… 改派至 A07：忙闲调整."""
    if cmd.action is not Action.ASSIGN or cmd.role not in LEADS:
        return None
    moved = {"role": cmd.role.value, "actor": cmd.actor, "ticket": moved_ticket.display_no}
    if cmd.assign_to is None:
        return Problem("notice.pooled", {**moved, "reason": cmd.reason or "—"})
    moved["seat"] = cmd.assign_to
    if cmd.reason:
        return Problem("notice.reassigned_because", {**moved, "reason": cmd.reason})
    return Problem("notice.reassigned", moved)


MERGED_NOTE = "notice.merged"


def _merge_note(cmd: Command, repeat: Ticket) -> Problem:
    """What the joined ticket's seat reads: 话务员01 并单：A01-20261207-0003 并入本工单."""
    return Problem(MERGED_NOTE, {"actor": cmd.actor, "ticket": repeat.display_no})


def _same_caller(repeat: Ticket, main: Ticket) -> bool:
    def digits(phone: str) -> str:
        return phone.replace("-", "").replace(" ", "")

    return bool(digits(repeat.caller.phone)) and digits(repeat.caller.phone) == digits(main.caller.phone)


def _taken_by(stamp: dict[str, Any], now_with: str | None) -> Problem:
    return Problem("push.taken_by", {"role": stamp["role"], "actor": stamp["actor"], "seat": now_with or "—"})


def _text(value: object) -> str:
    if isinstance(value, Caller):
        return f"{value.name} {value.phone}".strip()
    return "" if value is None else str(value)


def _reference_refusal(ticket: Ticket, taxonomy: Taxonomy, before: Ticket | None = None) -> Problem | None:
    """Codes must be ones the server knows: a stale seat could send a retired category. A ticket
    keeps the code it was filed under (or dispatched to) when a later catalogue drops it: only a
    code the op sets is checked."""
    category, department = ticket.category_code, ticket.department
    if before is not None:
        category = None if category == before.category_code else category
        department = None if department == before.department else department
    if category is not None and category not in taxonomy:
        return Problem("server.unknown_category", {"category": category})
    if department is not None and not taxonomy.knows_department(department):
        return Problem("server.unknown_department", {"department": department})
    return None
