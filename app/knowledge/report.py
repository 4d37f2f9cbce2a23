"""The KB effectiveness report (知识库使用统计) for team leads: which articles answered tickets in a
period, how often, and which articles answered none.

Built from the recorded uses (KbStore.record_use: the article inserted into a ticket's answer, at
the version used), this seat's or, from the server, every seat's; the articles' titles come from
the KB as it is now, so an article deleted since still shows up with its uses, marked as gone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.article_uses import Effectiveness, Tally, aware, summarize
from app.knowledge.store import KbStore


def effectiveness(store: KbStore, since: datetime, until: datetime) -> Effectiveness:
    """This seat's uses with `since` <= time < `until` (both time-zone aware)."""
    aware(since, until)
    low, high = (moment.astimezone(UTC).isoformat() for moment in (since, until))
    # Times are stored as UTC ISO strings, which sort as the moments they name.
    counts = store.read(
        "SELECT article_id, count(*) FROM article_uses WHERE at >= ? AND at < ? GROUP BY article_id",
        (low, high),
    )
    [(tickets,)] = store.read(
        "SELECT count(DISTINCT ticket_id) FROM article_uses WHERE at >= ? AND at < ?", (low, high)
    )
    tally = Tally(
        titles={str(i): str(t) for i, t in store.read("SELECT id, title FROM articles")},
        last_used={
            str(a): datetime.fromisoformat(str(at))
            for a, at in store.read("SELECT article_id, max(at) FROM article_uses GROUP BY article_id")
        },
        uses={str(a): int(str(n)) for a, n in counts},
        tickets=int(str(tickets)),
    )
    return summarize(tally, since, until)
