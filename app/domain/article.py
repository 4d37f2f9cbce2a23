"""A knowledge-base article (知识条目) and the rules every stored article keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from app.domain.kinds import Kind
from app.domain.problem import ProblemError

ARTICLE_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")
MAX_TITLE = 120
MAX_BODY = 20_000
MAX_LIST = 40  # tags, synonyms, questions, categories per article


class ArticleError(ProblemError, ValueError):
    """An article breaks a rule; the problem says which one."""


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    body: str  # Markdown
    categories: tuple[str, ...] = ()  # taxonomy codes, e.g. SB.YB.YD
    kinds: tuple[Kind, ...] = (Kind.CONSULTATION,)
    department: str = ""  # 承办单位 code from the taxonomy, when one unit answers for it
    tags: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()  # other names callers use for this matter
    questions: tuple[str, ...] = ()  # how callers ask for it (常见问法)
    valid_from: date | None = None
    valid_to: date | None = None
    version: int = 1
    source: str = ""  # where the answer comes from (policy document, department, demo)
    demo: bool = False  # 演示数据: invented for the fictional demo city
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def checked(self) -> Article:
        """Self, with whitespace trimmed, or ArticleError naming the first broken rule."""
        article = replace(
            self,
            id=self.id.strip(),
            title=self.title.strip(),
            body=self.body.strip(),
            department=self.department.strip(),
            categories=_clean(self.categories),
            tags=_clean(self.tags),
            synonyms=_clean(self.synonyms),
            questions=_clean(self.questions),
        )
        if not ARTICLE_ID.fullmatch(article.id):
            raise ArticleError("article.bad_id", id=repr(article.id))
        if not article.title or len(article.title) > MAX_TITLE:
            raise ArticleError("article.bad_title", limit=MAX_TITLE)
        if not article.body or len(article.body) > MAX_BODY:
            raise ArticleError("article.bad_body", limit=MAX_BODY)
        for name in ("categories", "tags", "synonyms", "questions"):
            if len(getattr(article, name)) > MAX_LIST:
                raise ArticleError("article.too_many", name=name, limit=MAX_LIST)
        if article.valid_from and article.valid_to and article.valid_to < article.valid_from:
            raise ArticleError("article.valid_order")
        if article.version < 1:
            raise ArticleError("article.bad_version")
        if article.updated_at.tzinfo is None:
            raise ArticleError("article.naive_time")
        return article

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values: what the local database, the exports and the wire carry."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "categories": list(self.categories),
            "kinds": [k.value for k in self.kinds],
            "department": self.department,
            "tags": list(self.tags),
            "synonyms": list(self.synonyms),
            "questions": list(self.questions),
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "version": self.version,
            "source": self.source,
            "demo": self.demo,
            "updated_at": self.updated_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, trusted: bool = False) -> Article:
        """The inverse of to_dict; ArticleError for a value of the wrong shape. `trusted` data
        (what the KB file wrote from a checked article) skips the rules: search shows many."""
        try:
            article = cls(
                id=str(data["id"]),
                title=str(data["title"]),
                body=str(data["body"]),
                categories=tuple(str(c) for c in data.get("categories") or ()),
                kinds=tuple(Kind(k) for k in data.get("kinds") or (Kind.CONSULTATION.value,)),
                department=str(data.get("department") or ""),
                tags=tuple(str(t) for t in data.get("tags") or ()),
                synonyms=tuple(str(s) for s in data.get("synonyms") or ()),
                questions=tuple(str(q) for q in data.get("questions") or ()),
                valid_from=_day(data.get("valid_from")),
                valid_to=_day(data.get("valid_to")),
                version=int(data.get("version") or 1),
                source=str(data.get("source") or ""),
                demo=bool(data.get("demo", False)),
                updated_at=_moment(data.get("updated_at")),
            )
            return article if trusted else article.checked()
        except KeyError as exc:
            raise ArticleError("article.missing_field", field=str(exc.args[0])) from None
        except (TypeError, ValueError) as exc:
            if isinstance(exc, ArticleError):
                raise
            raise ArticleError("article.bad_value", error=str(exc)) from None


def _clean(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def _day(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _moment(value: object) -> datetime:
    if value in (None, ""):
        return datetime.now(UTC)
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_MARKDOWN = re.compile(r"(^#+\s*|^\s*[-*+]\s+|^\s*\d+\.\s+|\*\*|__|`|^>\s*)", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The body without Markdown markers, lines joined: what a snippet is cut from."""
    return " ".join(line.strip() for line in _MARKDOWN.sub("", markdown).splitlines() if line.strip())
