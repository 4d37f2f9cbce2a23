"""Chinese post-processing of recognized text: numerals to digits (cn2an), punctuation from pauses.

Vosk's Chinese models write numbers as spoken (一三八一二三四五六七八) and put spaces between words;
the intake form wants 13812345678 and plain Chinese text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.speech.stream import Segment, Word

_DIGIT = "零〇一二三四五六七八九幺"
# Spoken digit by digit: phone, ID and house numbers. Three or more, so 一些 or 统一 stay words.
_DIGIT_RUN = re.compile(f"[{_DIGIT}]{{3,}}")
# A counted number before a unit of an address or amount (十八号, 二十五栋, 一千零一元).
_COUNTED = re.compile(f"([{_DIGIT}两十百千万]+)(?=号|栋|幢|楼|层|室|单元|路|弄|巷|岁|元|块|点|分|年|月|日)")
_CJK = r"[\u3400-\u9fff\uf900-\ufaff，。？！、]"
_SPACE_BETWEEN_CJK = re.compile(f"(?<={_CJK}) +(?={_CJK})")
_QUESTION_ENDINGS = ("吗", "呢", "么", "吧")
_STOPS = ("。", "？", "！", "，", "、")


def _cn2an(numeral: str, mode: str) -> str:
    # cn2an's import takes a third of a second: paid by the first recognized number (on a
    # recognizer or intake worker), not by the seat's start-up.
    import cn2an

    return str(cn2an.cn2an(numeral, mode))


def digit_run(spoken: str) -> str:
    """一三八幺 → 1381; leading zeros kept (零一零 → 010), which cn2an alone would drop."""
    normal = spoken.replace("幺", "一").replace("〇", "零")
    zeros = len(normal) - len(normal.lstrip("零"))
    rest = normal[zeros:]
    return "0" * zeros + (_cn2an(rest, "normal") if rest else "")


def _counted(match: re.Match[str]) -> str:
    try:
        return _cn2an(match.group(1).replace("幺", "一"), "smart")
    except ValueError:  # not a well-formed number (十十八): leave what was said
        return match.group(1)


def numerals_to_digits(text: str) -> str:
    text = _DIGIT_RUN.sub(lambda m: digit_run(m.group(0)), text)
    return _COUNTED.sub(_counted, text)


def join_words(text: str) -> str:
    """Drop the spaces Vosk puts between Chinese words; spaces around Latin words stay."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def punctuate(words: Sequence[Word], *, comma_pause: float = 0.4, final: bool = True) -> str:
    """Words joined, with ， where the speaker paused at least `comma_pause` seconds and 。 or ？
    at the end of a final segment (Vosk ends a segment at a longer pause)."""
    parts: list[str] = []
    for index, word in enumerate(words):
        if index and word.start - words[index - 1].end >= comma_pause:
            parts.append("，")
        elif index:
            parts.append(" ")
        parts.append(word.text)
    text = join_words("".join(parts))
    if final and text:
        text += "？" if text.endswith(_QUESTION_ENDINGS) else "。"
    return text


def polish(words: Sequence[Word], *, final: bool) -> str:
    """What the operator reads: punctuated, numerals as digits; `final` ends it with 。 or ？."""
    return numerals_to_digits(punctuate(words, final=final))


def continues(
    previous: Segment, segment: Segment, *, turn_gap: float = 1.0, comma_pause: float = 0.4
) -> str | None:
    """How `segment` follows `previous` on the same line, when it goes on the same sentence: the
    same speaker, within `turn_gap` seconds, after a phrase that did not end the sentence. Returns
    what goes between them (， after a pause of `comma_pause`, as within a segment), else None."""
    if (
        not previous.final
        or previous.speaker is not segment.speaker
        or previous.text.endswith(_STOPS)
        or segment.start - previous.end >= turn_gap
    ):
        return None
    return "，" if segment.start - previous.end >= comma_pause else ""


def polish_partial(text: str) -> str:
    """A partial as the operator reads it: Vosk gives its text without word times, so no pauses."""
    return numerals_to_digits(join_words(" ".join(text.split())))
