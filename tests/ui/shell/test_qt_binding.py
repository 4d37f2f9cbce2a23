"""The Qt binding itself must not corrupt Python's reference counts (PySide6 6.12.0 did on 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    carrying = Signal(object)


def test_signal_emission_keeps_reference_counts_of_true_false_and_none(qapp: object) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.bare.connect(lambda: None)
    emitter.carrying.connect(lambda value: received.append(value is None))
    counts = {name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}
    for _ in range(20_000):
        emitter.bare.emit()
        emitter.carrying.emit(None)
    # `received` holds 20,000 references to True; nothing else may have moved.
    assert sys.getrefcount(True) - counts["True"] == 20_000
    assert abs(sys.getrefcount(None) - counts["None"]) < 50
    assert abs(sys.getrefcount(False) - counts["False"]) < 50
