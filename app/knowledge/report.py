"""The KB effectiveness report (知识库使用统计) for team leads: which articles answered tickets in a
period, how often, and which articles answered none.

Built from what this seat recorded (KbStore.record_use: the article inserted into a ticket's answer,
at the version used); the articles' titles come from the KB as it is now, so an article deleted
since still shows up with its uses, marked as gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.knowledge.store import KbStore


@dataclass(frozen=True)
class ArticleUsage:
    article_id: str
    title: str  # "" when the article is no longer in the KB
    uses: int  # tickets it answered in the period
    last_used: datetime | None  # the latest use ever recorded (None: never used)

    @property
    def in_kb(self) -> bool:
        return bool(self.title)


@dataclass(frozen=True)
class Effectiveness:
    since: datetime
    until: datetime  # exclusive
    used: tuple[ArticleUsage, ...]  # used in the period, most used first
    unused: tuple[ArticleUsage, ...]  # in the KB, not used in the period; never used ones first
    tickets: int  # tickets answered from the KB in the period
    articles: int  # articles in the KB now

    @property
    def never_used(self) -> tuple[ArticleUsage, ...]:
        return tuple(u for u in self.unused if u.last_used is None)


def effectiveness(store: KbStore, since: datetime, until: datetime) -> Effectiveness:
    """Uses with `since` <= time < `until` (both time-zone aware)."""
    if since.tzinfo is None or until.tzinfo is None:
        raise ValueError("since and until need a time zone")
    low, high = (moment.astimezone(UTC).isoformat() for moment in (since, until))
    titles = {str(i): str(t) for i, t in store.read("SELECT id, title FROM articles")}
    last = {
        str(a): datetime.fromisoformat(str(at))
        for a, at in store.read("SELECT article_id, max(at) FROM article_uses GROUP BY article_id")
    }
    # Times are stored as UTC ISO strings, which sort as the moments they name.
    counts = store.read(
        "SELECT article_id, count(*) FROM article_uses WHERE at >= ? AND at < ? GROUP BY article_id",
        (low, high),
    )
    [(tickets,)] = store.read(
        "SELECT count(DISTINCT ticket_id) FROM article_uses WHERE at >= ? AND at < ?", (low, high)
    )
    used = sorted(
        (ArticleUsage(str(a), titles.get(str(a), ""), int(str(n)), last.get(str(a))) for a, n in counts),
        key=lambda u: (-u.uses, u.title or "\uffff", u.article_id),
    )
    in_period = {u.article_id for u in used}
    unused = sorted(
        (ArticleUsage(i, t, 0, last.get(i)) for i, t in titles.items() if i not in in_period),
        # Never used first, then the longest unused: the articles a lead should look at.
        key=lambda u: (u.last_used is not None, u.last_used or since, u.article_id),
    )
    return Effectiveness(since, until, tuple(used), tuple(unused), int(str(tickets)), len(titles))
