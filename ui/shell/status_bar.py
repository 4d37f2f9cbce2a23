"""The seat status bar: who is on this seat, in which state, and whether the server is reachable."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStatusBar, QToolButton, QWidget

from app.domain.call_states import CallPhase
from app.domain.desk import Desk
from app.domain.problem import fill
from app.domain.seat import Seat, SeatEvent, SeatState
from app.domain.status import Role
from sync.client.status import SyncState, SyncStatus
from ui import palette
from ui.call.call_panel import clock
from ui.elided import ElidedLabel
from ui.labels import label, worded
from ui.plain import plain_tip
from ui.shell.i18n import Retranslating
from ui.shell.system_check import Missing
from ui.sync.seat_sync import Risk, SecurityNotice

# The reasons of a 小休, kept in Chinese (they go to the team lead's board), shown translated.
BREAK_REASONS = (
    QT_TRANSLATE_NOOP("BreakReason", "休息"),
    QT_TRANSLATE_NOOP("BreakReason", "用餐"),
    QT_TRANSLATE_NOOP("BreakReason", "培训"),
    QT_TRANSLATE_NOOP("BreakReason", "会议"),
)
# The state box's entries: (state, break reason). 通话中 is shown, never chosen: the phone sets it;
# 离线 is what the server sees when the seat is gone.
ENTRIES = (
    (SeatState.IDLE, ""),
    (SeatState.ON_CALL, ""),
    (SeatState.WRAP_UP, ""),
    *((SeatState.BREAK, reason) for reason in BREAK_REASONS),
)
_CHOICE = {SeatState.IDLE: SeatEvent.CHOOSE_IDLE, SeatState.WRAP_UP: SeatEvent.CHOOSE_WRAP_UP}


def reason_label(reason: str) -> str:
    return QCoreApplication.translate("BreakReason", reason)


class SeatStatusBar(Retranslating, QStatusBar):
    """Shows the seat's desk (app.domain.desk) and forwards the operator's choices: a view only."""

    stateChosen = Signal(object, str)  # SeatEvent, the break's reason
    connectionClicked = Signal()  # sync now, or sign in when the server wants a login
    conflictsClicked = Signal()
    notificationsClicked = Signal()

    def __init__(self, seat: Seat, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seat = seat
        self._role = Role.OPERATOR  # until someone signs in in another role
        self._demo = demo
        self._sync: SyncStatus | None = None
        # A central server is configured and no round has answered yet: 正在连接, not 本机模式.
        self._connecting = False
        self._pending = 0
        self._desk: Desk | None = None
        self._now: datetime | None = None
        # Notices and names give up width first (shown whole in their tooltips): on a 1366-pixel
        # screen the status bar must never make the window wider.
        self.seat_label = ElidedLabel(objectName="seatLabel")
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("seatState")
        for state, _reason in ENTRIES:
            self.state_combo.addItem("", state.value)
        model = self.state_combo.model()
        assert isinstance(model, QStandardItemModel)
        on_call = model.item(ENTRIES.index((SeatState.ON_CALL, "")))
        on_call.setFlags(on_call.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.state_combo.activated.connect(self._chosen)  # the operator's choice, not the view's updates
        self.clock_label = ElidedLabel(objectName="seatClock")
        self.connection_label = QToolButton()
        self.connection_label.setObjectName("connection")
        self.connection_label.setAutoRaise(True)
        self.connection_label.clicked.connect(self.connectionClicked)
        self.conflicts_button = QToolButton()
        self.conflicts_button.setObjectName("conflicts")
        self.conflicts_button.setAutoRaise(True)
        self.conflicts_button.setStyleSheet(f"color: {palette.ERROR}; font-weight: bold;")
        self.conflicts_button.clicked.connect(self.conflictsClicked)
        self.conflicts_button.hide()
        self._unread = 0
        self.notifications_button = QToolButton()  # 通知 N: unread notifications; opens the list
        self.notifications_button.setObjectName("unreadNotifications")
        self.notifications_button.setAutoRaise(True)
        self.notifications_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notifications_button.setStyleSheet("font-weight: bold;")
        self.notifications_button.clicked.connect(self.notificationsClicked)
        self.notifications_button.hide()
        self.demo_label = ElidedLabel(objectName="demoLabel")
        self.demo_label.setStyleSheet(f"color: {palette.WARNING}; font-weight: bold;")
        self.demo_label.setVisible(demo)
        self._missing: list[Missing] = []
        self.system_label = ElidedLabel(objectName="systemMissing")
        self.system_label.setStyleSheet(f"color: {palette.ERROR};")
        self.system_label.hide()
        self._security: list[SecurityNotice] = []
        self.security_label = ElidedLabel(objectName="securityWarnings")
        self.security_label.setStyleSheet(f"color: {palette.ERROR}; font-weight: bold;")
        self.security_label.hide()
        for widget in (
            self.security_label,
            self.system_label,
            self.demo_label,
            self.seat_label,
            self.clock_label,
            self.state_combo,
            self.notifications_button,
            self.conflicts_button,
            self.connection_label,
        ):
            self.addPermanentWidget(widget)
        self.retranslate()

    @property
    def state(self) -> SeatState:
        # Qt hands enum data back as plain str, so the combo keeps the value and we rebuild the enum.
        return SeatState(self.state_combo.currentData())

    def show_desk(self, desk: Desk, now: datetime) -> None:
        """The seat's state, its break's reason, and the running clock: call time or wrap-up left."""
        self._desk, self._now = desk, now
        seat = desk.seat
        shown = (seat.state, seat.break_reason if seat.state is SeatState.BREAK else "")
        # A reason not in the list (set elsewhere) shows as the state's first entry.
        index = next((i for i, entry in enumerate(ENTRIES) if entry == shown), None)
        if index is None:
            index = next(i for i, (state, _reason) in enumerate(ENTRIES) if state is seat.state)
        self.state_combo.setCurrentIndex(index)
        self._show_clock()

    def choose_break(self) -> None:
        """F10: open the state box on the break reasons, to pick one with the arrow keys and Enter."""
        self.state_combo.setCurrentIndex(ENTRIES.index((SeatState.BREAK, BREAK_REASONS[0])))
        self.state_combo.setFocus()
        self.state_combo.showPopup()

    def set_operator(self, operator: str, role: Role = Role.OPERATOR) -> None:
        """Who works here, in the role they signed in with (班长 李华, 承办单位 王科长)."""
        self._seat = Seat(self._seat.seat_id, operator)
        self._role = role
        self.retranslate()

    def show_connecting(self) -> None:
        """A central server is configured: 正在连接 until its first round answers (a round on its way,
        同步中, is no answer yet), rather than looking signed out or standalone meanwhile."""
        self._connecting = True
        self.retranslate()

    def show_sync(self, status: SyncStatus | None, pending: int | None = None) -> None:
        """What the sync loop last reported; None while no central server is configured (本机模式)."""
        if self._connecting and (status is None or status.state is not SyncState.SYNCING):
            self._connecting = False
            self.retranslate()  # the operator's label too
        self._sync = status
        self._pending = status.pending if status is not None else (pending or 0)
        self._show_connection()

    def show_missing(self, parts: list[Missing]) -> None:
        """System parts the seat runs without (系统组件缺失), each with its fix in the tooltip."""
        self._missing = parts
        self.system_label.setVisible(bool(parts))
        self.retranslate()

    def show_security(self, notices: list[SecurityNotice]) -> None:
        """Risks of the link to the server (登录不保存, 未加密连接 …), shown for as long as they hold."""
        self._security = notices
        self.security_label.setVisible(bool(notices))
        self.retranslate()

    def show_unread(self, count: int) -> None:
        """How many notifications are unread (shown only when there are some)."""
        self._unread = count
        self.notifications_button.setVisible(count > 0)
        self._show_unread()

    def _show_unread(self) -> None:
        self.notifications_button.setText(fill(self.tr("通知 %1"), str(self._unread)))
        self.notifications_button.setToolTip(self.tr("未读通知，点击查看 (Ctrl+Shift+M)"))

    def _security_text(self, notice: SecurityNotice) -> tuple[str, str]:
        if notice.risk is Risk.LOGIN_NOT_KEPT:
            return self.tr("登录不保存（无系统密钥环）"), self.tr(
                "没有可用的系统密钥环：登录凭据只保存在内存中，不写入任何文件，关闭程序后需重新登录。"
                "请 IT 启用系统密钥环（Windows 凭据管理器 / macOS 钥匙串 / GNOME Keyring 或 KWallet）。"
            )
        if notice.risk is Risk.UNENCRYPTED:
            return self.tr("未加密连接"), self.tr(
                "与中心服务器的连接未加密 (http://)：密码和市民信息以明文在网络上传输。"
                "这是管理员设置 server.allow_insecure_http 允许的；请尽快改用 https://。"
            )
        if notice.risk is Risk.CALL_SOCKET_REFUSED:
            return self.tr("来电事件已停用（套接字不安全）"), self.tr(
                "来电事件套接字所在的文件夹或套接字属于其他用户或权限过宽，为防止来电号码被他人接收，"
                "本机不接收来电事件。请 IT 检查后重启程序。"
            )
        return self.tr("已拒绝未加密连接"), self.tr(
            "中心服务器地址不是本机却使用 http://：为保护密码和市民信息，不与其同步，工单保存在本机。"
            "请在设置中改用 https:// 地址。"
        )

    def _missing_text(self, part: Missing) -> str:
        if part.part == "font":  # said in ASCII: without the font, Chinese would be boxes
            return f"No Chinese font ({part.fix})"
        return fill(self.tr("无实时录音（缺少 %1）"), part.reason)

    @property
    def pending(self) -> int:
        return self._pending

    def retranslate(self) -> None:
        operator = self._seat.operator or (self.tr("正在连接…") if self._connecting else self.tr("未登录"))
        self.seat_label.setText(
            fill(self.tr("坐席 %1 · %2 %3"), self._seat.seat_id, label(self._role), operator)
        )
        for index, (state, reason) in enumerate(ENTRIES):
            text = fill(self.tr("%1：%2"), label(state), reason_label(reason)) if reason else label(state)
            self.state_combo.setItemText(index, text)
        self.state_combo.setToolTip(self.tr("坐席状态 (F9 空闲, F10 小休, F8 话后处理)"))
        self._show_clock()
        self.system_label.setText(" · ".join(self._missing_text(part) for part in self._missing))
        self.system_label.setToolTip(
            "\n".join(f"{self._missing_text(part)}: {part.fix}" for part in self._missing)
        )
        texts = [self._security_text(notice) for notice in self._security]
        self.security_label.setText(" · ".join(text for text, _tip in texts))
        self.security_label.setToolTip(
            "\n\n".join(
                f"{tip}\n{worded(notice.detail)}".strip()
                for (_text, tip), notice in zip(texts, self._security, strict=True)
            )
        )
        self._show_unread()
        self.demo_label.setText(self.tr("演示数据"))
        self.demo_label.setToolTip(self.tr("本机数据库中的工单为演示数据，不会同步到中心服务器"))
        self._show_connection()

    def _show_connection(self) -> None:
        status, pending = self._sync, self._pending
        text, color, tip = self._connection_text(status)
        if pending and (status is None or status.state is not SyncState.SYNCING):
            text += fill(self.tr(" · 待同步 %1"), str(pending))
        if status is not None and status.error:
            tip += "\n" + worded(status.error)
        self.connection_label.setText(text)
        self.connection_label.setToolTip(plain_tip(tip))  # holds the server's message
        self.connection_label.setStyleSheet(f"color: {color};")
        conflicts = status.conflicts if status is not None else 0
        self.conflicts_button.setVisible(conflicts > 0)
        self.conflicts_button.setText(fill(self.tr("冲突 %1"), str(conflicts)))
        self.conflicts_button.setToolTip(self.tr("有同步冲突或被退回的修改，点击查看并处理"))

    def _connection_text(self, status: SyncStatus | None) -> tuple[str, str, str]:
        if self._connecting:
            return (
                self.tr("正在连接中心服务器…"),
                palette.SYNCING,
                self.tr("正在连接中心服务器并登录；在此之前工单保存在本机"),
            )
        if status is None:
            return (
                self.tr("本机模式（未配置中心服务器）"),
                palette.MUTED,
                self.tr("工单保存在本机待同步队列；在设置中填写中心服务器地址后即可同步"),
            )
        if status.state is SyncState.ONLINE:
            return self.tr("在线"), palette.ONLINE, self.tr("已连接中心服务器；点击立即同步 (F6)")
        if status.state is SyncState.SYNCING:
            return (
                fill(self.tr("同步中 %1"), str(status.pending)),
                palette.SYNCING,
                self.tr("正在与中心服务器同步"),
            )
        if status.state is SyncState.AUTH_REQUIRED:
            return self.tr("未登录中心服务器"), palette.WARNING, self.tr("点击登录；登录前工单保存在本机")
        retry = "" if status.retry_in is None else fill(self.tr("，%1 秒后重试"), str(round(status.retry_in)))
        return (
            self.tr("离线"),
            palette.ERROR,
            fill(self.tr("无法连接中心服务器%1；工单保存在本机，恢复后自动同步"), retry),
        )

    def _show_clock(self) -> None:
        desk, now = self._desk, self._now
        text = "" if desk is None or now is None else self._clock_text(desk, now)
        # The countdown must catch the eye: the seat gets no calls while it runs.
        wrap_up = desk is not None and desk.seat.state is SeatState.WRAP_UP
        self.clock_label.setStyleSheet(f"color: {palette.WARNING}; font-weight: bold;" if wrap_up else "")
        self.clock_label.setText(text)
        self.clock_label.setVisible(bool(text))

    def _clock_text(self, desk: Desk, now: datetime) -> str:
        seat, call = desk.seat, desk.live
        if call is not None and call.phase is CallPhase.RINGING:
            return fill(self.tr("来电 %1"), call.caller or self.tr("（未显示号码）"))
        if call is not None:
            return f"{label(call.phase)} {clock(call.talk_seconds(now))}"
        if (left := seat.remaining(now)) is not None:
            text = fill(self.tr("话后处理 剩 %1 秒"), str(round(left)))
            if seat.break_next:
                text += fill(self.tr("，之后小休（%1）"), reason_label(seat.break_next))
            return text
        if seat.state is SeatState.BREAK:
            return fill(self.tr("小休 %1"), clock((now - seat.since).total_seconds()))
        return ""

    def _chosen(self, index: int) -> None:
        state, reason = ENTRIES[index]
        event = SeatEvent.CHOOSE_BREAK if state is SeatState.BREAK else _CHOICE[state]
        self.stateChosen.emit(event, reason)
