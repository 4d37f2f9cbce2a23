"""A server's reference folder for tests: the shipped files copied, then edited as an administrator
would (a leaf added or dropped), through the catalogue's own structure rather than its text."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from app.paths import resources_dir
from app.reference import FILES

# A deployment's own emergency list, smaller than the shipped one (what the seat's loader accepts).
EMERGENCY_LIST = 'version: 1\nphrases:\n  - {phrase: 井盖吞人, number: "119", category: rescue}\n'


def reference_folder(folder: Path) -> Path:
    """`folder` holding a copy of every shipped reference file (emergency.yaml only if shipped)."""
    folder.mkdir(parents=True, exist_ok=True)
    for files in FILES.values():
        for name in files:
            if (resources_dir() / name).exists():
                shutil.copy(resources_dir() / name, folder / name)
    return folder


def _catalogue(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "taxonomy.yaml").read_text(encoding="utf-8"))
    return data


def write(folder: Path, name: str, text: str) -> None:
    """Replace a file as an editor would, its time moved on even within the clock's resolution."""
    path = folder / name
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def _save(folder: Path, data: dict[str, Any]) -> None:
    write(folder, "taxonomy.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def add_leaf(folder: Path, name: str, *, bump: bool = True) -> str:
    """A new third-level category beside the first one (a copy of it, renamed); its code."""
    data = _catalogue(folder)
    parent = data["categories"][0]["children"][0]
    leaf = copy.deepcopy(parent["children"][0])
    code = f"{parent['code']}.ZZXZ"
    leaf.update(code=code, name=name, en="Added in a test")
    leaf.pop("keywords", None)
    parent["children"].append(leaf)
    if bump:
        data["version"] += 1
    _save(folder, data)
    return code


def drop_leaf(folder: Path, code: str) -> None:
    """Retire `code` (a third-level category) from the catalogue, raising its version."""
    data = _catalogue(folder)
    for top in data["categories"]:
        for middle in top.get("children", []):
            middle["children"] = [leaf for leaf in middle.get("children", []) if leaf["code"] != code]
    data["version"] += 1
    _save(folder, data)
