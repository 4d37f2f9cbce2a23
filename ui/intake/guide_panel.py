"""引导问题: the chosen category's questions, in order, with the line the operator reads; each is
ticked off as its field gets a value or the operator marks it asked (F3, or a double click).

The panel only shows app.intake.guide's steps; the form decides them from the draft.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.domain.problem import fill
from app.domain.taxonomy import TicketField
from app.intake.guide import Step, next_step
from ui import palette
from ui.elided import ElidedLabel
from ui.labels import label
from ui.plain import plain
from ui.shell.i18n import Retranslating

MARK_KEY = "F3"  # the current question was asked (one without a field, or one the caller declined)
NEXT_KEY = "Ctrl+J"  # to the next required field still empty
CATEGORY_KEY = "Ctrl+K"  # to the 事项分类 box
_NUMBER = Qt.ItemDataRole.UserRole  # an item's question number


class GuidePanel(Retranslating, QWidget):
    """Hidden until a category with questions or required fields is chosen."""

    markRequested = Signal(int)  # the number of the question the operator marked (or unmarked)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: tuple[Step, ...] = ()
        self._missing: tuple[TicketField, ...] = ()
        self._to_ask: tuple[TicketField, ...] = ()
        self.title = ElidedLabel(objectName="guideTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.keys = plain(QLabel(objectName="guideKeys"))
        self.keys.setStyleSheet(f"color: {palette.MUTED};")
        self.questions = QListWidget(objectName="guideQuestions")
        self.questions.setWordWrap(False)
        self.questions.setMaximumHeight(96)  # five lines; the form keeps its room
        self.questions.setMinimumHeight(44)  # two, on a small screen
        self.questions.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field; F3 marks
        self.questions.itemDoubleClicked.connect(lambda item: self.markRequested.emit(item.data(_NUMBER)))
        self.missing_label = ElidedLabel(objectName="guideMissing")
        self.missing_label.setStyleSheet(f"color: {palette.ERROR};")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.keys)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.addLayout(head)
        outer.addWidget(self.questions)
        outer.addWidget(self.missing_label)
        self._category = ""
        self.retranslate()
        self.setVisible(False)

    def retranslate(self) -> None:
        self.keys.setText(fill(self.tr("%1 已问 · %2 下一待填 · %3 分类"), MARK_KEY, NEXT_KEY, CATEGORY_KEY))
        self._show()

    def show_steps(
        self,
        category: str,
        steps: tuple[Step, ...],
        missing: tuple[TicketField, ...],
        to_ask: tuple[TicketField, ...] = (),
    ) -> None:
        """The category's name as shown, its questions, the fields still empty that 受理 needs and
        those still to ask for (the ticket is filed without them)."""
        self._category, self._steps, self._missing, self._to_ask = category, steps, missing, to_ask
        self._show()

    def clear(self) -> None:
        self.show_steps("", (), ())

    def current(self) -> Step | None:
        """The question to ask now: the first not answered."""
        return next_step(self._steps)

    def answered(self) -> list[int]:
        return [s.number for s in self._steps if s.answered]

    def _show(self) -> None:
        self.setVisible(bool(self._category) and bool(self._steps or self._missing or self._to_ask))
        self.title.setText(fill(self.tr("引导问题：%1"), self._category))
        self.questions.clear()
        now = self.current()
        for step in self._steps:
            mark = "☑" if step.answered else "☐"
            target = f"  → {label(step.question.field)}" if step.question.field is not None else ""
            item = QListWidgetItem(f"{mark} {step.number}. {step.question.ask}{target}")
            item.setData(_NUMBER, step.number)
            item.setToolTip(step.question.ask)
            if step.answered:
                item.setForeground(QBrush(QColor(palette.MUTED)))
            elif step is now:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.questions.addItem(item)
        self.questions.setVisible(bool(self._steps))
        missing = self.tr("、").join(label(f) for f in self._missing)
        text = fill(self.tr("待填：%1"), missing) if missing else self.tr("必填项已填齐")
        if self._to_ask:  # asked for, not needed for 受理: the 承办单位 can get them later
            to_ask = self.tr("、").join(label(f) for f in self._to_ask)
            text += self.tr("；") + fill(self.tr("待问：%1"), to_ask)
        self.missing_label.setText(text)
        self.missing_label.setStyleSheet(f"color: {palette.ERROR if missing else palette.MUTED};")
