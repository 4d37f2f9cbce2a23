"""Child process of test_kill_while_typing: the real main window, typed into until it is killed.

Usage: python -m tests.ui.typing_window HOME. Types one Chinese character at a time into the intake
content field, as an input method commits it, and prints `saved N` each time revision N is durable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXT = "市民反映小区电梯停运三天老人上下楼困难希望尽快修复" * 400


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from app.config.settings import Config
    from app.paths import AppPaths
    from tests.store_keys import use_test_keys
    from ui.shell.application import create_application, open_main_window

    use_test_keys()
    config = Config()
    config.set("intake.autosave_ms", 0)  # save every keystroke: the hardest case for durability
    app, languages = create_application(config, "zh_CN")
    window = open_main_window(AppPaths.under(Path(sys.argv[1])), config, languages, demo=False)
    content = window.intake.content
    window.intake.draftSaved.connect(lambda revision: print(f"saved {revision}", flush=True))
    typed: list[str] = []

    def type_one() -> None:
        if not typed:  # first keystroke: go on from wherever the restored draft ended
            typed.extend(reversed(TEXT[len(content.toPlainText()) :]))
        event = QInputMethodEvent()
        event.setCommitString(typed.pop() if typed else "")
        QApplication.sendEvent(content, event)

    timer = QTimer(interval=5, timeout=type_one)
    QTimer.singleShot(300, timer.start)  # after the restored draft (if any) has been shown
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
