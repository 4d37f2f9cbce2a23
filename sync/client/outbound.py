"""Outbox rows become wire ops (PendingOp → CreateOp | CommandOp), checked by the protocol models.

A row whose stored payload no longer validates (written by an older version, damaged) is not sent: it
is settled here as rejected, with a conflict record that keeps what it held, so one bad row can never
block the queue behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from app.domain import codec
from app.domain.ops import OpKind, OpStatus
from app.domain.problem import Problem
from app.store.outbox import PendingOp
from app.store.replica import Answer
from sync.protocol import PREVIOUS_WIRE, CreateOp, Op

_OP = TypeAdapter(Op)


@dataclass(frozen=True)
class Outbound:
    ops: list[Op]  # ready to push, in outbox order
    refused: list[Answer]  # to settle locally as rejected


def to_wire(op: PendingOp, seat: str) -> Op:
    """The protocol op for an outbox row; a ValidationError when its payload does not fit.

    `seat` is the signed-in seat, for ops that do not say which seat made them (a lead's command)."""
    envelope = {
        "kind": op.kind.value,
        "op_id": op.op_id,
        "ticket_id": op.ticket_id,
        "base_version": 0 if op.kind is OpKind.CREATE else op.base_version,
        "at": op.created_at.isoformat(),
        "seat": _made_on(op) or seat,
        **op.payload,
    }
    wire = _OP.validate_python(envelope)
    if isinstance(wire, CreateOp):
        # The server plans the deadlines itself (联系时限 too), and one of the previous wire version
        # refuses a field it does not know: the create leaves out what came later and is planned.
        return wire.model_copy(update={"ticket": codec.as_read_by(wire.ticket, PREVIOUS_WIRE)})
    return wire


def _made_on(op: PendingOp) -> str | None:
    made_by = op.payload.get("command") or op.payload.get("ticket") or {}
    seat = made_by.get("seat_id") if isinstance(made_by, dict) else None
    return seat if isinstance(seat, str) and seat else None


def prepare(pending: Sequence[PendingOp], seat: str) -> Outbound:
    ops: list[Op] = []
    refused: list[Answer] = []
    for op in pending:
        try:
            ops.append(to_wire(op, seat))
        except ValidationError as exc:
            fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:5])
            unsendable = Problem("sync.unsendable", {"fields": fields})
            refused.append(Answer(op.op_id, OpStatus.REJECTED, reason=unsendable))
    return Outbound(ops, refused)
