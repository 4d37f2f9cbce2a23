"""Suggestions from the call above the intake form (通话建议): one button per field, its shortcut on
it; F11 takes them all. The kind and categories show how sure they are and the words why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import Kind
from app.domain.problem import fill
from app.domain.taxonomy import Taxonomy
from app.intake.suggestions import Suggestion, Suggestions
from ui import palette
from ui.elided import ElidedButton
from ui.labels import label
from ui.plain import plain
from ui.shell.i18n import Retranslating, is_english

ACCEPT_ALL_KEY = "F11"  # F3 asks the guide panel's next question (branch s6-guided)
# (field, which of the top categories, shortcut) of each button, in the strip's order.
_SLOTS: tuple[tuple[str, int, str], ...] = (
    ("kind", 0, "Ctrl+1"),
    ("category_code", 0, "Ctrl+2"),
    ("category_code", 1, "Ctrl+3"),
    ("category_code", 2, "Ctrl+4"),
    ("caller_name", 0, "Ctrl+5"),
    ("caller_phone", 0, "Ctrl+6"),
    ("place", 0, "Ctrl+7"),  # 区 and 地址 together: said together, checked together
    ("occurred_at", 0, "Ctrl+8"),
    ("content", 0, "Ctrl+9"),
)


class State(Enum):
    OPEN = "open"  # not in the form yet
    TAKEN = "taken"  # the form holds it
    TYPED = "typed"  # the operator typed that field: never overwritten


class SuggestionStrip(Retranslating, QFrame):
    """Shows the latest Suggestions; the form says what each field's state is."""

    accepted = Signal(list)  # [Suggestion]: one button (district and address come as a pair)
    acceptAll = Signal()

    def __init__(self, taxonomy: Callable[[], Taxonomy], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionStrip")
        self.setStyleSheet(
            f"#suggestionStrip {{ background: {palette.HEARD_BACKGROUND}; border-radius: 4px; }}"
            " #suggestionStrip QPushButton { text-align: left; padding: 2px 6px; }"
        )
        self._taxonomy = taxonomy
        self._found = Suggestions()
        self._held: dict[str, str] = {}
        self._typed: set[str] = set()
        self.title = plain(QLabel(objectName="suggestionTitle"))
        self.accept_all_button = QPushButton(objectName="acceptAllSuggestions")
        self.accept_all_button.clicked.connect(self.acceptAll)
        self.buttons: list[ElidedButton] = []
        self.actions_: list[QAction] = []
        # title | kind | time | all ; the three categories ; name | phone | place ; the summary | its key.
        # The kind and the values give way ("…"); the time, the summary's key and "all" always show whole.
        top, bottom, grid = QHBoxLayout(), QHBoxLayout(), QGridLayout()
        whole = {"occurred_at", "content"}
        rows = {"kind": top, "occurred_at": top, "content": bottom}  # the others: in the grid, in order
        self.summary = plain(QLabel(objectName="suggestedSummary", wordWrap=True))
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.title)
        bottom.addWidget(self.summary, 1)
        in_grid = 0
        for field, rank, key in _SLOTS:
            button = ElidedButton(objectName=f"suggest_{field}_{rank}", elide=field not in whole)
            # Values never widen the form: a longer one ends with "…", the tooltip has it in full.
            policy = QSizePolicy.Policy.Minimum if field in whole else QSizePolicy.Policy.Ignored
            button.setSizePolicy(policy, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, f=field, r=rank: self._take(f, r))
            if (line := rows.get(field)) is not None:
                line.addWidget(button, 0 if field in whole else 1)
            else:
                grid.addWidget(button, *divmod(in_grid, 3))
                in_grid += 1
            self.buttons.append(button)
            action = QAction(self, objectName=f"acceptSuggestion_{field}_{rank}")
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(button.click)
            self.addAction(action)
            self.actions_.append(action)
        top.addWidget(self.accept_all_button)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.setSpacing(3)
        for layout in (top, grid, bottom):
            layout.setSpacing(3)
            outer.addLayout(layout)
        accept_all = QAction(self, objectName="acceptAllSuggestionsAction")
        accept_all.setShortcut(QKeySequence(ACCEPT_ALL_KEY))
        accept_all.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        accept_all.triggered.connect(self.accept_all_button.click)
        self.addAction(accept_all)
        self.accept_all_action = accept_all
        self.retranslate()
        self.show_suggestions(Suggestions(), {}, set())

    def show_suggestions(self, found: Suggestions, held: dict[str, str], typed: set[str]) -> None:
        """The latest suggestions, what each field `held` now and which fields the operator `typed`."""
        self._found, self._held, self._typed = found, held, set(typed)
        self._render()

    def state(self, suggestion: Suggestion) -> State:
        if suggestion.field in self._typed:
            return State.TYPED
        return State.TAKEN if self._held.get(suggestion.field) == suggestion.value else State.OPEN

    def suggestions(self) -> Suggestions:
        return self._found

    def _slot(self, field: str, rank: int) -> list[Suggestion]:
        if field == "place":
            return [s for f in ("district", "address") if (s := self._found.get(f)) is not None]
        if field == "category_code":
            return list(self._found.categories[rank : rank + 1])
        found = self._found.get(field)
        return [found] if found is not None else []

    def _take(self, field: str, rank: int) -> None:
        if taken := self._slot(field, rank):
            self.accepted.emit(taken)

    def _render(self) -> None:
        any_open = False
        for (field, rank, key), button, action in zip(_SLOTS, self.buttons, self.actions_, strict=True):
            found = self._slot(field, rank)
            button.setVisible(bool(found))
            action.setEnabled(bool(found))
            if not found:
                continue
            states = {self.state(s) for s in found}
            state = (
                State.TYPED if State.TYPED in states else State.OPEN if State.OPEN in states else State.TAKEN
            )
            mark = {State.OPEN: "", State.TAKEN: "✓ ", State.TYPED: "✎ "}[state]
            button.set_whole_text(f"{mark}{key} {self._value(found)}")
            button.setFlat(state is not State.OPEN)
            button.setToolTip(self._tip(found, state, key))
            any_open = any_open or state is State.OPEN
        summary = self._found.get("content")
        self.summary.setText(summary.value if summary else "")
        self.summary.setVisible(summary is not None)
        shown = bool(self._found.fields)
        self.setVisible(shown)
        self.accept_all_button.setEnabled(any_open)
        self.accept_all_action.setEnabled(any_open)

    def _value(self, found: list[Suggestion]) -> str:
        """What the button says: the value itself where it speaks for itself."""
        first = found[0]
        why = "、".join(first.words[:3])
        if first.field == "kind":
            return f"{label(Kind(first.value))} {_percent(first)} · {why}"
        if first.field == "category_code":
            category = self._taxonomy().get(first.value)
            return f"{category.en if is_english() else category.name} {_percent(first)}\n{why}"
        if first.field == "occurred_at":
            return fill(self.tr("事发 %1"), datetime.fromisoformat(first.value).strftime("%m-%d %H:%M"))
        if first.field == "content":
            return self.tr("摘要填入诉求内容")
        return " ".join(s.value for s in found)

    def _tip(self, found: list[Suggestion], state: State, key: str) -> str:
        first = found[0]
        lines = [" ".join(s.value for s in found)] if first.field == "content" else []
        if first.words:
            lines.append(fill(self.tr("依据：%1"), "、".join(first.words)))
        said = [s.words for suggestion in found for s in suggestion.said]
        if said and first.field != "content":
            lines.append(fill(self.tr("来自通话：“%1”"), "” “".join(said)))
        lines.append(
            {
                State.OPEN: fill(self.tr("%1 或单击：填入受理单"), key),
                State.TAKEN: self.tr("已填入受理单"),
                State.TYPED: self.tr("话务员已填写此项，不会覆盖"),
            }[state]
        )
        return "\n".join(lines)

    def retranslate(self) -> None:
        self.title.setText(self.tr("通话建议"))
        self.accept_all_button.setText(fill(self.tr("全部采纳 (%1)"), ACCEPT_ALL_KEY))
        names = {
            "kind": self.tr("采纳建议：诉求类型"),
            "category_code": self.tr("采纳建议：事项分类 %1"),
            "caller_name": self.tr("采纳建议：来电人"),
            "caller_phone": self.tr("采纳建议：电话"),
            "place": self.tr("采纳建议：所在区和地址"),
            "occurred_at": self.tr("采纳建议：事发时间"),
            "content": self.tr("采纳建议：诉求摘要"),
        }
        for (field, rank, _key), action in zip(_SLOTS, self.actions_, strict=True):
            action.setText(fill(names[field], str(rank + 1)) if field == "category_code" else names[field])
        self.accept_all_action.setText(self.tr("采纳全部通话建议（不覆盖已填写的内容）"))
        self._render()


def _percent(suggestion: Suggestion) -> str:
    return f"{round((suggestion.confidence or 0) * 100)}%"
