"""`make typecheck` (mypy, strict) covers app/, sync/ and ui/; the PySide6 stubs' gaps are filled in one
place, the plugin .ci/mypy_qt.py, which must accept what PySide6 accepts and nothing more."""

from __future__ import annotations

import tomllib
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import datetime
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import QLabel, QPushButton

inherited = QPushButton("x", objectName="a", checkable=True, visible=False)
misspelt = QLabel("x", objectNam="a")
wrong_type = QLabel("x", visible="yes")
marked: str = QT_TRANSLATE_NOOP("Context", "text")
day: datetime.date = QDate(2026, 1, 1).toPython()
"""


def test_mypy_checks_ui_strictly_like_app_and_sync() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert {"app", "sync", "ui"} <= set(config["files"])
    assert config["strict"] is True
    assert not [o for o in config.get("overrides", []) if any(m.startswith("ui") for m in o["module"])]


def test_qt_plugin_accepts_inherited_properties_and_still_rejects_wrong_ones(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    out, _err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), str(probe)])
    errors = [line for line in out.splitlines() if ": error:" in line]
    lines = {int(line.split(":")[1]) for line in errors}
    source = PROBE.splitlines()
    assert status == 1
    assert lines == {source.index(s) + 1 for s in source if s.startswith(("misspelt", "wrong_type"))}, out
