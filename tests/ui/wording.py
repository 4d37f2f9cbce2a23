"""Is a text in one language only? The English interface shows no Chinese, the Chinese interface no
"中文 (English)" pairs (what logs and the server's command line print); a library's own words
(Python's "File is not a zip file") may stand in either."""

from __future__ import annotations

import re

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_IN_BRACKETS = re.compile(r"\((?:[A-Za-z]+ ){2,}")


def assert_english(text: str) -> None:
    assert text and not _CHINESE.search(text), text


def assert_chinese(text: str) -> None:
    assert _CHINESE.search(text) and not _ENGLISH_IN_BRACKETS.search(text), text
