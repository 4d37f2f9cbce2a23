"""The user manual (docs/<lang>/*.md) stays true to the program: every picture it shows exists (made
by `make manual-shots`), every page it links to exists, both languages have the same pages and
pictures, and every key in its shortcut tables is one the window answers to (the F1 list)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import home, languages, open_window
from ui.shell.main_window import MainWindow

__all__ = ["home", "languages", "open_window"]  # fixtures used here

DOCS = Path(__file__).resolve().parents[2] / "docs"
LANGUAGES = ("zh_CN", "en")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")
_KEY_TABLE_HEADS = {"按键", "Key"}  # the first column of a shortcut table


def pages(language: str) -> list[Path]:
    return sorted((DOCS / language).glob("*.md"))


def images(page: Path) -> list[str]:
    return _IMAGE.findall(page.read_text(encoding="utf-8"))


def shortcut_keys(text: str) -> list[str]:
    """The keys (`in backticks`) in the first cell of every row of a table headed 按键 / Key."""
    keys: list[str] = []
    in_table = False
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if not cells:
            in_table = False
        elif cells[0] in _KEY_TABLE_HEADS:
            in_table = True
        elif in_table and not set(cells[0]) <= set("-: "):
            keys += re.findall(r"`([^`]+)`", cells[0])
    return keys


def test_there_is_a_manual_in_each_language_with_the_three_guides() -> None:
    for language in LANGUAGES:
        assert {p.name for p in pages(language)} == {"README.md", "operator.md", "team-lead.md", "admin.md"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_the_manual_shows_exists(language: str) -> None:
    missing = [
        f"{page.name}: {ref}"
        for page in pages(language)
        for ref in images(page)
        if not (page.parent / ref).is_file()
    ]
    assert missing == []  # `make manual-shots` makes them


def test_both_languages_show_the_same_pictures() -> None:
    shown = {
        language: {(p.name, ref) for p in pages(language) for ref in images(p)} for language in LANGUAGES
    }
    assert shown["zh_CN"] == shown["en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_the_manual_links_to_exists(language: str) -> None:
    broken = [
        f"{page.name}: {ref}"
        for page in pages(language)
        for ref in _LINK.findall(page.read_text(encoding="utf-8"))
        if not (page.parent / ref).is_file()
    ]
    assert broken == []


def test_a_key_table_is_read_from_its_first_column_only() -> None:
    text = (
        "| 按键 | 功能 |\n|---|---|\n| `F2` | 新建 (`F3` 不算) |\n| `Ctrl+K` | 分类 |\n\n| `F12` | 其他表 |\n"
    )
    assert shortcut_keys(text) == ["F2", "Ctrl+K"]


def test_every_shortcut_in_the_manual_is_one_the_window_answers_to(
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window()
    portable = QKeySequence.SequenceFormat.PortableText
    known = {key for key, _does in window.shortcut_rows(portable)}
    for language in LANGUAGES:
        listed = [key for page in pages(language) for key in shortcut_keys(page.read_text(encoding="utf-8"))]
        assert len(listed) > 20, language  # the operator guide's table was found
        unknown = [key for key in listed if QKeySequence(key).toString(portable) not in known]
        assert unknown == [], f"{language}: keys the window does not have (F1): {unknown}"
