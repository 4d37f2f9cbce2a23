"""The seat's own figures (我的统计), from its store: the same definitions as the server's report
(app.lead.figures, compiled by app.lead.figures_sql), so they need no server and agree with the
lead's for the tickets the seat holds. The call figures are the shift now running (its counts live
in memory: the seat keeps no history of shifts; the server has every shift's)."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table

from app.domain.figures import Grouping
from app.lead.figures import Buckets, Cells, ShiftFact, with_shifts
from app.lead.figures_sql import ticket_sums
from app.store.db import Store
from app.store.models import EventRow, TicketRow


def seat_figures(
    store: Store, seat: str, by: Grouping, buckets: Buckets, now: datetime, shift: ShiftFact | None = None
) -> Cells:
    """The tickets this seat took, per row (`by`) and period; and `shift`'s call figures."""
    tickets, events = cast(Table, TicketRow.__table__), cast(Table, EventRow.__table__)
    with store.reading() as session:
        cells = ticket_sums(session, tickets, events, by, buckets, now, seat)
    return with_shifts(cells, [shift] if shift else [], by, buckets, now)
