"""What the benchmarks that drive the real window share."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ui.ops import TRACKER


def settle(until: Callable[[], bool] = lambda: True, timeout: float = 30.0, pause: float = 0.001) -> None:
    """Run the event loop until no background work is left and `until()` holds; TimeoutError after
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if TRACKER.running == 0 and until():
            QCoreApplication.processEvents()
            return
        time.sleep(pause)
    raise TimeoutError("the seat did not settle")
