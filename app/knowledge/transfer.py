"""Import and export (导入导出): a folder of Markdown files with YAML front matter, CSV, or XLSX.

An import is checked whole before anything is stored: every bad row or file is reported with where it
is and what is wrong, and when there is any problem nothing is imported (a half-imported KB would
answer callers from a mix of old and new policy).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.domain.article import Article, ArticleError
from app.domain.problem import Problem, ProblemError

COLUMNS = (
    "id",
    "title",
    "body",
    "categories",
    "kinds",
    "department",
    "tags",
    "synonyms",
    "questions",
    "valid_from",
    "valid_to",
    "version",
    "source",
    "demo",
    "updated_at",
)
LISTS = frozenset({"categories", "kinds", "tags", "synonyms", "questions"})
REQUIRED = ("id", "title", "body")
SEPARATOR = "|"  # between list items in one CSV/XLSX cell
MAX_ROWS = 100_000


Where = str | Problem  # a file's name, or a row of a table (kb.row)


@dataclass(frozen=True)
class ImportProblem:
    where: Where
    problem: Problem

    @property
    def said(self) -> Problem:
        """Where and what, as one problem: "第 3 行：…" / "row 3: …"."""
        return Problem("kb.at", {"where": self.where, "problem": self.problem})

    def __str__(self) -> str:
        return str(self.said)


@dataclass(frozen=True)
class ImportResult:
    articles: tuple[Article, ...]
    problems: tuple[ImportProblem, ...]
    wheres: tuple[Where, ...] = ()  # where each article came from (row, file), for the server's report

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportFormatError(ProblemError, ValueError):
    """The file as a whole cannot be read (wrong type, no header, unreadable)."""


def read_any(path: Path) -> ImportResult:
    if path.is_dir():
        return read_markdown_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".md":
        return _collect([(path.name, _markdown_record(path))])
    raise ImportFormatError("kb.unsupported_type", suffix=suffix or "—")


# -- reading ----------------------------------------------------------------------------------------


def read_markdown_folder(folder: Path) -> ImportResult:
    files = sorted(folder.rglob("*.md"))
    if not files:
        raise ImportFormatError("kb.no_markdown", folder=str(folder))
    return _collect((str(f.relative_to(folder)), _markdown_record(f)) for f in files)


def _markdown_record(path: Path) -> dict[str, Any] | ImportProblem:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return ImportProblem(path.name, Problem("kb.unreadable", {"error": str(exc)}))
    meta: dict[str, Any] = {}
    body = text
    if text.startswith("---"):
        head, marker, rest = text[3:].partition("\n---")
        if not marker:
            return ImportProblem(path.name, Problem("kb.front_matter_open"))
        try:
            loaded = yaml.safe_load(head) or {}
        except yaml.YAMLError as exc:
            return ImportProblem(path.name, Problem("kb.front_matter_yaml", {"error": str(exc)}))
        if not isinstance(loaded, dict):
            return ImportProblem(path.name, Problem("kb.front_matter_mapping"))
        meta = loaded
        body = rest.split("\n", 1)[1] if "\n" in rest else ""
    lines = body.strip().splitlines()
    if "title" not in meta and lines and lines[0].startswith("# "):
        meta["title"], body = lines[0][2:].strip(), "\n".join(lines[1:])
    meta.setdefault("id", path.stem)
    meta["body"] = body.strip()
    return meta


def read_csv(path: Path) -> ImportResult:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError("kb.csv_unreadable", error=str(exc)) from exc
    rows = list(csv.reader(io.StringIO(text)))
    return _table(rows)


def read_xlsx(path: Path) -> ImportResult:
    from openpyxl import load_workbook  # a third of a second to import: only for a workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFormatError("kb.xlsx_unreadable", error=str(exc)) from exc
    try:
        sheet = book.worksheets[0]
        rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return _table(rows)


def _table(rows: list[list[Any]]) -> ImportResult:
    if not rows:
        raise ImportFormatError("kb.empty")
    header = [str(h).strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFormatError("kb.missing_columns", columns=", ".join(missing))
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise ImportFormatError("kb.unknown_columns", columns=", ".join(unknown), allowed=", ".join(COLUMNS))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFormatError("kb.too_many_rows", limit=MAX_ROWS)

    def records() -> Iterator[tuple[Where, dict[str, Any] | ImportProblem]]:
        for number, row in enumerate(rows[1:], start=2):
            if not any(str(v).strip() for v in row):
                continue
            where = Problem("kb.row", {"row": number})
            if len(row) > len(header):
                yield where, ImportProblem(where, Problem("kb.too_many_cells"))
                continue
            record: dict[str, Any] = {}
            for name, value in zip(header, row, strict=False):
                if name and str(value).strip() != "":
                    record[name] = _cell(name, value)
            yield where, record

    return _collect(records())


def _cell(name: str, value: Any) -> Any:
    if name in LISTS:
        return [v.strip() for v in str(value).split(SEPARATOR) if v.strip()]
    if name == "demo":
        return str(value).strip().lower() in {"1", "true", "yes", "是", "y"}
    return value


def _collect(records: Iterable[tuple[Where, dict[str, Any] | ImportProblem]]) -> ImportResult:
    articles: list[Article] = []
    problems: list[ImportProblem] = []
    wheres: list[Where] = []
    seen: dict[str, Where] = {}
    for where, record in records:
        if isinstance(record, ImportProblem):
            problems.append(record)
            continue
        try:
            article = Article.from_dict(record)
        except ArticleError as exc:
            problems.append(ImportProblem(where, exc.problem))
            continue
        if article.id in seen:
            duplicate = Problem("kb.duplicate_id", {"id": article.id, "other": seen[article.id]})
            problems.append(ImportProblem(where, duplicate))
            continue
        seen[article.id] = where
        articles.append(article)
        wheres.append(where)
    return ImportResult(tuple(articles), tuple(problems), tuple(wheres))


# -- writing ----------------------------------------------------------------------------------------


def _row(article: Article) -> list[str]:
    data = article.to_dict()
    return [
        SEPARATOR.join(data[c]) if c in LISTS else ("" if data[c] is None else str(data[c])) for c in COLUMNS
    ]


def write_csv(articles: Iterable[Article], path: Path) -> int:
    rows = [_row(a) for a in articles]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel then reads UTF-8
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return len(rows)


def write_xlsx(articles: Iterable[Article], path: Path) -> int:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "知识库"
    sheet.append(list(COLUMNS))
    count = 0
    for article in articles:
        sheet.append(_row(article))
        count += 1
    book.save(path)
    return count


def write_markdown_folder(articles: Iterable[Article], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in articles:
        meta = {k: v for k, v in article.to_dict().items() if k != "body"}
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (folder / f"{article.id}.md").write_text(f"---\n{head}---\n\n{article.body}\n", encoding="utf-8")
        count += 1
    return count
