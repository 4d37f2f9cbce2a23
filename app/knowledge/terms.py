"""Turning text into search terms: jieba search-mode words, synonyms, pinyin and initials.

The FTS5 table gets text that is already cut into words and joined by spaces, so SQLite's plain
unicode61 tokenizer only has to split on the spaces: all the Chinese knowledge stays in jieba and in
resources/dict/. Queries are never handed to FTS5 as written: every term is quoted, so a caller's
`"a" OR`, `NEAR(` or `*` is just text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from app.lexicon import dict_dir, synonyms, tokenizer
from app.pinyin import initials as pinyin_initials
from app.pinyin import syllables

MAX_QUERY_CHARS = 200  # a pasted transcript is cut here: the first words say what it is about
MAX_QUERY_TERMS = 16  # bounds the FTS expression, hence the search time
_WORD = re.compile(r"[\w]", re.UNICODE)
HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"^[a-z]+$")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
LONGEST_SPELLING = 30  # letters in the pinyin of one vocabulary word (zhuang is 6 a syllable)


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, control characters to spaces."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if folded.isprintable():
        return folded
    return "".join(ch if ch.isprintable() else " " for ch in folded)


def is_term(token: str) -> bool:
    return bool(token.strip()) and bool(_WORD.search(token)) and "_" not in token


@cache
def stopwords() -> frozenset[str]:
    lines = (dict_dir() / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def words(text: str) -> list[str]:
    """Precise-mode words (for keywords and pinyin), without punctuation."""
    return [w for w in tokenizer().cut(normalize(text)) if is_term(w)]


def index_terms(text: str) -> str:
    """Search-mode words of `text`, space-joined for the FTS5 column."""
    return " ".join(w for w in tokenizer().cut_for_search(normalize(text)) if is_term(w))


def initials(texts: Iterable[str]) -> str:
    """Pinyin initials of each Chinese word and of each whole text, space-joined, so callers'
    and operators' abbreviations match: gjj (公积金), zfgjjtq (住房公积金提取)."""
    found: list[str] = []
    for text in texts:
        whole = [pinyin_initials(w) for w in words(text) if HAN.search(w)]
        found.extend(whole)
        if len(whole) > 1:
            found.append("".join(whole))
    return " ".join(dict.fromkeys(found))


def homophones(text: str, vocabulary: Mapping[str, str]) -> list[str]:
    """Known words that runs of 2-4 characters in `text` sound like but are not (公基金 → 公积金):
    speech recognition and hurried typing both produce such homophone typos."""
    found: list[str] = []
    for run in _HAN_RUN.findall(text):
        sounds = [s for word in tokenizer().cut(run) for s in syllables(word)]
        if len(sounds) != len(run):
            continue
        # Longest first, and a part of a span already read as a known word is not read again:
        # 公积金 is a word, so its 公积 is not taken for 共济 (the same sound, another article).
        covered: set[int] = set()
        for size in (4, 3, 2):
            for start in range(len(run) - size + 1):
                span = range(start, start + size)
                if covered.issuperset(span):
                    continue
                word = vocabulary.get("".join(sounds[start : start + size]))
                if word is None:
                    continue
                covered.update(span)
                if word != run[start : start + size]:
                    found.append(word)
    return found


def spelled(latin: str, vocabulary: Mapping[str, str]) -> str:
    """The known words whose toneless pinyin, run together, is `latin` (yidijiuyi → 异地就医), in
    as few words as possible; "" when it spells none. Typing full pinyin is as common as initials."""
    best: list[list[str] | None] = [[]] + [None] * len(latin)
    for end in range(1, len(latin) + 1):
        for start in range(max(0, end - LONGEST_SPELLING), end):
            before, word = best[start], vocabulary.get(latin[start:end])
            if before is None or word is None:
                continue
            found = best[end]
            if found is None or len(before) + 1 < len(found):
                best[end] = [*before, word]
    return "".join(best[-1] or ())


@dataclass(frozen=True)
class Query:
    """A caller's text as search terms, each with its alternatives (synonyms), and the words to
    highlight. `expression` quotes every term, so no text is ever FTS5 syntax."""

    terms: tuple[tuple[str, ...], ...]  # per term: FTS5 phrases, the term's synonyms among them
    marks: tuple[str, ...]  # words (and synonyms) to highlight in titles and snippets

    @property
    def expression(self) -> str:
        return " OR ".join(p for term in self.terms for p in term)

    def phrases(self) -> tuple[tuple[str, bool], ...]:
        """Every phrase of the expression unquoted, with whether it is a prefix (gjj*)."""
        return tuple(
            (p[1:-2].replace('""', '"'), True) if p.endswith("*") else (p[1:-1].replace('""', '"'), False)
            for term in self.terms
            for p in term
        )


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def parse_query(text: str, vocabulary: Mapping[str, str] | None = None) -> Query:
    """`vocabulary` maps the pinyin of the knowledge base's title and tag words to the words."""
    cleaned = normalize(text)[:MAX_QUERY_CHARS]
    stop = stopwords()
    cut = [t for t in tokenizer().cut_for_search(cleaned) if is_term(t) and t not in stop]
    if vocabulary:
        cut += homophones(cleaned, vocabulary)
        words_spelled = " ".join(spelled(t, vocabulary) for t in cut if _LATIN.fullmatch(t) and len(t) > 1)
        cut += [t for t in tokenizer().cut_for_search(words_spelled) if is_term(t) and t not in stop]
    terms: list[tuple[str, ...]] = []
    marks: list[str] = []
    seen: set[str] = set()
    for term in list(dict.fromkeys(cut))[:MAX_QUERY_TERMS]:
        if _LATIN.fullmatch(term) and len(term) > 1:
            # Latin letters are a word (ETC, app) or pinyin initials (gjj = 公积金): prefix match both.
            phrases: tuple[str, ...] = (f"{_quoted(term)}*",)
            marks.append(term)
        else:
            alternatives = synonyms().get(term, (term,))
            phrases = tuple(_quoted(a) for a in alternatives)
            marks.extend(alternatives)
        fresh = tuple(p for p in phrases if p not in seen)
        seen.update(fresh)
        if fresh:
            terms.append(fresh)
    return Query(tuple(terms), tuple(dict.fromkeys(marks)))
