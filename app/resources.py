"""Loading the shipped configuration data in resources/ (taxonomy, SLA rules, holidays)."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from app.domain.calendar import WorkCalendar
from app.domain.sla import SlaClock, SlaPolicy
from app.domain.taxonomy import Taxonomy
from app.intake.emergency import EmergencyList
from app.paths import resources_dir


class ResourceError(Exception):
    """A shipped or edited resource file is missing or invalid; the message names the file."""


# libyaml's parser when PyYAML was built with it (the wheels are): the taxonomy took 0.2-0.6 s to
# parse in pure Python, on every start of the app and of each server worker.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"{path}: {exc}") from exc


def _parsed(name: str, parse: Any, folder: Path | None) -> Any:
    path = (folder or resources_dir()) / name
    try:
        return parse(read_yaml(path))
    except ResourceError:
        raise
    except ValueError as exc:  # every *ConfigError/TaxonomyError is a ValueError with a clear message
        raise ResourceError(f"{path}: {exc}") from exc


@cache
def load_taxonomy(folder: Path | None = None) -> Taxonomy:
    taxonomy: Taxonomy = _parsed("taxonomy.yaml", Taxonomy.from_mapping, folder)
    return taxonomy


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
