"""One sync round (同步): push the outbox in batches, settle each batch, then pull until caught up.

The loop (or a test) calls sync_once. Progress is committed batch by batch, so a failure half-way
keeps everything already settled and pulled; the rest follows in the next round.

Requests run one ahead on a helper thread: while a batch's answers are settled in the local store,
the next batch is already on the wire (and the next pull page while one is applied). Answers are
still settled strictly in order, and a batch that shares a ticket with the one being settled waits
for it, since settling may give that ticket's later ops a new base version.

The pull that follows a push asks the server to leave out the push's echo (the feed rows of tickets
the answers carried as they now are), learnt only from answers settled in this round: a store that
never saw those answers (restored from a backup, say) pulls everything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.ops import OpStatus
from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.notify.notification import Viewer
from app.store.conflicts import ConflictStore
from app.store.db import Store
from app.store.outbox import Outbox, PendingOp
from app.store.replica import Answer, FieldDiff, Pulled, Replica
from app.store.tickets import TicketStore, utc_now
from sync.client.api import AuthRequired, Offline, ServerApi, ServerRefused
from sync.client.callbacks import CallbackSync
from sync.client.exports import ExportSync
from sync.client.kb import KbSync
from sync.client.outbound import prepare
from sync.client.reference import ReferenceSync, ReferenceUpdate
from sync.client.status import SyncState, SyncStatus
from sync.client.warnings import WarningWatch
from sync.protocol import (
    MAX_BATCH,
    MAX_PULL,
    CodedPullResponse,
    CodedTicketChange,
    Op,
    OpResult,
    ReferenceVersions,
    SeatReport,
    SeqRange,
)

log = logging.getLogger(__name__)

# The server refused a whole batch as a request (not per op): find the op it objects to one by one.
_BATCH_REFUSALS = frozenset({400, 409, 413, 422})
NO_SEAT = "-"  # a lead's login without a seat: ops still say where they were made, when they can


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    kb_changed: int = 0  # knowledge-base articles saved or deleted
    kb_uses_sent: int = 0  # which article answered which ticket, sent for the leads' report
    callbacks_sent: int = 0  # callbacks (漏接回拨 · 回访) the server kept, for the leads' list
    exports_sent: int = 0  # exports (导出) now on the server's access log
    warnings: int = 0  # 苗头预警 notifications added (a lead's seat)
    notices: list[Problem | str] = field(default_factory=list)  # server decisions to tell (改派 ...)
    reference: ReferenceUpdate = field(default_factory=ReferenceUpdate)  # taxonomy, SLA ... kept or refused

    def count(self, answers: Sequence[Answer]) -> None:
        for answer in answers:
            self.duplicates += answer.result is OpStatus.DUPLICATE
            match answer.outcome:
                case OpStatus.APPLIED:
                    self.applied += 1
                case OpStatus.CONFLICT:
                    self.conflicts += 1
                case OpStatus.REJECTED:
                    self.rejected += 1


class SyncEngine:
    def __init__(
        self,
        store: Store,
        sla: SlaClock,
        api: ServerApi,
        *,
        batch_size: int = MAX_BATCH,
        pull_limit: int = 500,
        clock: Callable[[], datetime] = utc_now,
        kb: KbSync | None = None,
        reference: ReferenceSync | None = None,
        seat_report: Callable[[], SeatReport | None] | None = None,
        callbacks: CallbackSync | None = None,
        exports: ExportSync | None = None,
        warnings: WarningWatch | None = None,
    ) -> None:
        """`seat_report`: the seat's state and shift counts now, sent after every round (a round
        with nothing to push or pull is the heartbeat that keeps the lead's board current).
        `callbacks`: the seat's callback list, sent after every round (an operator's seat only).
        `exports`: the signed-in account's exports (导出), sent after every round for the access log.
        `warnings`: the server's 苗头预警, looked at after a round while a team lead is signed in."""
        self._api = api
        self._callbacks, self._exports, self._warnings = callbacks, exports, warnings
        self._seat_report = seat_report
        self._kb, self._reference = kb, reference
        self._outbox = Outbox(store)
        self.replica = Replica(store, sla, clock=clock)
        self._tickets = TicketStore(store, sla, clock=clock)
        self.conflicts = ConflictStore(store, self._tickets, clock=clock)
        self._batch_size = min(batch_size, MAX_BATCH)
        self._pull_limit = min(pull_limit, MAX_PULL)
        self._clock = clock
        self._state = SyncState.OFFLINE
        self._error: Problem | str | None = None
        self._last_success: datetime | None = None

    def plan_with(self, sla: SlaClock) -> None:
        """Tickets pulled or settled in a conflict from now on are planned with `sla` (newer rules
        the seat switched to)."""
        self.replica.plan_with(sla)
        self._tickets.plan_with(sla)

    def status(self) -> SyncStatus:
        return SyncStatus(
            state=self._state,
            pending=self._outbox.pending_count(),
            conflicts=self.conflicts.open_count(),
            last_success=self._last_success,
            error=self._error,
        )

    def sync_once(self) -> SyncReport:
        """Push everything pending, then pull every page; raises Offline/AuthRequired/ServerRefused."""
        report = SyncReport()
        self._state = SyncState.SYNCING
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-request") as ahead:
                echo = self._push_all(report, ahead)
                served = self._pull_all(report, ahead, echo)
            if self._reference is not None:
                report.reference = self._reference.pull(served)
            if self._kb is not None:
                report.kb_changed = self._kb.pull(served.kb)
                report.kb_uses_sent = self._kb.send_uses()
            if self._callbacks is not None:
                report.callbacks_sent = self._callbacks.send()
            if self._exports is not None:
                report.exports_sent = self._exports.send()
            if self._seat_report is not None and (seat := self._seat_report()) is not None:
                self._api.report_seat(seat)
            if self._warnings is not None and (viewer := self._viewer()) is not None and viewer.lead:
                report.warnings = self._warnings.look(self._clock())
        except Offline as exc:
            self._state, self._error = SyncState.OFFLINE, exc.problem
            raise
        except AuthRequired as exc:
            self._state, self._error = SyncState.AUTH_REQUIRED, exc.problem
            raise
        except ServerRefused as exc:
            self._state, self._error = SyncState.ONLINE, exc.error.as_problem() or exc.error.message
            raise
        except BaseException:
            self._state = SyncState.OFFLINE
            raise
        self._state, self._error, self._last_success = SyncState.ONLINE, None, self._clock()
        if report.pushed or report.pulled:
            log.info(
                "同步: pushed %d (applied %d, duplicate %d, conflict %d, rejected %d), pulled %d",
                report.pushed,
                report.applied,
                report.duplicates,
                report.conflicts,
                report.rejected,
                report.pulled,
            )
        return report

    # -- push -----------------------------------------------------------------------------------------

    def _push_all(self, report: SyncReport, ahead: ThreadPoolExecutor) -> list[SeqRange]:
        """Push every pending batch; the feed ranges the pull may skip (see the module docstring)."""
        echo: list[SeqRange] = []
        user = self._api.user()
        seat = (user.seat_id if user else None) or NO_SEAT
        flight = self._send(ahead, self._outbox.pending(self._batch_size), seat)
        while flight is not None:
            following = self._outbox.pending(self._batch_size, after=flight.batch[-1].seq)
            shared = not flight.tickets.isdisjoint(op.ticket_id for op in following)
            upcoming = None if shared else self._send(ahead, following, seat)
            answers, echoed = flight.answers()
            settled = self.replica.settle(answers)
            if {a.ticket.id for a in answers if a.ticket} <= settled.tickets:
                echo += echoed  # every ticket the answers carried was taken in
            report.pushed += len(flight.ops)
            report.count(answers)
            if not {a.op_id for a in answers} & {op.op_id for op in flight.batch}:
                # The server answered none of them: stop rather than send the same batch forever.
                log.warning("同步: no op of the batch was answered; retrying next round")
                break
            flight = self._send(ahead, self._outbox.pending(self._batch_size), seat) if shared else upcoming
        return echo

    def _send(self, ahead: ThreadPoolExecutor, batch: list[PendingOp], seat: str) -> _Flight | None:
        """Put `batch` on the wire (None when it is empty); ops that cannot be sent are answered here."""
        if not batch:
            return None
        outbound = prepare(batch, seat)
        request = ahead.submit(self._push, outbound.ops) if outbound.ops else None
        return _Flight(batch, outbound.ops, outbound.refused, request)

    def _push(self, ops: list[Op]) -> _Reply:
        try:
            response = self._api.push(ops)
        except ServerRefused as exc:
            if exc.status not in _BATCH_REFUSALS:
                raise
            if len(ops) == 1:
                why = exc.error.as_problem() or exc.error.message
                return _Reply([Answer(ops[0].op_id, OpStatus.REJECTED, reason=why)], [])
            one_by_one = [self._push([op]) for op in ops]
            return _Reply([a for r in one_by_one for a in r.answers], [e for r in one_by_one for e in r.echo])
        return _Reply([_answer(r) for r in response.results], [response.echo] if response.echo else [])

    # -- pull -----------------------------------------------------------------------------------------

    def _viewer(self) -> Viewer | None:
        """Who the pulled changes are news for (notifications): the user signed in now."""
        user = self._api.user()
        if user is None:
            return None
        return Viewer(user.seat_id, user.role, frozenset({user.username, user.display_name}))

    def _pull_all(
        self, report: SyncReport, ahead: ThreadPoolExecutor, echo: list[SeqRange]
    ) -> ReferenceVersions:
        """Pull every ticket page; the reference versions (KB revision too) as the last page gave them."""
        cursor = self.replica.cursor()
        viewer = self._viewer()
        request = ahead.submit(self._api.pull, cursor, self._pull_limit, echo)
        while True:
            page: CodedPullResponse = request.result()
            more = page.more and page.cursor != cursor
            if more:
                request = ahead.submit(self._api.pull, page.cursor, self._pull_limit, echo)
            items = [_pulled(change) for change in page.changes]
            self.replica.apply_pull(items, cursor=page.cursor, viewer=viewer)
            report.pulled += len(items)
            report.notices += [item.note for item in items if item.note]
            if not more:
                return page.reference
            cursor = page.cursor


@dataclass(frozen=True)
class _Reply:
    """What the server answered to a batch: per op, and the feed rows that echo it."""

    answers: list[Answer]
    echo: list[SeqRange]


@dataclass(frozen=True)
class _Flight:
    """A batch on its way: its outbox rows, the ops sent, and those answered without sending."""

    batch: list[PendingOp]
    ops: list[Op]
    refused: list[Answer]
    request: Future[_Reply] | None

    @property
    def tickets(self) -> frozenset[str]:
        return frozenset(op.ticket_id for op in self.batch)

    def answers(self) -> tuple[list[Answer], list[SeqRange]]:
        """Every answer of the batch, in order, and its echo; raises what the request raised (Offline ...)."""
        if self.request is None:
            return self.refused, []
        reply = self.request.result()
        return self.refused + reply.answers, reply.echo


def _answer(result: OpResult) -> Answer:
    return Answer(
        op_id=result.op_id,
        result=result.status,
        original=result.original,
        ticket=result.ticket,
        version=result.version,
        number=result.number,
        reason=result.as_problem() or result.reason,
        conflicts=tuple(FieldDiff(c.field, c.mine, c.theirs) for c in result.conflicts),
    )


def _pulled(change: CodedTicketChange) -> Pulled:
    return Pulled(
        ticket=change.ticket,
        events=tuple(change.events),
        note=change.as_problem() or change.note,
    )
