"""热点 and 苗头预警 from a seat's own store, by the same rules as the server (app.lead.hotspots).

For the demo: its tickets live only in the seat (they never reach a server), so its 班长台 would
otherwise show an empty 热点 page. A store holds a few thousand tickets a month: counted in Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo

from sqlalchemy import select

from app.domain.hotspots import MAX_WARNING_TICKETS, EarlyWarning, HotspotReport, WarningRule, Watch
from app.domain.ticket import Ticket
from app.lead.hotspots import (
    Place,
    behind,
    hotspot_report,
    previous_period,
    warnings_from,
    window_of,
    window_starts,
)
from app.store.db import Store
from app.store.models import TicketRow
from app.store.tickets import TicketStore

Row = tuple[str, datetime, Place]  # id, created, (district, category)


class StoreHotspots:
    def __init__(
        self,
        store: Store,
        tickets: TicketStore,
        zone: tzinfo,
        domain_of: Callable[[str], str],
        *,
        rule: WarningRule | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store, self._tickets, self._zone, self._domain_of = store, tickets, zone, domain_of
        self._rule, self._clock = rule or WarningRule(), clock

    def hotspots(self, since: datetime, until: datetime, top: int) -> HotspotReport:
        start, _ = previous_period(since, until)
        current: Counter[Place] = Counter()
        before: Counter[Place] = Counter()
        for _id, created, place in self._rows(start, until):
            (current if created >= since else before)[place] += 1
        return hotspot_report(
            current,
            before,
            since.astimezone(self._zone),
            until.astimezone(self._zone),
            top=top,
            domain_of=self._domain_of,
        )

    def warnings(self) -> Watch:
        now, rule = self._clock(), self._rule
        rows = self._rows(window_starts(now, rule)[-1], now)
        districts: Counter[tuple[int, str]] = Counter()
        categories: Counter[tuple[int, str | None]] = Counter()
        for _id, created, (district, category) in rows:
            window = window_of(created, now, rule)
            if window is not None:
                districts[(window, district)] += 1
                categories[(window, category)] += 1
        found, judged = warnings_from(
            [(*key, n) for key, n in districts.items()],
            [(*key, n) for key, n in categories.items()],
            now,
            rule,
        )
        judged_window = [r for r in rows if window_of(r[1], now, rule) == 0]
        newest = sorted(judged_window, key=lambda r: r[1], reverse=True)

        def ids(warning: EarlyWarning) -> tuple[str, ...]:
            return tuple(i for i, _c, place in newest if behind(warning, place))[:MAX_WARNING_TICKETS]

        located = tuple(w.located(self._zone, ids(w)) for w in found)
        return Watch(now.astimezone(self._zone), judged, located)

    def lead_tickets(self, ticket_ids: Sequence[str]) -> list[Ticket]:
        found = [self._tickets.get(i) for i in ticket_ids]
        return sorted(found, key=lambda t: t.created_at, reverse=True)

    def _rows(self, since: datetime, until: datetime) -> list[Row]:
        query = select(TicketRow.id, TicketRow.created_at, TicketRow.district, TicketRow.category_code).where(
            TicketRow.created_at >= since, TicketRow.created_at < until
        )
        with self._store.reading() as session:
            rows = session.execute(query)
            return [(i, created, (district, category)) for i, created, district, category in rows]
