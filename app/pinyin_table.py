"""The phrase readings app/pinyin.py ships, made again after a pypinyin or jieba upgrade with
`python -m app.pinyin_table > resources/dict/pinyin_phrases.txt`.

Run it in its own process: it loads pypinyin with its whole phrase table, which the seat never does.
A phrase of pypinyin's table or a word of jieba's dictionary (the words the seat reads come from
jieba) is kept when app.pinyin, reading it with the phrases kept so far and the first reading of
each other character, would read it otherwise than pypinyin does (一了 yi liao; 人行道 ren xing dao,
kept because 人行 ren hang is); repeated until nothing changes. One "word<TAB>syllables" line each.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.lexicon import import_jieba
from app.pinyin import read


def exceptions() -> dict[str, tuple[str, ...]]:
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    if not PHRASES_DICT:
        raise SystemExit("pypinyin was loaded without its phrase table: unset PYPINYIN_NO_PHRASES")

    def by_character(text: str) -> list[str]:
        return [s for character in text for s in lazy_pinyin(character, errors="ignore")]

    words = set(PHRASES_DICT) | {w for w in _jieba_words() if len(w) > 1}
    readings = {word: tuple(lazy_pinyin(word, errors="ignore")) for word in words}
    kept: dict[str, tuple[str, ...]] = {}
    while True:
        longest = max(map(len, kept), default=1)
        wrong = {
            w: r for w, r in readings.items() if w not in kept and read(w, kept, longest, by_character) != r
        }
        if not wrong:
            return kept
        kept.update(wrong)


def _jieba_words() -> list[str]:
    import_jieba()
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    return [line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]


if __name__ == "__main__":
    table = exceptions()
    sys.stdout.write("".join(f"{word}\t{' '.join(table[word])}\n" for word in sorted(table)))
