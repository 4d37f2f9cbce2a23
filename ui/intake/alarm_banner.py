"""The red banner of an emergency heard in the call (紧急情况): what was said, the number to transfer
the caller to, and the one key that marks the ticket 紧急."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.problem import fill
from app.intake.emergency import Alarm
from ui import palette
from ui.plain import plain
from ui.shell.i18n import Retranslating


class AlarmBanner(Retranslating, QFrame):
    """Shown while the current intake has emergencies the operator has not ignored."""

    markRequested = Signal()  # the operator pressed 标记紧急

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmBanner")
        self.setStyleSheet(
            f"#alarmBanner {{ background: {palette.EMERGENCY_BACKGROUND}; border-radius: 4px; }}"
            f"#alarmBanner QLabel {{ color: {palette.EMERGENCY_TEXT}; font-weight: bold; }}"
        )
        self.text = plain(QLabel(objectName="alarmText", wordWrap=True))
        self.mark_button = QPushButton(objectName="alarmMark")
        self.mark_button.clicked.connect(self.markRequested)
        self.ignore_button = QPushButton(objectName="alarmIgnore")
        self.ignore_button.clicked.connect(self._ignore)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.mark_button)
        layout.addWidget(self.ignore_button)
        self._heard: dict[str, str] = {}  # phrase → transfer number, in the order heard
        self._ignored: set[str] = set()
        self._marked = False
        self.hide()
        self.retranslate()

    def reset(self, *, marked: bool) -> None:
        """A new intake (or a restored one): nothing heard yet."""
        self._heard.clear()
        self._ignored.clear()
        self._marked = marked
        self._show()

    def heard(self, alarms: Sequence[Alarm]) -> None:
        """The emergencies in the call's recent text: new ones (re)show the banner."""
        for alarm in alarms:
            self._heard.setdefault(alarm.phrase, alarm.number)
        self._show()

    def set_marked(self, marked: bool) -> None:
        self._marked = marked
        self._show()

    def _ignore(self) -> None:
        """A false alarm: hidden until another emergency is heard."""
        self._ignored.update(self._heard)
        self._show()

    def _show(self) -> None:
        self.setVisible(bool(set(self._heard) - self._ignored))
        self.retranslate()

    def retranslate(self) -> None:
        phrases = "、".join(f"“{phrase}”" for phrase in self._heard)
        numbers = " / ".join(dict.fromkeys(self._heard.values()))
        if self._marked:
            said = self.tr("紧急情况：听到%1，请立即转接 %2。已标记紧急")
        else:
            said = self.tr("紧急情况：听到%1，请立即转接 %2")
        self.text.setText(fill(said, phrases, numbers))
        self.mark_button.setText(self.tr("标记紧急 (F4)"))
        self.mark_button.setVisible(not self._marked)
        self.ignore_button.setText(self.tr("忽略"))
