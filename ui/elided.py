"""Labels and buttons that give up width instead of widening the window.

A QLabel's minimum width is its whole text, so a long English status or notice makes the main
window wider than a 1366-pixel screen. An ElidedLabel is happy with a few characters: it ends its
text with "…" when it has less room, and then shows the whole text in its tooltip (unless it has a
tooltip of its own, which then must say it).
(superqt's QElidingLabel does this too, but would bring superqt and qtpy in for one class.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QStyle, QStyleOptionButton, QToolTip, QWidget

from ui.plain import plain_tip

MIN_CHARS = 6  # what is left of a label at the least: enough to recognise it


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(objectName)
        self.setTextFormat(Qt.TextFormat.PlainText)  # may hold a server's or a caller's words

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.fontMetrics().horizontalAdvance("…" + "M" * MIN_CHARS)
        margins = self.contentsMargins()
        return QSize(min(hint.width(), least + margins.left() + margins.right()), hint.height())

    def shown_text(self) -> str:
        """The text as drawn now: whole, or cut with "…" to the width there is."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def is_cut(self) -> bool:
        return self.shown_text() != self.text()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )

    def event(self, event: QEvent) -> bool:
        # A cut text is shown whole on hover, unless the label has a tooltip of its own (which says more).
        if event.type() == QEvent.Type.ToolTip and self.is_cut() and not self.toolTip():
            QToolTip.showText(event.globalPos(), plain_tip(self.text()), self)  # type: ignore[attr-defined]
            return True
        return super().event(event)


class ElidedButton(QPushButton):
    """A push button that gives up width the same way: each line of its text ends with "…" when the
    button is narrower than the line, so nothing is cut mid-letter at the edge and the start of each
    line (a shortcut, the start of a value) always shows. Its tooltip must say the whole text."""

    def __init__(self, parent: QWidget | None = None, *, objectName: str = "", elide: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(objectName)
        self._whole = ""
        self._elide = elide  # False: always the whole text (for a button whose layout gives it its width)

    def set_whole_text(self, text: str) -> None:
        self._whole = text
        self._fit()

    def whole_text(self) -> str:
        return self._whole

    def is_cut(self) -> bool:
        return self.text() != self._whole

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._elide:
            self.setText(self._whole)
            return
        room = self.width() - self._frame()
        metrics = self.fontMetrics()
        lines = (
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in self._whole.split("\n")
        )
        self.setText("\n".join(lines))

    def _frame(self) -> int:
        """What the style adds around the text: padding, border, margins."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        content = QSize(0, self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, content, self).width()
