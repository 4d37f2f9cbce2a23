"""The knowledge base one seat works with: store, search and assist opened together."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from app.domain.article import Article
from app.domain.article_uses import ArticleUse
from app.domain.draft import ArticleRef
from app.knowledge.assist import AgentAssist
from app.knowledge.search import Searcher
from app.knowledge.store import KB_SOURCE, KbChanges, KbStore, KbStoreError
from app.knowledge.transfer import read_markdown_folder
from app.paths import kb_seed_dir

log = logging.getLogger(__name__)
SEED_SOURCE = "seed"


class KnowledgeBase:
    def __init__(self, store: KbStore) -> None:
        self.store = store
        self.searcher = Searcher(store)
        self.assist = AgentAssist(self.searcher)

    @classmethod
    def open(cls, path: Path, *, defer: bool = False) -> KnowledgeBase:
        """Opens (creating) the KB file; slow work such as seeding is left to `prepare`. With
        `defer` the file is not touched here at all: `prepare` (on a worker) opens it."""
        kb = cls(KbStore(path, open_now=False))
        if not defer:
            kb.load()
        return kb

    def load(self) -> None:
        """Open the file. One this program cannot use is moved aside, not deleted (it also holds
        which article answered which ticket), and a new KB is started: the articles come back with
        the next sync."""
        try:
            self.store.open()
        except KbStoreError as exc:
            path = Path(self.store.path)
            aside = path.with_name(f"{path.name}.unusable-{datetime.now(UTC):%Y%m%d%H%M%S}")
            log.error("%s; moved to %s", exc, aside)
            self.store.close()
            path.rename(aside)
            self.store.open()

    def prepare(self, *, demo: bool = True) -> KbChanges:
        """Warm up the tokenizer and, for a demo seat, load the shipped demo articles into a KB that
        has never had any (not synced, not imported): call from a worker, it takes a few seconds.
        A real seat gets its KB from the server; the fictional city's answers are no use to it."""
        self.load()
        self.searcher.search("社保")  # loads jieba and the user dictionary
        if not demo or self.store.count() or self.store.meta(KB_SOURCE):
            return KbChanges()
        result = read_markdown_folder(kb_seed_dir())
        if not result.ok:  # a broken shipped file is a packaging bug: say which one
            raise ValueError("; ".join(str(p) for p in result.problems))
        changes = self.store.upsert(result.articles)
        self.store.set_meta(KB_SOURCE, SEED_SOURCE)
        return changes

    def version_label(self) -> str:
        """What the panel shows: the server's KB revision, "demo" for the shipped demo set, or ""
        when the KB is still empty."""
        source = self.store.meta(KB_SOURCE)
        if source == SEED_SOURCE:
            return "demo"
        return self.store.version() if source else ""

    def record_use(self, ticket_id: str, article: Article | ArticleRef) -> ArticleUse:
        return self.store.record_use(ticket_id, article, datetime.now(UTC))

    def close(self) -> None:
        self.store.close()
