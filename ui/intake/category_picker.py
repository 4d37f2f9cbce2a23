"""Type-ahead for the 事项分类 box: characters, keywords, pinyin and initials, each match saying why.

The combo's own keys would choose silently: Down after typing picked the next category in the list
(and with it that category's urgency). Here typing lists matches, Down goes into that list, and
only Enter or a click on a match chooses.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter

from app.domain.problem import fill
from app.domain.taxonomy import Taxonomy
from app.intake.category_finder import CategoryFinder, CategoryMatch, MatchedOn
from ui.ops import BackgroundOp
from ui.shell.i18n import is_english

_KEYS_THAT_CHOOSE = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


class CategoryPicker(QObject):
    """Attached to an editable combo whose items carry category codes (Qt.UserRole)."""

    def __init__(self, combo: QComboBox, taxonomy: Taxonomy) -> None:
        super().__init__(combo)
        self._combo = combo
        self.use(taxonomy)
        self.matches = QStandardItemModel(self)
        self._codes: dict[str, str] = {}  # each match as shown → its category code
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        edit = combo.lineEdit()
        assert edit is not None, "the category combo is editable"
        # The completer works for the box but is not the line edit's own: that one would pop up
        # again on every edit, at the box's width, and write the chosen match's text into the box.
        combo.setCompleter(None)  # type: ignore[arg-type]  # the combo's own: prefix of the whole path
        self.completer.setWidget(edit)
        edit.textEdited.connect(self._typed)
        self.completer.activated.connect(self._chosen)
        combo.installEventFilter(self)
        edit.installEventFilter(self)

    def use(self, taxonomy: Taxonomy) -> None:
        """Match in `taxonomy` from now on (at start, and after a newer catalogue was pulled)."""
        self._taxonomy, self._spelling = taxonomy, False
        # Characters at once; pinyin from the first keystroke, once pypinyin has loaded off the GUI
        # thread (half a second, and 50 MB the window does not need to show).
        self._finder = CategoryFinder(taxonomy, spell_word=lambda _w: "", initials_of=lambda _w: "")

    def _learn_pinyin(self) -> None:
        if self._spelling:
            return
        self._spelling, taxonomy = True, self._taxonomy
        BackgroundOp(self, lambda: CategoryFinder(taxonomy)).success(
            lambda finder: self._finder_ready(finder, taxonomy)
        ).run()

    def _finder_ready(self, finder: CategoryFinder, taxonomy: Taxonomy) -> None:
        if taxonomy is self._taxonomy:  # not one for a catalogue switched away from meanwhile
            self._finder = finder

    def _typed(self, text: str) -> None:
        self._learn_pinyin()
        self.matches.clear()
        self._codes = {}
        for match in self._finder.find(text):
            shown = self._describe(match)
            self._codes[shown] = match.code
            self.matches.appendRow(QStandardItem(shown))
        if self.matches.rowCount():
            self.completer.complete(self._popup_rect())
        elif (popup := self.completer.popup()) is not None:
            popup.hide()

    def _popup_rect(self) -> QRect:
        """Under the box, as wide as the longest match needs (English paths are long), within the
        window: the box itself is narrower than most paths."""
        edit = self._combo.lineEdit()
        assert edit is not None
        rect, window = edit.rect(), self._combo.window()
        metrics = edit.fontMetrics()
        texts = (self.matches.item(row).text() for row in range(self.matches.rowCount()))
        wanted = max(metrics.horizontalAdvance(text) for text in texts) + 4 * metrics.averageCharWidth()
        room = window.width() - edit.mapTo(window, QPoint(0, 0)).x()
        rect.setWidth(max(rect.width(), min(wanted, room)))
        return rect

    def _describe(self, match: CategoryMatch) -> str:
        path = self._taxonomy.path_label(match.code, english=is_english())
        why = {
            MatchedOn.KEYWORD: self.tr("关键词：%1"),
            MatchedOn.PINYIN: self.tr("拼音：%1"),
            MatchedOn.INITIALS: self.tr("首字母：%1"),
            MatchedOn.MENTIONED: self.tr("提到：%1"),
        }.get(match.matched_on)
        return path if why is None else f"{path}　· {fill(why, match.word)}"

    def _chosen(self, shown: str) -> None:
        self._combo.setCurrentIndex(max(0, self._combo.findData(self._codes.get(shown))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down with no list open would step through the categories unseen: open the list instead.
        popup = self.completer.popup()
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _KEYS_THAT_CHOOSE
            and not (popup is not None and popup.isVisible())
        ):
            edit = self._combo.lineEdit()
            self._typed(edit.text() if edit is not None else "")
            return True
        return super().eventFilter(watched, event)
