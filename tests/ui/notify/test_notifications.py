"""The notification list and the desktop popups: unread in bold, Return opens the ticket, read
state kept; the counter in the status bar opens the list; nothing takes the focus during a call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.call_states import CallEventKind
from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.notify.notification import Notification, NotificationKind
from app.store.changes import Changes
from app.telephony import CallEvent
from app.workspace import Workspace
from ui.notify.notification_list import NotificationList
from ui.notify.notifier import Notifier
from ui.ops import ChangeBus
from ui.shell.main_window import MainWindow

NOW = datetime.now(UTC)


def note(key: str, ticket_id: str = "t1", minutes: int = 0, **params: str) -> Notification:
    kind = NotificationKind.ASSIGNED_TO_ME
    values = {"ticket": "12345-20261207-000009", "actor": "李华", "role": "team_lead", **params}
    return Notification(key, kind, ticket_id, NOW + timedelta(minutes=minutes), values)


def filed(workspace: Workspace, *, urgent: bool = True) -> str:
    draft = Draft(
        id=new_id(),
        seat_id=workspace.seat.seat_id,
        started_at=datetime.now(workspace.zone),
        kind=Kind.HELP,
        category_code="CJ.SZ.LD",
        content="路灯不亮",
        caller_phone="13812345678",
        urgent=urgent,  # 紧急: dispatched within 30 minutes, else hours from now
    )
    return workspace.tickets.accept(draft, actor="李娜")[0].id


def phone(qtbot: QtBot, window: MainWindow, event: CallEvent) -> None:
    """A call event through the seat's real call-event socket, as `hotline-seat call` sends it,
    answered while the window's event loop turns (no second process to start on a busy machine)."""
    socket = QLocalSocket()
    socket.connectToServer(window.call_events.name)
    assert socket.waitForConnected(2000)
    socket.write(event.to_line())
    qtbot.waitUntil(socket.canReadLine)
    assert bytes(socket.readLine().data()).strip() == b"ok"
    socket.disconnectFromServer()


def shown(notifier: Notifier, qtbot: QtBot) -> list[tuple[list[Notification], int]]:
    seen: list[tuple[list[Notification], int]] = []
    notifier.changed.connect(lambda notes, unread: seen.append((notes, unread)))
    return seen


def test_unread_notifications_are_bold_and_return_opens_the_ticket_and_marks_it_read(
    workspace: Workspace, qtbot: QtBot
) -> None:
    bus = ChangeBus()
    notifier = Notifier(workspace, bus, in_call=lambda: False)
    view = NotificationList(workspace.zone)
    qtbot.addWidget(view)
    notifier.changed.connect(lambda notes, _unread: view.show_notifications(notes))
    view.markRead.connect(notifier.mark_read)
    seen = shown(notifier, qtbot)
    notifier.store.add([note("a", "t1"), note("b", "t2", minutes=1)])
    notifier.start()
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][1] == 2)
    assert view.list.count() == 2
    assert all(view.list.item(i).font().bold() for i in range(2))
    assert "李华" in view.list.item(0).text() and "分配给本坐席" in view.list.item(0).text()

    view.show()
    view.focus_list()  # the newest first
    with qtbot.waitSignal(view.ticketActivated) as opened:
        qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert opened.args == ["t2"]
    qtbot.waitUntil(lambda: seen[-1][1] == 1)
    assert not view.list.item(0).font().bold() and view.list.item(1).font().bold()
    assert view.list.currentRow() == 0  # a refresh keeps the row the operator is on


def test_new_notifications_pop_up_on_the_desktop_but_what_was_there_at_start_does_not(
    workspace: Workspace, qtbot: QtBot
) -> None:
    bus = ChangeBus()
    notifier = Notifier(workspace, bus, in_call=lambda: False)
    popups: list[tuple[str, str]] = []
    notifier.popup.connect(lambda title, text: popups.append((title, text)))
    seen = shown(notifier, qtbot)
    notifier.store.add([note("old")])
    notifier.start()
    qtbot.waitUntil(lambda: bool(seen))
    notifier.store.add([note("new", minutes=1)])
    bus.changed.emit(Changes(notifications=True))
    qtbot.waitUntil(lambda: bool(popups))
    assert popups == [
        ("新分配工单", "团队长 李华 将工单 12345-20261207-000009 分配给本坐席".replace("团队长", "班长"))
    ]


def test_the_sla_clock_puts_a_warning_on_the_list_within_the_lead_time(
    workspace: Workspace, qtbot: QtBot
) -> None:
    ticket_id = filed(workspace)
    workspace.config.set("notify.sla_warning_minutes", 60)
    bus = ChangeBus()
    notifier = Notifier(workspace, bus, in_call=lambda: False)
    seen = shown(notifier, qtbot)
    notifier.start()
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][1] == 1)
    [warning] = seen[-1][0]
    assert warning.kind is NotificationKind.SLA_WARNING and warning.ticket_id == ticket_id
    notifier.check_deadlines()  # the next look tells nothing new
    qtbot.wait(300)
    assert notifier.store.unread_count() == 1


def test_during_a_call_the_focus_stays_in_the_form_and_popups_wait_for_the_hang_up(
    open_window: object, qtbot: QtBot
) -> None:
    window = open_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    window.show()
    qtbot.waitExposed(window)
    popups: list[tuple[str, str]] = []
    window.notifier.popup.connect(lambda title, text: popups.append((title, text)))
    qtbot.waitUntil(lambda: window.notifier._last_id is not None)  # the first read is done
    phone(qtbot, window, CallEvent(CallEventKind.RINGING, "pbx-n1", caller="13812345678"))
    phone(qtbot, window, CallEvent(CallEventKind.ANSWERED, "pbx-n1"))
    qtbot.waitUntil(lambda: window.seat_desk.state.value == "on_call")
    window.intake.content.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.intake.content)
    qtbot.keyClicks(window.intake.content, "lamp")

    for i in range(3):
        window.notifier.store.add([note(f"call-{i}", minutes=i)])
        window.bus.changed.emit(Changes(notifications=True))
        qtbot.keyClicks(window.intake.content, "x")  # typing goes on while they arrive
    qtbot.waitUntil(lambda: window.notifications.list.count() == 3)
    qtbot.waitUntil(lambda: window.status.notifications_button.text() == "通知 3")
    assert QApplication.focusWidget() is window.intake.content
    assert window.intake.content.toPlainText().endswith("lampxxx")
    assert popups == [] and len(window.notifier.held) == 3

    phone(qtbot, window, CallEvent(CallEventKind.ENDED, "pbx-n1"))
    qtbot.waitUntil(lambda: bool(popups))
    assert popups == [("通知", "通话期间收到 3 条新通知")]


def test_the_counter_and_the_shortcut_open_the_list_with_the_keys_in_it(
    open_window: object, qtbot: QtBot
) -> None:
    window = open_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    window.show()
    qtbot.waitExposed(window)
    assert not window.status.notifications_button.isVisible()  # nothing unread: no counter
    window.notifier.store.add([note("x")])
    window.bus.changed.emit(Changes(notifications=True))
    qtbot.waitUntil(lambda: window.status.notifications_button.isVisible())
    qtbot.mouseClick(window.status.notifications_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notifications.list)
    window.intake.content.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.intake.content)
    qtbot.keyClick(
        window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notifications.list)
    assert window.docks["notifications"].isVisible()

    qtbot.keyClick(window.notifications.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.status.notifications_button.isVisible())  # read: no counter
    assert window.notifier.store.unread_count() == 0  # kept in the store, not only on screen
    assert not window.notifications.list.item(0).font().bold()


def test_mark_all_read_reads_every_one(open_window: object, qtbot: QtBot) -> None:
    window = open_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    window.notifier.store.add([note(k, minutes=i) for i, k in enumerate("abc")])
    window.bus.changed.emit(Changes(notifications=True))
    qtbot.waitUntil(lambda: window.notifications.list.count() == 3)
    qtbot.mouseClick(window.notifications.all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.notifier.store.unread_count() == 0)
    qtbot.waitUntil(lambda: not window.notifications.list.item(2).font().bold())


def test_return_on_a_notification_in_the_window_opens_its_ticket(open_window: object, qtbot: QtBot) -> None:
    from ui.ticket.ticket_dialog import TicketDialog

    window = open_window()  # type: ignore[operator]
    assert isinstance(window, MainWindow)
    window.show()
    qtbot.waitExposed(window)
    ticket_id = filed(window.ws, urgent=False)  # no deadline near: the one notification is this
    window.notifier.store.add([note("mine", ticket_id)])
    window.bus.changed.emit(Changes(notifications=True))
    qtbot.waitUntil(lambda: window.notifications.list.count() == 1)
    window.show_notifications()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notifications.list)
    qtbot.keyClick(window.notifications.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(TicketDialog) is not None)
    dialog = window.findChild(TicketDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: window.notifier.store.unread_count() == 0)
    dialog.reject()
