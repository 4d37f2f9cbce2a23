"""The seat status bar: who is on this seat, in which state, and whether the server is reachable."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QStatusBar, QWidget

from app.domain.seat import Seat, SeatState
from ui.i18n import Retranslating
from ui.labels import label

# Seat states an operator can choose; 离线 is what the server sees when the seat is gone.
CHOOSABLE = (SeatState.IDLE, SeatState.ON_CALL, SeatState.WRAP_UP, SeatState.BREAK)


class SeatStatusBar(Retranslating, QStatusBar):
    stateChosen = Signal(object)  # SeatState

    def __init__(self, seat: Seat, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seat = seat
        self._demo = demo
        self._online: bool | None = None
        self._pending = 0
        self.seat_label = QLabel()
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("seatState")
        for state in CHOOSABLE:
            self.state_combo.addItem(label(state), state.value)
        self.state_combo.currentIndexChanged.connect(self._chosen)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connection")
        self.demo_label = QLabel()
        self.demo_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.demo_label.setVisible(demo)
        for widget in (self.demo_label, self.seat_label, self.state_combo, self.connection_label):
            self.addPermanentWidget(widget)
        self.retranslate()

    @property
    def state(self) -> SeatState:
        # Qt hands enum data back as plain str, so the combo keeps the value and we rebuild the enum.
        return SeatState(self.state_combo.currentData())

    def set_state(self, state: SeatState) -> None:
        self.state_combo.setCurrentIndex(CHOOSABLE.index(state))

    def set_connection(self, online: bool | None, pending: int) -> None:
        """online: True/False once a sync engine reports, None while no server is configured."""
        self._online, self._pending = online, pending
        self._show_connection()

    def retranslate(self) -> None:
        operator = self._seat.operator or self.tr("未登录")
        self.seat_label.setText(
            self.tr("坐席 %1 · 话务员 %2").replace("%1", self._seat.seat_id).replace("%2", operator)
        )
        for index, state in enumerate(CHOOSABLE):
            self.state_combo.setItemText(index, label(state))
        self.state_combo.setToolTip(self.tr("坐席状态 (F9 空闲, F10 小休, F8 话后处理)"))
        self.demo_label.setText(self.tr("演示数据"))
        self.demo_label.setToolTip(self.tr("本机数据库中的工单为演示数据，不会同步到中心服务器"))
        self._show_connection()

    def _show_connection(self) -> None:
        if self._online is None:
            text, color = self.tr("离线（未连接中心服务器）"), "#666666"
        elif self._online:
            text, color = self.tr("在线"), "#1b7f3b"
        else:
            text, color = self.tr("离线"), "#b3261e"
        if self._pending:
            text += self.tr(" · 待同步 %1").replace("%1", str(self._pending))
        self.connection_label.setText(text)
        self.connection_label.setStyleSheet(f"color: {color};")

    def _chosen(self, _index: int) -> None:
        self.stateChosen.emit(self.state)
