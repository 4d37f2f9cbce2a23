"""The settings dialog is generated from the registry and refuses bad values with a clear message."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from app.config.settings import SETTINGS, Config
from ui.settings.settings_dialog import SettingsDialog


def test_every_setting_has_an_editor_of_its_type(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {s.name for s in SETTINGS}
    assert isinstance(dialog.editors["ui.language"], QComboBox)
    assert isinstance(dialog.editors["ui.font_scale"], QSpinBox)
    assert isinstance(dialog.editors["seat.id"], QLineEdit)
    assert "重启后生效" in dialog.editors["ui.font_scale"].toolTip()


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
