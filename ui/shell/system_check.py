"""Optional parts of the operating system the seat looks for (系统组件检查), and what their absence means.

The seat runs without them: without Qt Multimedia's libraries there is no live audio (recorded WAV
files are still transcribed), without a CJK font Chinese text would be boxes. Each missing part is
found once, logged, and shown where it matters, with the one command that brings it.
"""

from __future__ import annotations

import functools
import importlib
import logging
import sys
from dataclasses import dataclass

from PySide6.QtGui import QFontDatabase

from app.system_packages import fix_for, install_command, missing_library

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Missing:
    """A part the seat could not find: what it is, why it is missing (as the system said) and the fix."""

    part: str
    reason: str
    fix: str


@functools.cache
def audio_missing() -> Missing | None:
    """None when Qt Multimedia (live capture, decoding of MP3 and other formats) can be loaded."""
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError as exc:
        library = missing_library(exc)
        reason = library or str(exc)
        fix = fix_for(exc) or "pip install --force-reinstall PySide6-Addons"
        log.warning("live audio unavailable: %s (fix: %s)", exc, fix)
        return Missing("audio", reason, fix)
    return None


def cjk_font_missing() -> Missing | None:
    """None when a font with Chinese glyphs is installed (needs the QGuiApplication)."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    fix = (
        install_command(["fonts-noto-cjk"])
        if sys.platform.startswith("linux")
        else "install a Chinese (CJK) font, e.g. Noto Sans CJK SC"
    )
    log.warning("no font with Chinese glyphs installed (fix: %s)", fix)
    return Missing("font", "no font with Chinese glyphs", fix)


def missing_parts() -> list[Missing]:
    return [part for part in (audio_missing(), cjk_font_missing()) if part is not None]
