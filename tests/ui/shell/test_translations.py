"""The English translation is complete and in step with the code (zh_CN is the source language)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from app.config.settings import SETTINGS
from app.domain.kinds import Kind, Priority
from app.domain.seat import SeatState
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.taxonomy import TicketField
from app.intake.validation import MESSAGES
from app.paths import resources_dir

ROOT = Path(__file__).resolve().parents[3]
TS_FILE = resources_dir() / "translations" / "hotline_en.ts"


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_text_has_a_finished_english_translation() -> None:
    unfinished = [
        f"{context}: {source}"
        for (context, source), message in _messages(TS_FILE).items()
        if not (message.findtext("translation") or "").strip()
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
    ]
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    for (context, source), message in _messages(TS_FILE).items():
        translation = message.findtext("translation") or ""
        wanted = sorted(re.findall(r"%\d|\{\w+\}", source))
        assert sorted(re.findall(r"%\d|\{\w+\}", translation)) == wanted, f"{context}: {source!r}"


def test_no_interface_text_is_missing_from_the_translation_file(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-silent", "-ts", str(fresh)], check=True, cwd=ROOT)
    extracted = _messages(fresh)
    assert len(extracted) > 100, "lupdate found (almost) nothing: is it extracting from ui/?"
    missing = set(extracted) - set(_messages(TS_FILE))
    assert not missing, f"run `make lupdate` and translate: {sorted(missing)}"


@pytest.mark.parametrize(
    ("context", "texts"),
    [
        ("Validation", list(MESSAGES.values())),
        (
            "Domain",
            [
                v.label
                for enum in (Kind, Priority, Status, SeatState, Satisfaction, Action, Role, TicketField)
                for v in enum
            ],
        ),
        (
            "Settings",
            [
                text
                for s in SETTINGS
                for text in (s.title, s.description, s.page, *(label for _, label in s.choices))
            ],
        ),
    ],
)
def test_texts_kept_in_app_are_marked_for_translation(context: str, texts: list[str]) -> None:
    known = {source for ctx, source in _messages(TS_FILE) if ctx == context}
    # Choice labels that are the same in every language (INFO, English) need no entry.
    untranslatable = {"DEBUG", "INFO", "WARNING", "ERROR", "English"}
    missing = [t for t in texts if t not in known and t not in untranslatable]
    assert missing == []


def test_compiled_translation_loads() -> None:
    translator = QTranslator()
    assert translator.load("hotline_en", str(TS_FILE.parent))
    assert translator.translate("MainWindow", "我的工单") == "My queue"
