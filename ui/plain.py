"""Text from callers and from the server is shown as written, never as markup.

A QLabel (and a tooltip) guesses: text that looks like HTML is rendered as HTML, so
a caller named "<b>张三</b>" or a server reason holding "<img src=...>" would be drawn bold or
load an image. Every widget that shows such text goes through these helpers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser


def plain(label: QLabel) -> QLabel:
    """`label`, set to show its text as plain text whatever it holds."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` as written (tooltips guess rich text like labels do)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def show_markdown(browser: QTextBrowser, text: str) -> None:
    """Markdown (a KB article) in `browser` with any HTML in it shown as text, not rendered: an
    <img src="file:///..."> in an article from the server must not load a local file. Links are
    not followed inside the browser either."""
    browser.setOpenLinks(False)
    features = QTextDocument.MarkdownFeature
    browser.document().setMarkdown(text, features.MarkdownDialectGitHub | features.MarkdownNoHTML)
