"""同步冲突: what this seat sent and what the server has, side by side, and the operator's decision.

Nothing typed is dropped silently: a conflicting or refused change stays listed here, readable, until
the operator keeps it (sent again on the server's version), takes the server's, or acknowledges it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.lifecycle import DomainError
from app.domain.ops import OpKind
from app.domain.problem import fill
from app.store.changes import Changes
from app.store.conflicts import Conflict, ConflictKind, Resolution
from app.workspace import Workspace
from ui import palette
from ui.labels import error_text, label, worded
from ui.ops import BackgroundOp, ChangeBus, write_op
from ui.plain import plain, plain_tip

_FIELD_TEXTS = {
    "kind": QT_TRANSLATE_NOOP("Fields", "诉求类型"),
    "category_code": QT_TRANSLATE_NOOP("Fields", "事项分类"),
    "priority": QT_TRANSLATE_NOOP("Fields", "紧急程度"),
    "caller_name": QT_TRANSLATE_NOOP("Fields", "来电人"),
    "caller_phone": QT_TRANSLATE_NOOP("Fields", "联系电话"),
    "address": QT_TRANSLATE_NOOP("Fields", "事发地址"),
    "district": QT_TRANSLATE_NOOP("Fields", "所属区"),
    "content": QT_TRANSLATE_NOOP("Fields", "诉求内容"),
    "status": QT_TRANSLATE_NOOP("Fields", "状态"),
    "assigned_seat": QT_TRANSLATE_NOOP("Fields", "坐席"),
    "department": QT_TRANSLATE_NOOP("Fields", "承办单位"),
    "action": QT_TRANSLATE_NOOP("Fields", "操作"),
}


def field_label(name: str) -> str:
    text = _FIELD_TEXTS.get(name)
    return QCoreApplication.translate("Fields", text) if text else name


class ConflictsDialog(QDialog):
    """Lists open conflicts; the selected one shows both versions and the choices it allows."""

    def __init__(self, workspace: Workspace, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("同步冲突"))
        self.resize(860, 480)
        self._ws, self._bus = workspace, bus
        self.conflicts: list[Conflict] = []
        self.listing = QListWidget(objectName="conflictList")
        self.listing.currentRowChanged.connect(self._show)
        self.reason = plain(QLabel(objectName="reason", wordWrap=True))
        self.versions = QTableWidget(0, 3, objectName="versions")
        self.versions.setHorizontalHeaderLabels(
            [self.tr("项目"), self.tr("我的修改"), self.tr("中心服务器上")]
        )
        self.versions.verticalHeader().hide()
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setWordWrap(True)
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[Resolution, QPushButton] = {}
        choices = QHBoxLayout()
        for resolution in Resolution:
            button = QPushButton(objectName=resolution.value)
            button.clicked.connect(lambda _=False, r=resolution: self.resolve(r))
            self.buttons[resolution] = button
            choices.addWidget(button)
        choices.addStretch(1)
        self.message = plain(QLabel(objectName="message", wordWrap=True))
        self.message.setStyleSheet(f"color: {palette.ERROR};")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        detail = QVBoxLayout()
        detail.addWidget(self.reason)
        detail.addWidget(self.versions, 1)
        detail.addLayout(choices)
        detail.addWidget(self.message)
        body = QHBoxLayout()
        body.addWidget(self.listing, 2)
        body.addLayout(detail, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        BackgroundOp(self, self._ws.conflicts.open_conflicts).success(self._listed).run()

    def _listed(self, conflicts: list[Conflict]) -> None:
        keep = self.listing.currentRow()
        self.conflicts = conflicts
        self.listing.clear()
        for conflict in conflicts:
            item = QListWidgetItem(self._title(conflict))
            item.setToolTip(plain_tip(worded(conflict.reason)))
            self.listing.addItem(item)
        if conflicts:
            self.listing.setCurrentRow(min(max(keep, 0), len(conflicts) - 1))
        else:
            self._show(-1)

    def _title(self, conflict: Conflict) -> str:
        ticket = conflict.theirs or conflict.mine_ticket
        number = ticket.display_no if ticket else conflict.ticket_id[:8]
        what = self.tr("冲突") if conflict.kind is ConflictKind.CONFLICT else self.tr("被退回")
        return f"{number} · {what}"

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.message.clear()
        self.versions.setRowCount(0)
        if conflict is None:
            self.reason.setText(self.tr("没有待处理的同步冲突。"))
            for button in self.buttons.values():
                button.hide()
            return
        self.reason.setText(fill(self.tr("中心服务器的说明：%1"), worded(conflict.reason)))
        for name, mine, theirs in _rows(conflict):
            self._add_row(field_label(name), mine, theirs)
        for resolution, button in self.buttons.items():
            button.setVisible(resolution in conflict.choices)
            button.setText(self._choice_text(conflict, resolution))

    def _add_row(self, caption: str, mine: str, theirs: str) -> None:
        row = self.versions.rowCount()
        self.versions.insertRow(row)
        for column, text in enumerate((caption, mine, theirs)):
            item = QTableWidgetItem(text)
            if column == 1 and mine != theirs:
                item.setForeground(Qt.GlobalColor.darkBlue)
            self.versions.setItem(row, column, item)
        self.versions.resizeRowToContents(row)

    def _choice_text(self, conflict: Conflict, resolution: Resolution) -> str:
        if resolution is Resolution.KEEP_MINE:
            return self.tr("重新提交") if conflict.op_kind is OpKind.CREATE else self.tr("保留我的")
        if resolution is Resolution.TAKE_THEIRS:
            return self.tr("采用服务器的")
        return self.tr("知道了")

    def resolve(self, resolution: Resolution) -> None:
        row = self.listing.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict, actor = self.conflicts[row], self._ws.actor

        def work() -> tuple[None, Changes]:
            return None, self._ws.conflicts.resolve(conflict.id, resolution, actor=actor)

        write_op(self, self._bus, work, lambda _none: self.reload()).failure(self._refused).run()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, DomainError):
            self.message.setText(fill(self.tr("不能保留我的修改：%1"), error_text(error)))
        else:
            self.message.setText(error_text(error))
        self.reload()


def _rows(conflict: Conflict) -> list[tuple[str, str, str]]:
    """(field, mine, theirs) to show: the fields both changed, or what I tried against the server's state."""
    if conflict.fields:
        return [(d.field, d.mine, d.theirs) for d in conflict.fields]
    theirs = conflict.theirs
    command = conflict.mine_command
    rows: list[tuple[str, str, str]] = []
    if command is not None:
        rows.append(("action", label(command.action), label(theirs.status) if theirs else ""))
        if command.department or (theirs and theirs.department):
            rows.append(("department", command.department or "", (theirs.department or "") if theirs else ""))
        if command.assign_to or (theirs and theirs.assigned_seat):
            rows.append(
                ("assigned_seat", command.assign_to or "", (theirs.assigned_seat or "") if theirs else "")
            )
    elif (mine := conflict.mine_ticket) is not None:
        rows.extend(
            [
                ("kind", label(mine.kind), ""),
                ("category_code", mine.category_code or "", ""),
                ("caller_name", mine.caller.name, ""),
                ("caller_phone", mine.caller.phone, ""),
                ("address", mine.address, ""),
                ("content", mine.content, ""),
            ]
        )
    return rows
