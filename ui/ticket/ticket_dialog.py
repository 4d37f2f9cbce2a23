"""工单详情: a ticket's fields and deadlines, its 流转记录, and the actions this seat may take now."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import TicketEvent
from app.domain.lifecycle import Command, DomainError, allowed_actions, suggested_action
from app.domain.problem import fill
from app.domain.retention import is_masked
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.taxonomy import Department, TicketField, UnitLevel, unit_name
from app.domain.ticket import Ticket
from app.intake.guide import DETAILS
from app.speech.stream import Speaker
from app.store.changes import Changes
from app.store.transcripts import TranscriptPart
from app.workspace import Workspace
from ui import palette
from ui.labels import error_text, label
from ui.ops import BackgroundOp, ChangeBus, write_op
from ui.plain import plain
from ui.shell.i18n import Retranslating, is_english

# 受理 is the intake form's and 并单 the duplicates panel's; every other step is done here.
_NOT_HERE = frozenset({Action.ACCEPT, Action.MERGE})
# 修改 here corrects one text field at a time (the rest is the intake form's when the ticket is new).
_EDITED = ("content", "address", "district")
_EXTENSION_DAYS = 7  # what a 延期申请 proposes first: a week past the current 办结时限


class TicketDialog(Retranslating, QDialog):
    """Shows one ticket and applies lifecycle actions to it in the signed-in role: an operator's,
    a team lead's (延期 and 退单 answers, 督办, 分配) or a 承办单位's (签收, 延期, 退单, 答复)."""

    reloaded = Signal()

    def __init__(
        self,
        workspace: Workspace,
        bus: ChangeBus,
        ticket_id: str,
        parent: QWidget | None = None,
        *,
        role: Role = Role.OPERATOR,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketDialog")
        self._ws, self._bus, self._ticket_id, self.role = workspace, bus, ticket_id, role
        self.ticket: Ticket | None = None
        self._events: list[TicketEvent] = []
        self.fields = QFormLayout()
        self._values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        for key in _FIELD_KEYS:
            caption, value = QLabel(), plain(QLabel(objectName=key, wordWrap=True))
            self._captions[key], self._values[key] = caption, value
            self.fields.addRow(caption, value)
        self.history = QTableWidget(0, 5, objectName="history")
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.action = QComboBox(objectName="action")
        self.department = QComboBox(objectName="department")
        self.satisfaction = QComboBox(objectName="satisfaction")
        self.satisfaction.addItem("", None)  # no default: the operator picks what the citizen said
        for choice in Satisfaction:
            self.satisfaction.addItem(label(choice), choice.value)
        self.until = QDateTimeEdit(objectName="until", calendarPopup=True)
        self.until.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.assign_to = QLineEdit(objectName="assignTo")
        self.edited = QComboBox(objectName="edited")
        for name in _EDITED:
            self.edited.addItem("", name)
        self.edit_value = QLineEdit(objectName="editValue")
        self.reason = QLineEdit(objectName="reason")
        self.apply_button = QPushButton(objectName="apply")
        # 回访 by phone later: the call goes on the seat's callback list (漏接回拨 · 回访).
        self.follow_up_button = QPushButton(objectName="followUp", enabled=False)  # once 已答复
        self.problem = plain(QLabel(objectName="problem", wordWrap=True))
        self.problem.setStyleSheet(f"color: {palette.ERROR};")
        self.history_caption = QLabel()
        # 通话转写: what was said live at the seat and what each recorded call said (录音转写).
        self.transcript_caption = QLabel()
        self.transcript = QPlainTextEdit(objectName="transcript", readOnly=True)
        self._parts: list[TranscriptPart] = []
        self._layout()
        self.action.currentIndexChanged.connect(self._action_chosen)
        self.apply_button.clicked.connect(self.apply_action)
        self.follow_up_button.clicked.connect(self.add_follow_up)
        bus.changed.connect(self._on_changed)
        self.resize(900, 640)  # room for English department names and the notes; fits 1366×768
        self.retranslate()
        self.reload()

    def _layout(self) -> None:
        inputs = QHBoxLayout()
        for widget, stretch in (
            (self.action, 1),
            (self.department, 2),
            (self.satisfaction, 1),
            (self.until, 1),
            (self.assign_to, 1),
            (self.edited, 1),
            (self.edit_value, 2),
            (self.reason, 3),
        ):
            inputs.addWidget(widget, stretch)
        inputs.addWidget(self.apply_button)
        inputs.addWidget(self.follow_up_button)
        close = QDialogButtonBox()
        # Not Qt's "Close": in English that is also what 办结 (closing the ticket) is called.
        self.close_button = close.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("closeWindow")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields)
        layout.addWidget(self.history_caption)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.transcript_caption)
        layout.addWidget(self.transcript, 1)
        layout.addLayout(inputs)
        layout.addWidget(self.problem)
        layout.addWidget(close)

    def retranslate(self) -> None:
        captions = (
            self.tr("工单编号"),
            self.tr("状态"),
            self.tr("诉求类型 / 紧急程度"),
            self.tr("事项分类"),
            self.tr("来电人 / 电话"),
            self.tr("事发地址"),
            self.tr("补充信息"),
            self.tr("诉求内容"),
            self.tr("承办单位"),
            self.tr("派单时限"),
            self.tr("办结时限"),
            self.tr("催办 / 延期申请"),
        )
        for key, text in zip(_FIELD_KEYS, captions, strict=True):
            self._captions[key].setText(text)
        self.history_caption.setText(self.tr("流转记录"))
        self.transcript_caption.setText(self.tr("通话转写"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("操作"), self.tr("状态变化"), self.tr("操作人"), self.tr("说明")]
        )
        self.reason.setPlaceholderText(
            self.tr("说明（退单、答复、延期、驳回、重办、督办、撤单、直接办结时必填）")
        )
        self.assign_to.setPlaceholderText(self.tr("坐席号"))
        self.edit_value.setPlaceholderText(self.tr("新内容"))
        self.until.setToolTip(self.tr("申请延至的办结时限"))
        for index, text in enumerate((self.tr("诉求内容"), self.tr("事发地址"), self.tr("所属区县"))):
            self.edited.setItemText(index, text)
        self.apply_button.setText(self.tr("执行"))
        self.follow_up_button.setText(self.tr("加入回访列表"))
        self.close_button.setText(self.tr("关闭窗口"))
        self.satisfaction.setItemText(0, self.tr("请选择满意度"))
        for index in range(1, self.satisfaction.count()):
            self.satisfaction.setItemText(index, label(Satisfaction(self.satisfaction.itemData(index))))
        if self.ticket is not None:
            self._render(self.ticket)
            self._offer_actions(self.ticket)

    # -- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        tickets, ticket_id = self._ws.tickets, self._ticket_id
        BackgroundOp(self, lambda: (tickets.get(ticket_id), tickets.events(ticket_id))).success(
            self._show
        ).run()
        transcripts = self._ws.transcripts
        BackgroundOp(self, lambda: transcripts.parts(ticket_id)).success(self._show_transcript).run()

    def _on_changed(self, changes: Changes) -> None:
        # A pull, a lead's 改派 or the retention sweep may change the ticket while it is open here:
        # the dialog never shows (or acts on) a state the store no longer holds.
        if self._ticket_id in changes.tickets or changes.queue or self._ticket_id in changes.transcripts:
            self.reload()

    def _show(self, loaded: tuple[Ticket, list[TicketEvent]]) -> None:
        self.ticket, self._events = loaded
        self._render(self.ticket)
        self._offer_actions(self.ticket)
        self.reloaded.emit()

    def _render(self, ticket: Ticket) -> None:
        self.setWindowTitle(fill(self.tr("工单 %1"), ticket.display_no))
        values = {
            "number": ticket.display_no + (self.tr("（督办）") if ticket.supervised else ""),
            "status": label(ticket.status),
            "kind": f"{label(ticket.kind)} / {label(ticket.priority)}",
            "category": self._category(ticket.category_code),
            "caller": f"{ticket.caller.name} {ticket.caller.phone}".strip()
            + (self.tr("（保存期满，已脱敏）") if is_masked(ticket.caller) else ""),
            "address": _place(ticket.district, ticket.address),
            "details": self._details(ticket),
            "content": ticket.content,
            "department": self._department_name(ticket.department),
            "dispatch_due": self._time(ticket.dispatch_due),
            "close_due": self._time(ticket.close_due),
            "follow_up": self._follow_up(ticket),
        }
        for key, text in values.items():
            self._values[key].setText(text)
        self.fields.setRowVisible(self._values["details"], bool(values["details"]))
        self.fields.setRowVisible(self._values["follow_up"], bool(values["follow_up"]))
        self._show_history(self._events)
        self._show_transcript(self._parts)

    def _show_transcript(self, parts: list[TranscriptPart]) -> None:
        """Each part under its own heading: 现场转写 for the live call, 录音 <file> for a recording."""
        self._parts = parts
        lines = []
        for part in parts:
            heading = fill(self.tr("录音 %1"), part.recording) if part.recording else self.tr("现场转写")
            lines.append(f"【{heading}】")
            lines += [fill(self.tr("%1：%2"), self._speaker(s.speaker), s.text) for s in part.segments]
        self.transcript.setPlainText("\n".join(lines))
        for widget in (self.transcript_caption, self.transcript):
            widget.setVisible(bool(parts))

    def _show_history(self, events: list[TicketEvent]) -> None:
        self.history.setRowCount(len(events))
        for row, event in enumerate(events):
            change = label(event.to_status)
            if event.from_status is not event.to_status:
                change = f"{label(event.from_status)} → {change}"
            detail = " ".join(p for p in (event.reason, self._event_detail(event)) if p)
            cells = (
                self._time(event.at),
                label(event.action),
                change,
                fill(self.tr("%1（%2）"), self._actor(event), label(event.role)),
                detail,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # whole, where the column is too narrow for it
                self.history.setItem(row, column, item)
        for column in range(4):  # the note column stretches over the rest
            self.history.resizeColumnToContents(column)

    def _speaker(self, speaker: Speaker) -> str:
        return self.tr("来电人") if speaker is Speaker.CALLER else self.tr("话务员")

    def _details(self, ticket: Ticket) -> str:
        """What the category asked for, each after its name: 车牌号 粤B12345 · 身份证号 …, shown as
        the phone is (whole to who may open the ticket; the retention purge clears the ID)."""
        found = [
            (
                f,
                self._time(ticket.occurred_at)
                if f is TicketField.OCCURRED_AT
                else str(getattr(ticket, f.value)),
            )
            for f in DETAILS
        ]
        return " · ".join(f"{label(field)} {value}" for field, value in found if value)

    def _follow_up(self, ticket: Ticket) -> str:
        """催办 3 次 · 延期申请至 2026-12-30 18:00（待审批）: what the caller and the 承办单位 asked."""
        parts = []
        if ticket.urge_count:
            parts.append(fill(self.tr("催办 %1 次"), ticket.urge_count))
        if ticket.extension_due is not None:
            parts.append(fill(self.tr("延期申请至 %1（待审批）"), self._time(ticket.extension_due)))
        return " · ".join(parts)

    def _event_detail(self, event: TicketEvent) -> str:
        if event.action is Action.DISPATCH:
            return fill(self.tr("承办单位：%1"), self._department_name(event.data.get("department")))
        if event.action is Action.VISIT and event.data.get("satisfaction"):
            return label(Satisfaction(event.data["satisfaction"]))
        if event.action is Action.EXTEND and event.data.get("until"):
            return fill(self.tr("申请延至 %1"), self._time(datetime.fromisoformat(event.data["until"])))
        if event.action is Action.APPROVE_EXTENSION and event.data.get("close_due"):
            return fill(
                self.tr("办结时限延至 %1"), self._time(datetime.fromisoformat(event.data["close_due"]))
            )
        if event.action is Action.URGE and event.data.get("count"):
            return fill(self.tr("第 %1 次催办"), event.data["count"])
        return ""

    def _offer_actions(self, ticket: Ticket) -> None:
        # Refilled on every reload: the choice stays chosen while it is still allowed; otherwise the
        # likely next step is (重办 after 不满意, 签收 for a 承办单位, the answer to a 延期申请).
        chosen, department = self.action.currentData(), self.department.currentData()
        suggested = suggested_action(ticket, self.role)
        self.action.blockSignals(True)
        self.action.clear()
        for action in allowed_actions(ticket, self.role):
            if action not in _NOT_HERE:
                self.action.addItem(label(action), action.value)
        index = self.action.findData(chosen)
        if index < 0 and suggested is not None:
            index = self.action.findData(suggested.value)
        self.action.setCurrentIndex(max(0, index))
        self.action.blockSignals(False)
        self.satisfaction.setCurrentIndex(0)  # each 回访 is picked anew
        later = (ticket.close_due or datetime.now(self._ws.zone)) + timedelta(days=_EXTENSION_DAYS)
        local = later.astimezone(self._ws.zone)
        self.until.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        if not self.assign_to.text():
            self.assign_to.setText(self._ws.seat.seat_id)
        self._fill_departments(ticket)
        self.department.setCurrentIndex(max(0, self.department.findData(department)))
        self._show_inputs()
        has_actions = self.action.count() > 0
        self.follow_up_button.setEnabled(ticket.status is Status.REPLIED and bool(ticket.caller.phone))
        for widget in (self.action, self.reason, self.apply_button):
            widget.setEnabled(has_actions)

    def _fill_departments(self, ticket: Ticket) -> None:
        # The departments responsible for the category (按职承办) come first.
        self.department.clear()
        taxonomy = self._ws.taxonomy
        code = ticket.category_code
        first = taxonomy.departments_for(code) if code is not None and code in taxonomy else ()
        for department in (*first, *(d for d in taxonomy.departments if d not in first)):
            self.department.addItem(self._unit(department), department.code)

    def _show_inputs(self) -> None:
        action = self.selected_action()
        self.department.setVisible(action is Action.DISPATCH)
        self.satisfaction.setVisible(action is Action.VISIT)
        self.until.setVisible(action is Action.EXTEND)
        self.assign_to.setVisible(action is Action.ASSIGN)
        self.edited.setVisible(action is Action.EDIT)
        self.edit_value.setVisible(action is Action.EDIT)

    def _action_chosen(self) -> None:
        self._show_inputs()
        self.problem.clear()  # it was about the action chosen before

    def selected_action(self) -> Action | None:
        value = self.action.currentData()
        return Action(value) if value else None

    # -- acting ---------------------------------------------------------------------------------
    def apply_action(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        picked = self.satisfaction.currentData()
        cmd = Command(
            action,
            self._ws.actor,
            self.role,
            datetime.now(self._ws.sla.calendar.timezone),
            seat_id=self._ws.seat.seat_id,
            reason=self.reason.text().strip(),
            department=self.department.currentData() if action is Action.DISPATCH else None,
            satisfaction=Satisfaction(picked) if action is Action.VISIT and picked else None,
            assign_to=self.assign_to.text().strip() or None if action is Action.ASSIGN else None,
            changes={self.edited.currentData(): self.edit_value.text().strip()}
            if action is Action.EDIT
            else {},
            until=self._until() if action is Action.EXTEND else None,
        )
        tickets, ticket_id = self._ws.tickets, self._ticket_id

        def work() -> tuple[Ticket, Changes]:
            return tickets.act(ticket_id, cmd)

        self.apply_button.setEnabled(False)
        write_op(self, self._bus, work, self._applied).failure(self._failed).run()

    def add_follow_up(self) -> None:
        """The ticket's 回访 call onto the seat's callback list; recording 回访 here marks it done."""
        ticket = self.ticket
        if ticket is None:
            return
        callbacks, seat = self._ws.callbacks, self._ws.seat.seat_id
        op = write_op(self, self._bus, lambda: callbacks.follow_up(ticket.id, ticket.caller.phone, seat))
        op.failure(self._failed).run()

    def _until(self) -> datetime:
        chosen = self.until.dateTime().toPython()
        assert isinstance(chosen, datetime)
        return chosen.replace(tzinfo=self._ws.zone)  # as typed: the centre's time

    def _applied(self, _ticket: Ticket) -> None:
        self.reason.clear()  # the dialog reloads from the bus, which names this ticket
        self.edit_value.clear()

    def _failed(self, exc: Exception) -> None:
        self.apply_button.setEnabled(True)
        self.problem.setText(
            error_text(exc)
            if isinstance(exc, DomainError)
            else fill(self.tr("操作失败：%1"), error_text(exc))
        )

    # -- formatting -----------------------------------------------------------------------------
    def _time(self, moment: datetime | None) -> str:
        return (
            ""
            if moment is None
            else moment.astimezone(self._ws.sla.calendar.timezone).strftime("%Y-%m-%d %H:%M")
        )

    def _department_name(self, known_as: str | None) -> str:
        """A department given by code (派单) or by its Chinese name (a department acts under it), as
        the unit that handles this ticket: a 属地 kind (区城管局) resolved by the ticket's district
        to 东湖区城市管理和综合执法局, or said to wait for it; in English with the kind's name."""
        if not known_as:
            return ""
        found = next((d for d in self._ws.taxonomy.departments if known_as in (d.code, d.name)), None)
        if found is None:
            return known_as  # a department the server knows and this catalogue does not yet
        return self._unit(found)

    def _unit(self, department: Department) -> str:
        district = self.ticket.district if self.ticket is not None else ""
        kind = department.en if is_english() else department.name
        if department.level is UnitLevel.CITY:
            return kind
        unit = unit_name(department, district or None)
        if unit is None:
            street = department.level is UnitLevel.STREET
            pending = self.tr("待定：街道未知") if street else self.tr("待定：区县未知")
            return fill(self.tr("%1（%2）"), kind, pending)
        return fill(self.tr("%1（%2）"), unit, department.en) if is_english() else unit

    def _actor(self, event: TicketEvent) -> str:
        return self._department_name(event.actor) if event.role is Role.DEPARTMENT else event.actor

    def _category(self, code: str | None) -> str:
        return self._ws.category_label(code, english=is_english())


def _place(district: str, address: str) -> str:
    """东湖区 幸福路 18 号, without saying the district twice when the address already starts with it."""
    return address if address.startswith(district) else " ".join(p for p in (district, address) if p)


_FIELD_KEYS = (
    "number",
    "status",
    "kind",
    "category",
    "caller",
    "address",
    "details",
    "content",
    "department",
    "dispatch_due",
    "close_due",
    "follow_up",
)
