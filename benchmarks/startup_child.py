"""Child process of benchmarks.startup: show a window, report when it is on screen, exit.

`ours HOME` starts the real client on an existing store; `baseline` shows a bare QMainWindow.
Prints one JSON line: RSS at the moment the window was first shown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _report_when_shown(window: object) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def shown() -> None:
        print(json.dumps({"rss_mb": round(_rss_mb(), 1)}), flush=True)
        QApplication.quit()

    # Runs once the event loop has processed the show and first paint.
    QTimer.singleShot(0, shown)


def main() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    if sys.argv[1] == "baseline":
        app = QApplication([])
        window = QMainWindow()
        window.setCentralWidget(QLabel("热线坐席端"))
        window.show()
    else:
        from app.config.settings import Config
        from app.paths import AppPaths
        from benchmarks._keys import use_benchmark_keys
        from ui.shell.application import create_application, open_main_window

        use_benchmark_keys()
        paths = AppPaths.under(Path(sys.argv[2]))
        config = Config()
        app, languages = create_application(config, "zh_CN")
        window = open_main_window(paths, config, languages, demo=False)
    _report_when_shown(window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
