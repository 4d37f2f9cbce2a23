"""账号管理 (admins) and 修改密码 (everyone): dialogs over the central server's account calls.

Every call runs on a worker (BackgroundOp); the server checks the role on each one, so hiding the
menu entry from non-admins is a convenience, not the protection. The dialogs only show and forward.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar import DEFAULT_TIMEZONE
from app.domain.problem import fill
from app.domain.status import Role
from sync.protocol import NewUser, UserAccount, UserInfo
from ui import palette
from ui.labels import error_text, label
from ui.ops import BackgroundOp
from ui.shell.i18n import Retranslating

T = TypeVar("T")
ROLES = (Role.OPERATOR, Role.TEAM_LEAD, Role.ADMIN, Role.DEPARTMENT)


class AccountCalls(Protocol):
    """What the dialogs ask of the server (sync.client.api.ServerApi); called off the GUI thread."""

    def accounts(self) -> list[UserAccount]: ...
    def add_account(self, account: NewUser) -> UserInfo: ...
    def set_disabled(self, username: str, disabled: bool) -> None: ...
    def reset_password(self, username: str, password: str) -> None: ...
    def revoke_sessions(self, username: str) -> None: ...
    def change_password(self, old: str, new: str) -> None: ...


Link = Callable[[], AccountCalls]  # raises Offline when there is no server to ask


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PasswordDialog(Retranslating, QDialog):
    """A new password typed twice; with `ask_old`, the current one first (修改密码)."""

    def __init__(self, parent: QWidget | None = None, *, ask_old: bool = False, account: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.account = account
        self.old = _password_field("oldPassword") if ask_old else None
        self.new = _password_field("newPassword")
        self.again = _password_field("newPasswordAgain")
        self.message = QLabel(objectName="passwordMessage", wordWrap=True)
        self.message.setStyleSheet(f"color: {palette.ERROR};")
        self.hint = QLabel(objectName="passwordHint", wordWrap=True)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(3 if self.old is not None else 2)]
        fields = ([self.old] if self.old is not None else []) + [self.new, self.again]
        for text, field in zip(self.labels, fields, strict=True):
            self.form.addRow(text, field)
        self.setMinimumWidth(460)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        if self.old is not None:
            self.setWindowTitle(self.tr("修改密码"))
        else:
            self.setWindowTitle(fill(self.tr("重置密码：%1"), self.account))
        texts = ([self.tr("当前密码")] if self.old is not None else []) + [
            self.tr("新密码"),
            self.tr("再次输入"),
        ]
        for shown, text in zip(self.labels, texts, strict=True):
            shown.setText(text)
        self.hint.setText(self.tr("至少 10 位，不能含用户名，不能是常见密码。"))

    def submit(self) -> None:
        if not self.new.text():
            self.message.setText(self.tr("请输入新密码。"))
        elif self.new.text() != self.again.text():
            self.message.setText(self.tr("两次输入的新密码不同。"))
        else:
            self.message.clear()
            self.accept()


class NewAccountDialog(Retranslating, QDialog):
    """新建账号: the fields of NewUser; the server checks them again (and the password rule)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newAccountDialog")
        self.username = QLineEdit(objectName="newUsername")
        self.display_name = QLineEdit(objectName="newDisplayName")
        self.role = QComboBox(objectName="newRole")
        for role in ROLES:
            self.role.addItem("", role)
        self.seat = QLineEdit(objectName="newSeat")
        self.password = _password_field("newAccountPassword")
        self.again = _password_field("newAccountPasswordAgain")
        self.message = QLabel(objectName="newAccountMessage", wordWrap=True)
        self.message.setStyleSheet(f"color: {palette.ERROR};")
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(6)]
        fields = (self.username, self.display_name, self.role, self.seat, self.password, self.again)
        for text, field in zip(self.labels, fields, strict=True):
            self.form.addRow(text, field)
        self.setMinimumWidth(460)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("新建账号"))
        texts = (
            self.tr("用户名"),
            self.tr("显示名"),
            self.tr("角色"),
            self.tr("坐席号/单位代码"),
            self.tr("密码"),
            self.tr("再次输入"),
        )
        for shown, text in zip(self.labels, texts, strict=True):
            shown.setText(text)
        for index, role in enumerate(ROLES):
            self.role.setItemText(index, label(role))

    def account(self) -> NewUser:
        """The account asked for; ValueError if it is not a valid one."""
        return NewUser(
            username=self.username.text().strip(),
            password=self.password.text(),
            role=self.role.currentData(),
            seat_id=self.seat.text().strip() or None,
            display_name=self.display_name.text().strip() or None,
        )

    def submit(self) -> None:
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("两次输入的密码不同。"))
            return
        try:
            self.account()
        except ValueError:
            self.message.setText(self.tr("用户名只能用字母、数字和 _ . -，密码至少 8 位。"))
            return
        self.accept()


class AccountsDialog(Retranslating, QDialog):
    """账号管理: every account with its state; add, disable/enable, reset a password, end sessions."""

    settled = Signal()  # a call to the server finished (its outcome is in `message`)

    def __init__(self, link: Link, parent: QWidget | None = None, *, zone: tzinfo | None = None) -> None:
        """`zone`: the centre's (the workspace's); times are shown in it, not in the PC's zone."""
        super().__init__(parent)
        self.setObjectName("accountsDialog")
        self._zone = zone or ZoneInfo(DEFAULT_TIMEZONE)
        self.resize(960, 560)
        self._link = link
        self.accounts: list[UserAccount] = []
        self.table = QTableWidget(0, 7, objectName="accountsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons = {
            name: QPushButton(objectName=f"accounts_{name}")
            for name in ("refresh", "add", "disable", "enable", "reset", "revoke")
        }
        self.buttons["refresh"].clicked.connect(self.refresh)
        self.buttons["add"].clicked.connect(self.add)
        self.buttons["disable"].clicked.connect(lambda: self._change("disable"))
        self.buttons["enable"].clicked.connect(lambda: self._change("enable"))
        self.buttons["reset"].clicked.connect(self.reset_password)
        self.buttons["revoke"].clicked.connect(lambda: self._change("revoke"))
        self.message = QLabel(objectName="accountsMessage", wordWrap=True)
        self.pending: QDialog | None = None  # the add/reset form open now
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()
        self._selection_changed()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("账号管理"))
        texts = {
            "refresh": self.tr("刷新"),
            "add": self.tr("新建账号…"),
            "disable": self.tr("停用"),
            "enable": self.tr("启用"),
            "reset": self.tr("重置密码…"),
            "revoke": self.tr("结束全部会话"),
        }
        for name, text in texts.items():
            self.buttons[name].setText(text)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("用户名"),
                self.tr("显示名"),
                self.tr("角色"),
                self.tr("坐席号/单位代码"),
                self.tr("状态"),
                self.tr("会话数"),
                self.tr("锁定至"),
            ]
        )
        self._fill()

    # -- reading --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        link = self._link
        self._run(lambda: link().accounts(), self._show, busy=self.tr("正在读取账号…"))

    def _show(self, accounts: list[UserAccount]) -> None:
        self.accounts = accounts
        self._fill()
        self.message.setText(fill(self.tr("共 %1 个账号。"), str(len(accounts))))

    def _fill(self) -> None:
        chosen = self.selected()
        self.table.setRowCount(len(self.accounts))
        for row, a in enumerate(self.accounts):
            locked = (
                a.locked_until.astimezone(self._zone).strftime("%Y-%m-%d %H:%M") if a.locked_until else ""
            )
            state = self.tr("已停用") if a.disabled else self.tr("正常")
            cells = (
                a.username,
                a.display_name,
                label(a.role),
                a.seat_id or "",
                state,
                str(a.sessions),
                locked,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if chosen is not None and a.username == chosen.username:
                self.table.selectRow(row)

    def selected(self) -> UserAccount | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.accounts):
            return None
        return self.accounts[rows[0].row()]

    def select(self, username: str) -> None:
        for row, a in enumerate(self.accounts):
            if a.username == username:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        for name in ("reset", "revoke"):
            self.buttons[name].setEnabled(chosen is not None)
        self.buttons["disable"].setEnabled(chosen is not None and not chosen.disabled)
        self.buttons["enable"].setEnabled(chosen is not None and chosen.disabled)

    # -- changing -------------------------------------------------------------------------------------

    def _change(self, what: str) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        link, name = self._link, chosen.username
        calls: dict[str, Callable[[], None]] = {
            "disable": lambda: link().set_disabled(name, True),
            "enable": lambda: link().set_disabled(name, False),
            "revoke": lambda: link().revoke_sessions(name),
        }
        texts = {
            "disable": self.tr("已停用 %1，其会话已结束。"),
            "enable": self.tr("已启用 %1。"),
            "revoke": self.tr("已结束 %1 的全部会话。"),
        }
        done = fill(texts[what], name)
        self._run(calls[what], lambda _none: self._changed(done))

    def add(self) -> None:
        form = NewAccountDialog(self)
        self.pending = form
        link = self._link

        def send() -> None:
            account = form.account()
            self._run(
                lambda: link().add_account(account),
                lambda info: self._changed(fill(self.tr("已新建账号 %1。"), info.username)),
            )

        form.accepted.connect(send)
        form.open()

    def reset_password(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        form = PasswordDialog(self, account=chosen.username)
        self.pending = form
        link, name = self._link, chosen.username

        def send() -> None:
            password = form.new.text()
            done = fill(self.tr("已重置 %1 的密码，其会话已结束。"), name)
            self._run(lambda: link().reset_password(name, password), lambda _none: self._changed(done))

        form.accepted.connect(send)
        form.open()

    def _changed(self, done: str) -> None:
        link = self._link

        def shown(accounts: list[UserAccount]) -> None:
            self.accounts = accounts
            self._fill()
            self.message.setText(done)

        self._run(lambda: link().accounts(), shown)

    def _run(self, work: Callable[[], T], then: Callable[[T], None], *, busy: str | None = None) -> None:
        if busy is not None:
            self.message.setText(busy)

        def succeeded(result: T) -> None:
            then(result)
            self._selection_changed()
            self.settled.emit()

        def failed(exc: Exception) -> None:
            self.message.setText(fill(self.tr("操作未完成：%1"), error_text(exc)))
            self.settled.emit()

        BackgroundOp(self, work).success(succeeded).failure(failed).run()


class ChangePasswordDialog(PasswordDialog):
    """修改密码 for the signed-in user: the server checks the current password and the rule."""

    answered = Signal()  # the server said yes or no

    def __init__(self, link: Link, parent: QWidget | None = None) -> None:
        super().__init__(parent, ask_old=True)
        self.setObjectName("changePasswordDialog")
        self._link = link
        self.changed = False

    def submit(self) -> None:
        if not self.new.text() or self.new.text() != self.again.text():
            super().submit()  # says what is wrong, stays open
            return
        assert self.old is not None
        old, new, link = self.old.text(), self.new.text(), self._link
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("正在修改…"))
        BackgroundOp(self, lambda: link().change_password(old, new)).success(self._succeeded).failure(
            self._failed
        ).run()

    def _succeeded(self, _none: None) -> None:
        self.changed = True
        self.answered.emit()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(fill(self.tr("密码未修改：%1"), error_text(exc)))
        self.answered.emit()
