from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.article import Article
from app.knowledge.base import KnowledgeBase
from app.knowledge.store import KbStore


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """The shipped demo KB, loaded once for the session (read-only in tests)."""
    kb = KnowledgeBase.open(tmp_path_factory.mktemp("kb") / "kb.sqlite3")
    kb.prepare()
    yield kb
    kb.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KbStore]:
    kb = KbStore(tmp_path / "kb.sqlite3")
    yield kb
    kb.close()


def article(ident: str, title: str, body: str = "正文。", **fields: object) -> Article:
    values: dict[str, object] = {"updated_at": datetime(2026, 6, 1, tzinfo=UTC), **fields}
    return Article(id=ident, title=title, body=body, **values).checked()  # type: ignore[arg-type]
