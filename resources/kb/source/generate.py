"""Builds the demo knowledge base (resources/kb/articles/*.md) and the benchmark query set
(benchmarks/data/kb_queries.jsonl) from the hand-written sources in this folder.

    .venv/bin/python resources/kb/source/generate.py

Each source block is one article: `@ID CATEGORY DEPARTMENT 标题`, then lines `t` tags, `s` synonyms,
`q` caller questions (｜-separated, indexed), `c` a different caller phrasing (benchmark only, never
indexed), `a` who it applies to, `m` materials, `p` steps (；-separated), `l` time limit and fees,
`n` notes. The office address, hours and phone of each department are added from OFFICES below, so
every article tells the caller where to go. Everything is 演示数据 for the fictional city 海滨市.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "articles"
QUERIES = HERE.parents[2] / "benchmarks" / "data" / "kb_queries.jsonl"
SOURCE = "演示数据：虚构城市海滨市，内容为示例，不代表任何真实城市的政策"
WEEKDAYS = "周一至周五 9:00-12:00、13:30-17:30"

# department code → (window, hours, phone)
OFFICES: dict[str, tuple[str, str, str]] = {
    "SRSJ": (
        "海滨市民中心B座2楼社保服务大厅（东湖区湖滨路88号）及各区社保分中心",
        WEEKDAYS + "，周六上午延时服务",
        "12333",
    ),
    "SYBJ": (
        "海滨市民中心B座3楼医保服务窗口及各区医保服务站",
        WEEKDAYS + "，周六上午延时服务",
        "12393 或 8812 3393",
    ),
    "ZFGJJ": ("市住房公积金管理中心服务大厅（西城区文昌路66号）及各区管理部", WEEKDAYS, "12329"),
    "GAFJ": (
        "户口所在地派出所户籍窗口，或各区政务服务中心公安窗口",
        "周一至周五 8:30-12:00、14:00-17:30，周六上午",
        "110（紧急）/ 户政咨询 8811 0110",
    ),
    "CRJ": (
        "市出入境服务大厅（滨江区滨江大道200号）及各区出入境窗口",
        "周一至周六 9:00-17:00",
        "12367 或 8816 7000",
    ),
    "CGS": ("市车辆管理所（北港区海湾大道318号）及各区交警服务站", "周一至周六 8:30-17:30", "12123"),
    "JJDD": ("各区公安分局交警大队违法处理窗口", "周一至周五 8:30-17:30", "122（事故报警）/ 12123"),
    "QZJJ": ("各区住房和建设局服务窗口（区政务服务中心3楼）", WEEKDAYS, "12345 转区住建局"),
    "QCGJ": ("各区城市管理和综合执法局、街道综合执法队", "24小时受理，工作时间内处置", "12345"),
    "BDCDJ": (
        "市不动产登记中心（南山新区科创大道9号）及各区登记服务点",
        WEEKDAYS + "，周六上午延时服务",
        "8813 6600",
    ),
    "RLGS": (
        "海滨热力公司各营业厅（东湖区柳堤路12号等）",
        "周一至周日 8:30-17:30（供暖期）",
        "8860 9600（24小时）",
    ),
    "SGSJ": ("海滨供水集团营业厅（西城区鼓楼路45号等）", "周一至周六 8:30-17:30", "8866 1234（24小时）"),
    "RQJT": ("海滨燃气集团营业厅（滨江区江南路20号等）", "周一至周日 8:30-17:30", "8868 0119（24小时抢修）"),
    "GDGS": ("海滨供电公司各供电营业厅", "周一至周日 8:30-17:30", "95598（24小时）"),
    "QJYJ": ("各区教育局招生办公室（区政务服务中心2楼）", WEEKDAYS, "12345 转区教育局"),
    "LDJC": ("各区劳动保障监察大队（区人力资源服务中心1楼）", WEEKDAYS, "12333"),
    "QSJJ": ("各区市场监督管理局及市场监管所", WEEKDAYS, "12315"),
    "SWJ": ("各区税务局办税服务厅", WEEKDAYS, "12366"),
    "QMZJ": ("各区民政局、街道社会救助和养老服务窗口", WEEKDAYS, "12345 转区民政局"),
    "QCL": ("各区残疾人联合会（区政务服务中心1楼）及社区", WEEKDAYS, "12385"),
    "QZWFW": (
        "海滨市民中心A座（东湖区湖滨路88号）及各区政务服务中心",
        WEEKDAYS + "，周六上午延时服务",
        "12345",
    ),
    "QFGJ": ("各区发展和改革局、商务部门", WEEKDAYS, "12345"),
    "QWJJ": ("各区卫生健康局、社区卫生服务中心", WEEKDAYS, "12320（卫生健康热线）"),
    "SJTJ": ("市交通运输局（北港区港口路6号）", WEEKDAYS, "12328"),
    "GJJT": ("海滨公交集团客服中心（北港区海湾大道100号）", "每日 6:00-22:00", "8850 0000"),
    "XFJY": ("各区消防救援大队", "24小时", "119（火警）/ 96119（举报）"),
    "STHJ": ("市生态环境局各区分局", WEEKDAYS, "12369"),
    "TXGLJ": ("海滨市通信管理局", WEEKDAYS, "12300"),
    "QWLJ": ("各区文化广电旅游体育局", WEEKDAYS, "12345 转区文旅局"),
    "YJGLJ": ("各区应急管理局", "24小时值守", "12350"),
}

DISTRICTS = {
    "东湖区": ("湖滨路120号", "DH"),
    "西城区": ("鼓楼路8号", "XC"),
    "南山新区": ("科创大道66号", "NS"),
    "北港区": ("海湾大道210号", "BG"),
    "滨江区": ("江南路88号", "BJ"),
    "青溪县": ("青溪大道1号", "QX"),
}

# Articles per district: what callers ask about their own district's offices.
FAMILIES = (
    (
        "ZC-ZW-1{n}",
        "ZC.ZW.ZN",
        "QZWFW",
        "{d}政务服务中心地址和办事时间",
        "政务服务中心 办事大厅 地址 {d}",
        "{d}政务中心在哪里｜{d}办事大厅几点上班",
        "请问{d}的政务服务中心在什么地方，中午休息吗",
        "在{d}办理社保、医保、公积金、户籍、不动产、企业开办等政务服务事项的群众。",
        "办理具体事项所需的材料（可先在“海滨通”App查询办事指南）",
        "{d}政务服务中心地址：{d}{a}；一楼综合受理窗口“一窗通办”，二楼社保医保，三楼住建和不动产；中午不休息，周六上午提供延时服务；24小时自助服务区可打印证明、缴纳社保和办理社保卡",
        "到现场前可在“海滨通”App预约取号，免排队。",
    ),
    (
        "MZ-HY-1{n}",
        "MZ.HY.JH",
        "QMZJ",
        "{d}婚姻登记处地址和预约",
        "婚姻登记处 民政局 领证 地址 {d}",
        "{d}婚姻登记处在哪｜在{d}领结婚证要预约吗",
        "我们想在{d}领结婚证，登记处具体在哪里，周末能办吗",
        "在{d}办理结婚登记、离婚登记和补领婚姻登记证的当事人。",
        "双方身份证；户口簿（异地办理的可免）；2寸双人合影照片3张（可现场拍摄）",
        "{d}婚姻登记处位于{d}政务服务中心（{d}{a}）四楼；办理时间周一至周五9:00-12:00、13:30-17:00，法定节假日休息，5月20日、七夕等特殊日期如逢周末会临时开放；在“海滨通”App“婚姻登记预约”选择{d}婚姻登记处和时段；双方本人按预约时间到场办理",
        "结婚登记当场办结、免费；预约号可提前14天放出。",
    ),
    (
        "LD-ZC-1{n}",
        "LD.HT.JC",
        "SRSJ",
        "{d}劳动人事争议仲裁院立案地点",
        "劳动仲裁 仲裁院 立案 地址 {d}",
        "{d}劳动仲裁在哪里立案｜{d}仲裁院地址",
        "我在{d}的公司上班，要申请劳动仲裁，应该去哪里交材料",
        "用人单位注册地或劳动合同履行地在{d}的劳动争议当事人。",
        "仲裁申请书一式两份；申请人身份证复印件；被申请人工商登记信息；证据材料及清单",
        "{d}劳动人事争议仲裁院立案窗口设在{d}人力资源服务中心（{d}{a}）二楼；也可在“海滨通”App“劳动仲裁网上立案”提交；仲裁院收到申请5日内决定是否受理，受理后先行调解",
        "仲裁不收费；拖欠工资的也可同时向{d}劳动保障监察大队投诉。",
    ),
    (
        "ZF-JY-1{n}",
        "ZF.JY.DJ",
        "BDCDJ",
        "{d}不动产登记服务点和预约",
        "不动产登记 房产证 服务点 预约 {d}",
        "{d}不动产登记在哪里办｜{d}办房产证去哪",
        "我房子在{d}，办房产证是去市里的登记中心还是区里就能办",
        "不动产坐落在{d}的权利人和申请人。",
        "按具体登记类型准备（见“二手房过户”“新房办理不动产权证”）",
        "{d}不动产登记服务点设在{d}政务服务中心（{d}{a}）三楼，可办理{d}范围内的转移、抵押、变更、注销登记和查询；全市通办事项也可到任一服务点办理；在“海滨通”App“不动产登记预约”选择{d}服务点",
        "登记费住宅每件80元；查询本人名下不动产免费。",
    ),
)

# Harder phrasings for the benchmark: typos, pinyin initials, synonyms the articles do not use.
EXTRA_QUERIES = (
    ("公基金租房提取", "ZF-GJ-001"),
    ("gjj提取", "ZF-GJ-001"),
    ("医疗保险异地备案", "SB-YB-001"),
    ("驾照到期", "HJ-CG-001"),
    ("退休金停发了", "SB-YL-005"),
    ("煤气泄漏", "GY-GQ-001"),
    ("房本过户", "ZF-JY-001"),
    ("不发工资", "LD-GZ-001"),
    ("港澳证签注", "HJ-CR-002"),
    ("电瓶车上牌", "HJ-CG-008"),
)


def blocks(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("@"):
            ident, category, department, title = line[1:].split(" ", 3)
            found.append({"id": ident, "category": category, "department": department, "title": title})
        elif line.strip():
            key, _, value = line.partition(" ")
            found[-1][key] = value.strip()
    return found


def family_blocks() -> list[dict[str, str]]:
    keys = ("id", "category", "department", "title", "t", "q", "c", "a", "m", "p", "n")
    found = []
    for family in FAMILIES:
        for n, (district, (address, _code)) in enumerate(DISTRICTS.items(), start=1):
            values = [v.format(d=district, a=address, n=n) for v in family]
            found.append(dict(zip(keys, values, strict=True)))
    return found


def body(block: dict[str, str]) -> str:
    window, hours, phone = OFFICES[block["department"]]
    parts = [f"**适用对象**：{block['a']}"]
    if materials := block.get("m"):
        parts.append("## 所需材料\n" + "\n".join(f"- {m}" for m in materials.split("；")))
    steps = block["p"].split("；")
    parts.append("## 办理流程\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(steps, start=1)))
    if limit := block.get("l"):
        parts.append(f"## 时限与收费\n{limit}")
    if note := block.get("n"):
        parts.append(f"## 温馨提示\n{note}")
    parts.append(
        f"## 办理地点与咨询\n- 窗口：{window}\n- 时间：{hours}\n- 电话：{phone}\n- 网上：“海滨通”App"
    )
    parts.append("> 演示数据：海滨市为虚构城市，以上内容仅供演示，以主管部门最新规定为准。")
    return "\n\n".join(parts) + "\n"


def front_matter(block: dict[str, str], index: int) -> dict[str, object]:
    return {
        "id": block["id"],
        "title": block["title"],
        "categories": [block["category"]],
        "kinds": ["consultation"],
        "department": block["department"],
        "tags": block.get("t", "").split(),
        "synonyms": block.get("s", "").split(),
        "questions": block["q"].split("｜"),
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31" if block["id"] == "ZC-HM-003" else None,  # 消费券: this year's scheme
        "version": 1,
        "source": SOURCE,
        "demo": True,
        "updated_at": f"2026-{1 + index % 11:02d}-{1 + index % 27:02d}T09:00:00+08:00",
    }


def main() -> None:
    every = [b for path in sorted(HERE.glob("*.txt")) for b in blocks(path.read_text(encoding="utf-8"))]
    every += family_blocks()
    ids = [b["id"] for b in every]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, duplicates
    ARTICLES.mkdir(exist_ok=True)
    for old in ARTICLES.glob("*.md"):
        old.unlink()
    for index, block in enumerate(every):
        meta = yaml.safe_dump(front_matter(block, index), allow_unicode=True, sort_keys=False)
        (ARTICLES / f"{block['id']}.md").write_text(f"---\n{meta}---\n\n{body(block)}", encoding="utf-8")
    QUERIES.parent.mkdir(parents=True, exist_ok=True)
    rows = [{"query": b["c"], "expected": [b["id"]]} for b in every]
    rows += [{"query": q, "expected": [a]} for q, a in EXTRA_QUERIES]
    QUERIES.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(every)} articles, {len(rows)} queries")


if __name__ == "__main__":
    main()
