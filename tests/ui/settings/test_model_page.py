"""The 语音模型 settings page: installing with a progress bar, clear errors, choosing, removing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.speech.models import ModelManager
from tests.app.speech.conftest import ko_model_dir
from tests.ui.pulse import multimedia
from tests.ui.wording import assert_chinese, assert_english
from ui.settings.settings_dialog import SettingsDialog
from ui.shell.i18n import LanguageSwitcher

__all__ = ["ko_model_dir", "multimedia"]  # fixtures used here


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> SettingsDialog:
    shown = SettingsDialog(Config(), models=ModelManager(tmp_path / "data"))
    qtbot.addWidget(shown)
    return shown


def test_the_page_says_when_no_model_is_installed(dialog: SettingsDialog) -> None:
    assert dialog.model_page is not None
    assert dialog.model_page.list.count() == 0
    assert "尚未安装语音模型" in dialog.model_page.message.text()
    assert (
        "vosk-model-small-cn-0.22.zip"
        in dialog.model_page.findChildren(type(dialog.model_page.message))[0].text()
    )


def test_installing_a_folder_shows_progress_then_lists_it_in_use(
    dialog: SettingsDialog, qtbot: QtBot, ko_model_dir: Path
) -> None:
    page = dialog.model_page
    assert page is not None
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.modelsChanged, timeout=60_000):
        page.install(ko_model_dir)
        assert page.progress.isVisible() or values  # shown while it works
        assert not page.zip_button.isEnabled()
    shown = values[: values.index(1000) + 1]  # then it is reset for the next install
    assert len(shown) > 3 and shown == sorted(shown)
    assert not page.progress.isVisible() and page.zip_button.isEnabled()
    assert page.list.count() == 1 and "使用中" in page.list.item(0).text()
    assert "已安装 model" in page.message.text()


def test_a_corrupt_zip_is_shown_as_an_error_and_nothing_changes(
    dialog: SettingsDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    page = dialog.model_page
    assert page is not None
    broken = tmp_path / "vosk-model-small-cn-0.22.zip"
    broken.write_bytes(b"PK\x03\x04 broken download")
    page.install(broken)
    qtbot.waitUntil(lambda: not page.installing, timeout=10_000)
    assert "43898754" in page.message.text()  # a known model: its size is checked first
    assert "b3261e" in page.message.styleSheet()
    assert page.list.count() == 0


def test_remove_asks_then_deletes(
    dialog: SettingsDialog, qtbot: QtBot, ko_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = dialog.model_page
    assert page is not None
    with qtbot.waitSignal(dialog.modelsChanged, timeout=60_000):
        page.install(ko_model_dir)
    page.list.setCurrentRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.modelsChanged, timeout=30_000):
        page.remove_button.click()
    assert page.list.count() == 0


def test_the_microphone_is_chosen_from_the_devices(multimedia: None, qtbot: QtBot) -> None:
    config = Config()
    config.set("speech.input_device", "usb-headset-1")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    devices = dialog.editors["speech.input_device"]
    assert isinstance(devices, QComboBox)
    assert devices.itemData(0) == "" and devices.itemText(0) == "系统默认设备"
    assert devices.currentText() == "usb-headset-1（未连接）"  # unplugged now, but not forgotten
    devices.setCurrentIndex(0)
    dialog.accept()
    assert dialog.result_config is not None and dialog.result_config.get("speech.input_device") == ""


@pytest.mark.parametrize("name", ["vosk-model-small-cn-0.22.zip", "my-model.zip"])
def test_a_wrong_zip_is_explained_in_the_interface_language(
    qtbot: QtBot, tmp_path: Path, languages: LanguageSwitcher, name: str
) -> None:
    """A known model whose size is not the published one; an unknown zip that is no zip at all."""
    broken = tmp_path / name
    broken.write_bytes(b"PK\x03\x04 broken download")
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            dialog = SettingsDialog(Config(), models=ModelManager(tmp_path / "data"))
            qtbot.addWidget(dialog)
            page = dialog.model_page
            assert page is not None
            page.install(broken)
            qtbot.waitUntil(lambda p=page: not p.installing, timeout=10_000)  # type: ignore[misc]
            assert name in page.message.text()
            one_language(page.message.text())
    finally:
        languages.switch("zh_CN")
