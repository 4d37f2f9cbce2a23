"""Ops: what a seat sends the central server about a ticket, and how the server settles each one.

One definition for the seat's outbox and the wire (sync.protocol), so the two cannot mean different
things by the same code.
"""

from __future__ import annotations

from enum import StrEnum


class OpKind(StrEnum):
    CREATE = "create"  # 受理: a new ticket with its accept event
    UPDATE = "update"  # 修改
    TRANSITION = "transition"  # a lifecycle step (派单, 回访 ...)
    ASSIGN = "assign"  # 分配坐席


class OpStatus(StrEnum):
    """How an op was settled (the seat also settles one it could not even send, as rejected)."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"  # this op_id was settled before; the answer's `original` says how
    CONFLICT = "conflict"  # someone else changed the same thing; the answer carries the server's ticket
    REJECTED = "rejected"  # refused for good (rules, rights, bad data); the answer's reason says why
