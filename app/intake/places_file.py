"""A city's gazetteer (地名表), resources/places/<城市>.yaml: its 街道/乡镇 per district and the
社区, estates, roads and landmarks callers name, each known to lie in one district or 街道.

A real city's districts come from the national dataset; its file adds the streets and places, and
may add districts the dataset lacks (功能区 such as 大鹏新区) or extra short names. A fictional
city (the demo's 海滨市) lists all its districts here, each with a code. The file is checked when it
is loaded: a mistake is reported with the file and line, never a crash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from app.domain.problem import ProblemError

_NAME = r"^[\u3400-\u9fff·（）()A-Za-z0-9]{2,30}$"  # a place name: Chinese, no spaces or punctuation


class GazetteerError(ProblemError, ValueError):
    """The gazetteer file is unreadable or breaks the schema; `problem` names file and line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StreetEntry(_Strict):
    name: str = Field(pattern=_NAME)  # 湖滨街道, 青溪镇
    short: tuple[str, ...] = ()  # besides the name without 街道/镇/乡
    places: tuple[str, ...] = ()  # 社区, 村, estates, landmarks in this street

    @field_validator("short", "places")
    @classmethod
    def _names(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return _checked_names(names)


class DistrictEntry(_Strict):
    name: str = Field(pattern=_NAME)  # 东湖区
    code: str = Field(default="", pattern=r"^(\d{6})?$")  # required where the dataset lacks it
    short: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # roads and landmarks known only to the district
    streets: tuple[StreetEntry, ...] = ()

    @field_validator("short", "places")
    @classmethod
    def _names(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return _checked_names(names)


class Gazetteer(_Strict):
    city: str = Field(pattern=_NAME)
    districts: tuple[DistrictEntry, ...] = ()


def _checked_names(names: tuple[str, ...]) -> tuple[str, ...]:
    for name in names:
        if not re.fullmatch(_NAME, name):
            raise PydanticCustomError(_NOT_A_NAME, "not a place name: {name}", {"name": name})
    return names


_NOT_A_NAME = "not_a_place_name"  # the error's type: load_gazetteer words it as places.not_a_name


def load_gazetteer(path: Path) -> Gazetteer:
    """The checked gazetteer in `path`, or GazetteerError saying where and what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise GazetteerError("places.not_utf8", path=str(path), error=error.reason) from None
    except OSError as error:
        raise GazetteerError(
            "places.unreadable", path=str(path), error=error.strerror or str(error)
        ) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise GazetteerError("places.yaml", where=f"{path}:{line}", error=str(error.problem)) from None
    except yaml.YAMLError as error:
        raise GazetteerError("places.yaml", where=str(path), error=str(error)) from None
    if not isinstance(data, dict):
        raise GazetteerError("places.not_mapping", where=f"{path}:1")
    try:
        gazetteer = Gazetteer.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = f"{path}:{_line(root, first['loc'])}"
        node = ".".join(str(part) for part in first["loc"]) or "(top)"
        if first["type"] == _NOT_A_NAME:
            raise GazetteerError(
                "places.not_a_name", where=where, node=node, name=first["ctx"]["name"]
            ) from None
        # pydantic's own words (Extra inputs are not permitted …), about the file's keys
        raise GazetteerError("places.invalid", where=where, node=node, error=first["msg"]) from None
    seen: set[str] = set()
    for index, district in enumerate(gazetteer.districts):
        if district.name in seen:
            line = _line(root, ("districts", index, "name"))
            raise GazetteerError("places.district_twice", where=f"{path}:{line}", district=district.name)
        seen.add(district.name)
    return gazetteer


def _line(node: yaml.Node | None, loc: Sequence[int | str]) -> int:
    """The 1-based line of the node at `loc` (a pydantic error location), or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):  # the key's line: `streets:` above its list
            key, child = next(((k, v) for k, v in node.value if k.value == part), (None, None))
            line = key.start_mark.line + 1 if key is not None else line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
