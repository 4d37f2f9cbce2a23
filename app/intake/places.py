"""Where the caller is (属地): the district, and the 街道 when said, of the jurisdiction's city.

`Jurisdiction.load("深圳市")` (or "440300", "深圳") knows the city's districts and counties from the
national dataset (app/intake/places_divisions.py) with the short forms callers use (福田区 → 福田,
浦东新区 → 浦东, 都江堰市 → 都江堰), plus the optional gazetteer resources/places/<城市>.yaml with its
街道, 社区, estates and landmarks (app/intake/places_file.py). The demo's 海滨市 is fictional and
lives in its gazetteer alone. `resolve(text)` reads ASR-like text (no punctuation, fillers, a
correction said later) and returns the last place named, with the span it came from.

Short forms are also everyday words (光明, 平房, 长安, 南山), so a short form counts only where the
caller places it: after 在/住/到/去/从 (我在那个福田那边), before 那边/附近/一带, or next to another
name of ours; and never as the head of a road or estate name (光明路, 长安街). A district of another
city is not taken for ours (北京朝阳区 in 长春, 东西湖 in 杭州), and a name shared by two districts of
the city is not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.problem import Problem
from app.intake.places_divisions import City, Division, UnknownCity, find_city, other_names
from app.paths import resources_dir

if TYPE_CHECKING:
    from app.intake.places_file import Gazetteer

__all__ = ["DEMO_CITY", "Jurisdiction", "Place", "UnknownCity", "jurisdiction", "jurisdiction_problem"]

DEMO_CITY = "海滨市"  # fictional: resources/places/海滨市.yaml
_STREET_ENDS = ("街道", "镇", "乡")
_LEFT_CUE = re.compile(r"(?:在|住|到|去|从|回|是|来自|位于)(?:那个|这个|那|这|咱们|咱|我们)?$")
_RIGHT_CUES = (
    *("那边", "这边", "那块", "这块", "那儿", "这儿", "那里", "这里", "附近", "一带", "片区", "那片", "那头"),
    *("那旮旯", "那嘎达", "这嘎达", "那噶", "嘞边", "那厢"),  # dialect: 东北, 西南, 吴
)
# A short form at the head of a longer proper name: 光明路, 长安街, 南山中学, 平房区 is said in full.
_HEADS = re.compile(
    r"(?:路|街(?!道)|大道|道|巷|弄|村|小区|花园|广场|公园|大厦|中学|小学|医院|公司|汽车|正大)"
)
# A 街道/镇 said right after a district of a city without a gazetteer for it: 福田区沙头街道.
_SAID_STREET = re.compile(
    r"(?:的|那边的?|这边的?|那个|这个)?((?!一个)(?:(?![的我你他她在是了那这哪])[\u4e00-\u9fff]){2,4}?(?:街道|镇))"
)
_RUN_GAP = 6  # characters between two names of one address (东湖区那边的湖滨街道)


@dataclass(frozen=True)
class Place:
    district_code: str  # 440304; "" for a district the city's gazetteer adds without a code
    district: str  # 福田区
    street: str = ""  # 沙头街道, when said
    span: tuple[int, int] = (0, 0)  # the characters of the text it was read from

    @property
    def label(self) -> str:
        """What the intake form's 区/街道 field shows: 东湖区湖滨街道."""
        return self.district + self.street


@dataclass(frozen=True)
class _Target:
    district: Division
    street: str = ""
    weak: bool = False  # a short form: needs the caller to place it


@dataclass
class _Run:
    start: int
    end: int
    district: Division
    street: str


@dataclass(frozen=True)
class Jurisdiction:
    code: str  # 440300; "" for the fictional demo city
    name: str  # 深圳市
    districts: tuple[Division, ...]
    _names: dict[str, tuple[_Target, ...]] = field(repr=False)
    _own: frozenset[str] = field(repr=False)  # the city's own name and short name
    _foreign: frozenset[str] = field(repr=False)
    _gazetteer_streets: frozenset[str] = field(repr=False)  # districts whose 街道 the file lists
    _longest: int = field(repr=False, default=0)  # characters in the longest name scanned for

    @classmethod
    def load(cls, code_or_name: str, places_dir: Path | None = None) -> Jurisdiction:
        """The city named by code or name, with its gazetteer if `places_dir` (default
        resources/places) has one; UnknownCity or GazetteerError (file and line) otherwise."""
        # pydantic comes with the gazetteer's schema: on the first load, on a worker, not at start-up
        from app.intake.places_file import Gazetteer, GazetteerError, load_gazetteer

        folder = places_dir if places_dir is not None else resources_dir() / "places"
        try:
            city: City | None = find_city(code_or_name)
        except UnknownCity:
            if not (folder / f"{code_or_name.strip()}.yaml").is_file():
                raise
            city = None  # a city of the gazetteer alone (the demo's)
        name = city.name if city else code_or_name.strip()
        path = folder / f"{name}.yaml"
        gazetteer = load_gazetteer(path) if path.is_file() else Gazetteer(city=name)
        if gazetteer.city != name:
            raise GazetteerError("places.city_differs", where=f"{path}:1", city=name, found=gazetteer.city)
        return cls._build(city, gazetteer)

    @classmethod
    def _build(cls, city: City | None, gazetteer: Gazetteer) -> Jurisdiction:
        districts = {d.name: d for d in (city.districts if city else ())}
        targets: dict[str, list[_Target]] = {}

        def add(names: Iterable[str], target: _Target) -> None:
            for name in names:
                if target not in targets.setdefault(name, []):
                    targets[name].append(target)

        for division in districts.values():
            add([division.name], _Target(division))
            add(division.short_names, _Target(division, weak=True))
        listed: set[str] = set()
        for entry in gazetteer.districts:
            # a district the dataset lacks (the demo's, a 功能区): its kind is not known
            division = districts.get(entry.name) or Division(entry.code, entry.name, "")
            if entry.name not in districts:
                districts[entry.name] = division
                add([division.name], _Target(division))
                add(division.short_names, _Target(division, weak=True))
            add(entry.short, _Target(division, weak=True))
            add(entry.places, _Target(division))
            for street in entry.streets:
                listed.add(division.code or division.name)
                add([street.name], _Target(division, street.name))
                add((*_street_short(street.name), *street.short), _Target(division, street.name, True))
                add(street.places, _Target(division, street.name))
        own = frozenset({city.name, city.short_name} if city else {gazetteer.city})
        names = {name: tuple(found) for name, found in targets.items()}
        foreign = other_names(city.code if city else "") - names.keys() - own
        return cls(
            city.code if city else "",
            city.name if city else gazetteer.city,
            tuple(districts.values()),
            names,
            own,
            foreign,
            frozenset(listed),
            max(map(len, (*names, *foreign, *own)), default=0),
        )

    def district(self, code_or_name: str) -> Division | None:
        """One of the city's districts by code (440304), name (福田区) or short form (福田)."""
        for division in self.districts:
            if code_or_name in (division.code, division.name, *division.short_names):
                return division
        return None

    def resolve(self, text: str) -> Place | None:
        """The last place of this city named in `text` (a caller corrects it by saying another)."""
        runs: list[_Run] = []
        foreign_end = own_end = -2
        for start, end, name in self._scan(text):
            if name in self._own:
                own_end = end  # 深圳福田: a short form right after our city's name is placed
                continue
            if name in self._foreign:
                foreign_end = end
                continue
            if start - foreign_end <= 1:  # 北京朝阳区, 北京的朝阳区: a place of that other city
                continue
            last = runs[-1] if runs and start - runs[-1].end <= _RUN_GAP else None
            target = self._pick(text, start, end, name, last, start == own_end)
            if target is None:
                continue
            if last and last.district == target.district and last.street in ("", target.street):
                last.end, last.street = end, target.street or last.street
            else:
                runs.append(_Run(start, end, target.district, target.street))
        if not runs:
            return None
        run = runs[-1]
        if not run.street and (run.district.code or run.district.name) not in self._gazetteer_streets:
            said = _SAID_STREET.match(text, run.end)
            if said:
                run.street, run.end = said.group(1), said.end(1)
        return Place(run.district.code, run.district.name, run.street, (run.start, run.end))

    def _scan(self, text: str) -> Iterable[tuple[int, int, str]]:
        """Leftmost-longest names of ours and of other cities, not overlapping."""
        index = 0
        while index < len(text):
            for size in range(min(self._longest, len(text) - index), 1, -1):
                name = text[index : index + size]
                if name in self._names or name in self._foreign or name in self._own:
                    yield index, index + size, name
                    index += size
                    break
            else:
                index += 1

    def _pick(
        self, text: str, start: int, end: int, name: str, last: _Run | None, after_city: bool
    ) -> _Target | None:
        found = self._names[name]
        if last is not None:  # 福田沙头: read a shared name in the district just said
            found = tuple(t for t in found if t.district == last.district) or found
        placed = after_city or (last is not None and start - last.end <= 1)  # 福田沙头, 福田的沙头
        if any(t.weak for t in found) and not _placed(text, start, end, placed, self._names):
            found = tuple(t for t in found if not t.weak)
        if not found:
            return None
        if len({t.district for t in found}) > 1:
            return None  # two districts share the name: not guessed
        if len({t.street for t in found}) > 1:
            return _Target(found[0].district)
        return found[0]


def _placed(text: str, start: int, end: int, after_ours: bool, names: Mapping[str, object]) -> bool:
    """Whether a short form stands where the caller puts a place, not inside another word."""
    if _HEADS.match(text, end):
        return False
    if after_ours or _LEFT_CUE.search(text, 0, start) or text.startswith(_RIGHT_CUES, end):
        return True
    return any(text.startswith(name, end) for name in names)  # 福田沙头街道: another name follows


def _street_short(name: str) -> tuple[str, ...]:
    for end in _STREET_ENDS:
        stem = name.removesuffix(end)
        if stem != name and len(stem) >= 2:
            return (stem,)
    return ()


def jurisdiction_problem(code_or_name: str) -> Problem | None:
    """Why the deployment cannot work with this jurisdiction (no such city, a broken gazetteer), for
    whoever sets centre.jurisdiction; None when its places load. Reads the national table: off the
    GUI thread."""
    from app.intake.places_file import GazetteerError

    try:
        Jurisdiction.load(code_or_name)
    except (UnknownCity, GazetteerError) as error:
        return error.problem
    return None


@cache
def jurisdiction(code_or_name: str) -> Jurisdiction:
    """The deployment's jurisdiction with the shipped gazetteers, loaded once (off the GUI thread)."""
    return Jurisdiction.load(code_or_name)
