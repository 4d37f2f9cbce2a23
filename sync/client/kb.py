"""Keeping the seat's knowledge base in step with the server's (知识库同步).

The seat asks only for what changed after the revision it has, page by page, and applies each page
in one transaction, index included; the revision is moved with the page. So an interrupted pull
resumes where it stopped, and offline the seat searches the last KB it had.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError

from app.domain.article import Article, ArticleError
from app.domain.article_uses import ArticleUse
from app.domain.problem import ProblemError
from app.knowledge.store import KB_SOURCE, KbStore
from app.knowledge.transfer import ImportResult
from sync.client.api import ServerApi
from sync.protocol import (
    MAX_BODY_BYTES,
    MAX_KB_IMPORT,
    MAX_KB_PULL,
    MAX_KB_USES,
    KbArticleWire,
    KbImport,
    KbImportArticle,
    KbUses,
    KbUseWire,
)

log = logging.getLogger(__name__)


class KbSync:
    def __init__(self, api: ServerApi, kb: KbStore, source: str, *, page_size: int = MAX_KB_PULL) -> None:
        """`source` names the server (its address): a KB pulled from another one is replaced."""
        self._api, self._kb, self._source = api, kb, source
        self._page_size = min(page_size, MAX_KB_PULL)

    def pull(self, server_revision: str | None) -> int:
        """Bring the local KB up to `server_revision` (pull's reference.kb); how many articles
        changed. Raises what ServerApi raises (Offline, ...) with every finished page kept."""
        if server_revision is None or not server_revision.isdigit():
            return 0  # a server without a KB
        ours = self._kb.version() if self._kb.meta(KB_SOURCE) == self._source else None
        if ours == server_revision:
            return 0
        # Not from this server yet, or ahead of it (its database was restored): start over.
        reset = ours is None or not ours.isdigit() or int(ours) > int(server_revision)
        since = 0 if reset else int(ours or 0)
        changed = 0
        while True:
            page = self._api.kb_changes(since, self._page_size)
            articles = [a for a in map(_article, page.articles) if a is not None]
            self._kb.apply(
                articles, page.deleted, version=str(page.revision), source=self._source, reset=reset
            )
            changed += len(articles) + len(page.deleted)
            reset = False
            if not page.more or page.revision == since:
                return changed
            since = page.revision

    def send_uses(self) -> int:
        """Send the uses the server does not have yet (which article answered which ticket), batch
        by batch, each marked sent once the server has it; how many were sent. Raises what
        ServerApi raises with every finished batch kept: the rest go with the next sync."""
        sent = 0
        previous: list[ArticleUse] | None = None
        while (uses := self._kb.unsent_uses(MAX_KB_USES)) and uses != previous:
            wires = [w for w in map(_use, uses) if w is not None]
            if wires:
                result = self._api.kb_uses(KbUses(uses=wires))
                for refusal in result.refused:
                    # Kept on this seat (its own report counts it); the server would refuse it again.
                    log.warning(
                        "知识库使用记录: dropped by the server (%s, %s): %s",
                        refusal.ticket_id,
                        refusal.article_id,
                        refusal.reason,
                    )
                sent += result.recorded
            self._kb.mark_sent(uses)
            previous = uses
        return sent


def _use(use: ArticleUse) -> KbUseWire | None:
    try:
        return KbUseWire.from_domain(use)
    except ValidationError as exc:
        # Kept on this seat (its own report counts it), never sent: the server would refuse it.
        log.warning(
            "知识库使用记录: not sent, invalid for the server (%s, %s): %s",
            use.ticket_id,
            use.article_id,
            exc,
        )
        return None


def _article(wire: KbArticleWire) -> Article | None:
    try:
        return wire.to_domain()
    except ArticleError as exc:
        # One article this seat cannot keep must not hold back the rest of the KB.
        log.warning("知识库同步: skipped article %s: %s", wire.id, exc)
        return None


class ImportTooLarge(ProblemError, ValueError):
    """An import the server would refuse whole for its size; the problem says to split it."""


def import_request(result: ImportResult) -> KbImport:
    """The import as one request; ImportTooLarge (saying to split the file) past the server's
    limits, since an import is stored whole or not at all."""
    if len(result.articles) > MAX_KB_IMPORT:
        raise ImportTooLarge("kb.too_many_articles", limit=MAX_KB_IMPORT)
    wheres = result.wheres or tuple(a.id for a in result.articles)
    request = KbImport(
        articles=[
            KbImportArticle.model_validate(
                {
                    **{k: v for k, v in a.to_dict().items() if k not in ("version", "updated_at")},
                    "where": str(where),  # both languages: the server answers it back as it is
                }
            )
            for a, where in zip(result.articles, wheres, strict=True)
        ]
    )
    if len(request.model_dump_json().encode()) > MAX_BODY_BYTES:
        raise ImportTooLarge("kb.too_large", limit=MAX_BODY_BYTES // 2**20)
    return request
