"""Arrows point inward (DESIGN §2): app/ imports neither ui/, sync/ nor Qt; sync/ neither ui/ nor Qt.
Within sync/, the wire module (sync.protocol) stands on the domain alone, the server and the seat's
client never import each other, and the server loads none of the seat's stores. ui/ starts the
server in one declared place only.

Checked on the source with `ast`, so an import hidden in a function, behind TYPE_CHECKING, written
relative (``from ...ui import x``) or made with importlib is caught as well.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON_STDLIB = frozenset(sys.stdlib_module_names)
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


def _top(module: str) -> str:
    return module.split(".")[0]


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _imports(path: Path, root: Path) -> Iterator[tuple[str, int, str]]:
    """(file, line, module) of every import in a module or a whole package folder."""
    paths = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for each in paths:
        for line, module in sorted(imported_modules(each, root)):
            yield each.relative_to(root).as_posix(), line, module


# The wire format is shared by both ends: it may stand only on the domain's values, pydantic and the
# standard library. Anything else (the seat's KB store, say) would be loaded by the server as well.
WIRE_MAY_IMPORT = ("app.domain", "pydantic", "pydantic_core", "sync.protocol")  # pydantic_core: its engine


def wire_violations(root: Path = ROOT) -> list[str]:
    return [
        f"{rel}:{line}: imports {module} (sync.protocol may import only app.domain, pydantic, stdlib)"
        for rel, line, module in _imports(root / "sync" / "protocol.py", root)
        if _top(module) not in PYTHON_STDLIB and not any(_under(module, ok) for ok in WIRE_MAY_IMPORT)
    ]


# The server and the seat's sync client meet only in sync.protocol. The server uses of app/ only the
# domain, the shipped resources and the reference documents made of them (which it serves), and the
# article file reader (to seed the demo KB): never a seat store.
SERVER_MAY_USE_APP = (
    "app.domain",
    "app.resources",
    "app.reference",
    "app.paths",
    "app.knowledge.transfer",
    "app.lead",  # the balance rules, the same for the server's proposal and the lead's client
)
APART = {"sync/server": "sync.client", "sync/client": "sync.server"}


def sync_violations(root: Path = ROOT) -> list[str]:
    found = [
        f"{rel}:{line}: imports {module} ({folder}/ must not import {other})"
        for folder, other in APART.items()
        for rel, line, module in _imports(root / folder, root)
        if _under(module, other)
    ]
    found += [
        f"{rel}:{line}: imports {module} (the server uses of app/ only {', '.join(SERVER_MAY_USE_APP)})"
        for rel, line, module in _imports(root / "sync" / "server", root)
        if _top(module) == "app" and not any(_under(module, ok) for ok in SERVER_MAY_USE_APP)
    ]
    return found


# ui/ talks to the server over the wire (sync.client). The one exception: a frozen build has no
# `python -m sync.server`, so the seat's own entry point doubles as the demo server's.
UI_MAY_START_SERVER = {("ui/shell/main.py", "sync.server.cli")}


def ui_violations(root: Path = ROOT) -> list[str]:
    return [
        f"{rel}:{line}: imports {module} (ui/ reaches the server through sync.client)"
        for rel, line, module in _imports(root / "ui", root)
        if _under(module, "sync.server") and (rel, module) not in UI_MAY_START_SERVER
    ]


def test_the_wire_module_stands_on_the_domain_alone() -> None:
    found = wire_violations()
    assert not found, "sync.protocol imports too much:\n" + "\n".join(found)


def test_server_and_client_do_not_import_each_other_and_the_server_loads_no_seat_store() -> None:
    found = sync_violations()
    assert not found, "layering broken:\n" + "\n".join(found)


def test_ui_starts_the_server_only_from_its_declared_entry_point() -> None:
    found = ui_violations()
    assert not found, "layering broken:\n" + "\n".join(found)
    # The declared exception is real: if main.py stopped importing the CLI, the declaration goes too.
    used = {(rel, module) for rel, _, module in _imports(ROOT / "ui", ROOT) if _under(module, "sync.server")}
    assert used == UI_MAY_START_SERVER


# What only a seat needs: its stores, the KB search (jieba) and speech, and its side of the wire.
SEAT_ONLY = ("app.store", "app.speech", "app.config", "jieba", "vosk", "sync.client", "PySide6")


def test_loading_the_wire_and_the_server_loads_no_seat_store_and_no_tokenizer() -> None:
    # Imports in the modules imported, too: what actually ends up in memory.
    probe = "import sys, sync.protocol, sync.server.app, sync.server.cli; print(' '.join(sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    modules = set(loaded.stdout.split())
    assert "sync.server.app" in modules
    seat_side = sorted(
        m
        for m in modules
        if any(_under(m, seat) for seat in SEAT_ONLY)
        or (_under(m, "app.knowledge") and m not in ("app.knowledge", "app.knowledge.transfer"))
    )
    assert not seat_side


def test_sync_rules_report_each_breach_with_file_and_line(tmp_path: Path) -> None:
    for folder in ("sync/server", "sync/client", "ui/shell", "ui/kb"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "sync" / "protocol.py").write_text(
        "import json\nimport pydantic\nfrom app.domain.ticket import Ticket\n"
        "from app.knowledge.store import ArticleUse\nimport yaml\n"
    )
    (tmp_path / "sync" / "server" / "cli.py").write_text(
        "from app.paths import kb_seed_dir\nfrom app.knowledge.base import KnowledgeBase\n"
        "from sync.client.api import Api\n"
    )
    (tmp_path / "sync" / "client" / "api.py").write_text(
        "from sync.protocol import Op\nfrom sync.server import app\n"
    )
    (tmp_path / "ui" / "shell" / "main.py").write_text("from sync.server.cli import main\n")
    (tmp_path / "ui" / "kb" / "panel.py").write_text("from sync.server.kb import seed\n")

    wire_rule = "(sync.protocol may import only app.domain, pydantic, stdlib)"
    assert wire_violations(tmp_path) == [
        f"sync/protocol.py:4: imports app.knowledge.store {wire_rule}",
        f"sync/protocol.py:5: imports yaml {wire_rule}",
    ]
    assert sync_violations(tmp_path) == [
        "sync/server/cli.py:3: imports sync.client.api (sync/server/ must not import sync.client)",
        "sync/client/api.py:2: imports sync.server (sync/client/ must not import sync.server)",
        "sync/server/cli.py:2: imports app.knowledge.base (the server uses of app/ only "
        + ", ".join(SERVER_MAY_USE_APP)
        + ")",
    ]
    assert ui_violations(tmp_path) == [
        "ui/kb/panel.py:1: imports sync.server.kb (ui/ reaches the server through sync.client)"
    ]
