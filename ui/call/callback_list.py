"""The callback list (漏接回拨 · 回访): the numbers this seat has to call back, oldest first, then
today's done ones with their results. Enter starts a callback (the window opens its draft); the
result keys record how an attempt ended. Rows come from the store off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.callback import Callback
from app.domain.callback_states import CallbackEvent, CallbackKind
from app.domain.problem import fill
from app.export.table import Personal
from app.store.changes import Changes
from app.workspace import Workspace
from ui.export.export_action import PERSONAL_ROLE
from ui.labels import error_text, label
from ui.ops import BackgroundOp, ChangeBus, write_op
from ui.shell.i18n import Retranslating

START_KEYS = ("Return", "Enter")
# The results an operator records by hand; 已回拨 is recorded by filing the callback's ticket.
RESULT_KEYS = {
    CallbackEvent.NO_ANSWER: "Ctrl+Shift+N",
    CallbackEvent.WRONG_NUMBER: "Ctrl+Shift+W",
    CallbackEvent.NOT_NEEDED: "Ctrl+Shift+X",
}
NUMBER_COLUMN = 1
SEAT_COLUMN = 6
Central = Callable[[], list[Callback]]  # every seat's unreturned calls, read from the server
DONE_SHOWN = timedelta(hours=12)  # done callbacks stay listed this long: the shift sees its results


class CallbackList(Retranslating, QWidget):
    callbackRequested = Signal(object)  # Callback: the operator starts calling it back (Enter)
    resultRecorded = Signal(object)  # Callback: after an attempt's result was kept

    def __init__(self, workspace: Workspace, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbackList")
        self._ws, self._bus = workspace, bus
        self._asked = 0  # the latest listing asked for: only its answer is shown
        self.callbacks: list[Callback] = []
        self.tree = QTreeWidget(self, objectName="callbacks")
        self.tree.setRootIsDecorated(False)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setColumnCount(7)
        self.tree.setColumnHidden(SEAT_COLUMN, True)  # shown with every seat's calls (a lead's view)
        # 导出 (ui.export): an operator lists only its own seat's calls; a lead's every seat's, which
        # a lead may take out in full anyway.
        self.tree.setProperty("exportName", "callbacks")
        self.tree.setProperty("exportOwn", True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.start_selected())  # Enter: the action
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.count = QLabel(self)
        # 班长: every seat's unreturned calls, from the server; hidden for anyone else.
        self.all_seats = QCheckBox(self, objectName="allSeats", visible=False)
        self.all_seats.toggled.connect(self._all_seats_toggled)
        self._central: Central | None = None
        self.problem = QLabel(self, objectName="callbackProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.start_button = QPushButton(self, objectName="startCallback")
        self.start_button.clicked.connect(self.start_selected)
        self.result_buttons: dict[CallbackEvent, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        self._key_action(START_KEYS, self.start_selected)
        for event, key in RESULT_KEYS.items():
            button = QPushButton(self, objectName=f"result_{event.value}")
            button.clicked.connect(lambda _checked=False, e=event: self.record(e))
            self.result_buttons[event] = button
            buttons.addWidget(button)
            self._key_action((key,), partial(self.record, event))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addWidget(self.all_seats)
        layout.addWidget(self.count)
        self.setFocusProxy(self.tree)
        bus.changed.connect(self._changed)
        self.retranslate()
        self._enable()

    def _key_action(self, keys: tuple[str, ...], slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def retranslate(self) -> None:
        self.tree.setHeaderLabels(
            [
                self.tr("来电时间"),
                self.tr("号码"),
                self.tr("类型"),
                self.tr("未接"),
                self.tr("回拨次数"),
                self.tr("状态"),
                self.tr("坐席"),
            ]
        )
        self.tree.headerItem().setData(NUMBER_COLUMN, PERSONAL_ROLE, Personal.PHONE.value)
        self.all_seats.setText(self.tr("全部坐席的未回拨来电（服务器）"))
        native = QKeySequence.SequenceFormat.NativeText
        self.start_button.setText(fill(self.tr("回拨 (%1)"), QKeySequence(START_KEYS[0]).toString(native)))
        for event, button in self.result_buttons.items():
            button.setText(fill("%1 (%2)", label(event), QKeySequence(RESULT_KEYS[event]).toString(native)))
        # Actions carry the texts the shortcut list (F1) shows.
        texts = [self.tr("回拨选中的号码"), *(fill(self.tr("回拨结果：%1"), label(e)) for e in RESULT_KEYS)]
        for action, text in zip(self.actions(), texts, strict=True):
            action.setText(text)
        self._show(self.callbacks)

    # -- reading -----------------------------------------------------------------------------
    def set_central(self, central: Central | None) -> None:
        """Where a lead reads every seat's unreturned calls (the server); None: not a lead."""
        self._central = central
        self.all_seats.setVisible(central is not None)
        if central is None and self.all_seats.isChecked():
            self.all_seats.setChecked(False)  # refreshes with this seat's own list

    @property
    def showing_all_seats(self) -> bool:
        return self._central is not None and self.all_seats.isChecked()

    def _all_seats_toggled(self, _checked: bool) -> None:
        self.tree.setColumnHidden(SEAT_COLUMN, not self.showing_all_seats)
        self.refresh()

    def refresh(self) -> None:
        store, seat = self._ws.callbacks, self._ws.seat.seat_id
        since = datetime.now(self._ws.zone) - DONE_SHOWN
        self._asked += 1
        asked = self._asked

        def shown(found: list[Callback]) -> None:
            if asked == self._asked:  # an older listing answering late is not shown over a newer one
                self.problem.hide()
                self._show(found)

        central = self._central if self.showing_all_seats else None
        work = central if central is not None else (lambda: store.listing(seat, done_since=since))
        BackgroundOp(self, work).success(shown).failure(self.show_problem).run()

    def _changed(self, changes: Changes) -> None:
        if changes.callbacks:
            self.refresh()

    def _show(self, callbacks: list[Callback]) -> None:
        kept = self.selected()
        self.callbacks = callbacks
        self.tree.clear()
        zone = self._ws.zone
        for callback in callbacks:
            state = label(callback.state) if callback.result is None else label(callback.result)
            if callback.open and callback.result is not None:  # 未接通, waiting for another try
                state = fill("%1 · %2", label(callback.state), label(callback.result))
            item = QTreeWidgetItem(
                [
                    callback.at.astimezone(zone).strftime("%m-%d %H:%M"),
                    callback.number,
                    label(callback.kind),
                    str(callback.rings) if callback.kind is CallbackKind.MISSED else "",  # 回访 never rang
                    str(callback.attempts),
                    state,
                    callback.seat_id,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, callback.id)
            if not callback.open:
                for column in range(item.columnCount()):
                    item.setForeground(column, self.palette().placeholderText())
            self.tree.addTopLevelItem(item)
            if kept is not None and callback.id == kept.id:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        waiting = sum(1 for c in callbacks if c.open)
        self.count.setText(fill(self.tr("待回拨 %1 个"), waiting))
        self._enable()

    def selected(self) -> Callback | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        wanted = item.data(0, Qt.ItemDataRole.UserRole)
        return next((c for c in self.callbacks if c.id == wanted), None)

    def _enable(self) -> None:
        callback = self.selected()
        # Another seat's callbacks are that seat's to return: a lead sees them, the seat acts on them.
        is_open = callback is not None and callback.open and not self.showing_all_seats
        self.start_button.setEnabled(is_open)
        for button in self.result_buttons.values():
            button.setEnabled(is_open)

    # -- acting ------------------------------------------------------------------------------
    def start_selected(self) -> None:
        callback = self.selected()
        if callback is not None and callback.open and not self.showing_all_seats:
            self.callbackRequested.emit(callback)

    def record(self, event: CallbackEvent) -> None:
        """How the selected callback's attempt ended (未接通, 号码错误, 无需回拨)."""
        callback = self.selected()
        if callback is None or not callback.open or self.showing_all_seats:
            return
        store = self._ws.callbacks
        op = write_op(self, self._bus, lambda: store.step(callback.id, event), self._recorded)
        op.failure(self.show_problem).run()

    def _recorded(self, callback: Callback) -> None:
        self.problem.hide()
        self.resultRecorded.emit(callback)

    def show_problem(self, exc: Exception) -> None:
        self.problem.setText(error_text(exc))
        self.problem.show()
