"""The ticket (工单): one citizen request, from the first word on the phone to 办结."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from app.domain.codec import CODE, KEY, NAME, TEXT, VERSION, Count, Line, Since
from app.domain.kinds import Kind, Priority
from app.domain.status import Satisfaction, Status


@dataclass(frozen=True)
class Caller:
    """来电人. Personal data: masked in logs and in views that do not need it."""

    name: Annotated[str, NAME] = ""
    phone: Annotated[str, Line(40)] = ""


@dataclass(frozen=True)
class Ticket:
    """A ticket as the domain sees it; changes go through app.domain.lifecycle and make new values."""

    id: Annotated[str, KEY]  # UUIDv7 made on the client
    local_no: Annotated[str, Line(40, shortest=1)]  # provisional number shown until the server assigns one
    kind: Kind
    status: Status
    seat_id: Annotated[str, CODE]  # the seat that took the call
    created_at: datetime
    number: Annotated[str, Line(40)] | None = None  # official 工单编号, assigned by the central server
    category_code: Annotated[str, CODE] | None = None
    priority: Priority = Priority.NORMAL
    caller: Caller = field(default_factory=Caller)
    address: Annotated[str, TEXT] = ""  # 事发地址
    district: Annotated[str, NAME] = ""
    content: Annotated[str, TEXT] = ""  # 诉求内容
    assigned_seat: Annotated[str, CODE] | None = None
    department: Annotated[str, CODE] | None = None  # 承办单位 code once dispatched
    satisfaction: Satisfaction | None = None
    supervised: bool = False  # 督办
    # 紧急: the caller reported an emergency (火灾, 燃气泄漏, 有人受伤...) and was told to call
    # 110/119/120 at once. Not the same as priority URGENT, which only shortens the deadline.
    urgent: Annotated[bool, Since(2)] = False
    # Details a category asks for (事项分类 `fields:`), empty unless it does. 身份证号 is personal
    # data like the caller's phone: masked where the phone is, cleared by the retention purge.
    occurred_at: Annotated[datetime, Since(3)] | None = None  # 发生时间, as the caller said it
    company_name: Annotated[str, NAME, Since(3)] = ""  # 涉及单位 (a shop, a landlord, an employer)
    plate_number: Annotated[str, Line(20), Since(3)] = ""  # 车牌号
    id_number: Annotated[str, Line(40), Since(3)] = ""  # 身份证号
    order_number: Annotated[str, Line(80), Since(3)] = ""  # 订单号 (an express, a shop, a ticket)
    accepted_at: datetime | None = None
    closed_at: datetime | None = None
    dispatch_due: datetime | None = None
    close_due: datetime | None = None
    # 承办单位联系市民时限, planned with the others (受理, 派单, 重办).
    contact_due: Annotated[datetime, Since(4)] | None = None
    # 延期申请: the later 办结时限 the 承办单位 asked for, until the centre approves or refuses it.
    extension_due: Annotated[datetime, Since(4)] | None = None
    urge_count: Annotated[int, Count(9999), Since(4)] = 0  # 催办: how often the caller chased
    version: Annotated[int, VERSION] = 0  # server version; 0 until the server has seen it

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
