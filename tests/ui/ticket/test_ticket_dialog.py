"""工单详情: the operator sees a ticket's history and moves it along the lifecycle from the seat."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Ticket
from app.paths import AppPaths
from app.store.tickets import TicketStore
from app.workspace import Workspace
from ui.ops import ChangeBus
from ui.shell.i18n import LanguageSwitcher
from ui.ticket.ticket_dialog import TicketDialog


def accepted_ticket(workspace: Workspace, kind: Kind = Kind.COMPLAINT, district: str = "") -> Ticket:
    draft = dataclasses.replace(
        workspace.new_draft(),
        kind=kind,
        category_code="CJ.WY.DT",
        district=district,
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


def test_the_details_the_category_asked_for_are_shown_and_none_when_there_are_none(
    qtbot: QtBot, workspace: Workspace
) -> None:
    plain = open_dialog(qtbot, workspace, accepted_ticket(workspace))
    assert plain._values["details"].isHidden()
    draft = dataclasses.replace(
        workspace.new_draft(),
        category_code="HJ.CG.WF",
        caller_name="刘先生",
        content="违章申诉",
        occurred_at="2026-12-06 22:00",
        plate_number="粤B12345",
        id_number="11010519491231002X",
    )
    ticket, _ = workspace.tickets.accept(draft, actor="李娜")
    dialog = open_dialog(qtbot, workspace, ticket)
    assert dialog._values["details"].text() == (
        "发生时间 2026-12-06 22:00 · 车牌号 粤B12345 · 身份证号 11010519491231002X"
    )


def test_dispatch_offers_the_responsible_unit_of_the_tickets_district_first_and_records_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ticket = accepted_ticket(workspace, district="东湖区")
    dialog = open_dialog(qtbot, workspace, ticket)
    choose(dialog, Action.DISPATCH)
    assert dialog.department.isVisibleTo(dialog)
    responsible = workspace.taxonomy.departments_for("CJ.WY.DT")[0]  # 区住房和建设局, 属地
    assert dialog.department.itemData(0) == responsible.code
    assert dialog.department.itemText(0) == "东湖区住房和建设局"  # the unit, not the kind of unit
    texts = [dialog.department.itemText(i) for i in range(dialog.department.count())]
    assert "东湖区城市管理和综合执法局" in texts and "市人力资源和社会保障局" in texts  # 按职 as it is
    assert "街道办事处（待定：街道未知）" in texts
    apply_and_wait(qtbot, dialog)
    assert dialog._values["status"].text() == "已派单"
    assert dialog._values["department"].text() == "东湖区住房和建设局"
    assert dialog.history.rowCount() == 2
    assert "东湖区住房和建设局" in dialog.history.item(1, 4).text()
    assert workspace.outbox.pending_count() == 2  # the create and the dispatch wait for the server


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("zh_CN", "区住房和建设局（待定：区县未知）"),
        ("en", "District Housing and Construction Bureau (to be decided: district unknown)"),
    ],
)
def test_a_unit_by_place_waits_for_the_district_when_it_is_not_known(
    qtbot: QtBot, workspace: Workspace, languages: LanguageSwitcher, language: str, shown: str
) -> None:
    languages.switch(language)
    try:
        dialog = open_dialog(qtbot, workspace, accepted_ticket(workspace))
        choose(dialog, Action.DISPATCH)
        assert dialog.department.itemText(0) == shown
    finally:
        languages.switch("zh_CN")


@pytest.mark.parametrize(
    ("language", "why"),
    [
        ("zh_CN", "「投诉」类诉求须派单办理，不能直接办结"),
        ("en", "A complaint must be dispatched, not closed on the call"),
    ],
)
def test_a_refused_action_says_why_in_the_interface_language_and_changes_nothing(
    qtbot: QtBot, workspace: Workspace, languages: LanguageSwitcher, language: str, why: str
) -> None:
    languages.switch(language)
    try:
        ticket = accepted_ticket(workspace, Kind.COMPLAINT)
        dialog = open_dialog(qtbot, workspace, ticket)
        choose(dialog, Action.CLOSE_DIRECT)
        dialog.reason.setText("已答复")
        dialog.apply_action()
        qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=5000)
        assert dialog.problem.text() == why  # the core's refusal, worded here: not "中文 (English)"
        assert workspace.tickets.get(ticket.id).status is Status.ACCEPTED
    finally:
        languages.switch("zh_CN")


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
        "签收",
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
    ticket = accepted_ticket(workspace, district="东湖区")
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
    bureau = "东湖区住房和建设局 (District Housing and Construction Bureau)"
    note = dialog.history.item(rows["Dispatch"], 4)
    assert note.text().endswith(bureau)
    assert note.toolTip() == note.text()  # whole on hover, however narrow the column
    assert dialog.history.item(rows["Acknowledge"], 3).text() == f"{bureau} (Department)"
    languages.switch("zh_CN")
    qtbot.waitUntil(lambda: dialog.history.item(rows["Dispatch"], 1).text() == "派单", timeout=5000)
    assert dialog.history.item(rows["Dispatch"] + 1, 3).text() == "东湖区住房和建设局（承办单位）"


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


def _a_shift_of_events(workspace: Workspace) -> Ticket:
    """受理 13:48, 派单, 签收, 答复 22:24 and a 督办 at 19:00 recorded last (Asia/Shanghai times):
    the 督办 is newer in the store than the 答复 but happened before it."""
    moments = iter(datetime(2026, 3, 2, h, m, tzinfo=UTC) for h, m in ((5, 48),))
    tickets = TicketStore(workspace.store, workspace.sla, clock=lambda: next(moments))
    draft = dataclasses.replace(
        workspace.new_draft(), kind=Kind.COMPLAINT, category_code="CJ.WY.DT", content="5栋电梯停运三天"
    )
    ticket, _ = tickets.accept(draft, actor="李娜")
    department = workspace.taxonomy.departments_for("CJ.WY.DT")[0]
    for action, role, hour, minute, extra in (
        (Action.DISPATCH, Role.OPERATOR, 6, 0, {"department": department.code}),
        (Action.START, Role.DEPARTMENT, 7, 0, {}),
        (Action.REPLY, Role.DEPARTMENT, 14, 24, {"reason": "已修复"}),
        (Action.SUPERVISE, Role.TEAM_LEAD, 11, 0, {"reason": "请加快办理"}),
    ):
        at = datetime(2026, 3, 2, hour, minute, tzinfo=UTC)
        cmd = Command(action, "某人", role, at, seat_id=workspace.seat.seat_id, **extra)  # type: ignore[arg-type]
        tickets.act(ticket.id, cmd)
    return ticket


@pytest.mark.parametrize(
    ("centre", "times"),
    [
        (None, ["13:48", "14:00", "15:00", "19:00", "22:24"]),  # the default centre: Asia/Shanghai
        ("Asia/Urumqi", ["11:48", "12:00", "13:00", "17:00", "20:24"]),
    ],
)
def test_the_history_is_in_the_centres_zone_and_in_time_order_whatever_the_pcs_zone(
    qtbot: QtBot, home: AppPaths, process_zone: str, centre: str | None, times: list[str]
) -> None:
    config = Config()
    if centre is not None:
        config.set("centre.timezone", centre)
    workspace = Workspace.open(home, config)
    try:
        ticket = _a_shift_of_events(workspace)
        dialog = open_dialog(qtbot, workspace, ticket)
        rows = range(dialog.history.rowCount())
        shown = [dialog.history.item(row, 0).text() for row in rows]
        assert [text.split(" ")[1] for text in shown] == times
        assert [dialog.history.item(row, 1).text() for row in rows] == [
            "受理",
            "派单",
            "签收",
            "督办",
            "答复",
        ]
    finally:
        workspace.close()


def test_an_open_dialog_follows_a_change_made_elsewhere_and_keeps_what_the_operator_chose(
    qtbot: QtBot, workspace: Workspace
) -> None:
    # E.g. a pull, or the retention sweep: the store changes, the bus names the ticket.
    ticket = accepted_ticket(workspace)
    bus = ChangeBus()
    dialog = TicketDialog(workspace, bus, ticket.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=5000)
    choose(dialog, Action.DISPATCH)
    dialog.department.setCurrentIndex(2)
    department = dialog.department.currentData()
    dialog.reason.setText("按属地派单")
    edit = Command(Action.EDIT, "李娜", Role.OPERATOR, datetime.now(UTC), changes={"content": "电梯停运五天"})
    _, changes = workspace.tickets.act(ticket.id, edit)
    with qtbot.waitSignal(dialog.reloaded, timeout=5000):
        bus.changed.emit(changes)
    assert dialog._values["content"].text() == "电梯停运五天"
    assert dialog.selected_action() is Action.DISPATCH
    assert dialog.department.currentData() == department
    assert dialog.reason.text() == "按属地派单"


# -- each signed-in role works the ticket in its own role ----------------------------------------------


def _act(workspace: Workspace, ticket: Ticket, *steps: tuple[Action, Role, dict[str, object]]) -> None:
    at = ticket.accepted_at
    assert at is not None
    for action, role, extra in steps:
        cmd = Command(action, "某人", role, at, seat_id="A01", **extra)  # type: ignore[arg-type]
        workspace.tickets.act(ticket.id, cmd)


def _dispatched(workspace: Workspace, *more: tuple[Action, Role, dict[str, object]]) -> Ticket:
    ticket = accepted_ticket(workspace, district="东湖区")
    _act(workspace, ticket, (Action.DISPATCH, Role.OPERATOR, {"department": "QZJJ"}), *more)
    return ticket


def role_dialog(qtbot: QtBot, workspace: Workspace, ticket: Ticket, role: Role) -> TicketDialog:
    dialog = TicketDialog(workspace, ChangeBus(), ticket.id, role=role)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=5000)
    return dialog


def offered(dialog: TicketDialog) -> set[Action]:
    return {Action(dialog.action.itemData(i)) for i in range(dialog.action.count())}


def test_a_team_lead_works_the_ticket_as_a_team_lead(qtbot: QtBot, workspace: Workspace) -> None:
    ticket = _dispatched(workspace)
    lead = role_dialog(qtbot, workspace, ticket, Role.TEAM_LEAD)
    assert {Action.DISPATCH, Action.RETURN, Action.SUPERVISE, Action.ASSIGN, Action.EDIT} <= offered(lead)
    choose(lead, Action.SUPERVISE)
    lead.reason.setText("市领导批示，限期办结")
    apply_and_wait(qtbot, lead)
    assert lead._values["number"].text().endswith("（督办）")
    [event] = [e for e in workspace.tickets.events(ticket.id) if e.action is Action.SUPERVISE]
    assert event.role is Role.TEAM_LEAD


def test_an_operator_is_offered_the_operators_steps_only(qtbot: QtBot, workspace: Workspace) -> None:
    ticket = _dispatched(workspace)
    operator = role_dialog(qtbot, workspace, ticket, Role.OPERATOR)
    assert offered(operator) == {Action.URGE, Action.WITHDRAW, Action.ASSIGN, Action.EDIT}


def test_an_edit_in_the_dialog_corrects_one_field(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = role_dialog(qtbot, workspace, accepted_ticket(workspace), Role.OPERATOR)
    choose(dialog, Action.EDIT)
    assert dialog.edited.isVisibleTo(dialog) and dialog.edit_value.isVisibleTo(dialog)
    dialog.edited.setCurrentIndex(dialog.edited.findData("address"))
    dialog.edit_value.setText("幸福路 18 号 5 栋")
    apply_and_wait(qtbot, dialog)
    assert dialog._values["address"].text() == "幸福路 18 号 5 栋"
    edit = workspace.tickets.events(dialog._ticket_id)[-1]
    assert (edit.action, edit.data) == (Action.EDIT, {"address": "幸福路 18 号 5 栋"})


def test_a_visit_has_no_satisfaction_until_the_operator_picks_one(qtbot: QtBot, workspace: Workspace) -> None:
    ticket = _dispatched(
        workspace,
        (Action.START, Role.DEPARTMENT, {}),
        (Action.REPLY, Role.DEPARTMENT, {"reason": "已修复"}),
    )
    dialog = role_dialog(qtbot, workspace, ticket, Role.OPERATOR)
    assert dialog.selected_action() is Action.VISIT
    assert dialog.satisfaction.currentData() is None and dialog.satisfaction.currentText() == "请选择满意度"
    dialog.apply_action()
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=5000)
    assert dialog.problem.text() == "回访须记录满意度"
    assert workspace.tickets.get(ticket.id).status is Status.REPLIED


def test_after_an_unsatisfied_visit_the_next_step_offered_is_reopening(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ticket = _dispatched(
        workspace,
        (Action.START, Role.DEPARTMENT, {}),
        (Action.REPLY, Role.DEPARTMENT, {"reason": "已修复"}),
    )
    dialog = role_dialog(qtbot, workspace, ticket, Role.OPERATOR)
    dialog.satisfaction.setCurrentIndex(dialog.satisfaction.findData(Satisfaction.UNSATISFIED.value))
    apply_and_wait(qtbot, dialog)
    assert dialog._values["status"].text() == "已回访"
    assert dialog.selected_action() is Action.REOPEN


def test_a_department_user_signs_for_a_ticket_then_returns_it_with_a_reason(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ticket = _dispatched(workspace)
    dialog = role_dialog(qtbot, workspace, ticket, Role.DEPARTMENT)
    assert offered(dialog) == {Action.START, Action.RETURN, Action.EXTEND}
    assert dialog.selected_action() is Action.START  # 签收 first, not 退单
    apply_and_wait(qtbot, dialog)
    assert dialog._values["status"].text() == "办理中"
    assert offered(dialog) == {Action.REPLY, Action.RETURN, Action.EXTEND}

    choose(dialog, Action.RETURN)
    dialog.reason.setText("不属于本单位职责，应由街道办理")
    apply_and_wait(qtbot, dialog)
    assert dialog._values["status"].text() == "退单待审"
    assert dialog.action.count() == 0  # the centre's review now
    history = [
        (dialog.history.item(r, 1).text(), dialog.history.item(r, 3).text())
        for r in range(dialog.history.rowCount())
    ]
    by = f"{workspace.actor}（承办单位）"
    assert history[-2:] == [("签收", by), ("退单", by)]
    assert dialog.history.item(dialog.history.rowCount() - 1, 4).text().startswith("不属于本单位职责")
    assert workspace.outbox.pending_count() == 4  # 受理, 派单, 签收, 退单 wait for the server


def test_a_department_asks_an_extension_and_the_team_lead_grants_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ticket = _dispatched(workspace, (Action.START, Role.DEPARTMENT, {}))
    department = role_dialog(qtbot, workspace, ticket, Role.DEPARTMENT)
    choose(department, Action.EXTEND)
    assert department.until.isVisibleTo(department)
    department.reason.setText("需协调电梯厂家更换主板")
    apply_and_wait(qtbot, department)
    asked = workspace.tickets.get(ticket.id)
    assert asked.extension_due is not None and asked.close_due is not None
    assert asked.extension_due - asked.close_due >= timedelta(days=6, hours=23)
    assert "（待审批）" in department._values["follow_up"].text()

    lead = role_dialog(qtbot, workspace, ticket, Role.TEAM_LEAD)
    assert lead.selected_action() is Action.APPROVE_EXTENSION
    apply_and_wait(qtbot, lead)
    granted = workspace.tickets.get(ticket.id)
    assert (granted.close_due, granted.extension_due) == (asked.extension_due, None)
    assert lead._values["follow_up"].isHidden()
