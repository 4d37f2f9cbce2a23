"""The window works in the role of whoever signed in: the status bar names it, tickets open in it,
and a 承办单位 account lists the tickets dispatched to its unit."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.domain.kinds import Kind
from app.domain.status import Role
from sync.protocol import UserInfo
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow

LEAD = UserInfo(username="lead", display_name="李华", role=Role.TEAM_LEAD)
ADMIN = UserInfo(username="admin", display_name="张敏", role=Role.ADMIN)
UNIT = UserInfo(username="qzjj", display_name="王科长", role=Role.DEPARTMENT, seat_id="QZJJ")


@pytest.mark.parametrize(
    ("language", "shown"), [("zh_CN", "坐席 A01 · 班长 李华"), ("en", "Seat A01 · Team lead 李华")]
)
def test_the_status_bar_calls_a_team_lead_a_team_lead(
    open_window: Callable[..., MainWindow], languages: LanguageSwitcher, language: str, shown: str
) -> None:
    window = open_window()
    languages.switch(language)
    window._user_changed(LEAD)
    assert window.status.seat_label.text() == shown


def test_tickets_open_in_the_signed_in_role_and_an_admin_decides_as_a_team_lead(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    draft = dataclasses.replace(
        window.ws.new_draft(), kind=Kind.COMPLAINT, category_code="CJ.WY.DT", content="电梯停运"
    )
    ticket, _ = window.ws.tickets.accept(draft, actor="李娜")
    assert window.open_ticket(ticket.id).role is Role.OPERATOR
    window._user_changed(LEAD)
    assert window.open_ticket(ticket.id).role is Role.TEAM_LEAD
    window._user_changed(ADMIN)
    assert window.open_ticket(ticket.id).role is Role.TEAM_LEAD
    window._user_changed(None)
    assert window.open_ticket(ticket.id).role is Role.OPERATOR


def test_a_department_account_lists_the_tickets_dispatched_to_its_unit(
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window()
    window._user_changed(UNIT)
    where = window.queue.model.where
    assert (where.department, where.seat_id) == ("QZJJ", None)
    assert window.status.seat_label.text().endswith("承办单位 王科长")
    assert window.docks["queue"].windowTitle() == "本单位工单"
    window._user_changed(LEAD)
    where = window.queue.model.where
    assert (where.department, where.seat_id) == (None, "A01")
    assert window.docks["queue"].windowTitle() == "我的工单"
