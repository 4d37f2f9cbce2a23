"""Child process of test_kill_after_f7: the real main window, answering with the KB (F7) until it
is killed.

Usage: python -m tests.ui.answering_window HOME. Puts two articles into the seat's KB as a sync
does, then inserts them (F7) into 答复内容 one after the other, every few milliseconds. Prints
`inserted K at N` when the K-th insertion of this run made revision N, and `saved N` each time
revision N is durable.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from app.domain.article import Article

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ARTICLES = (
    Article(
        id="WY-DT-1",
        title="电梯故障报修",
        body="请联系物业报修，困人拨打 96333。",
        version=3,
        updated_at=datetime(2026, 5, 1, tzinfo=UTC),
    ),
    Article(
        id="WY-DT-2",
        title="电梯年检查询",
        body="电梯年检标志贴在轿厢内，可扫码查询。",
        version=5,
        updated_at=datetime(2026, 5, 1, tzinfo=UTC),
    ),
)


def main() -> int:
    from PySide6.QtCore import QTimer

    from app.config.settings import Config
    from app.paths import AppPaths
    from app.store.changes import Changes
    from tests.store_keys import use_test_keys
    from ui.shell.application import create_application, open_main_window

    use_test_keys()
    config = Config()
    app, languages = create_application(config, "zh_CN")
    window = open_main_window(AppPaths.under(Path(sys.argv[1])), config, languages, demo=False)
    panel = window.kb_panel
    window.intake.draftSaved.connect(lambda revision: print(f"saved {revision}", flush=True))
    inserted = [0]

    def answer() -> None:
        panel.results.setCurrentRow(inserted[0] % 2)
        panel.insert_action.trigger()  # F7
        inserted[0] += 1
        print(f"inserted {inserted[0]} at {window.intake.revision}", flush=True)

    def search_when_ready() -> None:
        if not panel.ready or (restoring and window.intake.revision == 0):
            QTimer.singleShot(20, search_when_ready)
            return
        window.kb.store.apply(ARTICLES, (), version="7", source="http://central.test")  # as a sync does
        window.bus.changed.emit(Changes(kb=True))
        panel.search.setText("电梯")
        QTimer.singleShot(20, wait_for_results)

    def wait_for_results() -> None:
        if panel.results.count() < 2:
            QTimer.singleShot(20, wait_for_results)
            return
        print("ready", flush=True)
        QTimer(window, interval=15, timeout=answer).start()

    # A draft left by the previous round is restored first: answers go on after it, never beside it.
    restoring = window.ws.drafts.latest(window.ws.seat.seat_id) is not None
    QTimer.singleShot(0, search_when_ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
