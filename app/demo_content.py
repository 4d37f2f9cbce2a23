"""演示数据: realistic demo calls for the fictional city 海滨市 (Haibin).

Used by ``--demo`` runs, screenshots and tests to fill a seat with a month of plausible tickets.
Everything here is invented: the city, its districts, streets, estates, shops and companies, and the
callers (random surname + given-name combinations, phone numbers of the form 1xx-0000-xxxx).

Pure: no I/O, no clock reads (``now`` is passed in), one ``random.Random(seed)`` so a seed always
gives the same list.
"""

from __future__ import annotations

import random
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.kinds import Kind, Priority
from app.domain.taxonomy import Category, Taxonomy


class Progress(StrEnum):
    """How far along the lifecycle (工单流转) a demo ticket should be seeded."""

    ACCEPTED = "accepted"
    CLOSED_DIRECT = "closed_direct"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    REPLIED = "replied"
    VISITED = "visited"
    CLOSED = "closed"


PROGRESS_VALUES: Final = tuple(Progress)
# The dispatched path, in order; closed_direct (直接办结) is its own branch off "accepted".
_DISPATCH_PATH: Final = (
    Progress.ACCEPTED,
    Progress.DISPATCHED,
    Progress.IN_PROGRESS,
    Progress.REPLIED,
    Progress.VISITED,
    Progress.CLOSED,
)

CITY: Final = "海滨市"
WINDOW: Final = timedelta(days=30)
"""Demo requests are received within this long before ``now``."""


def _shanghai() -> tzinfo:
    # Windows has no system tz database unless the tzdata package is installed; China has had no DST
    # since 1991, so a fixed +08:00 is the same clock.
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=8), "CST")


SHANGHAI: Final = _shanghai()


@dataclass(frozen=True, slots=True)
class DemoRequest:
    """One invented citizen call, ready to be turned into a ticket (工单)."""

    kind: Kind
    category_code: str
    priority: Priority
    caller_name: str
    caller_phone: str
    address: str
    district: str
    content: str
    received_at: datetime
    progress: Progress


# --------------------------------------------------------------------------- fictional geography


@dataclass(frozen=True, slots=True)
class _District:
    name: str
    streets: tuple[str, ...]  # 街道 / 乡镇
    communities: tuple[str, ...]  # 社区 / 村
    estates: tuple[str, ...]  # 小区
    roads: tuple[str, ...]


_DISTRICTS: Final = (
    _District(
        "东湖区",
        ("湖滨街道", "望湖街道", "东湖街道", "柳堤街道"),
        ("翠湖社区", "柳岸社区", "荷风社区", "望湖社区", "湖心社区"),
        ("阳光花园", "湖畔雅苑", "翠湖名邸", "东湖新村", "柳岸人家", "望湖公寓"),
        ("湖滨路", "望湖大道", "柳堤路", "翠湖街", "东环路"),
    ),
    _District(
        "西城区",
        ("西门街道", "鼓楼街道", "槐树街道"),
        ("鼓楼社区", "槐荫社区", "西门社区", "文昌社区"),
        ("槐荫小区", "文昌苑", "西城花园", "鼓楼东里", "锦绣家园"),
        ("西门大街", "鼓楼路", "文昌路", "槐树巷", "西环路"),
    ),
    _District(
        "南山新区",
        ("南山街道", "科创街道", "云岭街道"),
        ("云岭社区", "科苑社区", "南山社区", "青松社区"),
        ("云岭府", "科苑公寓", "南山雅居", "青松华庭", "星河湾小区"),
        ("科创大道", "云岭路", "南山大道", "青松路", "星河街"),
    ),
    _District(
        "北港区",
        ("港口街道", "海湾街道", "渔村街道"),
        ("港湾社区", "海星社区", "渔港社区", "灯塔社区"),
        ("海湾新城", "港湾小区", "海星公寓", "灯塔花园", "北港新村"),
        ("港口路", "海湾大道", "灯塔路", "渔港街", "北环路"),
    ),
    _District(
        "滨江区",
        ("滨江街道", "江南街道", "沙洲街道"),
        ("江畔社区", "沙洲社区", "白鹭社区", "江南社区"),
        ("江畔华府", "白鹭洲小区", "滨江一号", "沙洲苑", "江南水岸"),
        ("滨江大道", "江南路", "沙洲路", "白鹭街", "跨江路"),
    ),
    _District(
        "青溪县",
        ("青溪镇", "石桥镇", "梅林乡"),
        ("溪口村", "石桥社区", "梅林村", "新街社区"),
        ("青溪花园", "石桥新村", "梅林小区", "溪山苑"),
        ("青溪大道", "石桥路", "梅林路", "县前街", "溪口路"),
    ),
)

DISTRICTS: Final[tuple[str, ...]] = tuple(d.name for d in _DISTRICTS)

# Places shared by the whole city; a template naming one becomes the ticket's address.
_PLACES: Final[Mapping[str, tuple[str, ...]]] = {
    "hospital": (
        "海滨市第一人民医院",
        "海滨市中心医院",
        "海滨市中医院",
        "海滨市妇幼保健院",
        "海滨市第二人民医院",
    ),
    "school": ("海滨市第三中学", "海滨市实验中学", "海滨外国语学校", "文昌路小学", "星河小学", "港湾中学"),
    "park": ("东湖公园", "滨江公园", "南山森林公园", "海滨广场", "鼓楼广场", "青溪湿地公园"),
    "scenic": ("望海山景区", "青溪古镇", "东湖湿地景区", "灯塔岛景区"),
    "river": ("东湖河", "青溪河", "白鹭河", "沙洲河"),
    "cemetery": ("永安公墓", "南山陵园"),
    "nursing_home": ("夕阳红养老院", "康乐颐养院", "福寿养老中心"),
}
# Businesses: a template naming one is addressed "<road><number>号<business>".
_BUSINESSES: Final[Mapping[str, tuple[str, ...]]] = {
    "shop": ("鑫隆超市", "家和便利店", "百顺家电商场", "美佳服装店", "顺达手机店", "万福生活超市"),
    "restaurant": ("老街烧烤", "湘味小馆", "好味来快餐", "海鲜大排档", "川香火锅店", "阿强面馆"),
    "gym": ("悦动健身房", "丽人美容美发店", "童乐游泳馆", "金剪刀理发店"),
    "training": ("小太阳教育培训中心", "启航培训学校", "学而优辅导班", "星火艺术培训"),
    "agency": ("安居房产中介", "鑫家地产", "好房屋中介"),
    "travel_agency": ("海滨假日旅行社", "四海旅行社"),
}
_COMPANIES: Final = (
    "宏达建筑工程公司",
    "锦程物流公司",
    "恒通机械厂",
    "鑫源电子厂",
    "华盛装饰公司",
    "东港食品厂",
)
_RELATIVES: Final = ("爸", "妈", "爱人", "岳母", "婆婆", "老父亲")
_BUS_LINES: Final = ("3", "7", "12", "23", "36", "58", "102", "115", "203", "316")
_FEES: Final = ("35", "50", "80", "120", "150", "200", "260", "300", "450")
_AMOUNTS: Final = ("800", "1500", "2680", "3000", "4800", "6000", "9800", "12000", "20000")

# --------------------------------------------------------------------------- callers

_SURNAMES: Final = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
_GIVEN_CHARS: Final = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉鹏宇浩凯婷雪琳晨欣怡涵轩博佳思雨嘉志国"
    "海燕春梅兰云飞斌亮波宁琴慧颖婧晓东成林峰凤荣"
)
_PHONE_PREFIXES: Final = ("138", "139", "135", "150", "158", "186", "187", "177", "199")

# --------------------------------------------------------------------------- spoken-style framing

_OPENERS: Final[Mapping[Kind, tuple[str, ...]]] = {
    Kind.CONSULTATION: ("你好，我想咨询一下，", "问一下啊，", "您好，想了解一下，", "你好，"),
    Kind.HELP: (
        "喂，你好，",
        "麻烦你们帮帮忙，",
        "您好，我是{district}{community}的居民，",
        "你好，想请你们帮个忙，",
    ),
    Kind.COMPLAINT: ("我要投诉，", "我想反映个问题，", "您好，我住在{estate}，", "喂，我要反映一下，"),
    Kind.REPORT: ("我要举报，", "我想实名举报一下，", "我不想留名字，但是要反映一下，", "你好，"),
    Kind.SUGGESTION: ("我有个建议，", "提个建议啊，", "您好，我是{district}的市民，"),
    Kind.PRAISE: ("我打电话是想表扬一下，", "您好，", "我不是来投诉的，"),
}
_CLOSERS: Final[Mapping[Kind, tuple[str, ...]]] = {
    Kind.CONSULTATION: ("谢谢。", "麻烦告诉我一下。", "麻烦了。"),
    Kind.HELP: ("麻烦尽快派人来看看。", "请帮忙协调一下，谢谢。", "希望能快点处理。"),
    Kind.COMPLAINT: ("希望有关部门管一管。", "请尽快处理，给我个答复。", "已经反映好几次了，一直没解决。"),
    Kind.REPORT: ("希望尽快查处。", "请相关部门去查一下。", "希望为我保密。"),
    Kind.SUGGESTION: ("希望能考虑一下。", "谢谢。"),
    Kind.PRAISE: ("谢谢他们。", "希望能转达我们的感谢。"),
}
_FOLLOW_UP_OPENERS: Final = (
    "我前几天已经打过电话了，",
    "这个问题我上次已经反映过，",
    "又是我，还是上次那个事，",
)
_SAME_DAY_OPENERS: Final = ("我今天已经打过一次电话了，", "又是我，还是刚才那个事，")
_NEXT_DAY_OPENERS: Final = ("我昨天已经打过电话了，", "这个问题我昨天已经反映过，")
_FOLLOW_UP_CLOSERS: Final = ("到现在还没人处理。", "一直没人联系我。", "希望这次能给个说法。")

_KIND_WEIGHTS: Final[Mapping[Kind, float]] = {
    Kind.CONSULTATION: 0.38,
    Kind.HELP: 0.20,
    Kind.COMPLAINT: 0.24,
    Kind.REPORT: 0.07,
    Kind.SUGGESTION: 0.06,
    Kind.PRAISE: 0.05,
}
_KIND_LETTERS: Final[Mapping[str, Kind]] = {
    "Q": Kind.CONSULTATION,
    "H": Kind.HELP,
    "C": Kind.COMPLAINT,
    "R": Kind.REPORT,
    "S": Kind.SUGGESTION,
    "P": Kind.PRAISE,
}

# Calls per hour of day (0-23): the hotline is staffed 24 h but most calls come in office hours.
_HOUR_WEIGHTS: Final = (1, 1, 1, 1, 1, 1, 2, 4, 9, 12, 12, 10, 6, 7, 10, 11, 10, 8, 5, 5, 5, 4, 3, 2)
_WEEKEND_WEIGHT: Final = 0.6
_HEATING_MONTHS: Final = frozenset({11, 12, 1, 2, 3})
_FLOOD_MONTHS: Final = frozenset({5, 6, 7, 8, 9, 10})
# Seasonal leaves only appear in their season (nobody reports cold radiators in July).
_SEASONAL: Final[Mapping[str, frozenset[int]]] = {
    "GY.GN.BR": _HEATING_MONTHS,
    "GY.GN.LS": _HEATING_MONTHS,
    "GA.YJ.FX": _FLOOD_MONTHS,
}

# --------------------------------------------------------------------------- content templates
# "<kind letter>|<text>" per leaf code of resources/taxonomy.yaml. Letters: Q 咨询, H 求助, C 投诉,
# R 举报, S 建议, P 表扬. Slots such as {estate} are filled per request (see _slots).

_SCRIPTS: Final[Mapping[str, tuple[str, ...]]] = {
    # 城乡建设
    "CJ.WY.DT": (
        "H|{estate}{building}号楼{unit}单元的电梯已经停了{days}天了，我家住{floor}楼，家里还有{age}岁的老人，上下楼特别困难。",
        "C|我们小区{building}号楼的电梯三天两头出故障，上个月还困过人，物业每次都说在等配件，这次{days}天了还没修好。",
        "S|小区电梯都用了快二十年了，建议把老电梯更新改造纳入计划，别总是修修补补。",
    ),
    "CJ.WY.WF": (
        "C|{estate}的物业基本不管事，楼道垃圾好几天没人清，单元门坏了{weeks}周也没人修。",
        "C|小区保安晚上经常不在岗，外来车辆随便进出，上周我们楼还丢了两辆电动车。",
        "P|{estate}物业的维修师傅特别负责，我家水管半夜漏水，他十二点多还赶过来帮忙修好了。",
    ),
    "CJ.WY.SF": (
        "Q|物业费从每平米一块五涨到两块三，这个涨价要不要经过业主大会同意？",
        "C|我家车位是自己买的，物业还要每个月收{fee}块管理费，不交就不让车进，这合理吗？",
    ),
    "CJ.WY.GG": (
        "H|{building}号楼{unit}单元的楼道灯坏了{weeks}周了，晚上黑乎乎的，老人上下楼很危险。",
        "H|我家住顶楼，一下雨屋顶就漏水，墙皮都泡掉了，找物业说要动用维修基金，一直拖着。",
        "C|小区单元门禁坏了一个多月了，谁都能进来，物业说没钱修。",
    ),
    "CJ.WY.YWH": (
        "Q|我们小区想成立业主委员会，需要走什么程序，是找街道还是找住建局？",
        "C|我们{estate}业委会换届拖了{months}个月了都不组织，维修基金怎么用的也不公示。",
    ),
    "CJ.SZ.LD": (
        "H|{road}靠近{estate}门口那一段路灯坏了好几盏，晚上特别黑，骑电动车都看不清路。",
        "S|{road}和{road2}路口那一段晚上没有路灯，建议增设几盏，晚上走路太不安全。",
    ),
    "CJ.SZ.DL": (
        "H|{road}{n}号附近路面有个大坑，下雨积满水看不见，已经有人骑车摔倒了。",
        "C|{road}的人行道砖翘起来好多块，修了没几个月又坏了，老人走路容易绊倒。",
    ),
    "CJ.SZ.JG": (
        "H|{road}{n}号门口的井盖不见了，就剩一个大窟窿，我先放了个纸箱挡着，麻烦赶紧来人。",
        "H|{estate}门口马路上有个井盖碎了，车一压就响，怕有人踩进去。",
    ),
    "CJ.SZ.JS": (
        "H|雨下得很大，{road}下穿隧道那里积水快到膝盖了，有辆车熄火在里面。",
        "C|{road}和{road2}路口每次下雨都积水，好几年了，排水口一直堵着没人管。",
    ),
    "CJ.SR.ZD": (
        "C|{estate}门口每天晚上都有流动摊贩摆摊，把人行道全占了，油烟大，垃圾也乱扔。",
        "R|{road}菜市场门口有商户长期把货摆到马路上，早高峰车都过不去。",
    ),
    "CJ.SR.GG": (
        "C|我们楼道和电梯里贴满了开锁、办证的小广告，刚清掉没两天又贴上了。",
        "R|{road}{n}号有家店的招牌装得歪歪斜斜的，刮大风的时候晃得厉害。",
    ),
    "CJ.SR.DF": (
        "C|{building}号楼楼道里被人堆满了纸箱和旧家具，过道都堵了，物业说管不了。",
        "H|{road}路边有人堆了一大堆装修材料，占了半条道，都{weeks}周了没人清。",
    ),
    "CJ.WJ.DJ": (
        "R|{estate}{building}号楼有住户在楼顶加盖了一间房，现在还在施工，楼下住户都担心安全。",
        "R|我们楼一楼住户把院子圈起来搭了个阳光房，还往外扩了两米，占了公共绿地。",
    ),
    "CJ.WJ.CZ": (
        "R|我家楼上{room}在装修，好像把承重墙给砸了，整栋楼都能听到，我家墙上已经出现裂缝了。",
        "Q|家里装修想把厨房和客厅之间的墙打掉，怎么知道是不是承重墙，需要报哪里审批？",
    ),
    "CJ.WJ.ZY": (
        "R|{estate}有业主在公共车位上私装地锁，别人都停不了，物业也不管。",
        "C|小区绿地被一楼住户圈起来种菜，还堆了很多杂物。",
    ),
    "CJ.SG.ZS": (
        "C|{road}旁边的工地每天晚上十一点多还在打桩，吵得根本睡不着，孩子第二天还要上学。",
        "R|{company}的工地连续{days}个晚上夜间施工，我问过了，他们根本没有夜间施工许可。",
    ),
    "CJ.SG.YC": (
        "C|{road}那边工地的渣土车不盖篷布，一路撒土，整条路灰蒙蒙的，窗户都不敢开。",
        "R|{estate}旁边工地的土方都没有覆盖，风一吹全是扬尘。",
    ),
    "CJ.SG.AQ": (
        "R|{road}{n}号工地的围挡倒了一大片，挨着人行道，小孩放学都从那里走，太危险了。",
        "H|工地的塔吊就在我们小区楼顶上方转来转去，吊着东西从头上过，很担心掉下来。",
    ),
    "CJ.LJ.GZ": (
        "Q|我们{estate}是两千年以前建的老小区，听说今年有老旧小区改造，怎么知道有没有我们小区？",
        "C|小区改造挖开路面{weeks}周了，施工停停干干，进出都没法走，什么时候能完工？",
        "P|我们老小区改造完，管网换了，外墙也刷了，住着舒服多了，谢谢{dept}和街道。",
    ),
    "CJ.LJ.JT": (
        "Q|我们{building}号楼想加装电梯，一楼住户不同意，现在有什么政策，需要多少户同意才能装？",
        "Q|老楼加装电梯政府有补贴吗，大概能补多少，在哪里申请？",
    ),
    # 社会保障
    "SB.YL.DY": (
        "Q|我{relative}上个月刚办了退休，养老金什么时候能到账，每个月能领多少在哪里查？",
        "Q|今年养老金调整了没有，什么时候补发？",
        "C|我这个月养老金少了{fee}块钱，也没人通知为什么，打社保局电话一直打不通。",
    ),
    "SB.YL.ZY": (
        "Q|我以前在外地交了{years}年社保，现在在海滨市工作，养老保险关系怎么转过来？",
        "C|养老保险转移申请提交{months}个月了，一直显示在审核，也没人说卡在哪儿。",
    ),
    "SB.YL.JF": (
        "Q|我是灵活就业人员，想自己交养老保险，每个月最低交多少，在哪里办？",
        "Q|灵活就业的养老保险中间断了两年，还能补缴吗？",
    ),
    "SB.YL.RZ": (
        "Q|我{relative}八十多岁了，手机上刷脸认证一直通不过，养老金会不会停发，还有别的办法认证吗？",
        "H|家里老人卧床不能出门，待遇资格认证能不能上门办理？",
    ),
    "SB.YB.YD": (
        "Q|我{relative}要去外地跟我哥住一段时间，医保异地就医备案要在哪里办，需要什么材料？",
        "Q|我在外地住院，之前没有备案，出院后回来报销还能报多少？",
        "H|异地备案在小程序上提交了{days}天还没审核通过，老人下周就要手术了。",
    ),
    "SB.YB.BX": (
        "Q|住院花了{amount}块，医保报了一部分，起付线和报销比例是怎么算的？",
        "C|在{hospital}看病，医生开的药说医保不报，让去外面药店自费买，这合理吗？",
    ),
    "SB.YB.CB": (
        "Q|孩子刚出生，居民医保怎么参保，出生当年能报销吗？",
        "Q|今年城乡居民医保缴费截止到什么时候，一年交多少钱？",
    ),
    "SB.YB.MB": (
        "Q|我有高血压和糖尿病，听说可以申请门诊慢特病待遇，要去哪里申请，要带什么资料？",
        "C|慢特病申请交上去{months}个月了，医院说还没批下来，每个月药费都是自己垫的。",
    ),
    "SB.SY.SQ": (
        "Q|我上个月被公司辞退了，社保交了{years}年，能领失业金吗，在哪里申请？",
        "C|失业金申请提交{weeks}周了，还是没审核，打电话只说让等。",
    ),
    "SB.SY.BT": ("Q|我刚考了电工证，听说可以申请技能提升补贴，需要什么条件？",),
    "SB.GS.RD": (
        "Q|我{relative}上班路上骑电动车被车撞了，这算不算工伤，工伤认定要怎么申请？",
        "C|我在厂里干活手受伤了，公司不给申报工伤认定，说让我自己承担。",
    ),
    "SB.GS.DY": (
        "Q|工伤认定已经下来了，伤残鉴定去哪里做，一次性伤残补助金怎么算？",
        "C|工伤认定都{months}个月了，工伤待遇一直没发下来，单位和社保互相推。",
    ),
    "SB.SK.BL": (
        "Q|社保卡丢了，补办要去哪里，能不能在手机上办？",
        "Q|孩子要办社保卡，需要带什么材料，多久能拿到？",
    ),
    "SB.SK.JH": (
        "Q|新领的社保卡怎么激活，激活要不要本人去银行？",
        "H|我社保卡掉了，怕被别人冒用，怎么先挂失？",
    ),
    # 医疗卫生
    "YW.YY.GH": (
        "C|{hospital}的专家号每天早上一放出来就没了，挂了{weeks}周都挂不上，是不是被号贩子抢了？",
        "C|在{hospital}看门诊，挂号、缴费、检查每一样都要排一个多小时，老人根本受不了。",
        "S|建议{hospital}给老年人保留一些现场挂号的号源，很多老人不会用手机预约。",
    ),
    "YW.YY.TD": (
        "C|昨天带孩子去{hospital}看急诊，护士态度特别差，问两句就不耐烦，还说爱看不看。",
        "P|{hospital}心内科的医生特别耐心，给我{relative}讲病情讲了半个多小时，想表扬一下。",
    ),
    "YW.YY.SF": (
        "C|在{hospital}住院{days}天，费用清单上有好几项检查根本没做过，也收了钱。",
        "Q|医院的检查费收费标准在哪里能查到，同一个检查别的医院便宜一半？",
    ),
    "YW.YY.JF": (
        "C|我{relative}在{hospital}做完手术伤口感染，又住了{days}天院，医院不承认有责任，我们该怎么处理？",
        "Q|跟医院有医疗纠纷，想做医疗事故鉴定，要找哪个部门？",
    ),
    "YW.GW.YM": (
        "Q|孩子{child_age}岁了，这个月该打哪针疫苗，社区卫生服务中心要提前预约吗？",
        "H|刚才被邻居家的狗咬了一口，哪里能打狂犬疫苗，晚上有没有开门的？",
    ),
    "YW.GW.CR": (
        "R|{school}班里这几天好多孩子发烧请假，学校也没通知家长，担心是不是有传染病。",
        "Q|最近流感多发，家里老人要不要打流感疫苗，在哪里可以打？",
    ),
    "YW.GW.SQ": (
        "Q|我们家想签约家庭医生，在哪里签，签约了有什么服务？",
        "C|{community}社区卫生服务中心下午三点多就没有医生了，上班时间去都看不上病。",
    ),
    "YW.FY.JD": (
        "Q|刚怀孕两个多月，要在哪里建档，社区建档和医院建档有什么区别？",
        "Q|外地户口在海滨市工作，怀孕了能在这边建档产检吗？",
    ),
    "YW.FY.CS": (
        "Q|孩子的出生医学证明名字写错了，要怎么更改？",
        "Q|出生医学证明丢了，补办要去哪个医院，要带什么？",
    ),
    "YW.YP.ZL": (
        "R|在{road}的一家药店买的药，回家一看已经过期{months}个月了，店员还不承认。",
        "C|买的药吃完起了一身疹子，批号都查不到，怀疑是假药。",
    ),
    "YW.YP.YD": (
        "R|{road}{n}号那家药店可以用医保卡刷米面油，还有人专门去套现。",
        "R|{road}有家药店不要处方就随便卖抗生素，一次卖好几盒。",
    ),
    # 教育
    "JY.RX.YE": (
        "Q|孩子明年九月满三岁，我们这片的公办幼儿园什么时候报名，要准备什么材料？",
        "C|家门口新建的普惠幼儿园一直没开园，孩子只能去很远的私立园，一个月要{amount}块。",
    ),
    "JY.RX.XX": (
        "Q|我们住在{estate}，孩子明年上小学，对口的是哪所学校，学区怎么查？",
        "Q|房子是租的，孩子能不能在这边上小学，需要哪些证明？",
        "C|一年级报名系统一直登不进去，马上就截止了，打学校电话也没人接。",
    ),
    "JY.RX.CZ": (
        "Q|小升初派位的结果什么时候公布，对派位结果有异议能申请调整吗？",
        "C|我家离{school}就一站路，派位派到了十几公里外的学校，孩子每天要换两趟车。",
    ),
    "JY.RX.SQ": (
        "Q|我们是外地户口，在海滨市交了{years}年社保，孩子上小学积分怎么算，需要居住证吗？",
        "C|随迁子女入学材料都交齐了，学校又说缺一个证明，来回跑了{few}趟了。",
    ),
    "JY.XW.WG": (
        "R|{road}{n}号的{training}周末还在偷偷上学科类的课，还让家长别往外说。",
        "R|我们小区有人在家里开补习班，一个屋子塞了十几个孩子，也没有消防设施。",
    ),
    "JY.XW.TF": (
        "C|给孩子在{training}报了{amount}块钱的课，上了没几节就关门了，老板电话打不通。",
        "C|培训机构退费要扣三成违约金，合同上根本没写，这合理吗？",
    ),
    "JY.XY.ST": (
        "C|孩子说{school}食堂的饭菜经常是凉的，量也少，一个月伙食费收{fee}块。",
        "S|建议学校食堂定期开放给家长参观，让家长监督一下饭菜质量。",
    ),
    "JY.XY.AQ": (
        "H|{school}门口放学的时候车和人挤在一起，没有人疏导，前几天差点撞到孩子。",
        "C|孩子在{school}被几个同学欺负好几次了，跟班主任说了也没处理好。",
    ),
    "JY.XY.SF": (
        "R|{school}让每个学生交{fee}块钱资料费，也没有收据，说是自愿其实不交不行。",
        "Q|学校统一订校服是强制的吗，能不能自己买？",
    ),
    "JY.XY.SD": (
        "R|{school}有老师在外面搞有偿补课，暗示班上学生去报名。",
        "P|{school}的班主任对孩子特别上心，孩子生病请假还专门打电话来给补课，想表扬她。",
    ),
    "JY.ZZ.ZX": ("Q|家里是低保户，孩子在上高中，能申请国家助学金吗，要找学校还是找教育局？",),
    "JY.ZZ.DK": ("Q|孩子考上大学了，生源地助学贷款今年什么时候开始办，在哪里申请？",),
    # 交通运输
    "JT.GJ.XL": (
        "S|{estate}这边住了好几千户，最近的公交站要走二十分钟，建议增设一个站点或者开一条社区公交。",
        "C|{bus}路突然改线了，不经过{road}了，也没提前公示，好多老人在站台上等了半天。",
        "Q|{bus}路末班车是几点，从{road}到火车站怎么坐车最方便？",
    ),
    "JT.GJ.BC": (
        "C|早高峰{bus}路公交要等四十分钟一趟，车上挤得根本上不去，上班天天迟到。",
        "S|地铁{metro}号线晚上十点以后间隔太长，建议周五周末加开几班。",
    ),
    "JT.GJ.FW": (
        "C|今天早上{bus}路公交在{road}站没停直接开过去了，好几个人在站台上招手。",
        "C|{bus}路的司机开车老是急刹急转，车上老人差点摔倒，说他两句还骂人。",
        "P|今天在{bus}路公交车上我{relative}突然头晕，司机马上停车帮忙叫了救护车，特别感谢这位司机。",
    ),
    "JT.CZ.JZ": (
        "C|晚上在火车站打出租车，司机都不打表，一口价要{fee}块，不同意就不拉。",
        "C|带着老人在{hospital}门口打车，说了去{estate}，司机嫌近就拒载。",
    ),
    "JT.CZ.RL": ("C|从机场打车回{estate}，平时七八十块，今天司机绕了一大圈收了{fee}块，我有发票。",),
    "JT.CZ.WY": (
        "C|网约车司机到了不接我，还自己点了乘客已上车，扣了我{fee}块钱，平台客服一直不处理。",
        "H|坐网约车把包落在车上了，联系司机不接电话，平台也推来推去。",
    ),
    "JT.LK.XH": (
        "H|{road}和{road2}交叉口的红绿灯不亮了，路口车乱成一团，需要赶紧来人。",
        "C|{road}那个路口的绿灯只有十几秒，老人一次根本走不过去。",
    ),
    "JT.LK.TC": (
        "R|{estate}门口马路两边天天停满车，还有人停在公交站台里，公交车都进不了站。",
        "C|有辆车停在我们小区门口{days}天了，把进出口堵了一半。",
    ),
    "JT.LK.YD": (
        "C|{road}早晚高峰堵得厉害，一公里要走半个小时，能不能优化一下信号灯？",
        "S|{school}门口接送孩子的车把{road}堵死了，建议设置临时停车点或者错峰放学。",
    ),
    "JT.LK.BZ": (
        "S|{road}靠近{school}那一段车开得特别快，建议加装减速带和学校区域标志。",
        "C|{road}的斑马线已经磨得看不见了，车都不让人。",
    ),
    "JT.DC.LF": (
        "C|地铁{metro}号线{road}站出口共享单车堆得满满的，连盲道都占了，轮椅过不去。",
        "S|建议在{estate}门口划一块共享单车停放区，现在车都乱停在路中间。",
    ),
    "JT.DC.TF": ("C|共享单车的押金{fee}块申请退了{months}个月还没退回来，客服电话也打不通。",),
    # 市场监管
    "SJ.XF.TK": (
        "C|在{shop}买的电饭煲用了三天就坏了，店家不给退也不给换，只说送去修。",
        "C|在{shop}买的衣服标签都没拆，第二天去退，店家说特价商品不退不换。",
    ),
    "SJ.XF.YF": (
        "C|{gym}突然关门了，门上贴了张装修通知，我卡里还有{amount}块钱，老板电话打不通，好多会员都着急。",
        "C|在{gym}办了{amount}块的会员卡，现在店换了老板，说以前的卡不认了。",
    ),
    "SJ.XF.SH": (
        "C|新买的空调安装完就漏水，商家约了{few}次售后都没人上门。",
        "C|手机在保修期内坏了，售后说是人为损坏要收{fee}块维修费，我根本没摔过。",
    ),
    "SJ.XF.WG": (
        "C|在直播间买的保健品，说是进口的，收到一看是三无产品，商家不给退款。",
        "Q|网上买东西商家不发货也不退款，平台投诉没用，我还能找哪里？",
    ),
    "SJ.SP.GQ": (
        "R|在{shop}买的牛奶回家一看已经过期{days}天了，货架上还有好多。",
        "C|在{shop}买的面包里面发霉了，店员说是我自己放坏的。",
    ),
    "SJ.SP.CY": (
        "C|在{restaurant}吃饭，菜里吃出一只苍蝇，老板只说给换一盘。",
        "R|{restaurant}后厨特别脏，老鼠到处跑，我在里面打过工，亲眼看到的。",
    ),
    "SJ.SP.WZ": (
        "R|{road}{n}号旁边有个小作坊在做熟食卖，没有招牌也没有证，卫生条件很差。",
        "R|{estate}有人在家里做卤菜在网上卖，也没有任何证照，厨房脏得很。",
    ),
    "SJ.SP.ZD": (
        "H|我们单位中午在{restaurant}订的盒饭，现在已经有{few}个人上吐下泻了，有的已经去医院了。",
        "R|昨天在{restaurant}吃完饭，我们一家三口晚上都拉肚子发烧，怀疑是食物中毒。",
    ),
    "SJ.JG.MB": (
        "R|{shop}的商品价签和收银价格对不上，结账时每样都贵几块钱。",
        "C|{road}那家水果店不标价，称完了才说价格，明显欺负外地人。",
    ),
    "SJ.JG.LS": (
        "C|在{restaurant}吃饭，自己带的酒被收了{fee}块开瓶费，事先也没说。",
        "C|{hospital}门口的停车场一小时收{fee}块，跟标价牌上写的不一样。",
    ),
    "SJ.ZL.JM": (
        "R|{road}有家店在卖假冒名牌运动鞋，价格很便宜，明显是假的。",
        "C|在{shop}买的电热水壶没有厂名厂址，用了一次插头就烧了。",
    ),
    "SJ.ZL.JL": ("C|在{road}菜市场买了两斤肉，回家一称只有一斤六两，那家摊位的秤有问题。",),
    "SJ.ZL.TS": (
        "R|{park}里的游乐设施锈得很厉害，转起来吱吱响，不知道有没有定期检验。",
        "R|{road}那家{restaurant}后面放着好几个煤气罐和一个旧锅炉，看着就不安全。",
    ),
    "SJ.GG.XJ": (
        "R|{road}有家店天天免费给老人发鸡蛋，然后推销保健品，说能治高血压，好多老人花了几千块。",
        "C|{training}打广告说保证提分，报了名根本没效果，说好的不满意退费也不认。",
    ),
    "SJ.GG.SR": (
        "C|这两个月每天都接到好几个推销贷款和装修的电话，拉黑了又换号码打，严重影响休息。",
        "S|建议对推销电话管得再严一点，老人经常被骗去听什么健康讲座。",
    ),
    # 公共安全
    "GA.ZA.SH": (
        "C|楼上{room}每天晚上十二点以后还在蹦跳、拖椅子，跟他们沟通了好几次都没用。",
        "C|{park}的广场舞音响开得特别大，晚上九点多还不停，老人孩子都休息不好。",
        "C|隔壁邻居周末早上七点就开始用电钻装修，物业说不归他们管。",
    ),
    "GA.ZA.ZP": (
        "H|我{relative}刚才接到一个冒充公安的电话，已经给对方转了{amount}块钱，现在怎么办？",
        "Q|我接到一个电话说我的医保卡被冻结了，要我按一转人工，这是不是诈骗？",
    ),
    "GA.ZA.HD": (
        "R|{road}{n}号有家棋牌室每天晚上聚很多人赌钱，进出的人很杂。",
        "R|我们小区有套出租房人员进出特别频繁，半夜还有人来，怀疑有违法活动。",
    ),
    "GA.ZA.CW": (
        "C|小区里好多人遛狗不牵绳，今天早上一只大狗冲过来差点咬到孩子。",
        "H|{estate}里有几只流浪狗，晚上成群地叫，还追过人，麻烦来处理一下。",
    ),
    "GA.XF.TD": (
        "R|{estate}{building}号楼门口的消防通道天天被私家车堵着，真着火了消防车根本进不来。",
        "H|小区消防通道上被人放了一排石墩子，物业说是防止停车，但消防车也进不来了。",
    ),
    "GA.XF.SS": (
        "C|我们楼的灭火器都过期{years}年了，消防栓里面连水带都没有。",
        "R|{shop}里面的安全出口被货物堵死了，应急灯也不亮。",
    ),
    "GA.XF.DC": (
        "R|{building}号楼有住户从{floor}楼窗户拉电线下来给电动车充电，线就挂在半空中。",
        "R|我们单元楼道里天天停着好几辆电动车在充电，晚上都不拔，很危险。",
        "S|建议在{estate}多装一些电动车充电桩，现在充电桩太少，大家只能飞线充电。",
    ),
    "GA.AQ.WH": ("R|{road}{n}号那个仓库里堆了很多化学品桶，有很刺鼻的味道，旁边就是居民楼。",),
    "GA.AQ.YH": (
        "R|{road}{n}号一楼是小饭馆，二楼隔成好多小间住人，楼梯只有一个，消防隐患很大。",
        "R|{estate}有套房子被隔成了七八间出租，住了二十多个人，走廊里全是电线。",
    ),
    "GA.YJ.ZW": (
        "H|{estate}{building}号楼外墙瓷砖掉下来砸到了楼下的车，上面还有一大片松动的。",
        "H|{road}{n}号楼上的空调外机架子锈断了，挂在那里晃，下面就是人行道。",
    ),
    "GA.YJ.DS": (
        "H|{road}边上一棵大树被风刮倒了，横在马路上，车过不去。",
        "H|小区里一根大树枝断了挂在电线上，随时会掉下来。",
    ),
    "GA.YJ.FX": (
        "Q|听说明天台风要来，我们{estate}住地下室的住户需要转移吗，安置点在哪里？",
        "H|{road}那边的低洼地带水已经淹到一楼了，有几户老人还在家里没出来。",
    ),
    # 生态环境
    "ST.DQ.YY": (
        "C|楼下{restaurant}的排烟管道直接对着我们家窗户，每天油烟呛得没法开窗。",
        "C|{road}那几家烧烤店晚上在门口露天烧烤，烟熏火燎到凌晨两三点。",
    ),
    "ST.DQ.FS": (
        "R|{road}附近空地上每天傍晚有人烧垃圾，烧塑料的味道特别臭。",
        "C|最近附近村里有人烧秸秆，整个小区都是烟味，老人咳嗽得厉害。",
    ),
    "ST.DQ.GY": (
        "C|{district}工业园那边的厂子晚上偷偷排废气，有股刺鼻的化学味，晚上都被熏醒了。",
        "R|{company}的烟囱晚上冒黄烟，白天就不冒，肯定是在偷排。",
    ),
    "ST.SS.HD": (
        "R|{river}这几天水变得发黑发臭，河面上还漂着死鱼。",
        "S|{river}岸边垃圾很多，建议定期清理，再设几个垃圾桶。",
    ),
    "ST.SS.WS": (
        "R|{road}有家洗车店把污水直接排到雨水井里，整条路边都是泡沫。",
        "R|{company}在{river}边上有根暗管往河里排污水，晚上排得最多。",
    ),
    "ST.ZS.GY": ("C|小区后面的加工厂机器二十四小时开着，嗡嗡的声音晚上特别明显。",),
    "ST.ZS.SY": (
        "C|{road}有家店门口放了个大音响天天喊促销，从早喊到晚。",
        "C|楼下新开的酒吧每天晚上唱到凌晨两点，低音震得窗户都响。",
    ),
    "ST.LJ.QY": (
        "C|{estate}的垃圾桶已经满了{days}天没人清运，臭味特别大，还招苍蝇老鼠。",
        "H|{road}边上的垃圾站满了，垃圾都堆到马路上了。",
    ),
    "ST.LJ.FL": (
        "Q|厨余垃圾和其他垃圾怎么分，大件家具要扔到哪里？",
        "S|小区垃圾分类投放点只有早晚两个小时开放，上班族根本赶不上，建议延长时间。",
    ),
    "ST.LJ.JZ": (
        "R|晚上有渣土车往{road}尽头那片空地上偷倒建筑垃圾，已经堆成一座小山了。",
        "C|{building}号楼有人装修把建筑垃圾直接堆在楼下，堆了{weeks}周了。",
    ),
    "ST.LH.XJ": (
        "H|我家楼前的树长得比楼还高，挡得家里一点太阳都没有，还招虫子，能不能修剪一下？",
        "H|{road}边上的树枝长得太低，挡住了红绿灯，司机都看不见。",
    ),
    "ST.LH.PH": (
        "R|有人在{park}里砍树，说是要搞停车场，也不知道有没有审批。",
        "C|{estate}一楼住户把公共绿地挖了种菜，还浇粪水，臭得很。",
    ),
    "ST.LH.GY": (
        "C|{park}的公共厕所坏了{weeks}周了，一直锁着门。",
        "S|建议在{park}里多放一些座椅和遮阳的地方，老人带孩子来玩没地方歇。",
        "P|{park}最近改造得特别好，步道平整了，晚上灯也亮了，感谢{dept}。",
    ),
    # 劳动就业
    "LD.GZ.QX": (
        "C|我在{company}干了{months}个月，公司已经拖欠了我们{wage}块钱工资，老板一直说再等等。",
        "H|我们厂老板跑了，二十多个工人三个月工资都没拿到，不知道该找谁。",
    ),
    "LD.GZ.NM": (
        "H|我们在{road}那个工地干活，包工头拖欠了我们{few}个人的工资，快过年了都回不了家。",
        "C|工地上活干完了，总包说钱给了包工头，包工头说没收到，我们{wage}块工资没人认。",
    ),
    "LD.GZ.JB": (
        "C|公司每天让加班到晚上九点，周六也上班，从来不给加班费。",
        "Q|法定节假日加班，单位应该给几倍工资？",
    ),
    "LD.HT.QD": ("Q|我在{company}上了{months}个月班了，公司一直不跟我签劳动合同，我能要双倍工资吗？",),
    "LD.HT.JC": (
        "C|公司突然通知我明天不用来上班了，一分钱补偿都不给。",
        "Q|公司要裁员，经济补偿金怎么算，工作{years}年能拿多少？",
    ),
    "LD.HT.SB": (
        "C|我在{company}干了{years}年，公司从来没给我交过社保，我要辞职才发现。",
        "R|{company}有一百多个员工，只给十几个人交了社保。",
    ),
    "LD.JY.ZP": ("Q|最近有没有招聘会，在哪里举办，{district}这边有没有适合四五十岁的人的岗位？",),
    "LD.JY.CY": (
        "Q|我想开个小店，听说有创业担保贷款，要什么条件，能贷多少？",
        "Q|创业补贴申请交上去了，多久能批下来？",
    ),
    "LD.JY.PX": (
        "Q|政府有没有免费的职业技能培训，我想学个育婴师或者电工。",
        "P|在{district}就业服务中心参加了免费的技能培训，老师教得很好，我现在已经找到工作了。",
    ),
    "LD.JY.BY": (
        "Q|我是今年毕业的大学生，档案要转到哪里，报到要怎么办？",
        "Q|高校毕业生有就业见习补贴吗，怎么申请？",
    ),
    "LD.RC.YJ": (
        "Q|硕士毕业来海滨市工作，人才引进落户要什么条件，有没有住房补贴？",
        "C|人才补贴申请{months}个月了一直没发，问了几次都说在审核。",
    ),
    "LD.RC.ZC": ("Q|今年中级职称评审什么时候开始申报，继续教育学时不够怎么办？",),
    # 住房保障
    "ZF.BZ.GZ": (
        "Q|我们家三口人住一套四十平米的房子，能不能申请公租房，收入标准是多少？",
        "C|公租房申请轮候了{years}年了，一直没有消息，排名也查不到。",
    ),
    "ZF.BZ.BZ": ("Q|刚毕业来海滨市工作，保障性租赁住房怎么申请，租金大概多少？",),
    "ZF.BZ.WX": ("H|我住的公租房卫生间漏水，渗到楼下人家，报修了{weeks}周还没人来修。",),
    "ZF.GJ.TQ": (
        "Q|租房可以提取住房公积金吗，一年能提多少，在手机上能办吗？",
        "Q|我要离开海滨市了，公积金账户怎么销户提取？",
    ),
    "ZF.GJ.DK": (
        "Q|买二手房想用公积金贷款，我和爱人都交了{years}年，最多能贷多少？",
        "C|公积金贷款审批已经{weeks}周了，卖家催着过户，中心一直说在排队。",
    ),
    "ZF.GJ.JC": ("R|{company}从来不给员工交住房公积金，问就说是试用期，我都干了{years}年了。",),
    "ZF.JY.DJ": (
        "C|我们{estate}交房{years}年了还办不下来不动产证，开发商说是土地手续的问题。",
        "Q|父母的房子想过户给我，是赠与还是继承划算，要去哪里办？",
    ),
    "ZF.JY.JF": (
        "C|买的{estate}新房合同上写的上个月交房，现在工地还没动静，开发商也不给说法。",
        "C|刚交的新房墙面开裂、窗户漏水，开发商一直拖着不修。",
    ),
    "ZF.JY.ZL": (
        "C|租房合同到期退房，房东找各种理由扣了我{fee}块押金。",
        "Q|房东合同没到期就要收房，我该怎么维权？",
    ),
    "ZF.JY.ZJ": (
        "C|通过{agency}租的房，收了一个月房租当中介费，入住后才发现房子漏水，中介不管了。",
        "R|{agency}发布的房源照片和实际根本不是一套房，骗人过去看房再加价。",
    ),
    # 公用事业
    "GY.GS.TS": (
        "H|{estate}从早上开始就停水了，也没看到停水通知，家里老人孩子做饭洗漱都没办法。",
        "Q|{estate}停水了，是计划停水吗，大概什么时候能来水？",
        "C|这个月我们小区已经停了{few}次水了，每次都没有提前通知。",
    ),
    "GY.GS.SY": ("C|我住{floor}楼，一到晚上做饭的时候水龙头就只有细细一股，热水器都打不着火。",),
    "GY.GS.SZ": (
        "H|今天早上打开水龙头流出来的是黄水，放了半天也不清，都不敢喝。",
        "C|自来水最近有一股消毒水味，烧开了也有，小区好多户都这样。",
    ),
    "GY.GS.BG": (
        "H|{road}{n}号门口的水管爆了，水往外冒得很厉害，路面都淹了。",
        "H|我们小区地下的供水管好像破了，草地上一直往外冒水，已经流了好几个小时了。",
    ),
    "GY.GS.SF": (
        "Q|这个月水费比平时多了一倍，家里也没漏水，能不能帮忙查一下水表？",
        "Q|阶梯水价是怎么算的，家里人口多能不能申请增加用水量？",
    ),
    "GY.GD.TD": (
        "H|{estate}{building}号楼整栋都停电了，已经{hours}个小时了，冰箱里的东西都要坏了。",
        "Q|{estate}今天停电了，是计划检修吗，什么时候能恢复？",
        "C|这个月我们片区已经停了{few}次电了，每次一停就是好几个小时。",
    ),
    "GY.GD.DY": ("C|家里晚上灯一闪一闪的，电压很不稳，已经烧坏了一台冰箱。",),
    "GY.GD.DF": (
        "Q|峰谷电价是怎么计算的，需要申请开通吗？",
        "C|这个月电费突然多了{fee}块，家里没添电器，怀疑电表有问题。",
    ),
    "GY.GD.SS": (
        "H|{road}边上一根电线垂下来快碰到地面了，下面人来人往的很危险。",
        "H|{estate}里的变压器箱在冒火花，还有一股焦味。",
    ),
    "GY.GQ.XL": (
        "H|我们单元楼道里有很大的煤气味，不知道是哪家漏气，我们先把窗户打开了。",
        "H|家里燃气灶关了还是有一股很浓的燃气味，我已经关了总阀，不敢开灯。",
    ),
    "GY.GQ.TQ": (
        "H|家里燃气突然打不着火了，整栋楼都没气，也没收到停气通知。",
        "Q|燃气表显示余额还有，但是打不着火，是不是要去营业厅处理？",
    ),
    "GY.GQ.AJ": (
        "Q|有人上门说是燃气公司安检，要求换报警器收{fee}块，是真的吗？",
        "C|燃气安检员说我家的软管必须换他们带的，价格比外面贵好几倍。",
    ),
    "GY.GQ.KH": ("Q|新房子装修好了，燃气开户通气要带什么材料，多久能上门？",),
    "GY.GN.BR": (
        "C|今年供暖以来家里温度一直只有十五六度，老人孩子都冻感冒了，热力公司来看过也没解决。",
        "H|家里暖气片只有上面一点点温，下面全是凉的，放了气也没用。",
    ),
    "GY.GN.LS": ("H|家里暖气管道接口漏水，水都流到楼下了，自己关不住阀门。",),
    "GY.GN.SF": (
        "Q|今年家里没人住，供暖能不能报停，要交多少空置费？",
        "Q|供暖费是按建筑面积还是使用面积算的，可以在手机上缴吗？",
    ),
    "GY.TX.XH": (
        "C|我们{estate}手机信号特别差，在家里打电话都要跑到阳台上。",
        "S|{community}这边新建了好多楼，建议增加一个通信基站。",
    ),
    "GY.TX.KD": ("C|家里宽带断网{days}天了，报修了运营商一直说排期，我在家办公很受影响。",),
    "GY.TX.TF": ("C|手机套餐每个月多扣了{fee}块钱，营业厅说是我自己订的业务，我根本不知道。",),
    # 户籍证照
    "HJ.HK.LH": (
        "Q|我在海滨市买了房，户口想迁过来，需要什么材料，去哪个派出所办？",
        "Q|我{relative}想投靠子女把户口落到海滨市，有什么条件？",
    ),
    "HJ.HK.XS": ("Q|孩子刚出生，爸妈户口不在一个地方，新生儿户口上在哪边，要带什么？",),
    "HJ.HK.SF": (
        "Q|身份证快过期了，能不能在{district}任意一个派出所换，多久能拿到？",
        "H|我明天要坐火车，身份证丢了，能办临时身份证吗？",
    ),
    "HJ.HK.ZX": ("Q|家里老人去世了，户口注销要去哪里办，需要带什么证明？",),
    "HJ.CR.HZ": (
        "Q|第一次办护照需要什么材料，在{district}哪里能办，多久能拿到？",
        "Q|下周要出国探亲，护照能不能加急办理？",
    ),
    "HJ.CR.GA": ("Q|港澳通行证签注能在自助机上办吗，一次能签多长时间？",),
    "HJ.CR.TW": ("Q|去台湾旅游的通行证和签注怎么办，要多长时间？",),
    "HJ.JZ.BL": ("Q|我在海滨市租房住了半年，办居住证需要什么材料，房东不配合登记怎么办？",),
    "HJ.JZ.QZ": ("Q|居住证快到期了，签注要去哪里办，能不能网上签注？",),
    "HJ.CG.JZ": ("Q|驾驶证快到期了，换证需要体检吗，能在网上办吗？",),
    "HJ.CG.NJ": (
        "Q|私家车买了六年了，今年年检要上线检测吗，在哪里预约？",
        "C|{road}那家检测站排队要排大半天，工作人员还暗示花钱就能快点。",
    ),
    "HJ.CG.WF": ("Q|我收到一条违章短信，说我在{road}闯红灯，但是那天我车根本没开出去，怎么申诉？",),
    # 民政
    "MZ.YL.JG": (
        "C|我{relative}住在{nursing_home}，护工态度很差，还经常不给翻身，身上都长褥疮了。",
        "Q|想送老人去公办养老院，怎么申请，要排多久，费用大概多少？",
    ),
    "MZ.YL.JJ": (
        "Q|我们社区有没有老年食堂或者助餐点，老人一个人在家吃饭不方便。",
        "S|建议{community}多开几个老年助餐点，现在的离得太远了。",
        "P|{community}的居家养老服务员每周都来给我{relative}洗澡、打扫卫生，特别细心。",
    ),
    "MZ.YL.JT": (
        "Q|我{relative}今年满八十了，高龄津贴怎么申请，每个月有多少？",
        "C|高龄津贴从{months}个月前就没有发了，也没人通知是什么原因。",
    ),
    "MZ.JZ.DB": (
        "Q|家里就我一个人，没有工作还有病，能不能申请低保，要去哪里申请？",
        "C|申请低保交了材料{months}个月了，社区说还在审核，家里实在困难。",
    ),
    "MZ.JZ.TK": ("Q|邻居是个孤寡老人，没有子女也没有收入，能申请特困供养吗？",),
    "MZ.JZ.LS": (
        "H|{road}天桥下面有个老人睡了好几天了，看着身体不太好，能不能送到救助站？",
        "H|家里人突然得了重病，花光了积蓄，有没有什么临时救助可以申请？",
    ),
    "MZ.HY.JH": ("Q|结婚登记需要提前预约吗，外地户口能在海滨市登记吗？",),
    "MZ.HY.LH": ("Q|协议离婚的冷静期是多少天，要去几次民政局？",),
    "MZ.CJ.BT": ("Q|孩子有二级残疾证，能领什么补贴，护理补贴在哪里申请？",),
    "MZ.CJ.ZB": ("Q|我{relative}中风以后行动不便，能不能评残疾证，去哪里鉴定？",),
    "MZ.CJ.WZ": (
        "C|{road}的盲道上全是共享单车和电线杆，根本没法走。",
        "S|建议{estate}的单元门口加装无障碍坡道，坐轮椅的老人出门太难了。",
    ),
    "MZ.BZ.FY": (
        "C|殡仪馆的骨灰盒和服务项目捆绑销售，最便宜的也要好几千，家属没有选择。",
        "Q|基本殡葬服务费用有没有减免政策？",
    ),
    "MZ.BZ.GM": ("C|{cemetery}的墓地价格一年一个样，还要一次性交二十年的管理费。",),
    # 文化旅游
    "WL.LY.GW": ("C|跟团去{scenic}玩，导游把我们带到购物店关了两个小时，不买东西不让走。",),
    "WL.LY.LX": (
        "C|在{travel_agency}报的旅游团临出发前被取消了，团费{amount}块到现在都没退。",
        "C|旅行社合同上写的是四星酒店，结果住的是快捷酒店，行程也少了一个景点。",
    ),
    "WL.LY.JQ": (
        "C|{scenic}节假日人太多，排了两个小时才进去，里面厕所也不够。",
        "S|建议{scenic}对本市老年人门票优惠，现在只有六十五岁以上才免。",
        "P|在{scenic}玩的时候孩子走丢了，景区工作人员十分钟就帮我们找到了，特别感谢。",
    ),
    "WL.WH.TS": (
        "Q|{district}图书馆周一开门吗，办借书证需要什么？",
        "S|建议区图书馆晚上多开一会儿，上班族下班了就关门了。",
    ),
    "WL.WH.HD": (
        "Q|听说这个周末{park}有非遗展演活动，需要预约吗？",
        "P|{community}组织的文艺演出办得很好，老人们都很开心，希望以后多办。",
    ),
    "WL.TY.CG": (
        "Q|{district}体育馆的羽毛球场对外开放吗，怎么预约，收费多少？",
        "S|建议周末把学校的操场对周边居民开放，附近都没有地方锻炼。",
    ),
    "WL.TY.QC": ("H|{park}里的健身器材有一个转盘断了，小孩在上面玩很危险。",),
    "WL.SC.WB": ("R|{road}{n}号的网吧让没成年的学生进去上网，晚上十点多还有穿校服的孩子在里面。",),
    "WL.SC.YL": ("C|楼下的KTV每天营业到凌晨，喝醉的人在楼下大吵大闹。",),
    # 政策咨询
    "ZC.ZW.ZN": (
        "Q|办理个体工商户营业执照要准备哪些材料，是在{district}政务服务中心办吗？",
        "Q|开无犯罪记录证明要去哪里，能不能网上办？",
    ),
    "ZC.ZW.WB": (
        "C|在网上办事大厅提交申请一直提示系统错误，试了{few}天都不行，又让我去现场。",
        "S|建议政务服务小程序把办事进度做得清楚一点，现在提交了不知道卡在哪一步。",
    ),
    "ZC.ZW.CK": (
        "C|今天去{district}政务服务中心办事，排了两个小时，窗口就开了两个，工作人员还在聊天。",
        "P|{district}政务服务中心的窗口工作人员特别耐心，帮我{relative}一步步把材料弄好，一次就办成了。",
    ),
    "ZC.SW.GS": (
        "Q|个税专项附加扣除赡养老人那一项怎么填，我和我哥怎么分？",
        "Q|个税年度汇算要补税{fee}块，什么时候之前补交，不补会怎么样？",
    ),
    "ZC.SW.FP": ("R|在{restaurant}吃饭结账要开发票，老板说开发票要加收百分之六的税点。",),
    "ZC.SW.SB": ("Q|城乡居民养老保险和医保现在是在税务缴费吗，在手机上怎么交？",),
    "ZC.QY.KB": ("Q|想注册一个小公司，全程网上办要多长时间，需要刻章吗？",),
    "ZC.QY.FC": ("Q|我们是小微企业，今年的稳岗补贴和房租补贴怎么申请？",),
    "ZC.QY.YS": (
        "C|我们公司给一家国企供货，对方拖了{months}个月的货款一直不结。",
        "C|我们店一个月被不同部门检查了{few}次，每次都说要整改，生意都没法做了。",
    ),
    "ZC.HM.XF": (
        "Q|家电以旧换新的补贴怎么领，已经买了的还能申请吗？",
        "Q|这次发的消费券在哪里领，哪些店能用？",
    ),
    "ZC.HM.YY": ("Q|孩子今年出生的，育儿补贴怎么申请，要什么材料？",),
    "ZC.HM.LN": ("Q|我{relative}七十岁了，老年人免费乘车卡在哪里办？",),
}

# Used for leaves without scripts (a deployment's own catalogue) and to vary praise and suggestions.
_GENERIC: Final[tuple[str, ...]] = (
    "Q|关于{leaf}方面的政策我想了解一下，具体要怎么办理，需要准备什么材料？",
    "H|我们这边遇到了{leaf}的问题，自己解决不了，想请你们帮忙协调一下。",
    "C|{leaf}的问题我之前反映过，到现在{weeks}周了还没解决。",
    "R|我要反映一个{leaf}方面的问题，地点在{road}{n}号附近，希望相关部门去查一查。",
    "S|关于{parent}，我有个建议，{leaf}这块能不能再加强一些，多听听居民的意见。",
    "P|上次打电话反映{leaf}的事，{dept}第二天就联系我了，很快就解决了，想表扬一下。",
    "P|之前{leaf}的问题，{dept}办得又快又好，工作人员态度也好，特别感谢。",
)
_GENERIC_SHARE: Final[Mapping[Kind, float]] = {Kind.SUGGESTION: 0.35, Kind.PRAISE: 0.5}
_FOLLOW_UP_SHARE: Final = 0.07
_FOLLOW_UP_KINDS: Final = frozenset({Kind.HELP, Kind.COMPLAINT, Kind.REPORT})


@dataclass(frozen=True, slots=True)
class _Script:
    kind: Kind
    text: str
    fields: frozenset[str]


def _parse_script(line: str) -> _Script:
    letter, _, text = line.partition("|")
    fields = frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)
    return _Script(_KIND_LETTERS[letter], text, fields)


_SCRIPTS_BY_CODE: Final[Mapping[str, tuple[_Script, ...]]] = {
    code: tuple(_parse_script(line) for line in lines) for code, lines in _SCRIPTS.items()
}
_GENERIC_BY_KIND: Final[Mapping[Kind, tuple[_Script, ...]]] = {
    kind: tuple(s for s in map(_parse_script, _GENERIC) if s.kind is kind) for kind in Kind
}
_GENERIC_SCRIPTS: Final = tuple(s for scripts in _GENERIC_BY_KIND.values() for s in scripts)


# --------------------------------------------------------------------------- generation


@dataclass(frozen=True, slots=True)
class _Draft:
    """A request before framing, kept so a later call can repeat the same issue (重复来电)."""

    request: DemoRequest
    body: str  # the problem without opener/closer, re-told by a repeat caller


def generate_demo_requests(taxonomy: Taxonomy, count: int, *, seed: int, now: datetime) -> list[DemoRequest]:
    """``count`` invented calls received in the 30 days before ``now``, oldest first.

    ``now`` must be timezone-aware; times come back in Asia/Shanghai. About 7 % are repeat calls about
    an earlier issue (same caller, category and address) so duplicate detection (并单) has work to do.
    """
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    leaves = taxonomy.leaves()
    if not leaves:
        raise ValueError("the taxonomy has no leaf categories")
    return _Generator(taxonomy, leaves, random.Random(seed), now.astimezone(SHANGHAI)).run(count)


class _Generator:
    def __init__(
        self, taxonomy: Taxonomy, leaves: Sequence[Category], rng: random.Random, now: datetime
    ) -> None:
        self._taxonomy = taxonomy
        self._leaves = leaves
        self._rng = rng
        self._now = now
        self._pools = _pools_by_kind(leaves)
        self._phones: set[str] = set()
        self._drafts: list[_Draft] = []

    def run(self, count: int) -> list[DemoRequest]:
        for _ in range(count):
            draft = self._maybe_follow_up() or self._fresh()
            self._drafts.append(draft)
        return sorted((d.request for d in self._drafts), key=lambda r: r.received_at)

    # -- fresh calls

    def _fresh(self) -> _Draft:
        rng = self._rng
        received_at = self._received_at()
        kind = rng.choices(list(_KIND_WEIGHTS), weights=list(_KIND_WEIGHTS.values()))[0]
        leaf, script = self._pick_script(kind, received_at.month)
        district = rng.choice(_DISTRICTS)
        slots = self._slots(district, leaf)
        body = script.text.format_map(slots)
        request = DemoRequest(
            kind=kind,
            category_code=leaf.code,
            priority=leaf.priority,
            caller_name=self._caller_name(kind),
            caller_phone=self._new_phone(),
            address=_address(script.fields, slots),
            district=district.name,
            content=self._frame(kind, body, slots),
            received_at=received_at,
            progress=self._progress(kind, leaf.priority, received_at),
        )
        return _Draft(request, body)

    def _pick_script(self, kind: Kind, month: int) -> tuple[Category, _Script]:
        rng = self._rng
        pool = [(leaf, s) for leaf, s in self._pools[kind] if month in _SEASONAL.get(leaf.code, {month})]
        if not pool or rng.random() < _GENERIC_SHARE.get(kind, 0.0):
            return rng.choice(self._leaves), rng.choice(_GENERIC_BY_KIND[kind])
        return rng.choice(pool)

    def _frame(self, kind: Kind, body: str, slots: Mapping[str, str]) -> str:
        """Wrap the problem in the way people actually open and close a call."""
        rng = self._rng
        opener = rng.choice(_OPENERS[kind]).format_map(slots) if rng.random() < 0.55 else ""
        closer = rng.choice(_CLOSERS[kind]) if rng.random() < 0.6 else ""
        return f"{opener}{body}{closer}"

    # -- repeat calls about an earlier issue

    def _maybe_follow_up(self) -> _Draft | None:
        rng = self._rng
        if rng.random() >= _FOLLOW_UP_SHARE:
            return None
        latest = self._now - timedelta(hours=2)
        earlier = [
            d for d in self._drafts if d.request.kind in _FOLLOW_UP_KINDS and d.request.received_at < latest
        ]
        if not earlier:
            return None
        original = rng.choice(earlier)
        first = original.request
        received_at = self._call_back_time(first.received_at)
        days_later = (received_at.date() - first.received_at.date()).days
        openers = {0: _SAME_DAY_OPENERS, 1: _NEXT_DAY_OPENERS}.get(days_later, _FOLLOW_UP_OPENERS)
        opener = rng.choice(openers)
        content = opener + original.body + rng.choice(_FOLLOW_UP_CLOSERS)
        request = DemoRequest(
            kind=Kind.COMPLAINT,
            category_code=first.category_code,
            priority=first.priority,
            caller_name=first.caller_name,
            caller_phone=first.caller_phone,
            address=first.address,
            district=first.district,
            content=content,
            received_at=received_at,
            progress=self._progress(Kind.COMPLAINT, first.priority, received_at),
        )
        return _Draft(request, original.body)

    # -- slots, callers, times

    def _slots(self, district: _District, leaf: Category) -> dict[str, str]:
        rng = self._rng
        floor = rng.randint(2, 30)
        road, road2 = rng.sample(district.roads, 2)
        departments = self._taxonomy.departments_for(leaf.code)
        parent = self._taxonomy.get(leaf.parent_code) if leaf.parent_code else leaf
        slots = {
            "district": district.name,
            "street": rng.choice(district.streets),
            "community": rng.choice(district.communities),
            "estate": rng.choice(district.estates),
            "building": str(rng.randint(1, 28)),
            "unit": str(rng.randint(1, 4)),
            "floor": str(floor),
            "room": f"{floor}{rng.randint(1, 4):02d}",
            "road": road,
            "road2": road2,
            "n": str(rng.randint(1, 399)),
            "few": str(rng.randint(2, 5)),
            "days": str(rng.randint(2, 10)),
            "weeks": str(rng.randint(2, 6)),
            "months": str(rng.randint(2, 8)),
            "years": str(rng.randint(2, 12)),
            "hours": str(rng.randint(2, 9)),
            "age": str(rng.randint(72, 93)),
            "child_age": str(rng.randint(1, 6)),
            "fee": rng.choice(_FEES),
            "amount": rng.choice(_AMOUNTS),
            "wage": str(rng.randint(45, 860) * 100),
            "bus": rng.choice(_BUS_LINES),
            "metro": str(rng.randint(1, 5)),
            "company": rng.choice(_COMPANIES),
            "relative": rng.choice(_RELATIVES),
            "leaf": leaf.name,
            "parent": parent.name,
            "dept": departments[0].name if departments else "有关部门",
        }
        slots.update({key: rng.choice(names) for key, names in _PLACES.items()})
        slots.update({key: rng.choice(names) for key, names in _BUSINESSES.items()})
        return slots

    def _caller_name(self, kind: Kind) -> str:
        rng = self._rng
        if kind is Kind.REPORT and rng.random() < 0.3:
            return "匿名"  # 举报人 often decline to give a name
        surname = rng.choice(_SURNAMES)
        if rng.random() < 0.65:
            return surname + rng.choice(("先生", "女士"))
        given = "".join(rng.choice(_GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
        return surname + given

    def _new_phone(self) -> str:
        # 1xx-0000-xxxx: valid-looking mobile numbers that are obviously not someone's real line.
        while True:
            phone = f"{self._rng.choice(_PHONE_PREFIXES)}0000{self._rng.randint(0, 9999):04d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def _received_at(self) -> datetime:
        """Working-hours weighted, weekdays busier than weekends, within WINDOW before now."""
        rng = self._rng
        today = self._now.date()
        days = list(range(WINDOW.days))
        day_weights = [_WEEKEND_WEIGHT if (today - timedelta(days=d)).weekday() >= 5 else 1.0 for d in days]
        for _ in range(50):
            day = today - timedelta(days=rng.choices(days, weights=day_weights)[0])
            hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
            moment = datetime(
                day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=SHANGHAI
            )
            if self._now - WINDOW < moment <= self._now:
                return moment
        # Only reachable when every draw lands in the future part of today; any recent time will do.
        return self._now - timedelta(minutes=rng.randint(1, 600))

    def _call_back_time(self, first: datetime) -> datetime:
        """A repeat call 1 h to 5 days after the first one, preferring hours when people do call."""
        rng = self._rng
        span = int(min(timedelta(days=5), self._now - first).total_seconds())
        moment = first
        for _ in range(50):
            moment = first + timedelta(seconds=rng.randint(3600, span))
            if rng.random() * max(_HOUR_WEIGHTS) < _HOUR_WEIGHTS[moment.hour]:
                break
        return moment

    def _progress(self, kind: Kind, priority: Priority, received_at: datetime) -> Progress:
        """Older tickets are further along; a few lag behind so the 督办 (overdue) views have content."""
        rng = self._rng
        direct = {Kind.CONSULTATION: 0.85, Kind.PRAISE: 0.6}.get(kind, 0.0)
        if rng.random() < direct:
            return Progress.CLOSED_DIRECT
        speed = {Priority.URGENT: 4.0, Priority.FAST: 2.0}.get(priority, 1.0)
        hours = (self._now - received_at).total_seconds() / 3600 * speed
        reached = sum(hours >= limit for limit in (0.5, 8, 48, 96, 168))
        lag = rng.choice((0, 0, 0, 0, 1, 1, 2))
        return _DISPATCH_PATH[max(0, reached - lag)]


def _pools_by_kind(leaves: Sequence[Category]) -> dict[Kind, list[tuple[Category, _Script]]]:
    pools: dict[Kind, list[tuple[Category, _Script]]] = {kind: [] for kind in Kind}
    for leaf in leaves:
        # Leaves without scripts (a deployment's own catalogue) still get generic calls of every kind.
        for script in _SCRIPTS_BY_CODE.get(leaf.code, _GENERIC_SCRIPTS):
            pools[script.kind].append((leaf, script))
    return pools


def _address(fields: frozenset[str], slots: Mapping[str, str]) -> str:
    """事发地址: where the template says the problem is, else the caller's home."""
    district = slots["district"]
    if "road2" in fields:
        return f"{district}{slots['road']}与{slots['road2']}交叉口"
    business = next((key for key in _BUSINESSES if key in fields), None)
    if business:
        return f"{district}{slots['road']}{slots['n']}号{slots[business]}"
    place = next((key for key in _PLACES if key in fields), None)
    if place:
        return _in_district(district, slots[place])
    if "road" in fields:
        return (
            f"{district}{slots['road']}{slots['n']}号附近" if "n" in fields else f"{district}{slots['road']}"
        )
    if "estate" in fields and "building" not in fields:
        return f"{district}{slots['street']}{slots['estate']}"
    return (
        f"{district}{slots['street']}{slots['estate']}"
        f"{slots['building']}号楼{slots['unit']}单元{slots['room']}室"
    )


def _in_district(district: str, place: str) -> str:
    # City-level institutions already carry the city name; prefixing a district would misplace them.
    return place if place.startswith(CITY) else f"{district}{place}"
