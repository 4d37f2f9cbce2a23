"""Toneless pinyin of Chinese words (pypinyin), read as words: 重庆 chong qing, 银行 yin hang.

Operators and callers type pinyin and its initials (gjj for 公积金) as often as characters; the KB
search and the category finder read words this one way.

pypinyin's phrase table (47,000 words, held as a 40 MB dict for the life of the process) is not
loaded: per character its first reading is right for all but 3,400 of those words, and those
words, with their readings, ship in resources/dict/pinyin_phrases.txt (80 KB), made from that table
by `python -m app.pinyin_table` (a test checks it against the installed pypinyin).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import cache, lru_cache

from app.paths import resources_dir

PHRASES_FILE = "pinyin_phrases.txt"


@lru_cache(maxsize=20_000)
def syllables(word: str) -> tuple[str, ...]:
    """Toneless pinyin per character of `word`; characters without a reading are left out.
    Cached: callers say the same words call after call, and pypinyin is the slow part."""
    return read(word, *_phrases(), _by_character)


def read(
    word: str,
    phrases: Mapping[str, tuple[str, ...]],
    longest: int,
    by_character: Callable[[str], list[str]],
) -> tuple[str, ...]:
    """`word` read as the longest phrases of `phrases` it holds (left to right), and the rest
    character by character."""
    said: list[str] = []
    plain = 0  # start of the characters read one by one
    at = 0
    while at < len(word):
        for size in range(min(longest, len(word) - at), 1, -1):
            reading = phrases.get(word[at : at + size])
            if reading:
                said += by_character(word[plain:at]) + list(reading)
                at = plain = at + size
                break
        else:
            at += 1
    return tuple(said + by_character(word[plain:]))


def spell(word: str) -> str:
    """公积金 → gongjijin."""
    return "".join(syllables(word))


def initials(word: str) -> str:
    """公积金 → gjj."""
    return "".join(s[0] for s in syllables(word) if s)


def _by_character(text: str) -> list[str]:
    if not text:
        return []
    # Before pypinyin's first import: it reads these once. Its per-character table is kept
    # as loaded (no defensive copy), its phrase table not loaded at all (see the module's text).
    os.environ["PYPINYIN_NO_PHRASES"] = "1"
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import lazy_pinyin

    return list(lazy_pinyin(text, errors="ignore"))


@cache
def _phrases() -> tuple[dict[str, tuple[str, ...]], int]:
    """The words whose reading is not their characters' first readings, and the longest one."""
    text = (resources_dir() / "dict" / PHRASES_FILE).read_text(encoding="utf-8")
    phrases = {}
    for line in text.splitlines():
        word, _, reading = line.partition("\t")
        phrases[word] = tuple(reading.split())
    return phrases, max(map(len, phrases), default=1)
