"""漏接回拨 · 回访 on the server: each seat sends its callback list (PUT /callbacks) and reads it back
(GET /callbacks); a team lead sees every seat's unreturned calls (GET /lead/callbacks).

A callback is its seat's: only an operator account of that seat sends or reads it. The server keeps
the highest version it was sent, so a batch sent again or late changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.callback_states import CallbackState
from app.domain.problem import Problem
from app.domain.status import Role
from sync.protocol import (
    MAX_CALLBACKS,
    CallbackPush,
    CallbackPushResult,
    CallbackRefusal,
    CallbackWire,
    Code,
    ErrorBody,
    coded,
)
from sync.server import access
from sync.server.access import Caller
from sync.server.auth import Principal
from sync.server.errors import forbidden
from sync.server.models import CallbackRow, UserRow
from sync.server.services import Lead, Svc, User, client_address

router = APIRouter(
    responses={code: {"model": ErrorBody} for code in (401, 403, 413, 422)}, tags=["callbacks"]
)

_FIELDS = tuple(name for name in CallbackWire.model_fields if name != "seat_id")


def _own_seat(user: UserRow) -> str:
    """The seat an operator account speaks for; 403 for any other account."""
    if user.role != Role.OPERATOR.value or not user.seat_id:
        raise forbidden()
    return user.seat_id


@router.put("/callbacks")
def put_callbacks(body: CallbackPush, who: User, svc: Svc) -> CallbackPushResult:
    """The seat's callbacks changed since it last sent them. Each must be of the account's own seat;
    one of another seat (named so, or kept under another seat already) is refused and left as it is."""
    seat = _own_seat(who.user)
    now = svc.settings.clock()
    refused: list[CallbackRefusal] = []
    with svc.db.writing() as session:
        kept = {
            row.id: row
            for row in session.scalars(
                select(CallbackRow).where(CallbackRow.id.in_([c.id for c in body.callbacks]))
            )
        }
        for callback in body.callbacks:
            row = kept.get(callback.id)
            if callback.seat_id != seat or (row is not None and row.seat_id != seat):
                problem = Problem("server.callback_not_yours", {"callback": callback.id})
                refused.append(CallbackRefusal(id=callback.id, **coded(problem)))
                continue
            if row is None:
                row = kept[callback.id] = CallbackRow(id=callback.id, seat_id=seat)
                session.add(row)
            elif row.version >= callback.version:
                continue  # sent again, or overtaken by a newer version
            _write(row, callback, who.user.username, now)
    return CallbackPushResult(kept=len(body.callbacks) - len(refused), refused=refused)


def _write(row: CallbackRow, callback: CallbackWire, username: str, now: datetime) -> None:
    values = callback.model_dump(include=set(_FIELDS))
    for name in ("kind", "state", "result"):
        value = getattr(callback, name)
        values[name] = None if value is None else value.value
    for name, value in values.items():
        setattr(row, name, value)
    row.username, row.received_at = username, now


@router.get("/callbacks")
def get_callbacks(
    who: User,
    request: Request,
    svc: Svc,
    open_only: Annotated[bool, Query(description="only those still to be returned")] = False,
) -> list[CallbackWire]:
    """The account's own seat's callbacks, oldest first (operators only: a callback is its seat's)."""
    seat = _own_seat(who.user)
    with svc.db.writing() as session:
        _logged(session, who, request, svc, access.CALLBACKS, {"seat": seat})
        return _listed(session, seat=seat, open_only=open_only)


@router.get("/lead/callbacks", tags=["lead"])
def lead_callbacks(
    who: Lead,
    request: Request,
    svc: Svc,
    seat: Annotated[Code | None, Query(description="one seat's only")] = None,
) -> list[CallbackWire]:
    """Every seat's unreturned calls (待回拨 and 回拨中), oldest first: what the centre still owes."""
    with svc.db.writing() as session:
        _logged(session, who, request, svc, access.LEAD_CALLBACKS, {"seat": seat or ""})
        return _listed(session, seat=seat, open_only=True)


def _logged(
    session: Session, who: Principal, request: Request, svc: Svc, action: str, detail: dict[str, str]
) -> None:
    # Callers' numbers: who read them is kept like any other read of personal data.
    access.record(
        session, Caller.of(who.user, client_address(request)), svc.settings.clock(), action, detail=detail
    )


def _listed(session: Session, *, seat: str | None, open_only: bool) -> list[CallbackWire]:
    query = select(CallbackRow).order_by(CallbackRow.at, CallbackRow.id).limit(MAX_CALLBACKS)
    if seat is not None:
        query = query.where(CallbackRow.seat_id == seat)
    if open_only:
        query = query.where(CallbackRow.state != CallbackState.DONE.value)
    return [
        CallbackWire.model_validate(
            {"seat_id": row.seat_id, **{name: getattr(row, name) for name in _FIELDS}}
        )
        for row in session.scalars(query)
    ]
