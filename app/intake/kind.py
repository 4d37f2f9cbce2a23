"""What kind of request the call is (诉求类型): 咨询, 求助, 投诉, 举报, 建议, 表扬, by cue words.

A baseline of rules: each kind has cue words with weights (the caller's own word for it, 我要投诉,
weighs most), a cue right after a negation (不是投诉) does not count, a kind named right after a
question word (去哪里投诉, 怎么举报) is a question, so a consultation, and the kinds are ranked by
their summed weights. A learned model can replace `guess_kind` behind the same interface:
text → [KindGuess(kind, confidence, cues)], best first, each cue with its span for provenance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.kinds import Kind
from app.intake.emergency import Alarm
from app.intake.spoken import Compact

_SAID_AS_KIND = 3.0  # 我要投诉, 想咨询一下: the caller names the kind
_TELLING = 1.0  # 扰民, 无证经营, 怎么办理: what such calls say
_HINT = 0.5  # 希望, 帮忙: said in many kinds of calls, a tie-breaker
_CUES: dict[Kind, dict[float, tuple[str, ...]]] = {
    Kind.CONSULTATION: {
        _SAID_AS_KIND: ("咨询", "想问一下", "问一下", "请问", "打听一下", "想了解"),
        _TELLING: ("怎么办理", "怎么申请", "需要什么材料", "要带什么", "需要带什么", "在哪里办", "在哪办",
                   "去哪里办", "去哪办", "怎么收费", "多少钱", "政策", "流程", "怎么查", "能不能办",
                   "可以办", "是不是可以", "能不能申请", "怎么交", "怎么缴", "怎么弄", "报销比例",
                   "哪个部门", "电话是多少", "几点上班", "什么条件", "有没有补贴", "怎么办手续",
                   "想问问", "想问下", "问问", "哪些材料", "要准备", "怎么激活", "能报销吗", "能不能报",
                   "收费标准", "多久能", "去哪里做", "怎么领", "哪里可以", "怎么定责", "是不是要"),
    },
    Kind.HELP: {
        _SAID_AS_KIND: ("求助", "帮帮我", "帮帮忙", "救命", "求求你们"),
        _TELLING: ("没办法了", "走投无路", "急需", "怎么办啊", "没水了", "没电了", "停水", "停电",
                   "没暖气", "不热", "漏水", "迷路", "找不到", "生活困难", "没钱看病", "救助", "低保",
                   "回不去", "没人帮", "不知道该找谁", "不知道去哪里找", "没法做饭", "补助", "好危险",
                   "井盖", "没得人", "冻得"),
        _HINT: ("帮忙", "帮一下", "能不能帮", "麻烦你们"),
    },
    Kind.COMPLAINT: {
        _SAID_AS_KIND: ("投诉", "我要投诉", "反映个问题"),
        _TELLING: ("扰民", "噪音", "太吵", "吵得", "睡不着", "没人管", "不作为", "乱收费", "多收", "态度差",
                   "态度恶劣", "推诿", "踢皮球", "一直没", "迟迟", "拖欠", "不给退", "不退", "不解决",
                   "不处理", "没处理", "占道", "乱停", "臭", "油烟", "乱扔", "脏乱差", "刁难", "拖着",
                   "不给办", "欠薪", "工资", "坑人", "霸王条款", "受不了", "严重影响", "服务太差", "不管",
                   "拒载", "乱要价", "没赔", "不赔", "不疏导", "吵到", "太猛", "骂", "退不回来", "倒闭",
                   "冒黑烟", "收了我", "堵了", "不修", "好几天了", "坏了好几天", "老响"),
        _HINT: ("反映", "物业", "影响", "天天", "每天晚上", "太大了"),
    },
    Kind.REPORT: {
        _SAID_AS_KIND: ("举报", "实名举报", "匿名举报"),
        _TELLING: ("违法", "非法", "无证", "无照", "黑作坊", "传销", "赌博", "偷排", "偷倒", "私自",
                   "违建", "违章搭建", "私搭乱建", "假冒", "假货", "造假", "骗保", "吸毒", "卖淫", "偷偷",
                   "逃税", "不开发票", "非法集资", "黑车", "超载", "过期", "地沟油", "虚假", "冒充",
                   "骗人", "诈骗", "偷税", "违规经营", "无资质", "排污", "被人偷了", "很危险"),
    },
    Kind.SUGGESTION: {
        _SAID_AS_KIND: ("建议", "提个建议", "提个意见", "提议", "有个想法"),
        _TELLING: ("能不能增加", "能不能多", "可不可以增加", "应该增加", "应该多", "可不可以考虑", "考虑一下",
                   "增设", "多设", "多开", "改进", "完善", "优化", "加装", "能否", "最好能", "多建",
                   "加开", "延长", "装个", "加个", "设个", "建个"),
        _HINT: ("希望能", "希望可以", "希望"),
    },
    Kind.PRAISE: {
        _SAID_AS_KIND: ("表扬", "感谢信", "锦旗", "点赞", "点个赞"),
        _TELLING: ("非常负责", "特别负责", "很负责", "服务很好", "服务好", "很热心", "热心", "很耐心",
                   "特别耐心", "帮了大忙", "太感谢", "非常感谢", "特别感谢", "好人", "辛苦了", "及时"),
    },
}  # fmt: skip
_NEGATED = ("不是", "不想", "不要", "没有", "不用", "别")
# 要去哪里投诉, 怎么举报, 找谁投诉: the caller asks where or how, which is a consultation.
_ASKED = ("哪里", "哪儿", "去哪", "怎么", "如何", "找谁", "向谁", "跟谁", "找哪个部门")


@dataclass(frozen=True)
class KindCue:
    word: str
    start: int  # span in the text given to guess_kind()
    end: int


@dataclass(frozen=True)
class KindGuess:
    kind: Kind
    confidence: float  # share of the cue weight, shrunk when little was said
    cues: tuple[KindCue, ...]  # in the order found: emergencies first, then cue words


def _pattern() -> re.Pattern[str]:
    words = {word for weights in _CUES.values() for cues in weights.values() for word in cues}
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


_WORD = _pattern()
_WEIGHT = {
    word: (kind, weight)
    for kind, weights in _CUES.items()
    for weight, cues in weights.items()
    for word in cues
}
_NAMING = frozenset(word for weights in _CUES.values() for word in weights.get(_SAID_AS_KIND, ()))
_PRIOR = 1.0  # weight of 'not sure yet': one hint alone is not a confident guess


def named_kind(text: str, alarms: Sequence[Alarm] = ()) -> KindGuess | None:
    """The kind the caller names outright (我要投诉, 想咨询一下, 我要举报, not 不是投诉), or 求助 when an
    emergency is heard; None when neither. Where it is said it outweighs any learned guess: the
    caller's own word for the request is right far more often than a model's reading of the rest."""
    said = [
        KindGuess(g.kind, g.confidence, named)
        for g in guess_kind(text, alarms)
        if (named := tuple(c for c in g.cues if c.word in _NAMING or c in _alarm_cues(alarms)))
    ]
    return max(said, key=lambda g: len(g.cues), default=None)


def _alarm_cues(alarms: Sequence[Alarm]) -> set[KindCue]:
    return {KindCue(alarm.phrase, alarm.start, alarm.end) for alarm in alarms}


def guess_kind(text: str, alarms: Sequence[Alarm] = ()) -> list[KindGuess]:
    """The kinds `text` has cues for, best first; empty when it has none. `alarms` are the
    emergencies heard in `text` (EmergencyList.detect, whose guards know 跳楼价 from 要跳楼): each is
    a call for help."""
    spoken = Compact.of(text)
    scores: dict[Kind, float] = {}
    cues: dict[Kind, list[KindCue]] = {}
    for alarm in alarms:
        scores[Kind.HELP] = scores.get(Kind.HELP, 0.0) + _SAID_AS_KIND
        cues.setdefault(Kind.HELP, []).append(KindCue(alarm.phrase, alarm.start, alarm.end))
    for match in _WORD.finditer(spoken.text):
        if spoken.text[max(0, match.start() - 2) : match.start()].endswith(_NEGATED):
            continue  # 不是投诉, 不想举报谁
        kind, weight = _WEIGHT[match.group(0)]
        before = spoken.text[max(0, match.start() - 5) : match.start()]
        if weight == _SAID_AS_KIND and before.endswith(_ASKED):
            kind = Kind.CONSULTATION  # 去哪里投诉: asks where to take a complaint
        scores[kind] = scores.get(kind, 0.0) + weight
        cues.setdefault(kind, []).append(KindCue(match.group(0), *spoken.span(*match.span())))
    total = sum(scores.values()) + _PRIOR
    ranked = sorted(scores, key=lambda k: (-scores[k], list(Kind).index(k)))
    return [KindGuess(kind, round(scores[kind] / total, 3), tuple(cues[kind])) for kind in ranked]
