"""数据库口令: asked before the store opens, only where the OS offers no keyring for the store key.

The first run sets the passphrase (typed twice); later runs ask for it. The core (app/store/keys.py)
checks it and asks again with the reason (wrong passphrase, too short), shown here as it comes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.problem import fill
from app.store.keys import MIN_PASSPHRASE, PassphraseRequest
from ui import palette
from ui.labels import problem_text


class PassphraseDialog(QDialog):
    def __init__(self, request: PassphraseRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setMinimumWidth(480)
        self._new = request.new
        self.setWindowTitle(self.tr("设置数据库口令") if request.new else self.tr("输入数据库口令"))
        if request.new:
            about = fill(
                self.tr(
                    "本机没有可用的系统密钥环。本地数据库（来电人信息、草稿、通话转写）将用口令加密保存，"
                    "以后每次启动都需要输入此口令。口令至少 %1 个字符；忘记口令将无法读取本机尚未同步的数据。"
                ),
                str(MIN_PASSPHRASE),
            )
        else:
            about = self.tr("本地数据库已用口令加密，请输入口令以打开。")
        note = QLabel(about)
        note.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("口令"), self.passphrase)
        if request.new:
            form.addRow(self.tr("再次输入"), self.repeat)
        self.message = QLabel(problem_text(request.problem) if request.problem else "")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {palette.ERROR};")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def submit(self) -> None:
        if self._new and self.passphrase.text() != self.repeat.text():
            self.message.setText(self.tr("两次输入的口令不一致"))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        self.accept()

    def answer(self) -> str | None:
        return self.passphrase.text() if self.result() == QDialog.DialogCode.Accepted else None


def ask_store_passphrase(request: PassphraseRequest) -> str | None:
    """The PassphraseProvider the seat gives the store: a modal dialog before the main window."""
    dialog = PassphraseDialog(request)
    dialog.exec()
    return dialog.answer()
