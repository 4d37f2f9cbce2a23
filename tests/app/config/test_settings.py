"""The settings registry: typed values, a documented config file, bad values reported not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config.settings import SETTINGS, Config, SettingError, resolve_language, setting
from app.domain.problem import Problem


def test_defaults_cover_every_registered_setting() -> None:
    config = Config()
    assert {s.name for s in SETTINGS} == set(config.values)
    assert config.get("ui.language") == "auto"
    assert config.get("seat.id") == "A01"


def test_saved_file_round_trips_and_documents_each_setting(tmp_path: Path) -> None:
    path = tmp_path / "hotline-seat.toml"
    config = Config()
    config.set("seat.id", "B07")
    config.set("ui.font_scale", 125)
    config.save(path)
    text = path.read_text(encoding="utf-8")
    for s in SETTINGS:
        assert s.description in text, f"{s.name} has no comment in the config file"
    loaded = Config.load(path)
    assert loaded.problems == []
    assert loaded.get("seat.id") == "B07"
    assert loaded.get("ui.font_scale") == 125


def test_missing_file_gives_defaults_without_problems(tmp_path: Path) -> None:
    config = Config.load(tmp_path / "absent.toml")
    assert config.problems == []
    assert config.values == Config().values


def test_bad_values_are_reported_and_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[ui]\nfont_scale = 900\nlanguage = "fr"\n[seat]\nid = "座席 1"\n[queue]\npage_size = "many"\n'
        "[nosuch]\nkey = 1\n",
        encoding="utf-8",
    )
    config = Config.load(path)
    joined = "\n".join(str(p) for p in config.problems)
    assert "ui.font_scale" in joined and "200" in joined
    assert "ui.language" in joined and "zh_CN" in joined
    assert "seat.id" in joined
    assert "queue.page_size" in joined
    assert "nosuch.key" in joined
    assert len(config.problems) == 5
    assert config.get("ui.font_scale") == 100
    assert config.get("seat.id") == "A01"


def test_unparseable_file_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[ui\nlanguage = ", encoding="utf-8")
    config = Config.load(path)
    assert len(config.problems) == 1
    assert config.problems[0].code == "config.unreadable"
    assert config.values == Config().values


def test_booleans_are_not_accepted_as_numbers() -> None:
    with pytest.raises(SettingError) as refused:
        setting("queue.page_size").check(True)
    problem = Problem("setting.not_number", {"name": "queue.page_size", "value": "True"})
    assert refused.value.problem == problem


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(SettingError) as refused:
        Config().set("ui.colour", "red")
    assert refused.value.problem == Problem("setting.unknown", {"name": "ui.colour"})


def test_save_is_atomic_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "hotline-seat.toml"
    Config().save(path)
    Config().save(path)
    assert [p.name for p in path.parent.iterdir()] == ["hotline-seat.toml"]


@pytest.mark.parametrize(
    ("configured", "env", "expected"),
    [
        ("auto", {"LANG": "en_US.UTF-8"}, "en"),
        ("auto", {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ("auto", {}, "zh_CN"),
        ("auto", {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ("zh_CN", {"LANG": "en_US.UTF-8"}, "zh_CN"),
        ("en", {}, "en"),
    ],
)
def test_language_follows_setting_then_environment(
    configured: str, env: dict[str, str], expected: str
) -> None:
    assert resolve_language(configured, env) == expected


def test_technical_settings_are_for_it_staff_not_operators() -> None:
    advanced = {s.name for s in SETTINGS if s.advanced}
    assert {"queue.page_size", "intake.autosave_ms", "log.level", "sync.interval_s"} <= advanced
    assert {"ui.language", "ui.font_scale", "server.url", "speech.input_device"}.isdisjoint(advanced)


def test_the_settings_changed_that_need_a_restart_are_named() -> None:
    before = Config()
    after = Config(values=dict(before.values))
    after.set("server.url", "https://c.example")
    after.set("seat.id", "B07")
    after.set("ui.font_scale", 150)  # applied at once
    after.set("sync.interval_s", 30)  # applied at once
    assert [s.name for s in after.restart_needed(before)] == ["seat.id", "server.url"]
    assert Config().restart_needed(before) == []


def test_the_centres_time_zone_is_shanghai_unless_set_and_must_be_a_real_zone() -> None:
    config = Config()
    assert config.get("centre.timezone") == "Asia/Shanghai"
    config.set("centre.timezone", "Asia/Urumqi")
    for bad in ("", "Beijing", "../etc/passwd"):
        with pytest.raises(SettingError, match="IANA"):
            config.set("centre.timezone", bad)


def test_the_jurisdiction_is_the_demo_city_unless_set_to_a_city_code_or_name() -> None:
    config = Config()
    assert config.get("centre.jurisdiction") == "海滨市"
    assert setting("centre.jurisdiction").advanced and setting("centre.jurisdiction").restart
    for good in ("440300", "4403", "深圳市", "成都"):
        config.set("centre.jurisdiction", good)
    for bad in ("", "Shenzhen", "44030", "深圳市/福田"):
        with pytest.raises(SettingError, match="行政区划代码"):
            config.set("centre.jurisdiction", bad)
