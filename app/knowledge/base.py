"""The knowledge base one seat works with: store, search and assist opened together."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.knowledge.article import Article
from app.knowledge.assist import AgentAssist
from app.knowledge.search import Searcher
from app.knowledge.store import KB_SOURCE, ArticleUse, KbChanges, KbStore
from app.knowledge.transfer import read_markdown_folder
from app.paths import resources_dir

SEED_SOURCE = "seed"


def seed_folder() -> Path:
    return resources_dir() / "kb" / "articles"


class KnowledgeBase:
    def __init__(self, store: KbStore) -> None:
        self.store = store
        self.searcher = Searcher(store)
        self.assist = AgentAssist(self.searcher)

    @classmethod
    def open(cls, path: Path) -> KnowledgeBase:
        """Opens (creating) the KB file; slow work such as seeding is left to `prepare`."""
        return cls(KbStore(path))

    def prepare(self) -> KbChanges:
        """Load the shipped demo articles into a KB that has never had any (not synced, not
        imported), and warm up the tokenizer: call from a worker, it takes a few seconds."""
        self.searcher.search("社保")  # loads jieba and the user dictionary
        if self.store.count() or self.store.meta(KB_SOURCE):
            return KbChanges()
        result = read_markdown_folder(seed_folder())
        if not result.ok:  # a broken shipped file is a packaging bug: say which one
            raise ValueError("; ".join(str(p) for p in result.problems))
        changes = self.store.upsert(result.articles)
        self.store.set_meta(KB_SOURCE, SEED_SOURCE)
        return changes

    def version_label(self) -> str:
        """What the panel shows: the server's KB revision, or that this is the shipped demo set."""
        source = self.store.meta(KB_SOURCE)
        if source == SEED_SOURCE:
            return "demo"
        return self.store.version()

    def record_use(self, ticket_id: str, article: Article) -> ArticleUse:
        return self.store.record_use(ticket_id, article, datetime.now(UTC))

    def close(self) -> None:
        self.store.close()
