"""The interface's text size (字号缩放), set at start and again whenever the setting changes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

MIN_POINTS = 10.0  # CJK needs a little more size than Latin to stay readable for a whole shift


def apply_font_scale(app: QApplication, percent: int) -> None:
    """Every widget's text at `percent` of the system size (never below MIN_POINTS); from the
    system's size, not the current one, so that changing the scale twice does not compound."""
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font = QFont(app.font())
    font.setPointSizeF(max(system.pointSizeF(), MIN_POINTS) * percent / 100)
    app.setFont(font)
