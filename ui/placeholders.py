"""Docks for capabilities this build does not have yet: they say so plainly instead of pretending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.i18n import Retranslating


class NoticePanel(Retranslating, QWidget):
    """A dock body that explains why it is empty and what makes it work."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setStyleSheet("color: #555555; padding: 12px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        self.retranslate()

    def retranslate(self) -> None:
        self.notice.setText(self.tr("知识库检索未启用：本版本尚未导入知识库。"))
