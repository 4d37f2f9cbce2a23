"""The kind of request from cue words: ranked, explained by the words that drove it."""

from __future__ import annotations

import pytest

from app.domain.kinds import Kind
from app.intake.kind import _CUES, guess_kind, named_kind
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


@pytest.mark.parametrize(
    "said",
    [
        "老板一直没给我们买社保这个要去哪里投诉能不能补缴",
        "商标被人用了要去哪投诉",
        "我想知道怎么举报",
        "这种事找谁投诉",
    ],
)
def test_asking_where_or_how_to_complain_is_a_consultation(said: str) -> None:
    """去哪里投诉 names no complaint: the caller asks where to take one, which is a question."""
    named = named_kind(said)
    assert named is not None and named.kind is Kind.CONSULTATION
    assert guess_kind(said)[0].kind is Kind.CONSULTATION


def test_a_complaint_said_outright_still_names_the_kind() -> None:
    named = named_kind("我不知道怎么说反正我要投诉")
    assert named is not None and named.kind is Kind.COMPLAINT
