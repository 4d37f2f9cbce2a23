"""Retention at start: the seat masks tickets closed long ago, off the GUI thread, and the queue and
the ticket dialog show them masked, once, and say so."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.kinds import Kind
from app.domain.ops import OpStatus
from app.domain.ticket import Ticket
from app.paths import AppPaths
from app.store.replica import Answer, Replica
from app.store.tickets import TicketStore
from app.workspace import Workspace
from ui.shell.main_window import MainWindow
from ui.ticket.ticket_dialog import TicketDialog

OpenWindow = Callable[..., MainWindow]


def closed_long_ago(home: AppPaths, days: int) -> Ticket:
    """A consultation 直接办结 `days` ago and acknowledged by the server, in the seat's store."""
    ws = Workspace.open(home, Config())
    then = datetime.now(UTC) - timedelta(days=days)
    try:
        tickets = TicketStore(ws.store, ws.sla, clock=lambda: then)
        draft = dataclasses.replace(
            ws.new_draft(),
            kind=Kind.CONSULTATION,
            category_code="CJ.WY.DT",
            caller_name="张三丰",
            caller_phone="13812345678",
            address="东湖区幸福路18号",
            district="东湖区",
            content="咨询电梯年检",
        )
        ticket, _ = tickets.accept(draft, actor="李娜", close_reason="已答复")
        ops = ws.outbox.pending()
        Replica(ws.store, ws.sla, clock=lambda: then).settle(
            [Answer(op.op_id, OpStatus.APPLIED, version=i + 1) for i, op in enumerate(ops)]
        )
        return ticket
    finally:
        ws.close()


def test_a_ticket_closed_40_days_ago_is_shown_masked_after_start(
    qtbot: QtBot, home: AppPaths, open_window: OpenWindow
) -> None:
    ticket = closed_long_ago(home, 40)
    window = open_window()
    # Opened at once, before the sweep (off the GUI thread) is done: the dialog follows the store.
    dialog = window.open_ticket(ticket.id)
    assert isinstance(dialog, TicketDialog)
    caller = dialog._values["caller"]
    qtbot.waitUntil(lambda: caller.text() == "张** 138****5678（保存期满，已脱敏）", timeout=5000)
    assert dialog._values["address"].text() == "东湖区"
    dialog.close()


def test_a_ticket_closed_10_days_ago_is_shown_whole(
    qtbot: QtBot, home: AppPaths, open_window: OpenWindow
) -> None:
    ticket = closed_long_ago(home, 10)
    window = open_window()
    dialog = window.open_ticket(ticket.id)
    qtbot.waitUntil(lambda: dialog.ticket is not None, timeout=5000)
    assert dialog._values["caller"].text() == "张三丰 13812345678"
    assert dialog._values["address"].text() == "东湖区幸福路18号"
    dialog.close()
