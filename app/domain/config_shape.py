"""Shape checks on already-parsed YAML (sla.yaml, holidays.yaml), raising each file's own error type."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class ConfigShape:
    """`ConfigShape(SlaConfigError).mapping(value, "overrides[0]")`: every error names the key path."""

    def __init__(self, error: type[ValueError]) -> None:
        self._error = error

    def mapping(self, value: object, key: str) -> Mapping[Any, Any]:
        if not isinstance(value, Mapping):
            raise self._error(f"{key}: expected a mapping, got {value!r}")
        return value

    def list(self, value: object, key: str) -> list[object]:
        if not isinstance(value, list):
            raise self._error(f"{key}: expected a list, got {value!r}")
        return value

    def known_keys(self, data: Mapping[Any, Any], allowed: Iterable[str], key: str) -> None:
        # A misspelt key (e.g. 'dispach', 'make_up_workday') would otherwise be ignored and its value lost.
        known = sorted(allowed)
        unknown = sorted(str(k) for k in data if k not in known)
        if unknown:
            raise self._error(f"{key}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(known)}")
