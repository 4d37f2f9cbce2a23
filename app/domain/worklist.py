"""Whose move it is (待办): what a ticket waits for in each status, and so the order a seat works in.

The operator acts on 已受理 (派单, against the 派单 deadline), 已答复 (回访) and 已回访 (办结); the
承办单位 acts on 已派单 and 办理中 (against the 办结 deadline); nobody acts on 已办结. The queue's
default order (app/store/queue.py) lists the operator's moves first, then the department's, then
the closed ones.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum
from typing import Final

from app.domain.status import Status
from app.domain.ticket import Ticket


class Turn(IntEnum):
    """Whose move a ticket waits for, numbered in the order the operator works through them."""

    DISPATCH = 0  # 已受理: this operator dispatches it (派单)
    FOLLOW_UP = 1  # 已答复 / 已回访: this operator calls the citizen back (回访) or closes it (办结)
    DEPARTMENT = 2  # 已派单 / 办理中: the 承办单位 handles it; the operator only watches
    NOBODY = 3  # 已办结 (and drafts, which never reach the queue)


TURN: Final[dict[Status, Turn]] = {
    Status.DRAFT: Turn.NOBODY,
    Status.ACCEPTED: Turn.DISPATCH,
    Status.DISPATCHED: Turn.DEPARTMENT,
    Status.IN_PROGRESS: Turn.DEPARTMENT,
    Status.RETURNED: Turn.DISPATCH,  # the centre reviews the 退单, then dispatches anew
    Status.REPLIED: Turn.FOLLOW_UP,
    Status.VISITED: Turn.FOLLOW_UP,
    Status.CLOSED: Turn.NOBODY,
}


_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def work_order(ticket: Ticket) -> tuple[object, ...]:
    """Sort key of the queue's default order (待我处理): whose move it is (this operator's first),
    督办 first, the nearest running deadline first (none last), then the longest waiting; closed
    tickets newest first. The store computes the same order in SQL (app.store.queue.operator_first)."""
    turn = TURN[ticket.status]
    waiting_since = _EPOCH if turn is Turn.NOBODY else ticket.created_at
    return (
        turn,
        not ticket.supervised,
        ticket.next_due is None,
        ticket.next_due or _EPOCH,
        waiting_since,
        -ticket.created_at.timestamp(),
    )
