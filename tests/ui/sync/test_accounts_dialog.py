"""账号管理 and 修改密码 in the seat, against a real server app (in process, on a seeded SQLite copy):
an admin lists, adds, disables/enables, resets and ends sessions; every user changes their own
password; only admins see the accounts entry."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from starlette.testclient import TestClient

from app.domain.status import Role
from sync.client.api import ServerApi
from sync.client.credentials import SessionOnlyKeyring, TokenVault
from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX, UserInfo
from sync.server.app import close_app, create_app
from sync.server.settings import ServerSettings
from tests.sync.conftest import sqlite_template  # noqa: F401  (the seeded database, made once)
from ui.shell.main_window import MainWindow
from ui.sync.accounts_dialog import AccountsDialog, ChangePasswordDialog, NewAccountDialog, PasswordDialog
from ui.sync.login_dialog import LoginDialog

URL = "http://localhost"
STRONG = "Rain-Gutter-8812"
ApiFor = Callable[[str], ServerApi]


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[TestClient]:  # noqa: F811
    target = tmp_path / "server.sqlite3"
    shutil.copy(sqlite_template, target)
    app = create_app(ServerSettings(db_url=f"sqlite:///{target}"))
    with TestClient(app) as http:  # one event loop, called from the dialogs' worker threads
        yield http
    close_app(app)


@pytest.fixture
def api_for(server: TestClient) -> Iterator[ApiFor]:
    made: list[ServerApi] = []

    def signed_in(username: str, password: str = DEMO_PASSWORD) -> ServerApi:
        api = ServerApi(URL, TokenVault(URL, backend=SessionOnlyKeyring()), http=server)
        api.login(username, password)
        made.append(api)
        return api

    yield signed_in


def _login_status(server: TestClient, username: str, password: str = DEMO_PASSWORD) -> int:
    return server.post(
        f"{API_PREFIX}/auth/login", json={"username": username, "password": password}
    ).status_code


def _opened(qtbot: QtBot, api: ServerApi) -> AccountsDialog:
    dialog = AccountsDialog(lambda: api)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.accounts) == 12, timeout=10_000)
    return dialog


def _row(dialog: AccountsDialog, username: str) -> list[str]:
    for row in range(dialog.table.rowCount()):
        cells = [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]
        if cells[0] == username:
            return cells
    raise AssertionError(f"{username} not listed")


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    button.click()


def test_an_admin_sees_every_account_with_its_state(qtbot: QtBot, api_for: ApiFor) -> None:
    api_for("a02")
    dialog = _opened(qtbot, api_for("admin"))
    assert _row(dialog, "a01") == ["a01", "话务员01", "话务员", "A01", "正常", "0", ""]
    assert _row(dialog, "a02")[5] == "1"  # one session open
    assert _row(dialog, "lead")[2] == "班长"
    assert not dialog.buttons["disable"].isEnabled()  # nothing chosen yet


def test_an_admin_disables_and_enables_an_account(qtbot: QtBot, api_for: ApiFor, server: TestClient) -> None:
    seat = api_for("a01")
    dialog = _opened(qtbot, api_for("admin"))
    dialog.select("a01")
    _click(qtbot, dialog.buttons["disable"])
    qtbot.waitUntil(lambda: _row(dialog, "a01")[4] == "已停用", timeout=10_000)
    assert "已停用 a01" in dialog.message.text()
    assert _login_status(server, "a01") == 403
    with pytest.raises(Exception, match="sign in again"):
        seat.accounts()  # its session ended (and it is no admin anyway)
    assert dialog.buttons["enable"].isEnabled() and not dialog.buttons["disable"].isEnabled()
    _click(qtbot, dialog.buttons["enable"])
    qtbot.waitUntil(lambda: _row(dialog, "a01")[4] == "正常", timeout=10_000)
    assert _login_status(server, "a01") == 200


def test_the_last_admin_cannot_be_disabled_and_the_dialog_says_why(qtbot: QtBot, api_for: ApiFor) -> None:
    dialog = _opened(qtbot, api_for("admin"))
    dialog.select("admin")
    with qtbot.waitSignal(dialog.settled, timeout=10_000):
        _click(qtbot, dialog.buttons["disable"])
    assert "不能停用最后一个管理员" in dialog.message.text()
    assert _row(dialog, "admin")[4] == "正常"


def test_an_admin_adds_an_account_weak_passwords_refused(
    qtbot: QtBot, api_for: ApiFor, server: TestClient
) -> None:
    dialog = _opened(qtbot, api_for("admin"))

    def add(password: str) -> None:
        _click(qtbot, dialog.buttons["add"])
        form = dialog.pending
        assert isinstance(form, NewAccountDialog) and form.isVisible()
        form.username.setText("b01")
        form.display_name.setText("话务员B01")
        form.seat.setText("B01")
        form.password.setText(password)
        form.again.setText(password)
        with qtbot.waitSignal(dialog.settled, timeout=10_000):
            form.submit()

    add("password1234")
    assert "密码过于常见或简单" in dialog.message.text()
    add(STRONG)
    qtbot.waitUntil(lambda: len(dialog.accounts) == 13, timeout=10_000)
    assert _row(dialog, "b01")[:4] == ["b01", "话务员B01", "话务员", "B01"]
    assert _login_status(server, "b01", STRONG) == 200


def test_an_admin_resets_a_password_and_ends_sessions(
    qtbot: QtBot, api_for: ApiFor, server: TestClient
) -> None:
    api_for("a03"), api_for("a04")
    dialog = _opened(qtbot, api_for("admin"))
    dialog.select("a03")
    _click(qtbot, dialog.buttons["reset"])
    form = dialog.pending
    assert isinstance(form, PasswordDialog)
    form.new.setText(STRONG)
    form.again.setText("something else")
    form.submit()
    assert form.isVisible() and form.message.text() == "两次输入的新密码不同。"
    form.again.setText(STRONG)
    form.submit()
    qtbot.waitUntil(lambda: _row(dialog, "a03")[5] == "0", timeout=10_000)
    assert _login_status(server, "a03") == 401 and _login_status(server, "a03", STRONG) == 200

    dialog.select("a04")
    _click(qtbot, dialog.buttons["revoke"])
    qtbot.waitUntil(lambda: _row(dialog, "a04")[5] == "0", timeout=10_000)
    assert "已结束 a04 的全部会话" in dialog.message.text()


def test_an_operator_changes_their_own_password(qtbot: QtBot, api_for: ApiFor, server: TestClient) -> None:
    api = api_for("a05")
    dialog = ChangePasswordDialog(lambda: api)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.old is not None
    dialog.old.setText("not-my-password")
    dialog.new.setText(STRONG)
    dialog.again.setText(STRONG)
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        dialog.submit()
    assert "原密码错误" in dialog.message.text() and dialog.isVisible()
    dialog.old.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        dialog.submit()
    assert dialog.changed and not dialog.isVisible()
    assert _login_status(server, "a05", STRONG) == 200 and _login_status(server, "a05") == 401
    assert api.kb_changes(0, 1) is not None  # still signed in: this session goes on


def test_the_accounts_entry_is_for_admins_and_change_password_for_everyone(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    accounts, change = window._actions["accounts"], window._actions["changePassword"]
    assert not accounts.isVisible() and not change.isEnabled()
    window._user_changed(UserInfo(username="a01", display_name="话务员01", role=Role.OPERATOR, seat_id="A01"))
    assert not accounts.isVisible() and change.isEnabled()
    window._user_changed(UserInfo(username="lead", display_name="班长", role=Role.TEAM_LEAD))
    assert not accounts.isVisible()
    window._user_changed(UserInfo(username="admin", display_name="管理员", role=Role.ADMIN))
    assert accounts.isVisible() and accounts in window.sync_menu.actions()
    window._user_changed(None)
    assert not accounts.isVisible() and not change.isEnabled()


def test_the_login_dialog_says_when_an_account_is_locked_out_or_disabled(
    qtbot: QtBot, api_for: ApiFor, server: TestClient
) -> None:
    def login(url: str, username: str, password: str) -> UserInfo:
        api = ServerApi(URL, TokenVault(URL, backend=SessionOnlyKeyring()), http=server)
        return api.login(username, password)

    dialog = LoginDialog(login, server_url=URL, username="a06")
    qtbot.addWidget(dialog)
    for _ in range(6):
        _login_status(server, "a06", "wrong-password")
    dialog.password.setText(DEMO_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: "登录失败" in dialog.message.text(), timeout=10_000)
    # The server's refusal in the interface language (Chinese here), not its "中文 (English)" text.
    assert "尝试次数过多" in dialog.message.text() and "Too many" not in dialog.message.text()

    api_for("admin").set_disabled("a07", True)
    dialog.username.setText("a07")
    dialog.message.clear()
    dialog.password.setText(DEMO_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: "登录失败" in dialog.message.text(), timeout=10_000)
    assert "账号已停用" in dialog.message.text() and "403" not in dialog.message.text()


def test_a_lockout_shows_in_the_centres_time_whatever_the_pcs_zone(
    qtbot: QtBot, api_for: ApiFor, server: TestClient, process_zone: str
) -> None:
    for _ in range(6):
        _login_status(server, "a06", "wrong-password")
    centre = ZoneInfo("Asia/Shanghai")
    dialog = AccountsDialog(lambda: api_for("admin"), zone=centre)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.accounts) == 12, timeout=10_000)
    [locked] = [a for a in dialog.accounts if a.username == "a06"]
    assert locked.locked_until is not None
    assert f"{locked.locked_until.astimezone(centre):%Y-%m-%d %H:%M}" in _row(dialog, "a06")
