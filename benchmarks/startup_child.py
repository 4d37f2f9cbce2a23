"""Child process of benchmarks.startup: show a window, report when it is on screen, exit.

`ours HOME` starts the real client on an existing store; `baseline` shows a bare QMainWindow.
Prints one JSON line: the moment (time.monotonic, comparable with the parent's) the window was first
shown and the RSS then; then leaves at once, so what the window starts after it shows is not timed.
`ours HOME settle` instead waits until those parts have loaded (the KB, the first queue page, the
draft, sync) and reports that moment and the RSS then too.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _report(fields: dict[str, Any]) -> None:
    print(json.dumps(fields), flush=True)


def _when_shown(then: Any) -> None:
    # Runs once the event loop has processed the show and first paint.
    QTimer.singleShot(0, then)


def _shown() -> None:
    _report({"shown_at": time.monotonic(), "rss_mb": round(_rss_mb(), 1)})
    os._exit(0)  # no clean-up: closing waits for the parts still loading, which is not start-up


def _settled(window: Any) -> None:
    from ui.ops import TRACKER

    shown_at, shown_rss = time.monotonic(), round(_rss_mb(), 1)

    def check() -> None:
        if TRACKER.running or not window.kb_panel.ready or window.queue.model.busy:
            QTimer.singleShot(50, check)
            return
        _report(
            {
                "shown_at": shown_at,
                "rss_mb": shown_rss,
                "settled_at": time.monotonic(),
                "settled_rss_mb": round(_rss_mb(), 1),
            }
        )
        os._exit(0)

    check()


def main() -> int:
    if sys.argv[1] == "baseline":
        app = QApplication([])
        window = QMainWindow()
        window.setCentralWidget(QLabel("热线坐席端"))
        window.show()
        _when_shown(_shown)
        return app.exec()
    # The application module first, as `hotline-seat` imports it: it tames PySide's import hook
    # (ui/pyside.py) before the rest is imported; after it, the hook read every module's source.
    from ui.shell.application import create_application, open_main_window  # isort: skip

    from app.config.settings import Config
    from app.paths import AppPaths
    from benchmarks._keys import use_benchmark_keys

    use_benchmark_keys()
    paths = AppPaths.under(Path(sys.argv[2]))
    config = Config()
    qapp, languages = create_application(config, "zh_CN")
    main_window = open_main_window(paths, config, languages, demo=False)
    _when_shown(lambda: _settled(main_window) if sys.argv[3:] == ["settle"] else _shown())
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main())
