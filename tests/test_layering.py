"""Arrows point inward (DESIGN §2): app/ imports neither ui/, sync/ nor Qt; sync/ neither ui/ nor Qt.

Checked on the source with `ast`, so an import hidden in a function, behind TYPE_CHECKING, written
relative (``from ...ui import x``) or made with importlib is caught as well.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = {"PySide6", "shiboken6"}
FORBIDDEN = {
    "app": QT | {"ui", "sync"},
    "sync": QT | {"ui"},
}


def _package_of(path: Path, root: Path) -> list[str]:
    """The package a module's relative imports start from: app/store/db.py and app/store/__init__.py
    are both in app.store."""
    return list(path.relative_to(root).parent.parts)


def imported_modules(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _package_of(path, root)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                assert node.module is not None
                yield node.lineno, node.module
                continue
            base = package[: len(package) - (node.level - 1)] if node.level - 1 <= len(package) else []
            if node.module:
                yield node.lineno, ".".join([*base, node.module])
            else:  # from .. import name: each name may be a module
                for alias in node.names:
                    yield node.lineno, ".".join([*base, alias.name])
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in ("__import__", "import_module")
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def violations(layer: str, root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / layer).rglob("*.py")):
        for line, module in sorted(imported_modules(path, root)):
            top = module.split(".")[0]
            if top in FORBIDDEN[layer]:
                rel = path.relative_to(root).as_posix()
                found.append(f"{rel}:{line}: imports {module} ({layer}/ must not import {top})")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_inward(layer: str) -> None:
    assert (ROOT / layer).is_dir()
    found = violations(layer)
    assert not found, "layering broken:\n" + "\n".join(found)


def test_the_app_layer_is_really_scanned() -> None:
    # If the walk found nothing, the test above would pass for the wrong reason.
    scanned = list((ROOT / "app").rglob("*.py"))
    assert any(p.name == "lifecycle.py" for p in scanned)
    assert any(m == "app.domain.status" for p in scanned for _, m in imported_modules(p, ROOT))


def test_every_kind_of_forbidden_import_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "app" / "store").mkdir(parents=True)
    (tmp_path / "sync").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "store" / "bad.py").write_text(
        "from __future__ import annotations\n"
        "import json\n"
        "from typing import TYPE_CHECKING\n"
        "import PySide6.QtCore\n"  # line 4
        "from ui.shell.main_window import MainWindow\n"  # line 5
        "from ...sync import client\n"  # line 6: relative, climbs out of app/
        "if TYPE_CHECKING:\n"
        "    from sync.protocol import Op\n"  # line 8
        "def later():\n"
        "    import importlib\n"
        "    return importlib.import_module('shiboken6')\n"  # line 11
        "from . import models\n"  # fine: app.store.models
        "from ..domain import lifecycle\n"  # fine: app.domain
    )
    (tmp_path / "sync" / "client.py").write_text(
        "from app.store import outbox\nfrom sync import protocol\nfrom ui import labels\n"
    )

    assert violations("app", tmp_path) == [
        "app/store/bad.py:4: imports PySide6.QtCore (app/ must not import PySide6)",
        "app/store/bad.py:5: imports ui.shell.main_window (app/ must not import ui)",
        "app/store/bad.py:6: imports sync (app/ must not import sync)",
        "app/store/bad.py:8: imports sync.protocol (app/ must not import sync)",
        "app/store/bad.py:11: imports shiboken6 (app/ must not import shiboken6)",
    ]
    assert violations("sync", tmp_path) == ["sync/client.py:3: imports ui (sync/ must not import ui)"]
