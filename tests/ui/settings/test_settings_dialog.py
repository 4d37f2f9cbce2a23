"""The settings dialog is generated from the registry and refuses bad values with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from app.config.settings import SETTINGS, Config
from app.intake import places
from tests.ui.wording import assert_chinese, assert_english
from ui.settings.settings_dialog import InUse, SettingsDialog, tr_setting
from ui.shell.i18n import LanguageSwitcher


def test_every_setting_has_an_editor_of_its_type(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {s.name for s in SETTINGS}
    assert isinstance(dialog.editors["ui.language"], QComboBox)
    assert isinstance(dialog.editors["ui.font_scale"], QSpinBox)
    assert isinstance(dialog.editors["seat.id"], QLineEdit)


def test_each_setting_says_at_its_field_whether_it_needs_a_restart(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    for s in SETTINGS:
        note = dialog.notes[s.name].text()
        assert tr_setting(s.description) in note
        assert ("重启程序后生效" in note) is s.restart, f"{s.name}: {note!r}"
        assert ("重启程序后生效" in dialog.editors[s.name].toolTip()) is s.restart


def test_operators_see_their_settings_and_it_staff_find_the_rest_under_advanced(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    pages = [dialog.tabs.widget(i) for i in range(dialog.tabs.count())]
    assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "高级"
    assert pages[-1] is dialog.advanced_page
    for s in SETTINGS:
        on_advanced = dialog.advanced_page.isAncestorOf(dialog.editors[s.name])
        assert on_advanced is s.advanced, s.name
    assert not any(p.isAncestorOf(dialog.editors["queue.page_size"]) for p in pages[:-1])


def test_an_advanced_setting_with_a_problem_brings_up_the_advanced_page(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    dialog.show()
    ca = dialog.editors["server.ca_bundle"]
    assert isinstance(ca, QLineEdit)
    ca.setText("relative/ca.pem")
    dialog.accept()
    assert dialog.result_config is None and "server.ca_bundle" in dialog.errors.text()
    assert dialog.tabs.currentWidget() is dialog.advanced_page


def test_a_value_in_use_from_elsewhere_is_shown_at_its_field(qtbot: QtBot) -> None:
    in_use = {"server.url": InUse("http://127.0.0.1:8765", "内置演示服务器")}
    dialog = SettingsDialog(Config(), in_use=in_use)
    qtbot.addWidget(dialog)
    assert "正在使用：http://127.0.0.1:8765（内置演示服务器）" in dialog.notes["server.url"].text()
    url = dialog.editors["server.url"]
    assert isinstance(url, QLineEdit)
    assert url.text() == "" and url.placeholderText() == "http://127.0.0.1:8765"


def test_bad_seat_id_keeps_the_dialog_open_and_says_why(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    seat = dialog.editors["seat.id"]
    assert isinstance(seat, QLineEdit)
    seat.setText("坐席 1")
    dialog.accept()
    assert dialog.result_config is None
    assert not dialog.result()
    assert "seat.id" in dialog.errors.text()


def test_good_values_come_back_checked_and_typed(qtbot: QtBot) -> None:
    config = Config()
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    seat, scale, language = (dialog.editors[n] for n in ("seat.id", "ui.font_scale", "ui.language"))
    assert isinstance(seat, QLineEdit) and isinstance(scale, QSpinBox) and isinstance(language, QComboBox)
    seat.setText(" B12 ")
    scale.setValue(150)
    language.setCurrentIndex(language.findData("en"))
    dialog.accept()
    assert dialog.result_config is not None
    assert dialog.result_config.get("seat.id") == "B12"
    assert dialog.result_config.get("ui.font_scale") == 150
    assert dialog.result_config.get("ui.language") == "en"
    assert config.get("seat.id") == "A01", "the dialog edits a copy until the caller applies it"


def test_spin_boxes_cannot_leave_the_allowed_range(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    scale = dialog.editors["ui.font_scale"]
    assert isinstance(scale, QSpinBox)
    scale.setValue(1000)
    assert scale.value() == 200


def test_plain_http_to_another_machine_is_refused_at_the_field(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(0)
    url = dialog.editors["server.url"]
    assert isinstance(url, QLineEdit)
    url.setText("http://10.1.2.3:8765")
    dialog.accept()
    assert dialog.result_config is None
    assert "https://" in dialog.errors.text() and "server.allow_insecure_http" in dialog.errors.text()
    assert "#b3261e" in url.styleSheet() and "https://" in url.toolTip()
    assert dialog.tabs.currentWidget().isAncestorOf(url)  # the page with the field is brought up

    url.setText("http://127.0.0.1:8765")  # this PC: fine
    dialog.accept()
    assert dialog.result_config is not None
    assert url.styleSheet() == "" and "https://" not in url.toolTip()


def test_an_administrator_may_allow_plain_http_explicitly(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    url, allow = dialog.editors["server.url"], dialog.editors["server.allow_insecure_http"]
    assert isinstance(url, QLineEdit) and isinstance(allow, QCheckBox)
    url.setText("http://10.1.2.3:8765")
    allow.setChecked(True)
    dialog.accept()
    assert dialog.result_config is not None
    assert dialog.result_config.get("server.allow_insecure_http") is True


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [("seat.id", "A 1", "16"), ("server.url", "http://10.1.2.3:8765", "server.allow_insecure_http")],
)
def test_a_bad_value_is_explained_in_the_interface_language_only(
    qtbot: QtBot, languages: LanguageSwitcher, name: str, value: str, named: str
) -> None:
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            dialog = SettingsDialog(Config())
            qtbot.addWidget(dialog)
            editor = dialog.editors[name]
            assert isinstance(editor, QLineEdit)
            editor.setText(value)
            dialog.accept()
            assert name in dialog.errors.text() and named in dialog.errors.text()
            one_language(dialog.errors.text())
            one_language(editor.toolTip())
    finally:
        languages.switch("zh_CN")


def test_a_jurisdiction_no_city_has_keeps_the_dialog_open_and_says_why_in_the_interface_language(
    qtbot: QtBot, languages: LanguageSwitcher
) -> None:
    """centre.jurisdiction names a real city only when its places load: checked on OK, off the GUI
    thread (the national table takes a moment), not merely logged when the first call comes."""
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            dialog = SettingsDialog(Config())
            qtbot.addWidget(dialog)
            editor = dialog.editors["centre.jurisdiction"]
            assert isinstance(editor, QLineEdit)
            editor.setText("999900")  # the form of a code, but no city has it
            dialog.accept()
            qtbot.waitUntil(lambda d=dialog: "999900" in d.errors.text(), timeout=10_000)  # type: ignore[misc]
            assert dialog.result_config is None and not dialog.result()
            one_language(dialog.errors.text())
            one_language(editor.toolTip())
            editor.setText("440300")  # 深圳市: taken
            dialog.accept()
            qtbot.waitUntil(lambda d=dialog: d.result_config is not None, timeout=10_000)  # type: ignore[misc]
            assert dialog.result_config is not None
            assert dialog.result_config.get("centre.jurisdiction") == "440300"
    finally:
        languages.switch("zh_CN")


def test_a_broken_gazetteer_of_the_jurisdiction_in_use_is_shown_when_the_settings_open(
    qtbot: QtBot, languages: LanguageSwitcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "places").mkdir()
    (tmp_path / "places" / "海滨市.yaml").write_text(
        "city: 海滨市\ndistricts:\n  - name: 东湖区\n    street: []\n"
    )
    monkeypatch.setattr(places, "resources_dir", lambda: tmp_path)
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            dialog = SettingsDialog(Config())  # centre.jurisdiction: the demo's 海滨市
            qtbot.addWidget(dialog)
            qtbot.waitUntil(lambda d=dialog: ".yaml:4" in d.errors.text(), timeout=10_000)  # type: ignore[misc]
            said = dialog.errors.text()
            one_language(said.replace(str(tmp_path / "places" / "海滨市.yaml"), "").replace("海滨市", ""))
            dialog.accept()  # not what the operator came to change: the rest is saved
            assert dialog.result_config is not None
    finally:
        languages.switch("zh_CN")
