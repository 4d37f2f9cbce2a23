"""Official 工单编号: 12345-YYYYMMDD-NNNNNN, numbered per day (Asia/Shanghai) by the server alone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from sync.server.db import bump_counter

HOTLINE = "12345"
ZONE = ZoneInfo("Asia/Shanghai")


def official_numbers(session: Session, count: int, now: datetime) -> list[str]:
    """`count` new numbers for tickets accepted by the server at `now`, unique across workers."""
    if count == 0:
        return []
    day = now.astimezone(ZONE).strftime("%Y%m%d")
    last = bump_counter(session, f"ticket_no:{day}", count)
    return [f"{HOTLINE}-{day}-{n:06d}" for n in range(last - count + 1, last + 1)]
