"""Colours are named by meaning in ui/palette.py; no widget writes a hex colour of its own."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def test_no_hex_colour_outside_the_palette() -> None:
    found = [
        f"{path.relative_to(UI)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "palette.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"#[0-9a-fA-F]{6}\b", line)
    ]
    assert found == []
