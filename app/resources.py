"""Loading the shipped configuration data in resources/ (taxonomy, SLA rules, holidays)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from app.domain.calendar import WorkCalendar
from app.domain.sla import SlaClock, SlaPolicy
from app.domain.taxonomy import Taxonomy, TaxonomyError
from app.intake.emergency import EmergencyList
from app.paths import resources_dir


class ResourceError(Exception):
    """A shipped or edited resource file is missing or invalid; the message names the file."""


# libyaml's parser when PyYAML was built with it (the wheels are): the taxonomy took 0.2-0.6 s to
# parse in pure Python, on every start of the app and of each server worker.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict[Any, Any]):
    """A YAML mapping that remembers where it was written, so a check can name the line."""

    line: int  # 1-based line of the mapping's first key
    key_lines: dict[str, int]  # 1-based line of each key


class _LineLoader(_SAFE_LOADER):  # type: ignore[misc]
    """The safe loader, building LineMap for every mapping."""


def _line_map(loader: Any, node: yaml.MappingNode) -> Iterator[LineMap]:
    data = LineMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    yield data  # first, so that anchors and aliases to this mapping resolve (as PyYAML does)
    data.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _line_map)


def read_yaml(path: Path, *, lines: bool = False) -> Any:
    """Parse a YAML file; with ``lines`` every mapping is a LineMap that knows its line numbers."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader if lines else _SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"{path}: {exc}") from exc


def parse_yaml_text(text: str, parse: Any, where: object) -> Any:
    """`text` (a resource file's content, e.g. as the central server sent it) checked by `parse`,
    the same loader as for the shipped file; ResourceError naming `where` and what is wrong."""
    try:
        return parse(yaml.load(text, Loader=_SAFE_LOADER))
    except yaml.YAMLError as exc:
        raise ResourceError(f"{where}: {exc}") from exc
    except ValueError as exc:  # every *ConfigError/TaxonomyError is a ValueError with a clear message
        raise ResourceError(f"{where}: {exc}") from exc


def _parsed(name: str, parse: Any, folder: Path | None) -> Any:
    path = (folder or resources_dir()) / name
    try:
        return parse(read_yaml(path))
    except ResourceError:
        raise
    except ValueError as exc:  # every *ConfigError/TaxonomyError is a ValueError with a clear message
        raise ResourceError(f"{path}: {exc}") from exc


def taxonomy_from_text(text: str, where: object = "taxonomy.yaml") -> Taxonomy:
    taxonomy: Taxonomy = parse_yaml_text(text, Taxonomy.from_mapping, where)
    return taxonomy


def sla_clock_from_text(
    sla: str, holidays: str, *, timezone: str | None = None, where: Path | None = None
) -> SlaClock:
    """The SLA clock from the texts of sla.yaml and holidays.yaml (`where`: their folder, for messages)."""
    folder = where or Path()
    calendar: WorkCalendar = parse_yaml_text(holidays, WorkCalendar.from_mapping, folder / "holidays.yaml")
    if timezone is not None:
        calendar = dataclasses.replace(calendar, timezone=ZoneInfo(timezone))
    policy: SlaPolicy = parse_yaml_text(sla, SlaPolicy.from_mapping, folder / "sla.yaml")
    return SlaClock(policy, calendar)


@cache
def load_taxonomy(folder: Path | None = None) -> Taxonomy:
    """The catalogue; a mistake in it is reported as ``<file>:<line>: <node path>: <problem>``."""
    path = (folder or resources_dir()) / "taxonomy.yaml"
    try:
        return Taxonomy.from_mapping(read_yaml(path, lines=True), source=str(path))
    except TaxonomyError as exc:
        raise ResourceError(str(exc)) from exc


@cache
def load_sla_clock(folder: Path | None = None, *, timezone: str | None = None) -> SlaClock:
    """SLA rules and working calendar; `timezone` (a seat's centre.timezone setting) replaces the
    calendar file's, so deadlines are computed and shown in the one zone the seat is set to."""
    calendar: WorkCalendar = _parsed("holidays.yaml", WorkCalendar.from_mapping, folder)
    if timezone is not None:
        calendar = dataclasses.replace(calendar, timezone=ZoneInfo(timezone))
    policy: SlaPolicy = _parsed("sla.yaml", SlaPolicy.from_mapping, folder)
    return SlaClock(policy, calendar)


@cache
def load_emergency_list(folder: Path | None = None) -> EmergencyList:
    """The emergency word list (紧急情况词表) with its guards and version."""
    words: EmergencyList = _parsed("emergency.yaml", EmergencyList.from_mapping, folder)
    return words
