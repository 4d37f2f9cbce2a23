"""The shared Chinese lexicon: jieba with the local user dictionary, and synonym groups.

Speech post-processing, intake extraction and the knowledge base all cut text with the same
tokenizer, so a place, department or policy term (东湖区, 公积金中心, 异地就医备案) is one word
everywhere. The data lives in resources/dict/ (userdict.txt in jieba's "word freq tag" format,
synonyms.txt one group a line); a deployment edits those files, not code.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.paths import resources_dir

if TYPE_CHECKING:
    import jieba

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_IMPORT_LOCK = threading.Lock()
_TOKENIZER: jieba.Tokenizer | None = None


def dict_dir() -> Path:
    return resources_dir() / "dict"


def import_jieba() -> None:
    """Import jieba (once) without pkg_resources: when setuptools is installed jieba opens its
    dictionary through it, which costs 10 MB, a third of a second and a deprecation warning;
    without it jieba reads the same files from its own folder. Call it before `import jieba`."""
    with _IMPORT_LOCK:
        if "jieba" in sys.modules:
            return
        hidden = "pkg_resources" not in sys.modules
        if hidden:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
        try:
            import jieba  # noqa: F401
        finally:
            if hidden:
                del sys.modules["pkg_resources"]


def tokenizer() -> jieba.Tokenizer:
    """The process-wide tokenizer with the user dictionary and every synonym loaded (built once;
    loading jieba's main dictionary takes about a second, so the first caller should be a worker)."""
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            import_jieba()  # only where the tokenizer is wanted, on a worker
            import jieba

            jieba.setLogLevel(logging.WARNING)
            cutter = jieba.Tokenizer()
            cutter.initialize()
            cutter.load_userdict(str(dict_dir() / "userdict.txt"))
            for group in synonym_groups():
                for word in group:
                    if cutter.FREQ.get(word, 0) == 0:
                        cutter.add_word(word, freq=500)
            _TOKENIZER = cutter
        return _TOKENIZER


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    groups: list[tuple[str, ...]] = []
    for line in (dict_dir() / "synonyms.txt").read_text(encoding="utf-8").splitlines():
        words = tuple(dict.fromkeys(line.split("#", 1)[0].split()))
        if len(words) > 1:
            groups.append(words)
    return tuple(groups)


@cache
def synonyms() -> Mapping[str, tuple[str, ...]]:
    """Each word → every word it stands for (itself first); a word in two groups gets both."""
    found: dict[str, list[str]] = {}
    for group in synonym_groups():
        for word in group:
            found.setdefault(word, [word]).extend(w for w in group if w not in found[word])
    return {word: tuple(words) for word, words in found.items()}
