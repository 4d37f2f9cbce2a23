"""The ticket (工单): one citizen request, from the first word on the phone to 办结."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.kinds import Kind, Priority
from app.domain.status import Satisfaction, Status


@dataclass(frozen=True)
class Caller:
    """来电人. Personal data: masked in logs and in views that do not need it."""

    name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Ticket:
    """A ticket as the domain sees it; changes go through app.domain.lifecycle and make new values."""

    id: str  # UUIDv7 made on the client
    local_no: str  # provisional number shown until the server assigns the official one
    kind: Kind
    status: Status
    seat_id: str  # the seat that took the call
    created_at: datetime
    number: str | None = None  # official 工单编号, assigned by the central server
    category_code: str | None = None
    priority: Priority = Priority.NORMAL
    caller: Caller = field(default_factory=Caller)
    address: str = ""  # 事发地址
    district: str = ""
    content: str = ""  # 诉求内容
    assigned_seat: str | None = None
    department: str | None = None  # 承办单位 code once dispatched
    satisfaction: Satisfaction | None = None
    supervised: bool = False  # 督办
    accepted_at: datetime | None = None
    closed_at: datetime | None = None
    dispatch_due: datetime | None = None
    close_due: datetime | None = None
    version: int = 0  # server version; 0 until the server has seen it

    @property
    def next_due(self) -> datetime | None:
        """The deadline running now: 派单 until dispatched, then the 承办单位's 办结 until it replies;
        none after the reply (回访 and 办结 have no time limit of their own) and none once closed."""
        if self.status is Status.ACCEPTED:
            return self.dispatch_due
        return self.close_due if self.status in (Status.DISPATCHED, Status.IN_PROGRESS) else None

    @property
    def display_no(self) -> str:
        """The number to show: official once known, provisional before."""
        return self.number or self.local_no


# Fields an operator may edit after 受理 (an EDIT event records which ones changed).
EDITABLE_FIELDS = ("kind", "category_code", "priority", "caller", "address", "district", "content")
