"""Chinese post-processing on Chinese text: numerals to digits, spaces, punctuation from pauses."""

from __future__ import annotations

import pytest

from app.speech.chinese import (
    continues,
    digit_run,
    join_words,
    numerals_to_digits,
    polish,
    polish_partial,
    punctuate,
)
from app.speech.stream import Segment, Speaker, Word


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("一三八一二三四五六七八", "13812345678"),
        ("我的电话是一三八一二三四五六七八", "我的电话是13812345678"),
        ("幺三八幺二三四五六七八", "13812345678"),  # 幺 is how a 1 is said in numbers
        ("零一零六二五五幺幺幺幺", "01062551111"),  # leading zero of an area code kept
        ("幸福路十八号五栋二单元", "幸福路18号5栋2单元"),
        ("二零二四年三月", "2024年3月"),
        ("一些人统一说", "一些人统一说"),  # words that contain 一 stay words
        ("他今年七十二岁", "他今年72岁"),
        ("我家电话三三", "我家电话三三"),  # two digits are not a number run
    ],
)
def test_numerals_become_digits(spoken: str, written: str) -> None:
    assert numerals_to_digits(spoken) == written


def test_a_digit_run_keeps_every_zero() -> None:
    assert digit_run("零零零") == "000"
    assert digit_run("〇幺") == "01"


def test_spaces_between_chinese_words_go_latin_ones_stay() -> None:
    assert join_words("我 家 的 电梯 坏 了") == "我家的电梯坏了"
    assert join_words("打 12345 热线") == "打 12345 热线"
    assert join_words("wifi 没 信号") == "wifi 没信号"


def _words(*spec: tuple[str, float, float]) -> tuple[Word, ...]:
    return tuple(Word(text, start, end, 0.9) for text, start, end in spec)


def test_a_long_pause_becomes_a_comma_and_the_end_a_full_stop() -> None:
    words = _words(
        ("你好", 0.0, 0.4), ("我", 1.2, 1.3), ("家", 1.3, 1.5), ("停电", 1.5, 2.0), ("了", 2.0, 2.2)
    )
    assert punctuate(words) == "你好，我家停电了。"


def test_a_question_ends_with_a_question_mark() -> None:
    assert punctuate(_words(("能", 0.0, 0.2), ("修", 0.2, 0.4), ("吗", 0.4, 0.6))) == "能修吗？"


def test_a_partial_gets_no_final_stop() -> None:
    assert punctuate(_words(("电梯", 0.0, 0.4), ("坏", 0.5, 0.7)), final=False) == "电梯坏"


def test_a_partial_is_joined_and_given_digits_without_pauses_or_stop() -> None:
    assert polish_partial("我的 电话 是 一三八 一二三四") == "我的电话是1381234"
    assert polish_partial("  ") == ""


def test_polish_gives_the_operator_digits_and_punctuation() -> None:
    words = _words(
        ("我的", 0.0, 0.3), ("电话", 0.3, 0.6), ("是", 0.6, 0.7),
        ("一三八", 1.3, 1.9), ("一二三四", 1.9, 2.6), ("五六七八", 2.6, 3.2),
    )  # fmt: skip
    assert polish(words, final=True) == "我的电话是，13812345678。"


def test_empty_input_gives_empty_text() -> None:
    assert punctuate(()) == ""
    assert numerals_to_digits("") == ""


def _final(text: str, start: float, end: float, speaker: Speaker = Speaker.CALLER) -> Segment:
    return Segment("call-1", speaker, text, start, end, (), final=True)


def test_a_phrase_closed_by_a_short_pause_goes_on_in_the_same_line() -> None:
    group = _final("我的电话是138", 0.0, 1.6)
    assert continues(group, _final("1234", 1.9, 2.6)) == ""  # a breath: no comma, digits run on
    assert continues(group, _final("1234", 2.1, 2.6)) == "，"  # as within a segment: ， from 0.4 s


def test_a_sentence_a_long_pause_or_the_other_speaker_starts_a_new_line() -> None:
    assert continues(_final("电梯坏了。", 0.0, 1.0), _final("三天了", 1.2, 2.0)) is None
    assert continues(_final("电梯坏了", 0.0, 1.0), _final("三天了", 2.0, 3.0)) is None
    assert continues(_final("电梯坏了", 0.0, 1.0), _final("好的", 1.2, 2.0, Speaker.OPERATOR)) is None
