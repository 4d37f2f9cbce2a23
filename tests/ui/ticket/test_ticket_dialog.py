"""工单详情: the operator sees a ticket's history and moves it along the lifecycle from the seat."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Ticket
from app.workspace import Workspace
from ui.ops import ChangeBus
from ui.shell.i18n import LanguageSwitcher
from ui.ticket.ticket_dialog import TicketDialog


def accepted_ticket(workspace: Workspace, kind: Kind = Kind.COMPLAINT) -> Ticket:
    draft = dataclasses.replace(
        workspace.new_draft(),
        kind=kind,
        category_code="CJ.WY.DT",
        caller_name="王先生",
        caller_phone="13812345678",
        content="5栋电梯停运三天",
    )
    ticket, _ = workspace.tickets.accept(draft, actor="李娜")
    return ticket


def open_dialog(qtbot: QtBot, workspace: Workspace, ticket: Ticket) -> TicketDialog:
    dialog = TicketDialog(workspace, ChangeBus(), ticket.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=5000)
    return dialog


def choose(dialog: TicketDialog, action: Action) -> None:
    index = dialog.action.findData(action.value)
    assert index >= 0, (
        f"{action} not offered; offered: {[dialog.action.itemText(i) for i in range(dialog.action.count())]}"
    )
    dialog.action.setCurrentIndex(index)


def apply_and_wait(qtbot: QtBot, dialog: TicketDialog) -> None:
    with qtbot.waitSignal(dialog.reloaded, timeout=5000):
        dialog.apply_action()


def test_shows_the_ticket_and_its_history(qtbot: QtBot, workspace: Workspace) -> None:
    ticket = accepted_ticket(workspace)
    dialog = open_dialog(qtbot, workspace, ticket)
    assert ticket.local_no in dialog.windowTitle()
    assert dialog._values["status"].text() == "已受理"
    assert dialog._values["category"].text() == "城乡建设 > 物业管理 > 电梯故障"
    assert "13812345678" in dialog._values["caller"].text()
    assert dialog.history.rowCount() == 1
    assert dialog.history.item(0, 1).text() == "受理"


def test_dispatch_offers_the_responsible_department_first_and_records_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ticket = accepted_ticket(workspace)
    dialog = open_dialog(qtbot, workspace, ticket)
    choose(dialog, Action.DISPATCH)
    assert dialog.department.isVisibleTo(dialog)
    responsible = workspace.taxonomy.departments_for("CJ.WY.DT")[0]
    assert dialog.department.itemData(0) == responsible.code
    apply_and_wait(qtbot, dialog)
    assert dialog._values["status"].text() == "已派单"
    assert dialog._values["department"].text() == responsible.name
    assert dialog.history.rowCount() == 2
    assert responsible.name in dialog.history.item(1, 4).text()
    assert workspace.outbox.pending_count() == 2  # the create and the dispatch wait for the server


def test_a_refused_action_says_why_and_changes_nothing(qtbot: QtBot, workspace: Workspace) -> None:
    ticket = accepted_ticket(workspace, Kind.COMPLAINT)
    dialog = open_dialog(qtbot, workspace, ticket)
    choose(dialog, Action.CLOSE_DIRECT)
    dialog.reason.setText("已答复")
    dialog.apply_action()
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=5000)
    assert "须派单" in dialog.problem.text()
    assert workspace.tickets.get(ticket.id).status is Status.ACCEPTED


def test_visit_records_satisfaction_then_the_ticket_can_be_closed(qtbot: QtBot, workspace: Workspace) -> None:
    ticket = accepted_ticket(workspace)
    tickets, now = workspace.tickets, ticket.accepted_at
    assert now is not None
    tickets.act(
        ticket.id, Command(Action.DISPATCH, "李娜", Role.OPERATOR, now, seat_id="A01", department="QZJJ")
    )
    tickets.act(ticket.id, Command(Action.START, "物业科", Role.DEPARTMENT, now))
    tickets.act(
        ticket.id, Command(Action.REPLY, "物业科", Role.DEPARTMENT, now, reason="已更换配件，电梯恢复运行")
    )
    dialog = open_dialog(qtbot, workspace, ticket)

    choose(dialog, Action.VISIT)
    assert dialog.satisfaction.isVisibleTo(dialog)
    dialog.satisfaction.setCurrentIndex(dialog.satisfaction.findData(Satisfaction.SATISFIED.value))
    apply_and_wait(qtbot, dialog)
    assert dialog._values["status"].text() == "已回访"

    choose(dialog, Action.CLOSE)
    apply_and_wait(qtbot, dialog)
    assert dialog._values["status"].text() == "已办结"
    assert dialog.action.count() == 0 and not dialog.apply_button.isEnabled()
    assert [dialog.history.item(r, 1).text() for r in range(dialog.history.rowCount())] == [
        "受理",
        "派单",
        "签收办理",
        "答复",
        "回访",
        "办结",
    ]


def test_switching_language_redraws_the_open_ticket(
    qtbot: QtBot, workspace: Workspace, languages: LanguageSwitcher
) -> None:
    ticket = accepted_ticket(workspace)
    dialog = open_dialog(qtbot, workspace, ticket)
    languages.switch("en")
    qtbot.waitUntil(lambda: dialog._values["status"].text() == "Accepted", timeout=5000)
    assert (
        dialog._values["category"].text()
        == "Urban and Rural Construction > Property management > Elevator breakdown"
    )
    assert dialog.history.item(0, 1).text() == "Accept"
    assert dialog.action.itemText(dialog.action.findData(Action.DISPATCH.value)) == "Dispatch"
    languages.switch("zh_CN")
    qtbot.waitUntil(lambda: dialog._values["status"].text() == "已受理", timeout=5000)


def test_in_english_the_history_names_departments_in_english(
    qtbot: QtBot, workspace: Workspace, languages: LanguageSwitcher
) -> None:
    ticket = accepted_ticket(workspace)
    now = ticket.accepted_at
    assert now is not None
    tickets = workspace.tickets
    tickets.act(
        ticket.id, Command(Action.DISPATCH, "李娜", Role.OPERATOR, now, seat_id="A01", department="QZJJ")
    )
    # A department acts under its name, as the central server and the demo data record it.
    tickets.act(ticket.id, Command(Action.START, "区住房和建设局", Role.DEPARTMENT, now))
    languages.switch("en")
    dialog = open_dialog(qtbot, workspace, ticket)
    qtbot.waitUntil(lambda: dialog._values["status"].text() == "In progress", timeout=5000)
    rows = {dialog.history.item(r, 1).text(): r for r in range(dialog.history.rowCount())}
    bureau = "District Housing and Construction Bureau"
    note = dialog.history.item(rows["Dispatch"], 4)
    assert note.text().endswith(bureau)
    assert note.toolTip() == note.text()  # whole on hover, however narrow the column
    assert dialog.history.item(rows["Start handling"], 3).text() == f"{bureau} (Department)"
    languages.switch("zh_CN")
    qtbot.waitUntil(lambda: dialog.history.item(rows["Dispatch"], 1).text() == "派单", timeout=5000)
    assert dialog.history.item(rows["Dispatch"] + 1, 3).text() == "区住房和建设局（承办单位）"


def test_closing_the_ticket_and_closing_the_window_are_told_apart(
    qtbot: QtBot, workspace: Workspace, languages: LanguageSwitcher
) -> None:
    ticket = accepted_ticket(workspace)
    now = ticket.accepted_at
    assert now is not None
    for cmd in (
        Command(Action.DISPATCH, "李娜", Role.OPERATOR, now, seat_id="A01", department="QZJJ"),
        Command(Action.START, "物业科", Role.DEPARTMENT, now),
        Command(Action.REPLY, "物业科", Role.DEPARTMENT, now, reason="已修复"),
        Command(Action.VISIT, "李娜", Role.OPERATOR, now, seat_id="A01", satisfaction=Satisfaction.SATISFIED),
    ):
        workspace.tickets.act(ticket.id, cmd)
    languages.switch("en")
    dialog = open_dialog(qtbot, workspace, ticket)
    qtbot.waitUntil(lambda: dialog._values["status"].text() == "Visited", timeout=5000)
    assert dialog.action.findData(Action.CLOSE.value) >= 0  # 办结 is offered
    offered = {dialog.action.itemText(i).replace("&", "") for i in range(dialog.action.count())}
    buttons = {b.text().replace("&", "") for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)}
    assert offered and not offered & buttons, f"actions {offered} and buttons {buttons} share a name"
    languages.switch("zh_CN")
