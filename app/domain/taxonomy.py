"""事项分类: the 3-level category catalogue and the departments (承办单位) it dispatches to.

The catalogue is data (resources/taxonomy.yaml, later synced from the server); this module only
validates an already-parsed mapping and answers questions about it. No file I/O happens here so the
same code checks the shipped file, a server update, and hand-built test fixtures. A loader that
keeps line numbers (app.resources) hands in mappings with a ``line`` and ``key_lines``; errors then
name the line, e.g. ``taxonomy.yaml:212: 城乡建设 (CJ) > 物业管理 (CJ.WY): unknown department 'XX'``.

Per leaf the catalogue says who handles it (承办单位: 按职, a city-level unit, or 属地, the unit of a
kind in the caller's district or 街道), how urgent it is (the SLA class), which ticket fields it
needs and which questions the operator asks, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from app.domain.kinds import Priority
from app.domain.labelled import LabelledEnum

MAX_DEPTH: Final = 3
"""一级 / 二级 / 三级: the catalogue never goes deeper."""

_SEGMENT_RE: Final = re.compile(r"[A-Z][A-Z0-9]*")
_DEPARTMENT_CODE_RE: Final = re.compile(r"[A-Z][A-Z0-9_]*")
_ROOT_KEYS: Final = frozenset({"version", "departments", "categories"})
_DEPARTMENT_KEYS: Final = frozenset({"code", "name", "en", "level", "unit"})
_NODE_KEYS: Final = frozenset(
    {"code", "name", "en", "priority", "departments", "fields", "questions", "keywords", "children"}
)
_QUESTION_KEYS: Final = frozenset({"ask", "field"})
_DISTRICT_SLOT: Final = "{district}"


class TicketField(LabelledEnum):
    """The fields a category can require of a ticket (the fixed set `fields:` draws from)."""

    CALLER_NAME = "caller_name", "来电人姓名"
    CALLER_PHONE = "caller_phone", "联系电话"
    DISTRICT = "district", "所属区县"
    ADDRESS = "address", "详细地址"
    OCCURRED_AT = "occurred_at", "发生时间"
    COMPANY_NAME = "company_name", "涉及单位"
    PLATE_NUMBER = "plate_number", "车牌号"
    ID_NUMBER = "id_number", "身份证号"
    ORDER_NUMBER = "order_number", "订单号"


class UnitLevel(LabelledEnum):
    """Where a 承办单位 sits: one city-level unit, or one unit of this kind per district or 街道."""

    CITY = "city", "市级"
    DISTRICT = "district", "区县级"
    STREET = "street", "街道乡镇"


class DispatchRule(LabelledEnum):
    """按职: the responsible city unit wherever the caller is; 属地: the unit where it happened."""

    BY_DUTY = "by_duty", "按职"
    BY_PLACE = "by_place", "属地"


class TaxonomyError(ValueError):
    """The catalogue data is malformed; the message names the file, line and offending node path."""

    def __init__(self, problem: str, line: int | None = None, source: str | None = None) -> None:
        super().__init__(problem)
        self.problem, self.line, self.source = problem, line, source

    def __str__(self) -> str:
        if self.source is None:
            return self.problem if self.line is None else f"line {self.line}: {self.problem}"
        place = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{place}: {self.problem}"


class UnknownCategory(KeyError):
    """A category code that is not in the catalogue (e.g. a ticket filed under a retired code)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"unknown category code {self.code!r}"


class UnknownDepartment(KeyError):
    """A department code that is not in the catalogue's department list."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"unknown department code {self.code!r}"


@dataclass(frozen=True, slots=True)
class Department:
    """承办单位: a unit tickets are dispatched to (派单); for 属地 units, the kind of unit."""

    code: str
    name: str
    en: str
    level: UnitLevel = UnitLevel.CITY
    unit: str = ""  # district level: the real name's pattern, e.g. 海滨市公安局{district}分局

    @property
    def rule(self) -> DispatchRule:
        return DispatchRule.BY_DUTY if self.level is UnitLevel.CITY else DispatchRule.BY_PLACE


def unit_name(department: Department, district: str | None, street: str | None = None) -> str | None:
    """The concrete unit that handles a ticket in ``district`` (and ``street``, for 街道 units).

    按职 units are themselves; 区城市管理和综合执法局 in 东湖区 is 东湖区城市管理和综合执法局; a 街道 unit
    is that 街道's 办事处 (a 镇 or 乡 has a 人民政府). None when the place it depends on is not known.
    """
    if department.level is UnitLevel.CITY:
        return department.name
    if department.level is UnitLevel.STREET:
        if not street:
            return None
        return street + ("人民政府" if street.endswith(("镇", "乡")) else "办事处")
    if not district:
        return None
    return (department.unit or _DISTRICT_SLOT + department.name.removeprefix("区")).replace(
        _DISTRICT_SLOT, district
    )


@dataclass(frozen=True, slots=True)
class Question:
    """One guided question: the line the operator reads, and the field its answer fills, if any."""

    ask: str
    field: TicketField | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """承办单位 for one ticket: the department and, resolved by the place, the concrete unit."""

    department: Department
    unit: str | None  # None: 属地, and the district (or 街道) is not known yet

    @property
    def rule(self) -> DispatchRule:
        return self.department.rule


@dataclass(frozen=True, slots=True)
class KeywordMatch:
    """A leaf whose keywords occur in a text, and which of them did (so the operator sees why)."""

    code: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Category:
    """One node of the catalogue, with priority and departments already resolved (inherited)."""

    code: str
    name: str
    en: str
    level: int
    parent_code: str | None
    priority: Priority
    departments: tuple[str, ...]
    keywords: tuple[str, ...]
    fields: tuple[TicketField, ...] = ()
    questions: tuple[Question, ...] = ()


class Taxonomy:
    """An immutable, validated catalogue. Build it with :meth:`from_mapping`."""

    __slots__ = ("_by_code", "_children", "_departments", "_version", "_words")

    def __init__(
        self, *, version: int, departments: Sequence[Department], categories: Sequence[Category]
    ) -> None:
        # Trusts its input: from_mapping is the validating constructor.
        self._version = version
        self._departments = {d.code: d for d in departments}
        self._by_code = {c.code: c for c in categories}
        children: dict[str | None, list[Category]] = {None: []}
        for category in categories:
            children.setdefault(category.code, [])
            children.setdefault(category.parent_code, []).append(category)
        self._children = {code: tuple(kids) for code, kids in children.items()}
        words: dict[str, list[str]] = {}
        for leaf in self.leaves():
            for word in leaf.keywords:
                words.setdefault(word, []).append(leaf.code)
        self._words = {word: tuple(codes) for word, codes in words.items()}

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str | None = None) -> Taxonomy:
        """Validate a parsed taxonomy document (e.g. ``yaml.safe_load`` output).

        Raises TaxonomyError naming the file (``source``), the line when the mappings carry one,
        and the node path, e.g. ``taxonomy.yaml:212: 城乡建设 (CJ) > 物业管理 (CJ.WY): unknown
        department 'XX'``.
        """
        try:
            if not isinstance(data, Mapping):
                raise TaxonomyError(f"taxonomy: expected a mapping at the top, got {_kind_of(data)}")
            _reject_unknown_keys(data, _ROOT_KEYS, "taxonomy")
            version = _parse_version(data.get("version"), _line(data, "version"))
            departments = _parse_departments(data.get("departments"), _line(data, "departments"))
            parser = _CategoryParser({d.code: d for d in departments})
            parser.parse_roots(data.get("categories"), _line(data, "categories"))
        except TaxonomyError as error:
            error.source = source
            raise
        return cls(version=version, departments=departments, categories=parser.categories)

    @property
    def version(self) -> int:
        """Catalogue version; the server bumps it on every change so seats know to refresh."""
        return self._version

    @property
    def departments(self) -> tuple[Department, ...]:
        return tuple(self._departments.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Category]:
        """All categories, parents before children, in catalogue order."""
        return iter(self._by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Category:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownCategory(code) from None

    def children(self, code: str | None = None) -> tuple[Category, ...]:
        """Direct children of ``code``; ``None`` gives the top level (一级分类)."""
        if code is not None:
            self.get(code)
        return self._children[code]

    def is_leaf(self, code: str) -> bool:
        return not self.children(code)

    def leaves(self) -> tuple[Category, ...]:
        """Categories without children: the ones operators file tickets against."""
        return tuple(c for c in self._by_code.values() if not self._children[c.code])

    def path(self, code: str) -> tuple[Category, ...]:
        """From the top-level ancestor down to ``code`` itself."""
        chain = [self.get(code)]
        while (parent := chain[-1].parent_code) is not None:
            chain.append(self._by_code[parent])
        return tuple(reversed(chain))

    def path_label(self, code: str, sep: str = " > ", *, english: bool = False) -> str:
        """E.g. ``城乡建设 > 物业管理 > 电梯故障`` (or the English names)."""
        return sep.join(c.en if english else c.name for c in self.path(code))

    def knows_department(self, code: str) -> bool:
        return code in self._departments

    def department(self, code: str) -> Department:
        try:
            return self._departments[code]
        except KeyError:
            raise UnknownDepartment(code) from None

    def departments_for(self, code: str) -> tuple[Department, ...]:
        """承办单位 (kinds, for 属地 ones) responsible for a category after inheritance; lead unit first."""
        return tuple(self._departments[d] for d in self.get(code).departments)

    def assign(self, code: str, district: str | None, street: str | None = None) -> tuple[Assignment, ...]:
        """The concrete 承办单位 for a ticket of ``code`` from ``district`` (and ``street``): 按职 units
        as they are, 属地 ones resolved by the place (东湖区 → 东湖区城市管理和综合执法局)."""
        return tuple(Assignment(d, unit_name(d, district, street)) for d in self.departments_for(code))

    def keyword_matches(self, text: str) -> tuple[KeywordMatch, ...]:
        """Leaves whose keywords occur in ``text``, most matched words first (longer words break
        ties: 燃气泄漏 says more than 漏气), then in catalogue order."""
        found: dict[str, list[str]] = {}
        for word, codes in self._words.items():
            if word in text:
                for code in codes:
                    found.setdefault(code, []).append(word)
        order = {code: index for index, code in enumerate(self._by_code)}
        ranked = sorted(
            found.items(), key=lambda item: (-len(item[1]), -sum(map(len, item[1])), order[item[0]])
        )
        return tuple(KeywordMatch(code, tuple(words)) for code, words in ranked)


# --------------------------------------------------------------------------- parsing helpers


def _line(node: object, key: str | None = None) -> int | None:
    """Line of ``key`` in ``node`` (or of the node itself) when the loader kept line numbers."""
    lines = getattr(node, "key_lines", None)
    if key is not None and isinstance(lines, Mapping) and key in lines:
        return int(lines[key])
    line = getattr(node, "line", None)
    return line if isinstance(line, int) else None


def _parse_version(value: object, line: int | None) -> int:
    # bool is an int subclass; `version: yes` must not slip through as 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TaxonomyError(f"taxonomy: version: expected a positive integer, got {value!r}", line)
    return value


def _parse_departments(raw: object, line: int | None) -> tuple[Department, ...]:
    items = _as_list(raw, "taxonomy: departments", line)
    seen: set[str] = set()
    result: list[Department] = []
    for index, item in enumerate(items):
        where = f"taxonomy: departments[{index}]"
        if not isinstance(item, Mapping):
            raise TaxonomyError(f"{where}: expected a mapping, got {_kind_of(item)}", line)
        code = item.get("code")
        if isinstance(code, str):
            where = f"{where} ({code})"
        _reject_unknown_keys(item, _DEPARTMENT_KEYS, where)
        if not isinstance(code, str) or not _DEPARTMENT_CODE_RE.fullmatch(code):
            raise TaxonomyError(f"{where}: code must be uppercase letters/digits, got {code!r}", _line(item))
        if code in seen:
            raise TaxonomyError(f"{where}: duplicate department code {code!r}", _line(item, "code"))
        seen.add(code)
        name = _text(item, "name", where)
        level = _choice(UnitLevel, item.get("level"), where, "level", _line(item, "level"))
        result.append(
            Department(code, name, _text(item, "en", where), level, _unit(item, level, name, where))
        )
    return tuple(result)


def _unit(item: Mapping[str, Any], level: UnitLevel, name: str, where: str) -> str:
    line = _line(item, "unit")
    if "unit" not in item:
        if level is UnitLevel.DISTRICT and not name.startswith("区"):
            raise TaxonomyError(
                f"{where}: a district-level unit whose name does not start with 区 needs "
                f"unit: the pattern of its real name, e.g. 海滨市公安局{_DISTRICT_SLOT}分局",
                _line(item),
            )
        return ""
    if level is not UnitLevel.DISTRICT:
        raise TaxonomyError(f"{where}: unit is only for district-level units (level: district)", line)
    unit = item["unit"]
    if not isinstance(unit, str) or unit.count(_DISTRICT_SLOT) != 1 or unit.count("{") != 1:
        raise TaxonomyError(f"{where}: unit must hold {_DISTRICT_SLOT} once, got {unit!r}", line)
    return unit


@dataclass(frozen=True, slots=True)
class _Parent:
    """What a child inherits, plus the trail used to name it in error messages."""

    code: str | None
    level: int
    priority: Priority
    departments: tuple[str, ...]
    fields: tuple[TicketField, ...]
    questions: tuple[Question, ...]
    trail: str


_ROOT: Final = _Parent(
    code=None, level=0, priority=Priority.NORMAL, departments=(), fields=(), questions=(), trail="taxonomy"
)


class _CategoryParser:
    """Walks the category tree depth-first, validating and resolving inheritance."""

    def __init__(self, departments: Mapping[str, Department]) -> None:
        self._departments = departments
        self._trails: dict[str, str] = {}
        self.categories: list[Category] = []

    def parse_roots(self, raw: object, line: int | None) -> None:
        nodes = _as_list(raw, "taxonomy: categories", line)
        if not nodes:
            raise TaxonomyError("taxonomy: categories: the catalogue has no categories", line)
        self._parse_children(nodes, _ROOT, "categories", line)

    def _parse_children(self, nodes: list[Any], parent: _Parent, field: str, line: int | None) -> None:
        for index, node in enumerate(nodes):
            self._parse_node(node, parent, f"{field}[{index}]", line)

    def _parse_node(self, node: object, parent: _Parent, slot: str, line: int | None) -> None:
        where = _join(parent.trail, slot)
        if not isinstance(node, Mapping):
            raise TaxonomyError(f"{where}: expected a mapping, got {_kind_of(node)}", line)
        where = _join(parent.trail, _node_label(node, slot))
        level = parent.level + 1
        if level > MAX_DEPTH:
            raise TaxonomyError(
                f"{where}: nested too deep (level {level}); the catalogue has at most 3", _line(node)
            )
        _reject_unknown_keys(node, _NODE_KEYS, where)
        code = self._check_code(node, parent, where)
        questions = _questions(node, where)
        # A question that fills a field makes the field one the ticket needs: the form shows what it asks.
        asked = (q.field for q in questions if q.field is not None)
        fields = tuple(dict.fromkeys((*parent.fields, *_fields(node, where), *asked)))
        category = Category(
            code=code,
            name=_text(node, "name", where),
            en=_text(node, "en", where),
            level=level,
            parent_code=parent.code,
            priority=_priority(node, parent.priority, where),
            departments=self._dispatch(node, parent.departments, where),
            keywords=_keywords(node, where),
            fields=fields,
            questions=(*parent.questions, *questions),
        )
        self._trails[code] = where
        self.categories.append(category)
        children = node.get("children")
        if children is None:
            if not category.departments:
                raise TaxonomyError(
                    f"{where}: no 承办单位: give it (or a parent) departments: [...]", _line(node)
                )
            return
        kids = _as_list(children, f"{where}: children", _line(node, "children"))
        inherited = _Parent(
            code, level, category.priority, category.departments, category.fields, category.questions, where
        )
        self._parse_children(kids, inherited, "children", _line(node, "children"))

    def _check_code(self, node: Mapping[str, Any], parent: _Parent, where: str) -> str:
        code, line = node.get("code"), _line(node, "code")
        if not isinstance(code, str):
            raise TaxonomyError(f"{where}: code is missing or not text (got {code!r})", line)
        prefix = "" if parent.code is None else f"{parent.code}."
        segment = code[len(prefix) :] if code.startswith(prefix) else ""
        if not _SEGMENT_RE.fullmatch(segment):
            example = f"{prefix}XX"
            raise TaxonomyError(
                f"{where}: code {code!r} must be "
                + ("" if parent.code is None else f"the parent code {parent.code!r} plus ")
                + f"one uppercase pinyin segment, e.g. {example!r}",
                line,
            )
        if code in self._trails:
            raise TaxonomyError(
                f"{where}: duplicate code {code!r}, already used by {self._trails[code]}", line
            )
        return code

    def _dispatch(self, node: Mapping[str, Any], inherited: tuple[str, ...], where: str) -> tuple[str, ...]:
        if "departments" not in node:
            return inherited
        line = _line(node, "departments")
        codes = _as_list(node["departments"], f"{where}: departments", line)
        for code in codes:
            if not isinstance(code, str) or code not in self._departments:
                raise TaxonomyError(
                    f"{where}: unknown department {code!r}; declare it under the top-level departments:",
                    line,
                )
        if len(set(codes)) != len(codes):
            raise TaxonomyError(f"{where}: a department is listed twice in {codes!r}", line)
        return tuple(codes)


def _priority(node: Mapping[str, Any], inherited: Priority, where: str) -> Priority:
    if "priority" not in node:
        return inherited
    return _choice(Priority, node["priority"], where, "priority", _line(node, "priority"))


_E = TypeVar("_E", Priority, UnitLevel, TicketField)


def _choice(kind: type[_E], value: object, where: str, what: str, line: int | None) -> _E:
    if isinstance(value, str) and value in kind._value2member_map_:
        return kind(value)
    allowed = ", ".join(f"{c.value} ({c.label})" for c in kind)
    raise TaxonomyError(f"{where}: unknown {what} {value!r}; use one of {allowed}", line)


def _fields(node: Mapping[str, Any], where: str) -> tuple[TicketField, ...]:
    line = _line(node, "fields")
    values = _as_list(node.get("fields", []), f"{where}: fields", line)
    return tuple(_choice(TicketField, value, where, "field", line) for value in values)


def _questions(node: Mapping[str, Any], where: str) -> tuple[Question, ...]:
    line = _line(node, "questions")
    result: list[Question] = []
    for index, item in enumerate(_as_list(node.get("questions", []), f"{where}: questions", line)):
        at = f"{where}: questions[{index}]"
        if isinstance(item, str):
            item = {"ask": item}
        if not isinstance(item, Mapping):
            raise TaxonomyError(f"{at}: expected the question's text or {{ask: ..., field: ...}}", line)
        _reject_unknown_keys(item, _QUESTION_KEYS, at)
        ask = item.get("ask")
        if not isinstance(ask, str) or not ask.strip():
            raise TaxonomyError(f"{at}: the question has no text (ask: the line the operator reads)", line)
        field = None if item.get("field") is None else _choice(TicketField, item["field"], at, "field", line)
        result.append(Question(ask.strip(), field))
    return tuple(result)


def _keywords(node: Mapping[str, Any], where: str) -> tuple[str, ...]:
    line = _line(node, "keywords")
    words = _as_list(node.get("keywords", []), f"{where}: keywords", line)
    for word in words:
        if not isinstance(word, str) or not word.strip():
            raise TaxonomyError(f"{where}: keywords must be non-empty text, got {word!r}", line)
    return tuple(word.strip() for word in words)


def _text(node: Mapping[str, Any], key: str, where: str) -> str:
    value = node.get(key)
    if value is not None and not isinstance(value, str):
        # `name: 12345` or `en: [x]`: say what arrived rather than calling it missing.
        raise TaxonomyError(f"{where}: {key} must be text, got {_kind_of(value)} {value!r}", _line(node, key))
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where}: {key} is missing or empty", _line(node, key))
    return value.strip()


def _as_list(value: object, where: str, line: int | None) -> list[Any]:
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: expected a list, got {_kind_of(value)}", line)
    return value


def _reject_unknown_keys(node: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    # A typo such as `departmens:` would otherwise silently fall back to the inherited value.
    unknown = sorted(str(k) for k in node if k not in allowed)
    if unknown:
        raise TaxonomyError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}",
            _line(node, unknown[0]),
        )


def _node_label(node: Mapping[str, Any], slot: str) -> str:
    name, code = node.get("name"), node.get("code")
    if isinstance(name, str) and isinstance(code, str):
        return f"{name} ({code})"
    if isinstance(code, str):
        return code
    return f"{name} ({slot})" if isinstance(name, str) else slot


def _join(trail: str, label: str) -> str:
    return label if trail == "taxonomy" else f"{trail} > {label}"


def _kind_of(value: object) -> str:
    return "nothing" if value is None else type(value).__name__
