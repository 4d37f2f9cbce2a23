"""The server's knowledge base: lead/admin edits, numbered by the "kb" counter, served as changes.

Numbering works like the ticket feed (sync.server.feed): the counter is bumped as the last statement
of the writing transaction, so revisions become visible in order and a seat that has seen revision N
has seen every change up to N.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.article import Article, ArticleError
from app.domain.article_uses import Tally, summarize
from app.domain.problem import Problem
from app.domain.status import Role
from sync.protocol import (
    KbArticleEdit,
    KbArticleWire,
    KbChanges,
    KbImport,
    KbImportProblem,
    KbImportResult,
    KbReport,
    KbUseRefusal,
    KbUses,
    KbUsesResult,
    coded,
)
from sync.server.db import Database, bump_counter
from sync.server.errors import ApiError, forbidden, not_found
from sync.server.models import KbArticleRow, KbArticleUseRow, TicketRow, UserRow
from sync.server.rights import NOT_YOURS, can_see, role_of
from sync.server.tickets import to_ticket
from sync.server.times import ClientTimes

log = logging.getLogger(__name__)

KB_COUNTER = "kb"
NO_ARTICLE = Problem("server.no_article")


def latest_revision(session: Session) -> int:
    return int(session.connection().scalar(select(func.max(KbArticleRow.revision))) or 0)


def changes(db: Database, since: int, limit: int) -> KbChanges:
    with db.reading() as session:
        rows = list(
            session.scalars(
                select(KbArticleRow)
                .where(KbArticleRow.revision > since)
                .order_by(KbArticleRow.revision)
                .limit(limit + 1)
            )
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return KbChanges(
        articles=[
            KbArticleWire.from_domain(Article.from_dict(r.data), r.revision) for r in rows if not r.deleted
        ],
        deleted=[r.id for r in rows if r.deleted],
        revision=rows[-1].revision if rows else since,
        more=more,
    )


def save(db: Database, user: UserRow, article_id: str, edit: KbArticleEdit, now: datetime) -> KbArticleWire:
    """Create (base_version 0) or replace an article; 409 when someone saved a newer version since
    the editor opened it, 422 when it breaks an article rule."""
    with db.writing() as session:
        row = session.get(KbArticleRow, article_id)
        current = 0 if row is None or row.deleted else row.version
        if edit.base_version != current:
            changed = {"current": current, "edited": edit.base_version}
            raise ApiError(409, "conflict", Problem("server.article_changed", changed))
        fields = edit.model_dump(mode="json", exclude={"base_version"})
        try:
            article = Article.from_dict(
                {**fields, "id": article_id, "version": current + 1, "updated_at": now.isoformat()}
            )
        except ArticleError as exc:
            raise ApiError(422, "invalid", exc.problem) from None
        revision = bump_counter(session, KB_COUNTER)  # before the new row exists: autoflush
        if row is None:
            row = KbArticleRow(id=article_id)
            session.add(row)
        row.revision, row.version, row.deleted, row.data = revision, article.version, False, article.to_dict()
        row.updated_by, row.updated_at = user.username, now
        return KbArticleWire.from_domain(article, revision)


def delete(db: Database, user: UserRow, article_id: str, now: datetime) -> int:
    """Tombstone the article; the revision that deleted it."""
    with db.writing() as session:
        row = session.get(KbArticleRow, article_id)
        if row is None or row.deleted:
            raise not_found(NO_ARTICLE)
        row.deleted, row.updated_by, row.updated_at = True, user.username, now
        row.revision = bump_counter(session, KB_COUNTER)
        return row.revision


def bulk_import(
    db: Database, user: UserRow, request: KbImport, now: datetime, *, problems: bool = False
) -> KbImportResult:
    """All of `request` or nothing: each article becomes the next version of its id (a deleted id
    comes back); any article breaking a rule, or an id given twice, refuses the whole import with
    every problem listed (`problems`: with their codes, for a seat that words them itself)."""

    def refused(index: int, where: str, problem: Problem) -> KbImportProblem:
        codes = coded(problem) if problems else {}
        return KbImportProblem(index=index, where=where, message=str(problem), **codes)

    with db.writing() as session:
        ids = {item.id.strip() for item in request.articles}
        rows = {row.id: row for row in session.scalars(select(KbArticleRow).where(KbArticleRow.id.in_(ids)))}
        found: list[KbImportProblem] = []
        articles: list[Article] = []
        first: dict[str, str] = {}
        for index, item in enumerate(request.articles):
            row = rows.get(item.id.strip())
            version = 1 if row is None else row.version + 1
            fields = item.model_dump(mode="json", exclude={"where"})
            try:
                article = Article.from_dict({**fields, "version": version, "updated_at": now.isoformat()})
            except ArticleError as exc:
                found.append(refused(index, item.where, exc.problem))
                continue
            if article.id in first:
                duplicate = Problem("kb.duplicate_id", {"id": article.id, "other": first[article.id]})
                found.append(refused(index, item.where, duplicate))
                continue
            first[article.id] = item.where
            articles.append(article)
        if found:
            return KbImportResult(created=0, updated=0, revision=latest_revision(session), problems=found)
        last = bump_counter(session, KB_COUNTER, len(articles))
        created = 0
        for offset, article in enumerate(articles):
            row = rows.get(article.id)
            if row is None:
                row = KbArticleRow(id=article.id)
                session.add(row)
                created += 1
            row.revision, row.version, row.deleted = last - len(articles) + 1 + offset, article.version, False
            row.data, row.updated_by, row.updated_at = article.to_dict(), user.username, now
        return KbImportResult(created=created, updated=len(articles) - created, revision=last, problems=[])


def record_uses(
    db: Database, user: UserRow, request: KbUses, times: ClientTimes, now: datetime
) -> KbUsesResult:
    """Keep the uses a seat sends; one per ticket and article, the latest one counting. Sending
    the same use again changes nothing, so a seat may resend after a lost answer. A use of a
    ticket the account may not see, of an article (version) the KB never had or has deleted, or
    dated far from the server's clock is dropped and reported: forged uses count in no report."""
    if role_of(user) is Role.DEPARTMENT:
        raise forbidden()  # a 承办单位 answers no calls from the KB
    with db.writing() as session:
        ticket_ids = {u.ticket_id for u in request.uses}
        tickets = {
            row.id: to_ticket(row)
            for row in session.scalars(select(TicketRow).where(TicketRow.id.in_(ticket_ids)))
        }
        article_ids = {u.article_id for u in request.uses}
        live = select(KbArticleRow.id, KbArticleRow.version).where(
            KbArticleRow.id.in_(article_ids), KbArticleRow.deleted.is_(False)
        )
        versions: dict[str, int] = {article: version for article, version in session.execute(live)}
        refused: list[KbUseRefusal] = []
        for index, use in enumerate(request.uses):
            ticket = tickets.get(use.ticket_id)
            reason = times.refusal(use.at, now)
            if ticket is None or not can_see(user, ticket):
                reason = NOT_YOURS  # the same answer either way: existence is not leaked
            elif use.version > versions.get(use.article_id, 0):
                reason = NO_ARTICLE
            if reason is not None:
                refused.append(
                    KbUseRefusal(
                        index=index, ticket_id=use.ticket_id, article_id=use.article_id, reason=str(reason)
                    )
                )
                continue
            row = session.get(KbArticleUseRow, (use.ticket_id, use.article_id))
            if row is None:
                row = KbArticleUseRow(ticket_id=use.ticket_id, article_id=use.article_id)
                session.add(row)
            elif row.at > use.at:
                continue
            row.version, row.at, row.recorded_by = use.version, use.at, user.username
    if refused:
        log.warning("知识库使用记录: %s sent %d uses the server dropped", user.username, len(refused))
    return KbUsesResult(recorded=len(request.uses) - len(refused), refused=refused)


def report(db: Database, since: datetime, until: datetime) -> KbReport:
    """The effectiveness report over every seat's uses, `since` <= time < `until`."""
    uses, articles = KbArticleUseRow, KbArticleRow
    # Only uses of tickets the server has count: rows kept before uses were checked may name
    # made-up tickets.
    in_period = (uses.at >= since) & (uses.at < until) & uses.ticket_id.in_(select(TicketRow.id))
    titles = select(articles.id, articles.data["title"].as_string()).where(articles.deleted.is_(False))
    last = (
        select(uses.article_id, func.max(uses.at))
        .where(uses.ticket_id.in_(select(TicketRow.id)))
        .group_by(uses.article_id)
    )
    counts = select(uses.article_id, func.count()).where(in_period).group_by(uses.article_id)
    tickets = select(func.count(func.distinct(uses.ticket_id))).where(in_period)
    with db.reading() as session:
        tally = Tally(
            titles={a: str(t) for a, t in session.execute(titles)},
            last_used={a: at for a, at in session.execute(last)},
            uses={a: n for a, n in session.execute(counts)},
            tickets=int(session.scalar(tickets) or 0),
        )
    return KbReport.from_domain(summarize(tally, since, until))


def seed(session: Session, articles: Iterable[Article], now: datetime) -> int:
    """Load articles into an empty KB (the demo server); how many were added."""
    if session.scalar(select(func.count()).select_from(KbArticleRow)):
        return 0
    batch = list(articles)
    if not batch:
        return 0
    last = bump_counter(session, KB_COUNTER, len(batch))
    for offset, article in enumerate(batch):
        session.add(
            KbArticleRow(
                id=article.id,
                revision=last - len(batch) + 1 + offset,
                version=article.version,
                deleted=False,
                data=article.to_dict(),
                updated_by="seed",
                updated_at=now,
            )
        )
    return len(batch)
