"""Enums whose members carry their Chinese label beside the stable code."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """Members are written `CONSULTATION = "consultation", "咨询"`: the code is the value (storage and
    wire), the label is what operators read (the UI translates it further)."""

    _label: str

    # Lookups by code (Kind("consultation")) go through Enum's value lookup, never here; the default
    # only lets type checkers accept that one-argument call.
    def __new__(cls, code: str, label: str = "") -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member._label = label
        return member

    @property
    def label(self) -> str:
        return self._label
