"""The seat's callback list (漏接回拨 · 回访): every change committed at once, and sent to the server
after each sync round until the server has its latest version (sync.client.callbacks)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app.domain.call import CallSession
from app.domain.callback import Callback, CallbackError, follow_up, missed
from app.domain.callback_states import CallbackEvent, CallbackKind, CallbackResult, CallbackState
from app.domain.problem import Problem
from app.store.changes import Changes
from app.store.db import Store
from app.store.models import CallbackRow

CHANGED = Changes(callbacks=True)


def utc_now() -> datetime:
    return datetime.now(UTC)


class CallbackStore:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._clock = clock

    def missed(self, call: CallSession, seat_id: str) -> tuple[Callback | None, Changes]:
        """A missed call onto the list: a new callback, or one more ring of the number's waiting one.
        None (nothing kept) for a withheld number."""
        made = missed(call, seat_id)
        if made is None:
            return None, Changes()
        with self._store.transaction() as session:
            row = session.scalars(
                select(CallbackRow).where(
                    CallbackRow.seat_id == seat_id,
                    CallbackRow.number == made.number,
                    CallbackRow.kind == CallbackKind.MISSED.value,
                    CallbackRow.state != CallbackState.DONE.value,
                )
            ).first()
            if row is None:
                session.add(CallbackRow(**_columns(made), sent_version=0))
                return made, CHANGED
            callback = _callback(row).rang_again(made.call_id, made.at)
            _write(row, callback)
            return callback, CHANGED

    def follow_up(self, ticket_id: str, number: str, seat_id: str) -> tuple[Callback, Changes]:
        """The ticket's 回访 call on the list; the one already waiting when there is one."""
        with self._store.transaction() as session:
            row = session.scalars(
                select(CallbackRow).where(
                    CallbackRow.ticket_id == ticket_id,
                    CallbackRow.kind == CallbackKind.FOLLOW_UP.value,
                    CallbackRow.state != CallbackState.DONE.value,
                )
            ).first()
            if row is not None:
                return _callback(row), Changes()
            made = follow_up(ticket_id, number, seat_id, self._clock())
            session.add(CallbackRow(**_columns(made), sent_version=0))
            return made, CHANGED

    def listing(self, seat_id: str, *, done_since: datetime) -> list[Callback]:
        """The seat's open callbacks, oldest first, then those done since `done_since`, latest first."""
        query = select(CallbackRow).where(
            CallbackRow.seat_id == seat_id,
            or_(CallbackRow.state != CallbackState.DONE.value, CallbackRow.done_at >= done_since),
        )
        with self._store.reading() as session:
            found = [_callback(row) for row in session.scalars(query)]
        waiting = sorted((c for c in found if c.open), key=lambda c: (c.at, c.id))
        done = sorted((c for c in found if not c.open), key=lambda c: (c.done_at or c.at, c.id), reverse=True)
        return waiting + done

    def get(self, callback_id: str) -> Callback:
        with self._store.reading() as session:
            return _callback(_row(session, callback_id))

    def step(
        self, callback_id: str, event: CallbackEvent, *, draft_id: str = "", ticket_id: str = ""
    ) -> tuple[Callback, Changes]:
        """Start an attempt or record how it ended; CallbackError when it does not fit (nothing kept)."""
        with self._store.transaction() as session:
            return step_in(
                session, callback_id, event, self._clock(), draft_id=draft_id, ticket_id=ticket_id
            ), CHANGED

    def unsent(self, limit: int) -> list[Callback]:
        """Callbacks whose latest version the server does not have yet, oldest change first."""
        query = (
            select(CallbackRow)
            .where(CallbackRow.version > CallbackRow.sent_version)
            .order_by(CallbackRow.at, CallbackRow.id)
            .limit(limit)
        )
        with self._store.reading() as session:
            return [_callback(row) for row in session.scalars(query)]

    def mark_sent(self, sent: Iterable[Callback]) -> None:
        """The server has these versions (a later change is still to be sent)."""
        with self._store.transaction() as session:
            for callback in sent:
                session.execute(
                    update(CallbackRow)
                    .where(CallbackRow.id == callback.id, CallbackRow.sent_version < callback.version)
                    .values(sent_version=callback.version)
                )


def step_in(
    session: Session,
    callback_id: str,
    event: CallbackEvent,
    at: datetime,
    *,
    draft_id: str = "",
    ticket_id: str = "",
) -> Callback:
    """`CallbackStore.step` inside the caller's transaction: a filed ticket records its callback's
    result in the commit that files it."""
    row = _row(session, callback_id)
    callback = _callback(row).step(event, at, draft_id=draft_id, ticket_id=ticket_id)
    _write(row, callback)
    return callback


def visited_in(session: Session, ticket_id: str, at: datetime) -> None:
    """回访 recorded on the ticket: its follow-up call on the list is done, 已回拨 (the visit was that
    call, whether or not it was started from the list), in the commit that records the visit."""
    row = session.scalars(
        select(CallbackRow).where(
            CallbackRow.ticket_id == ticket_id,
            CallbackRow.kind == CallbackKind.FOLLOW_UP.value,
            CallbackRow.state != CallbackState.DONE.value,
        )
    ).first()
    if row is None:
        return
    callback = _callback(row)
    if callback.state is CallbackState.WAITING:
        callback = callback.step(CallbackEvent.START, at)
    _write(row, callback.step(CallbackEvent.REACHED, at))


def _row(session: Session, callback_id: str) -> CallbackRow:
    row = session.get(CallbackRow, callback_id)
    if row is None:
        raise CallbackError(Problem("callback.unknown", {"callback": callback_id}))
    return row


def _columns(callback: Callback) -> dict[str, object]:
    values = dataclasses.asdict(callback)
    values["kind"] = callback.kind.value
    values["state"] = callback.state.value
    values["result"] = None if callback.result is None else callback.result.value
    return values


def _write(row: CallbackRow, callback: Callback) -> None:
    for name, value in _columns(callback).items():
        setattr(row, name, value)


def _callback(row: CallbackRow) -> Callback:
    return Callback(
        id=row.id,
        kind=CallbackKind(row.kind),
        seat_id=row.seat_id,
        number=row.number,
        at=row.at,
        call_id=row.call_id,
        ticket_id=row.ticket_id,
        state=CallbackState(row.state),
        attempts=row.attempts,
        result=None if row.result is None else CallbackResult(row.result),
        rings=row.rings,
        draft_id=row.draft_id,
        last_attempt_at=row.last_attempt_at,
        done_at=row.done_at,
        version=row.version,
    )
