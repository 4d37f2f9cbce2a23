"""挂起的受理单: the half-filled forms a new call put aside, in a thin bar over the intake form.

Ctrl+Shift+P (the window's action, listed by F1) returns to the last one parked; the bar's button
does the same, its menu (Ctrl+Alt+P) to any of them. The list is read from the store in the
background whenever the form parks or resumes one, so it is the same after a restart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget

from app.domain.problem import fill
from app.store.drafts import ParkedDraft
from app.workspace import Workspace
from ui import palette
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.shell.i18n import Retranslating

RETURN_KEY = "Ctrl+Shift+P"
LIST_KEY = "Ctrl+Alt+P"
_SHOWN = 24  # characters of the request shown per parked draft


class ParkedDrafts(Retranslating, QWidget):
    """Hidden while nothing is parked."""

    chosen = Signal(str)  # the id of the parked draft to return to

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._parked: list[ParkedDraft] = []
        self._asked = 0
        self.setObjectName("parkedDrafts")
        self.setStyleSheet(
            f"#parkedDrafts {{ background: {palette.NOTICE_BACKGROUND}; border-radius: 4px; }}"
            f"#parkedDrafts QLabel {{ color: {palette.NOTICE_TEXT}; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.caption = plain(QLabel(objectName="parkedCaption"))
        self.caption.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.button = QToolButton(objectName="parkedReturn")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the form; the keys reach it
        self.button.clicked.connect(self._return_latest)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self._show()

    @property
    def drafts(self) -> list[ParkedDraft]:
        return list(self._parked)

    def latest(self) -> str | None:
        return self._parked[0].draft.id if self._parked else None

    def refresh(self) -> None:
        """Read the list again (after a park or a return, and at start)."""
        self._asked += 1
        asked, drafts, seat = self._asked, self._ws.drafts, self._ws.seat.seat_id
        BackgroundOp(self, lambda: drafts.parked(seat)).success(lambda found: self._found(asked, found)).run()

    def _found(self, asked: int, found: list[ParkedDraft]) -> None:
        if asked == self._asked:
            self._parked = found
            self._show()

    def line(self, parked: ParkedDraft) -> str:
        """One parked draft as listed: when it was put aside, the caller and the start of the request."""
        draft = parked.draft
        when = parked.parked_at.astimezone(self._ws.zone).strftime("%H:%M")
        request = " ".join(draft.content.split())
        request = request if len(request) <= _SHOWN else f"{request[:_SHOWN]}…"
        who = " ".join(p for p in (draft.caller_phone, draft.caller_name) if p) or self.tr("（未填来电人）")
        return "  ".join(p for p in (when, who, request) if p)

    def _show(self) -> None:
        parked = self._parked
        self.setVisible(bool(parked))
        self.caption.setText(fill(self.tr("挂起的受理单（%1）："), len(parked)))
        self.menu.clear()
        for entry in parked:
            action = self.menu.addAction(self.line(entry))
            action.triggered.connect(lambda _checked=False, i=entry.draft.id: self.chosen.emit(i))
        if parked:
            self.button.setText(fill(self.tr("返回 %1 (%2)"), self.line(parked[0]), RETURN_KEY))
            self.button.setToolTip(fill(self.tr("全部挂起的受理单：%1"), LIST_KEY))

    def _return_latest(self) -> None:
        if (latest := self.latest()) is not None:
            self.chosen.emit(latest)

    def show_list(self) -> None:
        """Ctrl+Alt+P: the list as a menu under the bar, to pick any of them by keyboard."""
        if self._parked:
            self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
