"""PySide6's import hook keeps no module sources in memory, and still tells PySide users apart."""

from __future__ import annotations

import importlib
import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import ui.shell.application  # noqa: F401  (what the seat's window imports first)
from ui.pyside import keep_no_sources


@pytest.fixture
def module_folder(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))


def import_new(folder: Path, name: str, source: str) -> None:
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    importlib.invalidate_caches()
    __import__(name)  # the import statement's way: importlib.import_module passes by the hook
    sys.modules.pop(name)


def test_a_module_imported_after_pyside_leaves_no_source_behind(module_folder: Path) -> None:
    import_new(module_folder, "hotline_plain_module", "ANSWER = 42\n")
    assert str(module_folder / "hotline_plain_module.py") not in linecache.cache


def test_the_hook_still_knows_which_modules_use_pyside(module_folder: Path) -> None:
    feature = sys.modules["shibokensupport.feature"]
    import_new(module_folder, "hotline_qt_module", "from PySide6.QtCore import QObject\n")
    import_new(module_folder, "hotline_other_module", "ANSWER = 42\n")
    assert feature.pyside_feature_dict["hotline_qt_module"] == 0
    assert feature.pyside_feature_dict["hotline_other_module"] == -1


def test_this_pyside_has_the_hook() -> None:
    # Red when a PySide6 upgrade renames it: then look again at what the hook keeps.
    assert keep_no_sources()
