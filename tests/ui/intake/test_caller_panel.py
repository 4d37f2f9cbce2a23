"""来电历史 and 相似工单 in the intake (issue 18 item 6): a number typed or rung shows its earlier
tickets and the frequent-caller flag; the request being typed shows open tickets like it; 并单 files
the request into the chosen one. Every look-up runs off the GUI thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Action, Status
from app.domain.ticket import Caller, Ticket
from app.resources import load_taxonomy
from ui.ops import TRACKER
from ui.shell.main_window import MainWindow

PHONE = "13912345678"
NOISE = load_taxonomy().leaves()[0].code  # any leaf: the catalogue is being extended


def _earlier(days_ago: int, content: str, status: Status = Status.ACCEPTED, phone: str = PHONE) -> Ticket:
    return Ticket(
        id=new_id(), local_no=f"A01-20261201-{days_ago:04d}", kind=Kind.COMPLAINT, status=status,
        seat_id="A01", created_at=datetime.now(UTC) - timedelta(days=days_ago), category_code=NOISE,
        caller=Caller("刘女士", phone), district="东湖区", content=content,
    )  # fmt: skip


def _window_with(open_window: object, *tickets: Ticket) -> MainWindow:
    window: MainWindow = open_window()  # type: ignore[operator]
    window.ws.tickets.import_history([(t, []) for t in tickets], demo=False)
    return window


def test_a_number_typed_in_lists_its_earlier_tickets_and_flags_a_frequent_caller(
    open_window: object, qtbot: QtBot
) -> None:
    tickets = [_earlier(d, "幸福路工地夜间施工噪音") for d in (2, 9, 20)]
    window = _window_with(open_window, *tickets, _earlier(3, "别人", phone="13800000000"))
    intake, panel = window.intake, window.intake.callers
    assert panel.isHidden()
    intake.caller_phone.setText("139-1234-5678")
    qtbot.waitUntil(lambda: panel.history.count() == 3, timeout=10_000)
    assert panel.isVisible() and panel.frequent.isVisible()
    assert "A01-20261201-0002" in panel.history.item(0).text()  # newest first
    assert panel.server_note.isVisible()  # no server session: only this seat's tickets


def test_a_number_that_is_not_whole_looks_nothing_up(open_window: object, qtbot: QtBot) -> None:
    window = _window_with(open_window, _earlier(2, "噪音"))
    window.intake.caller_phone.setText("1391234")
    qtbot.wait(600)
    qtbot.waitUntil(lambda: TRACKER.running == 0, timeout=10_000)
    assert window.intake.callers.history.count() == 0 and window.intake.callers.isHidden()


def test_the_similar_open_ticket_is_found_and_merging_files_the_request_into_it(
    open_window: object, qtbot: QtBot
) -> None:
    main = _earlier(1, "幸福路工地晚上十一点还在打桩噪音太大", phone="13800000000")
    window = _window_with(open_window, main)
    intake, panel = window.intake, window.intake.callers
    intake.kind.setCurrentIndex(list(Kind).index(Kind.COMPLAINT))
    intake.category.setCurrentIndex(intake.category.findData(NOISE))
    intake.district.setText("东湖区")
    intake.district.textEdited.emit("东湖区")
    intake.caller_phone.setText("13900000001")  # what the category requires, as for any 受理
    intake.address.setText("幸福路工地")
    intake.content.setPlainText("我要反映幸福路那个工地半夜打桩噪音特别大睡不着")
    qtbot.waitUntil(lambda: panel.similar.count() == 1, timeout=10_000)
    assert not panel.merge_button.isEnabled()  # nothing chosen yet
    panel.similar.setCurrentRow(0)
    assert panel.merge_button.isEnabled()
    with qtbot.waitSignal(intake.ticketAccepted, timeout=10_000) as accepted:
        panel.merge_button.click()
    repeat: Ticket = accepted.args[0]
    assert repeat.status is Status.CLOSED
    events = window.ws.tickets.events(repeat.id)
    assert [(e.action, e.data) for e in events] == [(Action.ACCEPT, {}), (Action.MERGE, {"into": main.id})]
    qtbot.waitUntil(lambda: panel.isHidden(), timeout=10_000)  # a blank intake shows nothing
