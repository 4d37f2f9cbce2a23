"""The caller's name and form of address heard in the call (来电人): 我姓刘 → 刘先生/女士, 我叫张伟,
免贵姓王, 弓长张, and 先生 or 女士 when said (王女士您好) or clear from the call (我老公, 我一个老太太).

Only a common Chinese surname starts a name, so 我姓名, 我姓氏 or 我是东湖区的 name nobody; a word
the dictionary knows as something other than a person (周边, 平时) is not a name either, nor one said
right before a place or company ending (幸福小区, 华为公司). The last mention wins: callers correct
themselves (我姓张 不对 是立早章).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.intake.spoken import Compact
from app.lexicon import import_jieba, tokenizer

# The common surnames (about 99 % of people; 百家姓 order is not needed), compound ones first.
_COMPOUND = tuple(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "慕容",
        "令狐",
        "司徒",
        "夏侯",
        "尉迟",
        "长孙",
        "公孙",
        "宇文",
        "独孤",
        "南宫",
        "端木",
        "申屠",
        "轩辕",
        "呼延",
        "西门",
        "单于",
        "澹台",
        "公冶",
        "百里",
        "东郭",
        "闻人",
        "太史",
    ]
)
_SINGLE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任洪萧"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
    "赖傅阎"
)
_TITLE_MEN = ("先生", "大爷", "大哥", "师傅")
_TITLE_WOMEN = ("女士", "小姐", "阿姨", "大姐", "大妈")
# Said of anyone (物业的李师傅, 我邻居王阿姨): only 先生/女士 name the caller when said without 我是.
_FORMAL = ("先生", "女士", "小姐")
# 弓长张: surnames spelled out by their parts, so the operator writes the right one of 张/章.
_SPELLED = {
    "弓长张": "张",
    "立早章": "章",
    "木子李": "李",
    "口天吴": "吴",
    "耳东陈": "陈",
    "古月胡": "胡",
    "草头黄": "黄",
    "言午许": "许",
    "双口吕": "吕",
    "双木林": "林",
    "走肖赵": "赵",
    "文刀刘": "刘",
    "卯金刀刘": "刘",
    "木易杨": "杨",
    "关耳郑": "郑",
    "人可何": "何",
    "禾口程": "程",
    "三横王": "王",
    "子小孙": "孙",
    "日月明": "明",
    "耳朵陈": "陈",
    "草头萧": "萧",
    "小月肖": "肖",
    "三点水的汪": "汪",
    "宝盖宋": "宋",
    "西贝贾": "贾",
    "双人徐": "徐",
    "言身寸谢": "谢",
    "口十叶": "叶",
}
# Where a given name stops in unpunctuated speech: a pronoun, particle or the next topic's first word.
_NAME_STOPS = set(
    "我你他她它的是在住家电手号想要就啊呀哈嘛呢吧哦噢呃嗯那这今从给跟和对不反打来现找有了说问也都还"
)
# A name said right before one of these is a place or a company: 幸福小区, 东湖区, 华为公司.
_NOT_PEOPLE_AFTER = (
    "区", "县", "市", "镇", "乡", "村", "路", "街", "巷", "省", "小区", "花园", "公司", "集团", "物业",
    "超市", "医院", "学校", "银行", "局", "厂", "店", "酒店", "广场", "中心", "大厦", "商场", "站", "社区",
    # … or who the caller is, not what they are called: 我是高三学生的家长, 我是周边居民
    "学生", "家长", "业主", "居民", "住户", "租户", "市民", "员工", "司机", "工人", "患者", "病人", "村民",
    "职工", "老人", "顾客", "商户", "骑手", "同学", "年级", "班",
)  # fmt: skip
# Who is speaking, when no title is said: a wife speaks of 我老公, a husband of 我老婆.
_WOMAN = re.compile(
    "我老公|我丈夫|(?<![她他的])前夫|我家老头子|我是?一?个(?:女的|女同志|老太太|单身女性|孕妇|单亲妈妈|妈妈)|我是(?:孩子|他|她)?(?:妈妈|宝妈)"
)
_MAN = re.compile(
    "我老婆|我媳妇|我妻子|(?<![她他的])前妻|我是?一?个(?:男的|老头|老爷子)|我是(?:孩子|他|她)?爸爸"
)
_FILLER = "(?:那个|就是|这个|呃|嗯|啊)*"
# Said right after the surname, as callers answer 您贵姓: 我姓赵 女士, 我姓黄 草头黄 女的.
_SAID_AFTER = {
    **dict.fromkeys(("先生", "男的", "男同志"), "先生"),
    **dict.fromkeys(("女士", "小姐", "女的", "女同志"), "女士"),
}

_SURNAME = "(?:" + "|".join(_COMPOUND) + f"|[{_SINGLE}])"
_GIVEN = "[\u4e00-\u9fff]{0,2}"
_SAID = re.compile(
    "|".join(
        (
            f"(?:我|免贵|鄙人|本人|敝|鄙)姓(?P<surname>{_SURNAME})(?:[是的]?(?P<spelled>{'|'.join(_SPELLED)}))?"
            # 韩国的韩: the surname spelled by a word, then maybe the title
            f"(?:[\u4e00-\u9fff]{{1,3}}的(?P=surname))?(?:{_FILLER}(?P<said_title>{'|'.join(_SAID_AFTER)}))?",
            f"(?P<spelled_alone>{'|'.join(_SPELLED)})",
            f"(?P<cue>我叫|叫我|不对是|我的名字叫|我名字叫|名字是|我的名字是|我的姓名是|姓名是|我是){_FILLER}"
            # The given name is looked ahead at, not taken: a correction right after it (不对是) must
            # stay free to match.
            f"(?P<full>{_SURNAME})(?=(?P<given>{_GIVEN}))",
            f"(?<![的跟找和给])(?P<titled>{_SURNAME})(?P<title>{'|'.join(_FORMAL)})",
        )
    )
)
_SPELLING = re.compile("([\u4e00-\u9fff]{1,2})的([\u4e00-\u9fff])")
_SPELLED_KEYS = tuple(_SPELLED)
# The transcript writes counted numbers as digits (三点 → 3点); names and their spellings are words.
_DIGITS_AS_SAID = str.maketrans("0123456789", "零一二三四五六七八九")


@dataclass(frozen=True)
class CallerName:
    """A name heard, and the span of the mention in the transcript it came from."""

    surname: str
    given: str
    title: str  # 先生 or 女士 when said or clear, else ""
    start: int
    end: int

    @property
    def text(self) -> str:
        """What goes into 来电人: the full name, else 刘先生, else 刘先生/女士 when nothing tells."""
        if self.given:
            return self.surname + self.given
        return self.surname + (self.title or "先生/女士")


def caller_name(text: str) -> CallerName | None:
    """The caller's name as last said in `text` (spoken, ASR-like), or None."""
    spoken = Compact.of(text)
    compact = spoken.text.translate(_DIGITS_AS_SAID)  # 三点水 written 3点水: one character for one
    found: CallerName | None = None
    title = ""
    for match in _SAID.finditer(compact):
        mention = _mention(match, compact)
        if mention is None:
            continue
        surname, given, said_title, said_end = mention
        start, end = spoken.span(match.start(), said_end)
        if said_title:
            title = said_title
        if found is not None and not given and surname == found.surname and found.given:
            continue  # 我叫张伟 … 张先生: the full name said earlier stays
        found = CallerName(surname, given, "", start, end)
    if found is None:
        return None
    return CallerName(found.surname, found.given, title or _title_from_cues(compact), found.start, found.end)


def _mention(match: re.Match[str], compact: str) -> tuple[str, str, str, int] | None:
    """(surname, given name, title, where the mention ends) of one mention, or None when it names
    no person."""
    if match.group("surname"):
        spelled = match.group("spelled")
        title = _SAID_AFTER.get(match.group("said_title") or "", "")
        return (_SPELLED[spelled] if spelled else match.group("surname")), "", title, match.end()
    if match.group("spelled_alone"):
        return _SPELLED[match.group("spelled_alone")], "", "", match.end()
    if match.group("titled"):
        return match.group("titled"), "", _gender(match.group("title")), match.end()
    surname = match.group("full")
    given = ""
    for ch in match.group("given"):
        if ch in _NAME_STOPS:
            break
        given += ch
    rest = compact[match.start("full") + len(surname) + len(given) :]
    # 我叫张伟张先生你好: the name stops where the same surname starts again with a title.
    again = next((k for k in range(len(given)) if (given[k:] + rest).startswith(_titled(surname))), None)
    if again is not None:
        given = given[:again]
    # 杨丽木易杨: the name stops where the caller spells out the surname, 朱军退伍军人 where the
    # next word starts (jieba cuts 朱军|退伍军人 but keeps 张建国 and 李|明亮 whole).
    spelling = next((k for k in range(len(given) + 1) if (given[k:] + rest).startswith(_SPELLED_KEYS)), None)
    if spelling is not None:  # 许志明言午许: spelled right after it, the name is whole
        given = given[:spelling]
    elif len(given) == 2 and _next_word_starts_inside(surname, given, rest):
        given = given[:1]
    rest = compact[match.start("full") + len(surname) + len(given) :]
    # 李丽美丽的丽: the name stops where the caller starts spelling out its last character.
    spelled = next((k for k in range(1, len(given)) if _spells(given[k:] + rest, given[k - 1])), None)
    if spelled is not None:
        given = given[:spelled]
    end = match.start("full") + len(surname) + len(given)
    rest = compact[end:]
    for title in _TITLE_MEN + _TITLE_WOMEN:
        if given == title[: len(given)] and rest.startswith(title[len(given) :]):
            return surname, "", _gender(title), end + len(title) - len(given)  # 我是刘先生, 叫我王阿姨
    tail = given + rest
    if any(tail[k:].startswith(_NOT_PEOPLE_AFTER) for k in range(len(given) + 1)):
        return None  # 我是幸福小区的, 我是华为公司的
    if given and rest.startswith("的") and match.group("cue") == "我是":
        return None  # 我是王小明的家长
    if not given:
        return None  # 我是王 … names nobody yet
    if surname + given in _not_names() or surname + given[0] in _not_names():
        return None  # 我是周边的居民, 我叫高兴
    return surname, given, "", end


def _next_word_starts_inside(surname: str, given: str, rest: str) -> bool:
    words = tokenizer().lcut(surname + given + rest[:4])
    return len(words) > 1 and words[0] == surname + given[0] and len(words[1]) >= 2


def _spells(text: str, character: str) -> bool:
    """`text` starts by spelling out `character` as 美丽的丽 or 伟大的伟 does."""
    said = _SPELLING.match(text)
    return said is not None and said.group(2) == character and character in said.group(1)


def _titled(surname: str) -> tuple[str, ...]:
    return tuple(surname + title for title in _TITLE_MEN + _TITLE_WOMEN)


def _gender(title: str) -> str:
    return "先生" if title in _TITLE_MEN else "女士"


def _title_from_cues(compact: str) -> str:
    if _WOMAN.search(compact):
        return "女士"
    return "先生" if _MAN.search(compact) else ""


@cache
def _not_names() -> frozenset[str]:
    """Words starting with a surname that jieba's dictionary knows as something else (周边, 平时):
    only these, not the whole dictionary, so the seat keeps a few hundred kilobytes, not 40 MB."""
    import_jieba()
    import jieba

    starts = set(_SINGLE)
    words = set()
    with jieba.get_dict_file() as lines:
        for raw in lines:
            word, _freq, tag = raw.decode("utf-8").split()
            if 2 <= len(word) <= 3 and word[0] in starts and not tag.startswith("nr"):
                words.add(word)
    return frozenset(words)
