"""Toneless pinyin of Chinese words (pypinyin), read as words: 重庆 chong qing, 银行 yin hang.

Operators and callers type pinyin and its initials (gjj for 公积金) as often as characters; the KB
search and the category finder read words this one way.
"""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=20_000)
def syllables(word: str) -> tuple[str, ...]:
    """Toneless pinyin per character of `word`; characters without a reading are left out.
    Cached: callers say the same words call after call, and pypinyin is the slow part."""
    # pypinyin loads its phrase tables on import (about half a second): at the first use, on a
    # worker, not during the seat's start-up. It copies them too (3 MB), in case a program edits
    # them; the seat never does.
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word, errors="ignore"))


def spell(word: str) -> str:
    """公积金 → gongjijin."""
    return "".join(syllables(word))


def initials(word: str) -> str:
    """公积金 → gjj."""
    return "".join(s[0] for s in syllables(word) if s)
