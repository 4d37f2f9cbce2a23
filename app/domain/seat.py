"""Seats (坐席) and their working state."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.labelled import LabelledEnum


class SeatState(LabelledEnum):
    """坐席状态 as a team lead sees it on the seat board."""

    IDLE = "idle", "空闲"
    ON_CALL = "on_call", "通话中"
    WRAP_UP = "wrap_up", "话后处理"
    BREAK = "break", "小休"
    OFFLINE = "offline", "离线"


@dataclass(frozen=True)
class Seat:
    """One operator position: one PC, one seat id, the operator signed in on it. Its state through
    the shift is app.domain.shift.SeatSession's."""

    seat_id: str
    operator: str


class SeatEvent(LabelledEnum):
    """What changes a seat's state: its calls, its tickets, the wrap-up clock and the operator."""

    CALL_ANSWERED = "call_answered", "接听来电"
    CALL_FINISHED = "call_finished", "结束通话"  # hung up or transferred
    CALL_MISSED = "call_missed", "漏接来电"
    TICKET_FILED = "ticket_filed", "受理工单"
    WRAP_UP_DUE = "wrap_up_due", "话后处理到时"
    CHOOSE_IDLE = "choose_idle", "置为空闲"
    CHOOSE_BREAK = "choose_break", "小休"
    CHOOSE_WRAP_UP = "choose_wrap_up", "话后处理"
