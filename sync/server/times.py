"""How far the server trusts a seat's clock (客户端时间).

A seat works offline, so its ops carry its own clock's times, and SLA deadlines are planned from
them. A time far in the past or the future (a dead clock battery, a hand-set date, a forged op) would
plan deadlines that are already overdue or never come: such an op is refused, with a reason the
operator can act on, rather than planned from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.problem import Problem


@dataclass(frozen=True)
class ClientTimes:
    offline_window: timedelta = timedelta(hours=72)  # how long a seat may hold an op before pushing it
    skew: timedelta = timedelta(minutes=5)  # how far ahead of the server a seat's clock may run

    def refusal(self, at: datetime, now: datetime) -> Problem | None:
        """Why `at`, a time a seat sent, is not to be trusted at the server's `now`; None if it is."""
        if at < now - self.offline_window:
            hours = round(self.offline_window.total_seconds() / 3600)
            return Problem("server.time_too_old", {"at": at.isoformat(), "hours": hours})
        if at > now + self.skew:
            minutes = round(self.skew.total_seconds() / 60)
            return Problem("server.time_ahead", {"at": at.isoformat(), "minutes": minutes})
        return None
