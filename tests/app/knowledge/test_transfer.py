"""Import and export: round trips in all three formats; bad files reported row by row, nothing partial."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.domain.problem import Problem
from app.knowledge.base import KnowledgeBase
from app.knowledge.store import KbStore
from app.knowledge.transfer import (
    COLUMNS,
    ImportFormatError,
    read_any,
    read_markdown_folder,
    write_csv,
    write_markdown_folder,
    write_xlsx,
)
from app.paths import kb_seed_dir


def test_the_shipped_seed_reads_cleanly_and_is_demo_content() -> None:
    result = read_markdown_folder(kb_seed_dir())
    assert result.ok, result.problems
    assert len(result.articles) >= 200
    assert all(a.demo and a.categories and a.questions and a.department for a in result.articles)


@pytest.mark.parametrize("kind", ["folder", "csv", "xlsx"])
def test_export_then_import_gives_the_same_articles(seeded: KnowledgeBase, tmp_path: Path, kind: str) -> None:
    articles = sorted(seeded.store.articles(), key=lambda a: a.id)
    target = {"folder": tmp_path / "md", "csv": tmp_path / "kb.csv", "xlsx": tmp_path / "kb.xlsx"}[kind]
    writer = {"folder": write_markdown_folder, "csv": write_csv, "xlsx": write_xlsx}[kind]
    assert writer(articles, target) == len(articles)
    result = read_any(target)
    assert result.ok, result.problems[:3]
    assert sorted(result.articles, key=lambda a: a.id) == articles


def _csv(path: Path, rows: list[list[str]], header: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _row(**values: str) -> list[str]:
    return [values.get(c, "") for c in COLUMNS]


def test_bad_rows_are_each_reported_and_nothing_is_imported(tmp_path: Path, store: KbStore) -> None:
    path = _csv(
        tmp_path / "kb.csv",
        [
            _row(id="ok-1", title="燃气开户", body="到营业厅办理。"),
            _row(id="bad id!", title="标题", body="正文"),
            _row(id="ok-2", title="", body="正文"),
            _row(id="ok-3", title="标题", body="正文", valid_from="2026-13-01"),
            _row(id="ok-4", title="标题", body="正文", valid_from="2026-05-01", valid_to="2026-01-01"),
            _row(id="ok-1", title="重复", body="正文"),
            _row(id="ok-5", title="标题", body="正文", kinds="gossip"),
            _row(id="ok-6", title="标题", body="正文", version="x"),
        ],
    )
    result = read_any(path)
    where = [p.where for p in result.problems]
    assert where == [Problem("kb.row", {"row": n}) for n in (3, 4, 5, 6, 7, 8, 9)]
    assert result.problems[0].problem == Problem("article.bad_id", {"id": "'bad id!'"})
    other = Problem("kb.row", {"row": 2})
    assert result.problems[4].problem == Problem("kb.duplicate_id", {"id": "ok-1", "other": other})
    assert not result.ok
    # The caller (the UI) stores only a clean result; show that the good row alone is not partial.
    assert store.count() == 0


def test_missing_and_unknown_columns_are_refused_whole(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="缺少列 body"):
        read_any(_csv(tmp_path / "a.csv", [["x", "t"]], header=("id", "title")))
    with pytest.raises(ImportFormatError, match="未知的列 colour"):
        read_any(_csv(tmp_path / "b.csv", [["x", "t", "b", "red"]], header=("id", "title", "body", "colour")))


def test_unreadable_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    fake = tmp_path / "kb.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(ImportFormatError, match="XLSX"):
        read_any(fake)
    latin1 = tmp_path / "kb.csv"
    latin1.write_bytes("id,title,body\nx,\xe9t\xe9,b\n".encode("latin-1"))
    with pytest.raises(ImportFormatError, match="UTF-8"):
        read_any(latin1)
    with pytest.raises(ImportFormatError, match="不支持"):
        read_any(tmp_path / "kb.pdf")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportFormatError, match=r"\.md"):
        read_any(empty)


def test_xlsx_rows_with_errors_are_reported(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "title", "body", "tags"])
    sheet.append(["x-1", "供暖报修", "拨打热线。", "暖气|供暖"])
    sheet.append(["x-2", None, "正文", None])
    book.save(tmp_path / "kb.xlsx")
    result = read_any(tmp_path / "kb.xlsx")
    assert [str(p.where) for p in result.problems] == ["第 3 行 (row 3)"]
    assert result.articles[0].tags == ("暖气", "供暖")


def test_markdown_files_with_broken_front_matter_are_named(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# 燃气开户\n\n到营业厅办理。\n", encoding="utf-8")
    (tmp_path / "open.md").write_text("---\nid: x\n# 标题\n正文\n", encoding="utf-8")
    (tmp_path / "yaml.md").write_text("---\nid: [x\n---\n正文\n", encoding="utf-8")
    (tmp_path / "list.md").write_text("---\n- a\n---\n正文\n", encoding="utf-8")
    result = read_markdown_folder(tmp_path)
    assert sorted(p.where for p in result.problems) == ["list.md", "open.md", "yaml.md"]
    assert [a.id for a in result.articles] == ["good"]
    assert result.articles[0].title == "燃气开户"
