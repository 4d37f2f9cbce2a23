"""Why the seat is offline, signed out or refusing a server is worded in the interface language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.problem import Problem
from app.domain.seat import Seat
from sync.client.status import SyncState, SyncStatus
from tests.ui.wording import assert_chinese, assert_english
from ui.shell.i18n import LanguageSwitcher
from ui.shell.status_bar import SeatStatusBar
from ui.sync.seat_sync import Risk, SecurityNotice


@pytest.mark.parametrize(
    ("state", "problem"),
    [
        (SyncState.OFFLINE, Problem("sync.unreachable", {"error": "ConnectError"})),
        (SyncState.AUTH_REQUIRED, Problem("sync.session_ended")),
    ],
)
def test_the_connection_tip_says_why_in_the_interface_language(
    qtbot: QtBot, languages: LanguageSwitcher, state: SyncState, problem: Problem
) -> None:
    bar = SeatStatusBar(Seat("A01", "话务员01"), demo=False)
    qtbot.addWidget(bar)
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            bar.show_sync(SyncStatus(state, pending=0, conflicts=0, error=problem))
            one_language(bar.connection_label.toolTip())
    finally:
        languages.switch("zh_CN")


def test_a_refused_server_address_is_explained_in_the_interface_language(
    qtbot: QtBot, languages: LanguageSwitcher
) -> None:
    bar = SeatStatusBar(Seat("A01", "话务员01"), demo=False)
    qtbot.addWidget(bar)
    why = Problem("transport.insecure", {"url": "http://10.1.2.3", "setting": "server.allow_insecure_http"})
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            bar.show_security([SecurityNotice(Risk.REFUSED_UNENCRYPTED, why)])
            assert "http://10.1.2.3" in bar.security_label.toolTip()
            one_language(bar.security_label.toolTip())
    finally:
        languages.switch("zh_CN")


def test_a_call_event_socket_refused_as_not_private_is_explained_in_the_interface_language(
    qtbot: QtBot, languages: LanguageSwitcher
) -> None:
    bar = SeatStatusBar(Seat("A01", "话务员01"), demo=False)
    qtbot.addWidget(bar)
    owner = Problem("private.owner", {"path": "/run/user/1000/hotline-seat", "owner": "tester", "me": "op"})
    refused = SecurityNotice(Risk.CALL_SOCKET_REFUSED, Problem("private.refused", {"problem": owner}))
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            bar.show_security([refused])
            assert "tester" in bar.security_label.toolTip()
            one_language(bar.security_label.toolTip())
    finally:
        languages.switch("zh_CN")
