"""Identifiers made on the client."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    """A UUIDv7 as text: time-ordered, so ids made offline on many seats still sort by creation."""
    return str(uuid6.uuid7())
