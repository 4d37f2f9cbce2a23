"""The notification list (通知): newest first, unread in bold; Return opens the ticket.

A view only: it shows what the Notifier read and forwards the operator's choices. Filling it never
moves the keyboard focus or the current row (a list refreshed mid-call must not disturb anyone).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.problem import fill
from app.notify.notification import Notification
from ui.notify import wording
from ui.shell.i18n import Retranslating

_ID = Qt.ItemDataRole.UserRole
_TICKET = Qt.ItemDataRole.UserRole + 1
MARK_READ_KEY = "Ctrl+D"  # inside the list: done with this one


class NotificationList(Retranslating, QWidget):
    ticketActivated = Signal(str)  # the ticket to open
    markRead = Signal(list)  # list[int]
    markAllRead = Signal()

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._notes: list[Notification] = []
        self.empty = QLabel()
        self.empty.setObjectName("notificationsEmpty")
        self.list = QListWidget()
        self.list.setObjectName("notifications")
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemActivated.connect(self._activated)
        self.read_button = QPushButton()
        self.read_button.setObjectName("markRead")
        self.read_button.clicked.connect(self._mark_selected)
        self.all_button = QPushButton()
        self.all_button.setObjectName("markAllRead")
        self.all_button.clicked.connect(self.markAllRead)
        for button in (self.read_button, self.all_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys go to the list
        # An action, not a bare shortcut: the window's shortcut list (F1) shows it with its text.
        self.read_action = QAction(self)
        self.read_action.setShortcut(QKeySequence(MARK_READ_KEY))
        self.read_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.read_action.triggered.connect(lambda _checked=False: self._mark_selected())
        self.addAction(self.read_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        self.retranslate()

    def show_notifications(self, notes: list[Notification]) -> None:
        """Fill the list; the current row stays on the same notification, the focus where it is."""
        current = self.list.currentItem()
        keep = current.data(_ID) if current is not None else None
        selected = {item.data(_ID) for item in self.list.selectedItems()}
        self._notes = notes
        blocked = self.list.blockSignals(True)
        self.list.clear()
        for note in notes:
            item = QListWidgetItem(self._line(note))
            item.setData(_ID, note.id)
            item.setData(_TICKET, note.ticket_id or "")
            font = item.font()
            font.setBold(note.unread)
            item.setFont(font)
            self.list.addItem(item)
            if note.id == keep:
                self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
            item.setSelected(note.id in selected)
        self.list.blockSignals(blocked)
        self.empty.setVisible(not notes)

    def focus_list(self) -> None:
        """The operator opened the list (its key, the counter): the keys go to it, on the newest row."""
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _line(self, note: Notification) -> str:
        when = note.created_at.astimezone(self._zone).strftime("%m-%d %H:%M")
        return f"{when}  [{wording.title(note.kind)}] {wording.text(note, self._zone)}"

    def _activated(self, item: QListWidgetItem) -> None:
        note_id, ticket = item.data(_ID), item.data(_TICKET)
        if note_id is not None:
            self.markRead.emit([note_id])
        if ticket:
            self.ticketActivated.emit(ticket)

    def _mark_selected(self) -> None:
        ids = [item.data(_ID) for item in self.list.selectedItems()]
        if not ids and (current := self.list.currentItem()) is not None:
            ids = [current.data(_ID)]
        if ids:
            self.markRead.emit(ids)

    def retranslate(self) -> None:
        self.read_button.setText(fill(self.tr("标为已读 (%1)"), MARK_READ_KEY))
        self.all_button.setText(self.tr("全部标为已读"))
        self.read_action.setText(self.tr("通知标为已读"))
        self.empty.setText(self.tr("没有通知"))
        for item, note in zip(
            (self.list.item(i) for i in range(self.list.count())), self._notes, strict=False
        ):
            item.setText(self._line(note))
