"""Seats (坐席) and their working state."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SeatState(StrEnum):
    """坐席状态 as a team lead sees it on the seat board."""

    IDLE = "idle"  # 空闲
    ON_CALL = "on_call"  # 通话中
    WRAP_UP = "wrap_up"  # 话后处理
    BREAK = "break"  # 小休
    OFFLINE = "offline"  # 离线

    @property
    def label(self) -> str:
        return _SEAT_STATE_LABELS[self]


_SEAT_STATE_LABELS = {
    SeatState.IDLE: "空闲",
    SeatState.ON_CALL: "通话中",
    SeatState.WRAP_UP: "话后处理",
    SeatState.BREAK: "小休",
    SeatState.OFFLINE: "离线",
}


@dataclass(frozen=True)
class Seat:
    """One operator position: one PC, one seat id, the operator signed in on it."""

    seat_id: str
    operator: str
    state: SeatState = SeatState.IDLE
