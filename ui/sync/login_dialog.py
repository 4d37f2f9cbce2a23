"""登录中心服务器: server address, account and password; the password is used once and never kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.config.transport import InsecureServer
from app.domain.problem import fill
from sync.client.api import AuthRequired, Offline, ServerRefused
from sync.client.credentials import KeyringUnavailable
from sync.protocol import UserInfo
from ui import palette
from ui.labels import error_text
from ui.ops import BackgroundOp
from ui.plain import plain

# (server url, username, password) -> the signed-in user; runs off the GUI thread.
Login = Callable[[str, str, str], UserInfo]


class LoginDialog(QDialog):
    """Asks for the account; `user` holds who signed in after the dialog is accepted."""

    def __init__(
        self,
        login: Login,
        *,
        server_url: str,
        username: str,
        kept: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """`kept`: False when there is no OS keyring and the login lasts for this run only."""
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("登录中心服务器"))
        self.setMinimumWidth(460)
        self._login = login
        self.user: UserInfo | None = None
        self.server = QLineEdit(server_url)
        self.server.setObjectName("server")
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = plain(QLabel())
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {palette.ERROR};")
        form = QFormLayout()
        form.addRow(self.tr("服务器地址"), self.server)
        form.addRow(self.tr("账号"), self.username)
        form.addRow(self.tr("密码"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr("密码只用于本次登录；登录凭据保存在系统钥匙串中，不写入任何文件。")
            if kept
            else self.tr("没有系统密钥环：登录只在程序运行期间有效，不写入任何文件，下次启动需重新登录。")
        )
        note.setObjectName("note")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        server, username, password = (
            self.server.text().strip(),
            self.username.text().strip(),
            self.password.text(),
        )
        if not server or not username or not password:
            self.message.setText(self.tr("请填写服务器地址、账号和密码。"))
            return
        self._busy(True)
        BackgroundOp(self, lambda: self._login(server, username, password)).success(self._signed_in).failure(
            self._refused
        ).run()

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.message.setText(self.tr("正在登录…") if busy else "")

    def _signed_in(self, user: UserInfo) -> None:
        self.user = user
        self.password.clear()
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._busy(False)
        self.password.clear()
        self.message.setText(self.explain(error))
        self.password.setFocus()

    def explain(self, error: Exception) -> str:
        """What the operator should know about a failed login, in their language."""
        if isinstance(error, AuthRequired) or (isinstance(error, ServerRefused) and error.status == 401):
            return self.tr("账号或密码不正确。")
        if isinstance(error, Offline):
            return self.tr("无法连接中心服务器，请检查地址和网络；工单会先保存在本机。")
        if isinstance(error, InsecureServer):
            return self.tr("不安全的服务器地址：只有本机服务器可以使用 http://，其他服务器请使用 https://。")
        if isinstance(error, KeyringUnavailable):
            return fill(self.tr("系统钥匙串不可用，无法安全保存登录凭据：%1"), str(error))
        if isinstance(error, ServerRefused):
            # The server's reason: locked out for N s (429), account disabled (403).
            return fill(self.tr("登录失败：%1"), error_text(error))
        return fill(self.tr("登录失败：%1"), error_text(error))
