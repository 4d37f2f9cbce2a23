"""One codec for domain values (工单, 流转记录): their dataclass fields decide every flat form.

A Ticket is stored in the seat's store, in the outbox's JSON, on the wire and in the server's
table. All four are the same flat list of columns, read here from the dataclass with
`dataclasses.fields`: a nested value (Ticket.caller) becomes prefixed columns (caller_name,
caller_phone), an enum travels by its code, a datetime as it is (rows) or as ISO text with its
offset (JSON). sync.protocol builds its pydantic models from `columns` too. Adding a field to
Ticket is one dataclass field and one migration per database; nothing else names it.

A field that was added later is simply absent from what an older seat wrote (an outbox row, a
push): decoding gives it the dataclass default.

Free text declares its shape with `Annotated` (Line, Para, Code, Key): the wire bounds every string
by it, so a new text field cannot arrive unbounded.
"""

from __future__ import annotations

import dataclasses
import json
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from operator import attrgetter
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")

# --- shapes of text and numbers, for the wire's bounds --------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of free text (a name, a number), at most `longest` characters."""

    longest: int
    shortest: int = 0


@dataclass(frozen=True)
class Para:
    """Free text over lines (诉求内容, 事发地址), at most `longest` characters."""

    longest: int


@dataclass(frozen=True)
class Code:
    """A code: a seat, a department, a category (letters, digits, _ . -; 1 to 40 characters)."""


@dataclass(frozen=True)
class Key:
    """An id made on a seat (a UUID)."""


@dataclass(frozen=True)
class Count:
    """A whole number from 0 to `largest`."""

    largest: int


@dataclass(frozen=True)
class Entries:
    """A small dict of free text (an event's data): keys and values shaped, at most `most` of them."""

    key: Line
    value: Para
    most: int


Shape = Line | Para | Code | Key | Count | Entries


@dataclass(frozen=True)
class Since:
    """The wire version that brought the field (the first is 1). While such a field holds its
    default it is left out of what is sent, so a seat of an older version, whose wire models
    refuse fields they do not know, can still read every ticket that does not use it."""

    version: int


KEY = Key()
CODE = Code()
NAME = Line(80)  # a person's or a place's name
TEXT = Para(4000)  # what a citizen says
REASON = Para(2000)  # why someone acted
MAX_VERSION = 2**31 - 1  # a version fits every database's plain integer
VERSION = Count(MAX_VERSION)


# --- columns ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One flat column of a dataclass: `caller_name` for Ticket.caller.name."""

    name: str
    path: tuple[str, ...]  # the attributes to follow: ("caller", "name")
    type: Any  # the value's type without None: str, bool, int, datetime, an enum, dict[str, str]
    optional: bool  # None is a value
    default: Any  # dataclasses.MISSING when the column must be given
    shape: Shape | None
    since: int = 1

    @property
    def required(self) -> bool:
        return self.default is dataclasses.MISSING

    @property
    def flat_default(self) -> Any:
        """The default as a flat value (an enum's code)."""
        return _plain(self.default)

    @property
    def is_time(self) -> bool:
        return self.type is datetime


_read: dict[type, tuple[Column, ...]] = {}  # read once per class (a race only reads it twice)


def columns(cls: type) -> tuple[Column, ...]:
    """The flat columns of a dataclass, in field order."""
    if (known := _read.get(cls)) is None:
        known = _read[cls] = _columns(cls)
    return known


def _columns(cls: type) -> tuple[Column, ...]:
    hints = get_type_hints(cls, include_extras=True)
    found: list[Column] = []
    for f in dataclasses.fields(cls):
        kind, optional = _without_none(hints[f.name])
        kind, shape, since = _without_marks(kind)
        if dataclasses.is_dataclass(kind) and isinstance(kind, type):
            for inner in columns(kind):
                found.append(
                    dataclasses.replace(inner, name=f"{f.name}_{inner.name}", path=(f.name, *inner.path))
                )
            continue
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = dataclasses.MISSING
        found.append(Column(f.name, (f.name,), kind, optional, default, shape, since))
    return tuple(found)


def names(cls: type) -> tuple[str, ...]:
    return tuple(c.name for c in columns(cls))


def as_read_by(value: T, version: int) -> T:
    """`value` as a reader of wire `version` knows it: the fields added after that version at
    their defaults, which the wire leaves out (a seat of that version refuses fields it does not
    know). For a field that is always set once used, like a deadline planned at 受理."""
    later = {c.path[0]: c.default for c in columns(type(value)) if c.since > version and len(c.path) == 1}
    if not later or all(getattr(value, name) == default for name, default in later.items()):
        return value
    return dataclasses.replace(value, **later)  # type: ignore[type-var]


def _without_none(hint: Any) -> tuple[Any, bool]:
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != len(get_args(hint)):
            return (args[0] if len(args) == 1 else Union[tuple(args)]), True  # noqa: UP007
    return hint, False


def _without_marks(hint: Any) -> tuple[Any, Shape | None, int]:
    """The type inside Annotated[...], and the shape and Since it carries."""
    if get_origin(hint) is not Annotated:
        return hint, None, 1
    base, *extras = get_args(hint)
    shapes = [e for e in extras if isinstance(e, Line | Para | Code | Key | Count | Entries)]
    since = [e.version for e in extras if isinstance(e, Since)]
    return base, shapes[0] if shapes else None, since[0] if since else 1


# --- encoding --------------------------------------------------------------------------------------


def to_columns(value: object) -> dict[str, Any]:
    """Row values: enums by their code, datetimes as they are (the store's column types keep them)."""
    plan = _plan(type(value))
    row = dict(zip(plan.names, plan.read(value), strict=True))
    for name in plan.coded:
        row[name] = _plain(row[name])
    return row


def to_json(value: object) -> dict[str, Any]:
    """JSON-ready values (the outbox, conflict records): as to_columns, datetimes ISO with their offset."""
    row = to_columns(value)
    for name in _plan(type(value)).times:
        if (at := row[name]) is not None:
            row[name] = at.isoformat()
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return dict(value)
    return value


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else _plain(value)


# --- decoding --------------------------------------------------------------------------------------


def from_columns(cls: type[T], source: Mapping[str, Any] | object) -> T:
    """The value of a row, a wire model or a JSON dict (by column name); an absent column takes the
    dataclass default. KeyError when a required one is absent, ValueError when one does not fit."""
    read = source.get if isinstance(source, Mapping) else lambda name, missing: getattr(source, name, missing)
    plan = _plan(cls)
    values: dict[str, Any] = {}
    for decoder in plan.decoders:
        name, default = decoder[0], decoder[1]
        raw = read(name, dataclasses.MISSING)
        if raw is dataclasses.MISSING:
            if default is dataclasses.MISSING:
                raise KeyError(name)
            raw = default
        values[name] = _decode(decoder, raw)
    for name, (inner, names) in plan.nested.items():
        values[name] = inner(**{field: values.pop(column) for field, column in names})
    return cls(**values)


@dataclass(frozen=True)
class _Plan:
    """How one dataclass is flattened and read back, worked out once from its columns: per value
    a push of 500 tickets encodes and decodes each several times, on the seat and on the server."""

    names: tuple[str, ...]
    read: Callable[[Any], tuple[Any, ...]]  # every column's value, in order
    coded: tuple[str, ...]  # columns that may hold an enum or a dict
    times: tuple[str, ...]
    decoders: tuple[_Decoder, ...]
    nested: dict[str, tuple[type, tuple[tuple[str, str], ...]]]  # field: its class, (inner, column)


_plans: dict[type, _Plan] = {}  # as _read: once per class


def _plan(cls: type) -> _Plan:
    if (known := _plans.get(cls)) is None:
        known = _plans[cls] = _make_plan(cls)
    return known


def _make_plan(cls: type) -> _Plan:
    cols = columns(cls)
    getter = attrgetter(*(".".join(c.path) for c in cols))
    read = getter if len(cols) > 1 else lambda value: (getter(value),)
    hints = get_type_hints(cls)
    nested: dict[str, list[tuple[str, str]]] = {}
    for c in cols:
        if len(c.path) > 1:
            nested.setdefault(c.path[0], []).append((c.path[1], c.name))
    return _Plan(
        names=tuple(c.name for c in cols),
        read=read,
        coded=tuple(c.name for c in cols if not _is_plain(c.type)),
        times=tuple(c.name for c in cols if c.is_time),
        decoders=tuple(_decoder(c) for c in cols),
        nested={name: (_without_none(hints[name])[0], tuple(inner)) for name, inner in nested.items()},
    )


def _is_plain(kind: Any) -> bool:
    """A value of `kind` is its own column value (no enum to code, no dict to copy)."""
    return kind in (str, int, bool, datetime)


# A column's name, default (MISSING: required), whether None is a value, the type a value that
# needs no conversion has, and the conversion of any other.
_Decoder = tuple[str, Any, bool, type, Callable[[Any], Any]]


class _Converted:
    """No value is of this type: every value of a column marked with it is converted (a dict is
    copied, never shared with the row it came from)."""


def _decoder(c: Column) -> _Decoder:
    kind = c.type
    if kind is datetime:
        return c.name, c.default, c.optional, datetime, _moment
    if isinstance(kind, type) and (issubclass(kind, Enum) or kind in (bool, int, str)):
        return c.name, c.default, c.optional, kind, kind
    return c.name, c.default, c.optional, _Converted, _mapping


def _moment(raw: Any) -> datetime:
    return raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))


def _mapping(raw: Any) -> Any:
    if isinstance(raw, str):  # a dict kept as JSON text
        return dict(json.loads(raw))
    return dict(raw) if isinstance(raw, Mapping) else raw


# --- edits (修改): some of a dataclass's fields, each by its own columns ---------------------------


def fields_to_json(changes: Mapping[str, object]) -> dict[str, Any]:
    """Changed fields as JSON: a nested value as {inner: ...} (caller → {"name", "phone"})."""
    out: dict[str, Any] = {}
    for name, value in changes.items():
        out[name] = to_json(value) if dataclasses.is_dataclass(value) else _json(value)
    return out


def fields_from_json(cls: type, data: Mapping[str, Any]) -> dict[str, object]:
    """The changed fields of `fields_to_json`, typed as the dataclass declares them."""
    plan = _plan(cls)
    by_field = {d[0]: d for d in plan.decoders}
    changes: dict[str, object] = {}
    for name, value in data.items():
        if name in plan.nested:
            changes[name] = from_columns(plan.nested[name][0], value)
        else:
            changes[name] = _decode(by_field[name], value)
    return changes


def _decode(decoder: _Decoder, raw: Any) -> Any:
    name, _, optional, kind, convert = decoder
    if raw is None:
        if not optional:
            raise ValueError(f"{name}: a value is needed")
        return None
    return raw if raw.__class__ is kind else convert(raw)  # most arrive typed: no call for them
