"""Emergencies heard in the call: the shipped list raises an alarm with the number to transfer to, and
its guards keep negated, past, reported and feared events quiet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from app.intake.emergency import EmergencyList, EmergencyListError
from app.resources import ResourceError, load_emergency_list

WORDS = load_emergency_list()


def numbers(text: str) -> list[str]:
    return [alarm.number for alarm in WORDS.detect(text)]


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("喂你好我家楼下着火了快来人啊", "119"),
        ("着火咯着火咯三楼那家窗户往外冒火", "119"),  # dialect particle after the phrase
        ("我们楼道里一股很浓的煤气味", "119"),
        ("厨房燃气泄漏了我关了阀门不敢开灯", "119"),
        ("那个老人在公园晕倒了叫不醒", "120"),
        ("工地上有个工人从架子上掉下来受伤了", "120"),
        ("有个小伙子站在天台上说要跳楼", "110"),
        ("我儿子刚才在学校门口被打了", "110"),
        ("楼下有人持刀在追人", "110"),
        ("前面路口出车祸了两辆车撞在一起", "122"),
        ("河边有小孩溺水了", "119"),
        ("我和我妈困在电梯里出不来了", "119"),
        ("他碰到电线触电了倒在地上", "120"),
        ("我跟你讲我现在就想自杀", "110"),
        ("隔壁老房子的墙坍塌了压着人", "119"),
        ("我们 小区 着火 了", "119"),  # ASR puts spaces between words
        ("上次着火物业没管这次又着火了", "119"),  # the guard belongs to the earlier fire
        ("去年被打过一次但是今天他又打人了", "110"),
        ("昨天开始一直有煤气味现在还有", "119"),  # an earlier start, still going on now
        ("我老婆被她前夫打了现在还在门口闹", "110"),  # 被…打了: words said inside the phrase
        ("楼下有个人倒在地上流了好多血", "120"),
    ],
)
def test_an_emergency_said_now_raises_an_alarm_with_its_transfer_number(said: str, number: str) -> None:
    assert number in numbers(said)


@pytest.mark.parametrize(
    "said",
    [
        "上次着火的事物业到现在也没给个说法",  # past, reported
        "去年我被打了到现在派出所也没处理",
        "前年小区失火以后消防通道一直被堵着",
        "我们这没有着火就是有点烟味",  # negated
        "不是煤气味是下水道返上来的臭味",
        "没闻到什么煤气味就是想问一下燃气费怎么交",
        "小区电线老化有火灾隐患希望物业处理",  # a risk, not an event
        "我怕哪天电箱漏电有人触电",
        "万一着火了消防车都进不来",
        "想问一下社区什么时候搞消防演练",
        "饭店油烟机天天冒烟熏得没法开窗",  # fumes, not a fire
        "这家店搞跳楼价大甩卖门口音响太吵了",
        "我想订个火锅店的位置",  # no phrase at all
        "火车站门口的出租车乱收费",
        "商场打折的时候人太多",
        "最近老是被打扰骚扰电话太多了",
        "楼上天天打架吵得我们睡不着",  # a habit: a complaint about noise
        "我妈前几天摔倒了起不来现在住院了想问问护理补贴",  # 现在 alone does not make it go on
        "我想问一下车祸以后的伤残鉴定去哪里做",  # a case told about
    ],
)
def test_a_negated_past_or_feared_event_is_no_emergency(said: str) -> None:
    assert numbers(said) == []


def test_an_alarm_points_at_what_was_said_in_the_text_given() -> None:
    text = "你好 我 家 楼下 着火 了"
    (alarm,) = WORDS.detect(text)
    assert (alarm.phrase, alarm.category, text[alarm.start : alarm.end]) == ("着火", "fire", "着火")


def test_several_emergencies_in_one_call_are_all_raised_in_order() -> None:
    said = "刚才我被打了现在头还在流血"
    assert [(a.phrase, a.number) for a in WORDS.detect(said)] == [("被打了", "110"), ("流血", "120")]


def test_the_shipped_list_has_a_version_and_covers_every_transfer_number() -> None:
    assert WORDS.version >= 1
    assert {p.number for p in WORDS.phrases} == {"110", "119", "120", "122"}


def test_detection_after_a_phrase_takes_well_under_a_millisecond_per_hundred_characters() -> None:
    call = "喂你好我想反映一下我们小区的问题物业一直不管楼道里堆满了杂物" * 8 + "现在楼下着火了"
    WORDS.detect(call)
    took = []
    for _ in range(50):
        start = time.perf_counter()
        WORDS.detect(call)
        took.append(time.perf_counter() - start)
    assert sorted(took)[47] < 0.005  # p95 of a 250-character window: far below the 30 ms budget


FIRE = {"phrase": "着火", "number": "119", "category": "fire"}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"phrases": [FIRE]}, "version"),
        ({"version": 1, "phrases": []}, "phrases: the list is empty"),
        (
            {"version": 1, "phrases": [FIRE | {"number": "911"}]},
            r"phrases\[0\]\.number",
        ),
        (
            {"version": 1, "phrases": [FIRE | {"phrase": "火"}]},
            r"phrases\[0\]\.phrase",
        ),
        ({"version": 1, "phrases": [FIRE | {"phrase": "被打…"}]}, "… goes between words"),
        (
            {"version": 1, "phrases": [FIRE | {"unles": []}]},
            "unles",
        ),
        (
            {"version": 1, "phrases": [FIRE, FIRE]},
            r"phrases\[1\]: '着火' is listed twice",
        ),
        ({"version": 1, "guards": {"now": "现在"}, "phrases": []}, r"guards\.now: expected a list"),
    ],
)
def test_a_malformed_list_is_refused_naming_the_key(data: dict[str, object], says: str) -> None:
    with pytest.raises(EmergencyListError, match=says):
        EmergencyList.from_mapping(data)


def test_a_malformed_list_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "emergency.yaml").write_text(yaml.safe_dump({"version": 0, "phrases": []}), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"emergency\.yaml: version"):
        load_emergency_list(tmp_path)
