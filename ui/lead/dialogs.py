"""The board's small dialogs: the reason a move needs, the 疏忙导闲 diff to apply in part or whole,
and a seat's skill tags."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.problem import fill
from app.lead.balance import SKILLS, Plan
from sync.protocol import BalanceProposal, Move
from ui.plain import plain, plain_tip


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeadBoard", text)


class ReasonDialog(QDialog):
    """改派原因: required; common ones offered, any other may be typed."""

    PRESETS = (
        QT_TRANSLATE_NOOP("LeadBoard", "忙闲调整"),
        QT_TRANSLATE_NOOP("LeadBoard", "坐席小休"),
        QT_TRANSLATE_NOOP("LeadBoard", "坐席下班"),
        QT_TRANSLATE_NOOP("LeadBoard", "技能匹配"),
        QT_TRANSLATE_NOOP("LeadBoard", "督办件集中处理"),
    )

    def __init__(self, count: int, to: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadReason")
        self.setWindowTitle(QCoreApplication.translate("LeadBoard", "改派原因"))
        self.reason = QComboBox(objectName="leadReasonText", editable=True)
        self.reason.addItems([_tr(p) for p in self.PRESETS])
        self.reason.setCurrentIndex(-1)
        if (line := self.reason.lineEdit()) is not None:  # editable: the text is typed there
            line.setPlaceholderText(QCoreApplication.translate("LeadBoard", "必填：为什么改派"))
        self.setMinimumWidth(380)
        what = plain(
            QLabel(fill(QCoreApplication.translate("LeadBoard", "将 %1 张工单改派至 %2"), str(count), to))
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.currentTextChanged.connect(self._check)
        layout = QVBoxLayout(self)
        for widget in (what, self.reason, self.buttons):
            layout.addWidget(widget)
        self._check()

    def text(self) -> str:
        return self.reason.currentText().strip()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))


class BalanceDialog(QDialog):
    """疏忙导闲 as a diff: one row per move with why; apply all, the ticked ones, or none."""

    chosen = Signal(list)  # list[Move]

    def __init__(self, proposal: BalanceProposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadBalance")
        self.setWindowTitle(QCoreApplication.translate("LeadBoard", "疏忙导闲"))
        self.resize(760, 480)
        self.moves = proposal.moves
        before = Plan.spread({s.seat_id: s.weighted for s in proposal.before if s.online})
        after = Plan.spread({s.seat_id: s.weighted for s in proposal.after if s.online})
        summary = QCoreApplication.translate(
            "LeadBoard", "建议移动 %1 张工单；在线坐席负荷离散度（最高/平均加权负荷）%2 → %3"
        )
        self.summary = plain(QLabel(objectName="leadBalanceSummary", wordWrap=True))
        self.summary.setText(fill(summary, str(len(self.moves)), f"{before:.2f}", f"{after:.2f}"))
        self.table = QTableWidget(len(self.moves), 4, objectName="leadBalanceMoves")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("LeadBoard", "工单"),
                QCoreApplication.translate("LeadBoard", "从"),
                QCoreApplication.translate("LeadBoard", "到"),
                QCoreApplication.translate("LeadBoard", "原因"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for row, move in enumerate(self.moves):
            ticket = QTableWidgetItem(move.ticket_id[-12:])
            ticket.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            ticket.setCheckState(Qt.CheckState.Checked)
            ticket.setToolTip(move.ticket_id)
            self.table.setItem(row, 0, ticket)
            for column, text in enumerate((move.from_seat or "—", move.to_seat or "—", why(move)), start=1):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(plain_tip(text))
                self.table.setItem(row, column, item)
        buttons = QDialogButtonBox(objectName="leadBalanceButtons")
        self.apply_all = QPushButton(
            QCoreApplication.translate("LeadBoard", "全部应用"), objectName="leadBalanceAll"
        )
        self.apply_ticked = QPushButton(
            QCoreApplication.translate("LeadBoard", "应用所选"), objectName="leadBalanceTicked"
        )
        buttons.addButton(self.apply_all, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.apply_ticked, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.apply_all.clicked.connect(lambda: self._choose(self.moves))
        self.apply_ticked.clicked.connect(lambda: self._choose(self.ticked()))
        self.apply_all.setEnabled(bool(self.moves))
        self.apply_ticked.setEnabled(bool(self.moves))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def ticked(self) -> list[Move]:
        boxes = [self.table.item(row, 0) for row in range(len(self.moves))]
        return [
            m
            for m, box in zip(self.moves, boxes, strict=True)
            if box and box.checkState() == Qt.CheckState.Checked
        ]

    def _choose(self, moves: Sequence[Move]) -> None:
        if moves:
            self.chosen.emit(list(moves))
        self.accept()


def why(move: Move) -> str:
    """加权负荷 12 → 4，本单权重 3；需技能：涉企"""
    if move.why is None:
        return ""
    w = move.why
    text = fill(
        QCoreApplication.translate("LeadBoard", "%1 加权负荷 %2，%3 为 %4；本单权重 %5"),
        move.from_seat or "—",
        f"{w.from_load:g}",
        move.to_seat or "—",
        f"{w.to_load:g}",
        f"{w.weight:g}",
    )
    if w.skills:
        text += fill(QCoreApplication.translate("LeadBoard", "；需技能：%1"), "、".join(w.skills))
    return text


class SkillsDialog(QDialog):
    """技能标签 of one seat: the usual ones ticked, others typed (comma separated)."""

    def __init__(self, seat: str, skills: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadSkills")
        self.setWindowTitle(fill(QCoreApplication.translate("LeadBoard", "坐席 %1 的技能"), seat))
        self.boxes = [QCheckBox(s, checked=s in skills) for s in SKILLS]
        self.others = QLineEdit(
            "，".join(s for s in skills if s not in SKILLS),
            objectName="leadSkillsOther",
            placeholderText=QCoreApplication.translate("LeadBoard", "其他，用逗号分隔"),
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in self.boxes:
            layout.addWidget(box)
        layout.addWidget(self.others)
        layout.addWidget(buttons)

    def skills(self) -> list[str]:
        typed = self.others.text().replace("，", ",").split(",")
        return [b.text() for b in self.boxes if b.isChecked()] + [s.strip() for s in typed if s.strip()]
