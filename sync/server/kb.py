"""The server's knowledge base: lead/admin edits, numbered by the "kb" counter, served as changes.

Numbering works like the ticket feed (sync.server.feed): the counter is bumped as the last statement
of the writing transaction, so revisions become visible in order and a seat that has seen revision N
has seen every change up to N.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.knowledge.article import Article, ArticleError
from sync.protocol import KbArticleEdit, KbArticleWire, KbChanges
from sync.server.db import Database, bump_counter
from sync.server.errors import ApiError, not_found
from sync.server.models import KbArticleRow, UserRow

KB_COUNTER = "kb"
NO_ARTICLE = "知识条目不存在 (no such article)"


def latest_revision(session: Session) -> int:
    return int(session.scalar(select(func.max(KbArticleRow.revision))) or 0)


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
            raise ApiError(
                409,
                "conflict",
                f"知识条目已被他人修改，当前为第 {current} 版 (the article changed since you opened it: "
                f"version {current} now, you edited {edit.base_version})",
            )
        fields = edit.model_dump(mode="json", exclude={"base_version"})
        try:
            article = Article.from_dict(
                {**fields, "id": article_id, "version": current + 1, "updated_at": now.isoformat()}
            )
        except ArticleError as exc:
            raise ApiError(422, "invalid", str(exc)) from None
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
