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
    """One operator position: one PC, one seat id, the operator signed in on it."""

    seat_id: str
    operator: str
    state: SeatState = SeatState.IDLE
