"""Server settings travel to worker processes through the environment and come back unchanged."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import timedelta

import pytest

from sync.server.settings import LOGIN_HASHING_ENV, PERSONAL_DAYS_ENV, ServerSettings, utc_now


def _every_field_changed() -> ServerSettings:
    defaults = ServerSettings()
    changed = {}
    for f in fields(ServerSettings):
        value = getattr(defaults, f.name)
        if isinstance(value, bool):
            changed[f.name] = not value
        elif isinstance(value, timedelta):
            changed[f.name] = value + timedelta(days=3)
        elif isinstance(value, int):
            changed[f.name] = value + 2
        elif isinstance(value, str):
            changed[f.name] = "sqlite:////tmp/elsewhere.sqlite3"
    return replace(defaults, **changed)


def test_to_env_then_from_env_gives_back_every_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _every_field_changed()
    for name, value in settings.to_env().items():
        monkeypatch.setenv(name, value)
    assert ServerSettings.from_env() == replace(settings, clock=utc_now)


def test_every_field_but_the_clock_has_a_variable() -> None:
    settings = _every_field_changed()
    assert settings != ServerSettings()
    assert len(settings.to_env()) == len(fields(ServerSettings)) - 1  # the clock is for tests only


def test_an_explicit_database_url_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_DB_URL", "sqlite:////tmp/from-env.sqlite3")
    assert ServerSettings.from_env("sqlite:////tmp/given.sqlite3").db_url == "sqlite:////tmp/given.sqlite3"


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        (LOGIN_HASHING_ENV, "two", "HOTLINE_LOGIN_HASHING must be a whole number, got 'two'"),
        (LOGIN_HASHING_ENV, "0", "HOTLINE_LOGIN_HASHING must be positive, got 0"),
        (PERSONAL_DAYS_ENV, "1.5", "whole number of days"),
        ("HOTLINE_API_DOCS", "maybe", "HOTLINE_API_DOCS must be 1 or 0, got 'maybe'"),
    ],
)
def test_a_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, message: str
) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        ServerSettings.from_env()
