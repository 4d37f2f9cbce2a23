"""Which KB article answered which ticket (a seat's F7 插入答复), and the effectiveness report
(知识库使用统计) over those uses: plain values shared by the seat's KB, the wire and the server.

A report is built from a Tally counted where the uses are kept (a seat's KB file, the server's
table); the articles' titles come from the KB as it is now, so an article deleted since still shows
up with its uses, marked as gone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ArticleUse:
    """The article, at the version used, that answered a ticket."""

    ticket_id: str
    article_id: str
    version: int
    at: datetime


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


@dataclass(frozen=True)
class Tally:
    """What a report is made of, counted where the uses are kept (a seat's KB file, the server)."""

    titles: Mapping[str, str]  # the KB's articles now, id → title
    last_used: Mapping[str, datetime]  # per article, its latest use ever
    uses: Mapping[str, int]  # per article, uses in the period
    tickets: int  # tickets answered from the KB in the period


def summarize(tally: Tally, since: datetime, until: datetime) -> Effectiveness:
    """The report for a period, from a seat's own uses or (on the server) every seat's."""
    aware(since, until)
    titles, last = tally.titles, tally.last_used
    used = sorted(
        (ArticleUsage(a, titles.get(a, ""), n, last.get(a)) for a, n in tally.uses.items()),
        key=lambda u: (-u.uses, u.title or "\uffff", u.article_id),
    )
    unused = sorted(
        (ArticleUsage(i, t, 0, last.get(i)) for i, t in titles.items() if i not in tally.uses),
        # Never used first, then the longest unused: the articles a lead should look at.
        key=lambda u: (u.last_used is not None, u.last_used or since, u.article_id),
    )
    return Effectiveness(since, until, tuple(used), tuple(unused), tally.tickets, len(titles))


def aware(since: datetime, until: datetime) -> None:
    if since.tzinfo is None or until.tzinfo is None:
        raise ValueError("since and until need a time zone")
