"""The seat window against a real central server: login, 在线/离线/待同步 N, official numbers, conflicts.

The server is the real `hotline-server` in its own process, started the way `make run` starts it
(ui.shell.embedded_server), with the demo accounts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.config.settings import Config
from app.domain.lifecycle import Command
from app.domain.problem import Problem
from app.domain.seat import SeatEvent
from app.domain.status import Action, Role
from app.domain.ticket import Ticket
from app.knowledge.transfer import ImportResult
from app.store.conflicts import Resolution
from sync.client.loop import SyncState
from sync.client.session import SeatSession
from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX, KbImportProblem, KbImportResult, coded
from tests.sync.live import wait_until_answering
from tests.sync.server.wire import command_op, create_op
from tests.ui.ime import commit_text, type_request
from tests.ui.wording import assert_chinese, assert_english
from ui.kb import kb_transfer
from ui.kb.kb_editor import KbEditorDialog
from ui.shell.embedded_server import EmbeddedServer
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main_window import MainWindow
from ui.sync.conflicts_dialog import ConflictsDialog
from ui.sync.login_dialog import LoginDialog

OpenWindow = Callable[..., MainWindow]


def _started(folder: Path) -> EmbeddedServer:
    server = EmbeddedServer(folder)
    _restart(server)
    return server


def _restart(server: EmbeddedServer) -> None:
    server.start()
    wait_until_answering(server.url)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    server = _started(tmp_path_factory.mktemp("central"))
    yield server
    server.stop()


def _config(url: str, *, interval: int = 5) -> Config:
    config = Config()
    config.set("server.url", url)
    config.set("sync.interval_s", interval)
    return config


def _signed_in(url: str, username: str = "a01") -> None:
    SeatSession(url).login(username, DEMO_PASSWORD)


def _signed_out(url: str) -> None:
    session = SeatSession(url)
    if session.restore() is not None:
        session.logout()


def _accept(qtbot: QtBot, window: MainWindow) -> Ticket:
    type_request(qtbot, window)
    with qtbot.waitSignal(window.intake.ticketAccepted, timeout=5000) as accepted:
        qtbot.keyClick(window.intake.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket = accepted.args[0]
    assert isinstance(ticket, Ticket)
    return ticket


def _online(window: MainWindow) -> bool:
    status = window.sync.status
    return status is not None and status.state is SyncState.ONLINE and status.pending == 0


def _number(window: MainWindow, ticket: Ticket) -> str | None:
    return window.ws.tickets.get(ticket.id).number


@pytest.mark.slow
def test_a_new_ticket_reaches_the_server_and_shows_its_official_number(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer
) -> None:
    _signed_in(central.url)
    window = open_window(config=_config(central.url))
    qtbot.waitUntil(lambda: _online(window), timeout=15000)
    assert window.status.connection_label.text() == "在线"
    assert "话务员01" in window.status.seat_label.text()

    ticket = _accept(qtbot, window)
    qtbot.waitUntil(lambda: (_number(window, ticket) or "").startswith("12345-"), timeout=15000)
    qtbot.waitUntil(lambda: _online(window), timeout=15000)
    number = _number(window, ticket)
    qtbot.waitUntil(lambda: _queue_shows(window, ticket, number or "?"), timeout=5000)
    assert "待同步" not in window.status.connection_label.text()


@pytest.mark.slow
def test_offline_keeps_tickets_pending_and_sends_them_when_the_server_returns(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    server = _started(tmp_path / "central")
    try:
        _signed_in(server.url)
        window = open_window(config=_config(server.url))
        qtbot.waitUntil(lambda: _online(window), timeout=15000)
        server.stop()

        ticket = _accept(qtbot, window)
        qtbot.waitUntil(lambda: "离线" in window.status.connection_label.text(), timeout=15000)
        assert "待同步 1" in window.status.connection_label.text()
        assert "秒后重试" in window.status.connection_label.toolTip()
        assert _number(window, ticket) is None

        _restart(server)  # same port, same database: the server is back
        qtbot.mouseClick(window.status.connection_label, Qt.MouseButton.LeftButton)  # 立即同步
        qtbot.waitUntil(lambda: _number(window, ticket) is not None, timeout=15000)
        qtbot.waitUntil(lambda: window.status.connection_label.text() == "在线", timeout=15000)
    finally:
        server.stop()


@pytest.mark.slow
def test_login_refuses_a_wrong_password_then_signs_in(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer
) -> None:
    _signed_out(central.url)
    window = open_window(config=_config(central.url))
    qtbot.waitUntil(lambda: window.status.connection_label.text() == "未登录中心服务器", timeout=15000)

    qtbot.mouseClick(window.status.connection_label, Qt.MouseButton.LeftButton)
    dialog = window.findChild(LoginDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.server.text() == central.url
    qtbot.keyClicks(dialog.username, "a01")
    qtbot.keyClicks(dialog.password, "not-the-password")
    dialog.submit()
    qtbot.waitUntil(lambda: "不正确" in dialog.message.text(), timeout=10000)
    assert dialog.password.text() == "", "a refused password is not kept in the field"

    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
    qtbot.waitUntil(lambda: _online(window), timeout=15000)
    assert window.sync.user is not None and window.sync.user.username == "a01"
    assert window.ws.config.text("server.username") == "a01"
    assert DEMO_PASSWORD not in window.ws.paths.config_file.read_text(encoding="utf-8")


def test_a_conflicting_edit_shows_both_versions_and_keeping_mine_wins(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer
) -> None:
    _signed_in(central.url)
    # Only wakes sync (a local change): the seat must not pull the lead's edit before making its own.
    window = open_window(config=_config(central.url, interval=300))
    qtbot.waitUntil(lambda: _online(window), timeout=15000)
    ticket = _accept(qtbot, window)
    qtbot.waitUntil(lambda: _number(window, ticket) is not None and _online(window), timeout=15000)
    version = window.ws.tickets.get(ticket.id).version

    theirs, mine = "班长核实：电梯已报修，维保单位今日到场。", "市民补充：电梯困人，情况紧急。"
    lead = _lead(central.url)
    lead_edit = command_op(
        ticket.id,
        version,
        "console",
        Action.EDIT,
        Role.TEAM_LEAD,
        at=datetime.now(UTC),
        changes={"content": theirs},
    )
    answer = lead.post(f"{API_PREFIX}/sync/push", json={"ops": [lead_edit]})
    assert answer.json()["results"][0]["status"] == "applied"

    edit = Command(
        Action.EDIT, "话务员01", Role.OPERATOR, datetime.now(UTC), "A01", changes={"content": mine}
    )
    window.ws.tickets.act(ticket.id, edit)
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.status.conflicts_button.isVisible(), timeout=15000)
    assert window.status.conflicts_button.text() == "冲突 1"

    qtbot.mouseClick(window.status.conflicts_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ConflictsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.versions.rowCount() == 1, timeout=5000)
    cells = [dialog.versions.item(0, column).text() for column in range(3)]
    assert cells == ["诉求内容", mine, theirs]
    assert dialog.buttons[Resolution.KEEP_MINE].text() == "保留我的"

    dialog.buttons[Resolution.KEEP_MINE].click()
    qtbot.waitUntil(lambda: dialog.listing.count() == 0, timeout=5000)
    dialog.close()
    qtbot.waitUntil(lambda: _server_content(lead, ticket.id) == mine, timeout=15000)
    qtbot.waitUntil(lambda: not window.status.conflicts_button.isVisible(), timeout=15000)
    lead.close()


def test_a_change_the_server_refuses_is_explained_in_the_interface_language(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer, languages: LanguageSwitcher
) -> None:
    _signed_in(central.url)
    window = open_window(config=_config(central.url, interval=300))
    qtbot.waitUntil(lambda: _online(window), timeout=15000)
    ticket = _accept(qtbot, window)
    qtbot.waitUntil(lambda: _number(window, ticket) is not None and _online(window), timeout=15000)
    # This PC's clock an hour ahead when the change was made: the server refuses to plan from it.
    ahead = datetime.now(UTC) + timedelta(hours=1)
    edit = Command(
        Action.EDIT, "话务员01", Role.OPERATOR, ahead, "A01", changes={"content": "停水三天，仍未恢复"}
    )
    window.ws.tickets.act(ticket.id, edit)
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.status.conflicts_button.isVisible(), timeout=15000)
    try:
        for language, one_language, clock in (
            ("en", assert_english, "check this PC's clock"),
            ("zh_CN", assert_chinese, "请检查本机时钟"),
        ):
            languages.switch(language)
            dialog = ConflictsDialog(window.ws, window.bus)
            qtbot.addWidget(dialog)
            qtbot.waitUntil(lambda d=dialog: d.listing.count() == 1, timeout=5000)  # type: ignore[misc]
            assert clock in dialog.reason.text() and ahead.isoformat() in dialog.reason.text()
            one_language(dialog.reason.text())
            one_language(dialog.listing.item(0).toolTip())
            dialog.close()
    finally:
        languages.switch("zh_CN")


@pytest.mark.parametrize(
    ("language", "reason", "one_language", "told"),
    [
        ("zh_CN", "忙闲调整", assert_chinese, "改派至 A02：忙闲调整"),
        ("en", "load", assert_english, "to A02: load"),
    ],
)
def test_a_lead_reassignment_is_pulled_with_its_reason_in_the_interface_language(
    qtbot: QtBot,
    open_window: OpenWindow,
    central: EmbeddedServer,
    languages: LanguageSwitcher,
    language: str,
    reason: str,
    one_language: Callable[[str], None],
    told: str,
) -> None:
    _signed_in(central.url)
    window = open_window(config=_config(central.url, interval=300))
    qtbot.waitUntil(lambda: _online(window), timeout=15000)
    ticket = _accept(qtbot, window)
    qtbot.waitUntil(lambda: _number(window, ticket) is not None and _online(window), timeout=15000)

    lead = _lead(central.url)
    moved = lead.post(
        f"{API_PREFIX}/lead/reassign", json={"ticket_ids": [ticket.id], "to_seat": "A02", "reason": reason}
    )
    assert moved.json()["moved"] == [ticket.id]
    lead.close()

    languages.switch(language)
    try:
        qtbot.keyClick(window.intake.content, Qt.Key.Key_F6)  # 立即同步
        qtbot.waitUntil(lambda: window.ws.tickets.get(ticket.id).assigned_seat == "A02", timeout=15000)
        number = window.ws.tickets.get(ticket.id).display_no

        def told_of_it() -> list[str]:  # the central server is the module's: other moves may be listed
            listed = window.notifications.list
            return [t for t in (listed.item(i).text() for i in range(listed.count())) if number in t]

        qtbot.waitUntil(lambda: len(told_of_it()) == 1, timeout=15000)
        [shown] = told_of_it()
        status = window.status.currentMessage()
    finally:
        languages.switch("zh_CN")
    assert told in shown
    one_language(shown.replace("班长李华", ""))  # the lead's name is the lead's
    assert "A02" not in status  # told once: the status bar does not say it again


def test_without_a_server_the_status_bar_says_local_only_and_counts_the_queue(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    assert window.status.connection_label.text() == "本机模式（未配置中心服务器）"
    commit_text(qtbot, window.intake.content, "x")  # typing alone queues nothing for the server
    assert "待同步" not in window.status.connection_label.text()


def test_a_lead_deletes_a_kb_article_only_after_confirming_and_the_seat_drops_it(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer
) -> None:
    _signed_in(central.url, "lead")
    window = open_window(config=_config(central.url))
    panel = window.kb_panel
    qtbot.waitUntil(lambda: _online(window) and panel.edit_button.toolTip() == "", timeout=15000)
    qtbot.waitUntil(lambda: panel.ready and window.kb.store.count() > 100, timeout=30000)  # pulled
    panel.search.setText("护照")
    qtbot.waitUntil(lambda: panel.results.count() > 0 and panel.edit_button.isEnabled(), timeout=10000)
    article = panel.current_article()
    assert article is not None
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(KbEditorDialog)
    assert dialog is not None and dialog.delete_button is not None

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert (
        dialog.confirm is not None and dialog.confirm.isVisible() and article.title in dialog.confirm.text()
    )
    qtbot.mouseClick(dialog.confirm.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.wait(500)
    lead = _lead(central.url)
    assert article.id not in _kb_deleted(lead)
    assert window.kb.store.get(article.id) is not None and dialog.isVisible()

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm is not None
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert article.id in _kb_deleted(lead)
    qtbot.waitUntil(lambda: window.kb.store.get(article.id) is None, timeout=15000)  # pulled at once
    qtbot.waitUntil(
        lambda: article.id not in [h.article.id for h in panel._hits], timeout=10000
    )  # and the dock's results follow
    lead.close()


def test_a_kb_delete_the_server_refuses_keeps_the_editor_open_and_says_why(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer
) -> None:
    """The editor is only offered to leads, but the server has the last word: an operator's
    account (whose token the seat holds) is refused with 403, and the editor says so."""
    _signed_in(central.url, "a01")
    window = open_window(config=_config(central.url))
    qtbot.waitUntil(lambda: _online(window) and window.kb.store.count() > 100, timeout=30000)
    article = window.kb.store.articles()[0]
    dialog = window.open_kb_editor(article)
    assert dialog.delete_button is not None
    dialog.ask_delete()
    assert dialog.confirm is not None
    qtbot.mouseClick(dialog.confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problems.text().startswith("删除失败"), timeout=10000)
    assert dialog.isVisible() and not dialog.deleted and dialog.buttons.isEnabled()
    assert window.kb.store.get(article.id) is not None


def test_a_lead_imports_a_csv_into_the_server_kb_and_the_seat_pulls_it(
    qtbot: QtBot,
    open_window: OpenWindow,
    central: EmbeddedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(
            kb_transfer.QMessageBox, name, lambda _parent, _title, text, n=name: shown.append((n, text))
        )
    _signed_in(central.url, "a01")
    operator = open_window(config=_config(central.url))
    qtbot.waitUntil(lambda: _online(operator) and operator.sync.user is not None, timeout=15000)
    assert not operator.kb_panel.transfer_actions["import_file"].isEnabled()  # operators do not import
    operator.close()

    _signed_in(central.url, "lead")
    window = open_window(config=_config(central.url))
    panel = window.kb_panel
    qtbot.waitUntil(lambda: panel.transfer_actions["import_file"].isEnabled(), timeout=15000)
    qtbot.waitUntil(lambda: panel.ready and window.kb.store.count() > 100, timeout=30000)
    csv = tmp_path / "import.csv"
    csv.write_text(
        "id,title,body,tags\nIMP-1,电动自行车上牌,带购车发票和身份证到车管所。,上牌|电动车\n"
        "IMP-2,犬只登记,到派出所办理养犬登记。,养犬\n",
        encoding="utf-8",
    )
    kb_transfer.import_kb(panel, panel.kb, panel.bus, str(csv), to_server=panel.import_to)
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert shown[0] == ("information", "已导入中心服务器：新增 2 条，更新 0 条。各坐席同步后即可使用。")
    qtbot.waitUntil(lambda: window.kb.store.get("IMP-2") is not None, timeout=15000)  # pulled back
    assert window.kb.version_label() != "import"  # the seat's KB is still the server's

    broken = tmp_path / "broken.csv"
    broken.write_text("id,title,body\nIMP-1,电动自行车上牌（改）,正文。\nIMP-3,,正文\n", encoding="utf-8")
    kb_transfer.import_kb(panel, panel.kb, panel.bus, str(broken), to_server=panel.import_to)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=15000)
    assert shown[1][0] == "warning" and "第 3 行" in shown[1][1]
    lead = _lead(central.url)
    titles = [
        a["title"]
        for a in lead.get(f"{API_PREFIX}/kb/changes", params={"since": 0, "limit": 500}).json()["articles"]
    ]
    assert "电动自行车上牌" in titles and "电动自行车上牌（改）" not in titles  # nothing partial
    lead.close()


def test_server_problems_are_listed_row_by_row(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(kb_transfer.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    refused = KbImportResult(
        created=0,
        updated=0,
        revision=7,
        problems=[
            KbImportProblem(index=n, where=f"第 {n + 2} 行 (row {n + 2})", message="标题不能为空")
            for n in range(40)
        ],
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    kb_transfer._imported(parent, ImportResult((), ()), refused)
    [text] = shown
    assert text.startswith("中心服务器发现 40 处问题，未导入任何条目")
    assert "第 2 行 (row 2): 标题不能为空" in text and "另有 10 处问题" in text


def test_server_problems_with_a_code_are_worded_in_the_interface_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, languages: LanguageSwitcher
) -> None:
    """The server's code is worded here, at the row as this seat read the file; its text (both
    languages) is for seats that do not know the code."""
    shown: list[str] = []
    monkeypatch.setattr(kb_transfer.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    title = Problem("article.bad_title", {"limit": 80})
    refused = KbImportResult(
        created=0,
        updated=0,
        revision=7,
        problems=[KbImportProblem(index=0, where="第 3 行 (row 3)", message=str(title), **coded(title))],
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    read = ImportResult((), (), (Problem("kb.row", {"row": 3}),))
    try:
        languages.switch("en")
        kb_transfer._imported(parent, read, refused)
    finally:
        languages.switch("zh_CN")
    kb_transfer._imported(parent, read, refused)
    assert "row 3: The title is empty or longer than 80 characters" in shown[0]
    assert_english(shown[0])
    assert "第 3 行：标题不能为空且不超过 80 字" in shown[1]
    assert_chinese(shown[1])


def _kb_deleted(lead: httpx.Client) -> list[str]:
    deleted: list[str] = lead.get(f"{API_PREFIX}/kb/changes", params={"since": 0, "limit": 500}).json()[
        "deleted"
    ]
    return deleted


def _queue_shows(window: MainWindow, ticket: Ticket, number: str) -> bool:
    row = window.queue.model.row_of(ticket.id)
    return row is not None and str(window.queue.model.index(row, 0).data()).endswith(number)


def _lead(url: str, username: str = "lead") -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=10)
    token = client.post(f"{API_PREFIX}/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


def _server_content(lead: httpx.Client, ticket_id: str) -> str:
    content: str = lead.get(f"{API_PREFIX}/tickets/{ticket_id}").json()["content"]
    return content


def test_the_kb_report_counts_every_seats_uses_from_the_server(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer
) -> None:
    lead, other_seat = _lead(central.url), _lead(central.url, "a02")
    edit = {"title": "燃气表更换", "body": "到营业厅预约。", "base_version": 0}
    assert lead.put(f"{API_PREFIX}/kb/articles/RPT-1", json=edit).status_code == 200
    now = datetime.now(UTC)
    call = create_op("A02", at=now)  # the server keeps uses of tickets it has, from seats that see them
    assert (
        other_seat.post(f"{API_PREFIX}/sync/push", json={"ops": [call]}).json()["results"][0]["status"]
        == "applied"
    )
    use = {"ticket_id": call["ticket_id"], "article_id": "RPT-1", "version": 1, "at": now.isoformat()}
    answer = other_seat.post(f"{API_PREFIX}/kb/uses", json={"uses": [use]})
    assert answer.status_code == 200 and answer.json()["recorded"] == 1
    _signed_in(central.url, "lead")
    window = open_window(config=_config(central.url))
    qtbot.waitUntil(lambda: window._actions["kbReport"].isEnabled(), timeout=15000)

    dialog = window.open_kb_report()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=15000)
    assert dialog.everyone  # a02's use, not only this seat's
    assert ("RPT-1", "燃气表更换", "1") in [
        tuple(dialog.used.item(r, c).text() for c in range(3)) for r in range(dialog.used.rowCount())
    ]
    assert dialog.note.text().startswith("统计的是全部坐席上报到中心服务器的使用")
    dialog.close()
    lead.close()
    other_seat.close()
    _signed_out(central.url)


def test_the_seats_state_reaches_the_leads_board_with_the_next_sync(
    qtbot: QtBot, open_window: OpenWindow, central: EmbeddedServer
) -> None:
    _signed_in(central.url)
    window = open_window(config=_config(central.url, interval=300))
    qtbot.waitUntil(lambda: _online(window), timeout=15000)
    window.choose_state(SeatEvent.CHOOSE_BREAK, "培训")
    qtbot.keyClick(window.intake.content, Qt.Key.Key_F6)  # 立即同步

    lead = _lead(central.url)

    def reported() -> dict[str, object]:
        board = {seat["seat_id"]: seat for seat in lead.get(f"{API_PREFIX}/lead/seats").json()}
        report: dict[str, object] = board["A01"]["report"] or {}
        return report

    qtbot.waitUntil(lambda: reported().get("break_reason") == "培训", timeout=15000)
    assert reported()["state"] == "break"
    lead.close()
