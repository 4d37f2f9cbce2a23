"""A caller's earlier tickets (来电历史) as a seat shows them while the number rings.

A summary, not the ticket: when it was filed, what kind and category, where (the district) and how
far it got. That answers "我上次反映的事怎么样了" and tells the operator whether this is a repeat,
without showing the operator another seat's 诉求内容, address or name. The full ticket stays behind
the usual rights (`mine`: this seat took or holds it, so it may open it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from app.domain.codec import CODE, KEY, NAME, Line
from app.domain.kinds import Kind
from app.domain.status import Status
from app.domain.ticket import Ticket


@dataclass(frozen=True)
class EarlierTicket:
    """One earlier ticket of the number that rings."""

    id: Annotated[str, KEY]
    number: Annotated[str, Line(40)]  # official 工单编号, or the seat's provisional one
    created_at: datetime
    kind: Kind
    status: Status
    category_code: Annotated[str, CODE] | None = None
    district: Annotated[str, NAME] = ""
    mine: bool = False  # this seat took or holds it: it may open the whole ticket

    @classmethod
    def of(cls, ticket: Ticket, *, mine: bool) -> EarlierTicket:
        return cls(
            id=ticket.id,
            number=ticket.display_no,
            created_at=ticket.created_at,
            kind=ticket.kind,
            status=ticket.status,
            category_code=ticket.category_code,
            district=ticket.district,
            mine=mine,
        )


@dataclass(frozen=True)
class FrequentRule:
    """重复来电: `calls` tickets or more within the last `days` days make a frequent caller."""

    calls: int = 3
    days: int = 30

    def applies(self, tickets: Iterable[EarlierTicket], now: datetime) -> bool:
        since = now - timedelta(days=self.days)
        return sum(1 for t in tickets if t.created_at >= since) >= self.calls
