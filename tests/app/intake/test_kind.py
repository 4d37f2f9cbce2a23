"""The kind of request from cue words: ranked, explained by the words that drove it."""

from __future__ import annotations

import pytest

from app.domain.kinds import Kind
from app.intake.kind import _CUES, guess_kind
from app.resources import load_emergency_list


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("我想咨询一下医保异地备案怎么办理", Kind.CONSULTATION),
        ("请问办居住证需要带什么材料", Kind.CONSULTATION),
        ("楼上装修太吵了晚上都睡不着我要投诉", Kind.COMPLAINT),
        ("物业乱收费一直不解决", Kind.COMPLAINT),
        ("我要举报一个黑作坊在小区里无证经营", Kind.REPORT),
        ("有人在河边偷排污水", Kind.REPORT),
        ("建议在我们小区门口增设一个公交站", Kind.SUGGESTION),
        ("能不能在公园多设几个垃圾桶", Kind.SUGGESTION),
        ("我想表扬一下社区的王书记非常负责", Kind.PRAISE),
        ("家里停水两天了能不能帮忙问问", Kind.HELP),
        ("我家老人走失了求求你们帮帮忙", Kind.HELP),
        ("不是投诉啊就是问一下公积金怎么提取", Kind.CONSULTATION),  # a negated cue does not count
    ],
)
def test_the_best_guess_is_the_kind_the_cues_say(said: str, kind: Kind) -> None:
    assert guess_kind(said)[0].kind is kind


def test_each_guess_says_which_words_drove_it_and_where() -> None:
    said = "楼上 太吵了 我要投诉"
    best = guess_kind(said)[0]
    assert [(c.word, said[c.start : c.end]) for c in best.cues] == [
        ("太吵", "太吵"),
        ("我要投诉", "我要投诉"),
    ]
    assert 0 < best.confidence < 1


def test_more_cues_give_more_confidence_and_no_cue_gives_no_guess() -> None:
    one, two = guess_kind("太吵了")[0], guess_kind("太吵了睡不着我要投诉")[0]
    assert one.confidence < two.confidence
    assert guess_kind("喂你好") == []


def test_no_cue_word_belongs_to_two_kinds() -> None:
    words = [w for weights in _CUES.values() for cues in weights.values() for w in cues]
    assert len(words) == len(set(words))


def test_an_emergency_heard_makes_the_call_a_call_for_help_and_a_sale_does_not() -> None:
    words = load_emergency_list()
    fire = "隔壁起火了火好大"
    best = guess_kind(fire, words.detect(fire))[0]
    assert (best.kind, [c.word for c in best.cues]) == (Kind.HELP, ["起火", "火好大"])
    sale = "这家服装店天天喊跳楼价大甩卖喇叭太吵了"
    assert guess_kind(sale, words.detect(sale))[0].kind is Kind.COMPLAINT
