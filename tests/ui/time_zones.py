"""A process time zone that is not the centre's, so a time shown in the PC's own zone fails the test.

tests/ui/conftest.py offers the fixture; each test asking for `process_zone` runs once with TZ=UTC
and once with TZ=America/New_York.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

OTHER_ZONES = ("UTC", "America/New_York")


@pytest.fixture(params=OTHER_ZONES)
def process_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    zone: str = request.param
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    yield zone
    monkeypatch.undo()
    time.tzset()
