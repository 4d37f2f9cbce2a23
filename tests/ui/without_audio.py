"""Run the seat as on a machine without Qt Multimedia's system libraries (no libpulse).

    python -m tests.ui.without_audio self-test          # hotline-seat --self-test
    python -m tests.ui.without_audio accept HOME        # main window, one ticket through 受理, the wizard

An import hook makes `import PySide6.QtMultimedia` fail exactly as it does there, so the check holds
on any machine, whatever is installed. Prints one JSON line with what was seen.
"""

from __future__ import annotations

import importlib.abc
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BLOCKED = "PySide6.QtMultimedia"
ERROR = "libpulse.so.0: cannot open shared object file: No such file or directory"


class _NoMultimedia(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Sequence[str] | None, target: object = None) -> None:
        if fullname == BLOCKED or fullname.startswith(BLOCKED + "."):
            raise ImportError(ERROR)
        return None


def _accept(home: Path) -> dict[str, object]:
    from PySide6.QtCore import QCoreApplication

    from app.config.settings import Config
    from app.paths import AppPaths
    from tests.store_keys import use_test_keys
    from ui.ops import TRACKER
    from ui.shell.application import close_main_window, create_application, open_main_window

    use_test_keys()
    config = Config()
    app, languages = create_application(config, "zh_CN")
    window = open_main_window(AppPaths.under(home).create(), config, languages, demo=False)
    accepted: list[object] = []
    window.intake.ticketAccepted.connect(accepted.append)
    intake, leaf = window.intake, window.ws.taxonomy.leaves()[0]
    intake.content.setPlainText("小区电梯停运三天，老人上下楼困难")
    for field, value in (("caller_phone", "13812345678"), ("district", "东湖区"), ("address", "幸福路18号")):
        getattr(intake, field).setText(value)  # what the category requires
    intake.category.setCurrentIndex(max(0, intake.category.findData(leaf.code)))
    intake.accept_ticket(close_direct=False)
    deadline = time.monotonic() + 20
    while not accepted and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    seen = {
        "window_visible": window.isVisible(),
        "accepted": [getattr(t, "local_no", "") for t in accepted],
        "problems": intake.problems.text(),
        "call_status": window.call_panel.status.text(),
        "start_enabled": window.call_panel.start_button.isEnabled(),
        "status_bar": window.status.system_label.text(),
    }
    from PySide6.QtWidgets import QComboBox

    from ui.settings.settings_dialog import SettingsDialog

    devices = SettingsDialog(config, window).editors["speech.input_device"]
    assert isinstance(devices, QComboBox)
    seen["microphone"] = devices.currentText()
    seen["microphone_enabled"] = devices.isEnabled()
    wizard = window.open_wizard()  # its microphone page says why there is no level meter
    while wizard.currentPage() is not wizard.microphone:
        wizard.next()
    seen["wizard_microphone"] = wizard.microphone.message.text()
    seen["wizard_meter_visible"] = wizard.microphone.meter.isVisible()
    wizard.reject()
    seen["multimedia_loaded"] = BLOCKED in sys.modules
    TRACKER.wait(10)
    close_main_window(window)
    window.ws.close()
    QCoreApplication.processEvents()
    return seen


def main(argv: Sequence[str]) -> int:
    sys.meta_path.insert(0, _NoMultimedia())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if argv[:1] == ["self-test"]:
        from ui.shell.main import main as seat

        return seat(["--self-test"])
    print(json.dumps(_accept(Path(argv[1])), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
