"""The main window opened on a screen of a given size, as a seat PC would show it.

    python -m tests.ui.shell.small_screen HOME WIDTH HEIGHT LANGUAGE

Run in a subprocess: the offscreen platform takes its screen's size only when Qt starts. Prints the
screen's available area and the window's frame as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str]) -> int:
    home, width, height, language = Path(argv[0]), int(argv[1]), int(argv[2]), argv[3]
    screens = {"screens": [{"name": "seat", "x": 0, "y": 0, "width": width, "height": height}]}
    config_file = Path(tempfile.mkdtemp()) / "screen.json"
    config_file.write_text(json.dumps(screens), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config_file}"

    from PySide6.QtCore import QCoreApplication

    from app.config.settings import Config
    from app.paths import AppPaths
    from ui.ops import TRACKER
    from ui.shell.application import close_main_window, create_application, open_main_window

    config = Config()
    _app, languages = create_application(config, language)
    window = open_main_window(AppPaths.under(home).create(), config, languages, demo=False)
    QCoreApplication.processEvents()
    area, frame = window.screen().availableGeometry(), window.frameGeometry()
    print(json.dumps({"available": area.getRect(), "frame": frame.getRect()}))
    TRACKER.wait(10)
    close_main_window(window)
    window.ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
