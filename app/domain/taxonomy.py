"""事项分类: the 3-level category catalogue and the departments (承办单位) it dispatches to.

The catalogue is data (resources/taxonomy.yaml, later synced from the server); this module only
validates an already-parsed mapping and answers questions about it. No file I/O happens here so the
same code checks the shipped file, a server update, and hand-built test fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from app.domain.kinds import Priority

MAX_DEPTH: Final = 3
"""一级 / 二级 / 三级: the catalogue never goes deeper."""

_SEGMENT_RE: Final = re.compile(r"[A-Z][A-Z0-9]*")
_DEPARTMENT_CODE_RE: Final = re.compile(r"[A-Z][A-Z0-9_]*")
_ROOT_KEYS: Final = frozenset({"version", "departments", "categories"})
_DEPARTMENT_KEYS: Final = frozenset({"code", "name", "en"})
_NODE_KEYS: Final = frozenset({"code", "name", "en", "priority", "departments", "keywords", "children"})


class TaxonomyError(ValueError):
    """The catalogue data is malformed; the message names the offending node path."""


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
    """承办单位: a unit tickets are dispatched to (派单)."""

    code: str
    name: str
    en: str


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


class Taxonomy:
    """An immutable, validated catalogue. Build it with :meth:`from_mapping`."""

    __slots__ = ("_by_code", "_children", "_departments", "_version")

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

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Taxonomy:
        """Validate a parsed taxonomy document (e.g. ``yaml.safe_load`` output).

        Raises TaxonomyError naming the node path, e.g.
        ``城乡建设 (CJ) > 物业管理 (CJ.WY): unknown department 'XX'``.
        """
        if not isinstance(data, Mapping):
            raise TaxonomyError(f"taxonomy: expected a mapping at the top, got {_kind_of(data)}")
        _reject_unknown_keys(data, _ROOT_KEYS, "taxonomy")
        version = _parse_version(data.get("version"))
        departments = _parse_departments(data.get("departments"))
        parser = _CategoryParser({d.code for d in departments})
        parser.parse_roots(data.get("categories"))
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
        """承办单位 responsible for a category (按职承办), after inheritance."""
        return tuple(self._departments[d] for d in self.get(code).departments)


# --------------------------------------------------------------------------- parsing helpers


def _parse_version(value: object) -> int:
    # bool is an int subclass; `version: yes` must not slip through as 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TaxonomyError(f"taxonomy: version: expected a positive integer, got {value!r}")
    return value


def _parse_departments(raw: object) -> tuple[Department, ...]:
    items = _as_list(raw, "taxonomy: departments")
    seen: set[str] = set()
    result: list[Department] = []
    for index, item in enumerate(items):
        where = f"taxonomy: departments[{index}]"
        if not isinstance(item, Mapping):
            raise TaxonomyError(f"{where}: expected a mapping, got {_kind_of(item)}")
        code = item.get("code")
        if isinstance(code, str):
            where = f"{where} ({code})"
        _reject_unknown_keys(item, _DEPARTMENT_KEYS, where)
        if not isinstance(code, str) or not _DEPARTMENT_CODE_RE.fullmatch(code):
            raise TaxonomyError(f"{where}: code must be uppercase letters/digits, got {code!r}")
        if code in seen:
            raise TaxonomyError(f"{where}: duplicate department code {code!r}")
        seen.add(code)
        result.append(Department(code, _text(item, "name", where), _text(item, "en", where)))
    return tuple(result)


@dataclass(frozen=True, slots=True)
class _Parent:
    """What a child inherits, plus the trail used to name it in error messages."""

    code: str | None
    level: int
    priority: Priority
    departments: tuple[str, ...]
    trail: str


_ROOT: Final = _Parent(code=None, level=0, priority=Priority.NORMAL, departments=(), trail="taxonomy")


class _CategoryParser:
    """Walks the category tree depth-first, validating and resolving inheritance."""

    def __init__(self, department_codes: set[str]) -> None:
        self._department_codes = department_codes
        self._trails: dict[str, str] = {}
        self.categories: list[Category] = []

    def parse_roots(self, raw: object) -> None:
        nodes = _as_list(raw, "taxonomy: categories")
        if not nodes:
            raise TaxonomyError("taxonomy: categories: the catalogue has no categories")
        self._parse_children(nodes, _ROOT, "categories")

    def _parse_children(self, nodes: list[Any], parent: _Parent, field: str) -> None:
        for index, node in enumerate(nodes):
            self._parse_node(node, parent, f"{field}[{index}]")

    def _parse_node(self, node: object, parent: _Parent, slot: str) -> None:
        where = _join(parent.trail, slot)
        if not isinstance(node, Mapping):
            raise TaxonomyError(f"{where}: expected a mapping, got {_kind_of(node)}")
        where = _join(parent.trail, _node_label(node, slot))
        level = parent.level + 1
        if level > MAX_DEPTH:
            raise TaxonomyError(f"{where}: nested too deep (level {level}); the catalogue has at most 3")
        _reject_unknown_keys(node, _NODE_KEYS, where)
        code = self._check_code(node.get("code"), parent, where)
        category = Category(
            code=code,
            name=_text(node, "name", where),
            en=_text(node, "en", where),
            level=level,
            parent_code=parent.code,
            priority=_priority(node, parent.priority, where),
            departments=self._departments(node, parent.departments, where),
            keywords=_keywords(node, where),
        )
        self._trails[code] = where
        self.categories.append(category)
        if "children" in node:
            child_parent = _Parent(code, level, category.priority, category.departments, where)
            self._parse_children(_as_list(node["children"], f"{where}: children"), child_parent, "children")

    def _check_code(self, code: object, parent: _Parent, where: str) -> str:
        if not isinstance(code, str):
            raise TaxonomyError(f"{where}: code is missing or not text (got {code!r})")
        prefix = "" if parent.code is None else f"{parent.code}."
        segment = code[len(prefix) :] if code.startswith(prefix) else ""
        if not _SEGMENT_RE.fullmatch(segment):
            example = f"{prefix}XX"
            raise TaxonomyError(
                f"{where}: code {code!r} must be "
                + ("" if parent.code is None else f"the parent code {parent.code!r} plus ")
                + f"one uppercase pinyin segment, e.g. {example!r}"
            )
        if code in self._trails:
            raise TaxonomyError(f"{where}: duplicate code {code!r}, already used by {self._trails[code]}")
        return code

    def _departments(
        self, node: Mapping[str, Any], inherited: tuple[str, ...], where: str
    ) -> tuple[str, ...]:
        if "departments" not in node:
            return inherited
        codes = _as_list(node["departments"], f"{where}: departments")
        for code in codes:
            if not isinstance(code, str) or code not in self._department_codes:
                raise TaxonomyError(
                    f"{where}: unknown department {code!r}; declare it under the top-level departments:"
                )
        if len(set(codes)) != len(codes):
            raise TaxonomyError(f"{where}: a department is listed twice in {codes!r}")
        return tuple(codes)


def _priority(node: Mapping[str, Any], inherited: Priority, where: str) -> Priority:
    if "priority" not in node:
        return inherited
    value = node["priority"]
    try:
        return Priority(value)
    except ValueError:
        allowed = ", ".join(f"{p.value} ({p.label})" for p in Priority)
        raise TaxonomyError(f"{where}: unknown priority {value!r}; use one of {allowed}") from None


def _keywords(node: Mapping[str, Any], where: str) -> tuple[str, ...]:
    words = _as_list(node.get("keywords", []), f"{where}: keywords")
    for word in words:
        if not isinstance(word, str) or not word.strip():
            raise TaxonomyError(f"{where}: keywords must be non-empty text, got {word!r}")
    return tuple(word.strip() for word in words)


def _text(node: Mapping[str, Any], key: str, where: str) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where}: {key} is missing or empty")
    return value.strip()


def _as_list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: expected a list, got {_kind_of(value)}")
    return value


def _reject_unknown_keys(node: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    # A typo such as `departmens:` would otherwise silently fall back to the inherited value.
    unknown = sorted(str(k) for k in node if k not in allowed)
    if unknown:
        raise TaxonomyError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
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
