"""A refusal of the real central server reaches the seat as a code with parameters and is worded in
the interface language, while its `message` stays readable for older seats and curl."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from sync.client.api import ServerApi, ServerRefused
from sync.client.credentials import TokenVault
from sync.demo import DEMO_PASSWORD
from tests.sync.live import wait_until_answering
from ui.labels import error_text
from ui.shell.embedded_server import EmbeddedServer
from ui.shell.i18n import LanguageSwitcher


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(tmp_path_factory.mktemp("central"))
    server.start()
    wait_until_answering(server.url)
    yield server
    server.stop()


@pytest.fixture
def refusal(central: EmbeddedServer) -> Iterator[ServerRefused]:
    """The server's answer to a password change with a wrong current password."""
    vault = TokenVault(f"{central.url}/{uuid.uuid4()}")
    api = ServerApi(central.url, vault)
    try:
        api.login("a01", DEMO_PASSWORD)
        with pytest.raises(ServerRefused) as refused:
            api.change_password("not-the-password", "a much longer new passphrase 7")
        yield refused.value
    finally:
        vault.clear()
        api.close()


@pytest.mark.parametrize(
    ("language", "shown"), [("zh_CN", "原密码错误"), ("en", "The current password is wrong")]
)
def test_a_server_refusal_is_shown_in_the_interface_language(
    refusal: ServerRefused, languages: LanguageSwitcher, language: str, shown: str
) -> None:
    assert (refusal.error.code, refusal.error.problem) == ("wrong_password", "server.wrong_old_password")
    languages.switch(language)
    try:
        assert error_text(refusal) == shown
    finally:
        languages.switch("zh_CN")


def test_the_answer_keeps_a_readable_message_for_older_seats(refusal: ServerRefused) -> None:
    assert refusal.error.message == "原密码错误 (The current password is wrong)"


def test_a_code_this_seat_does_not_know_shows_the_servers_message(
    refusal: ServerRefused, languages: LanguageSwitcher
) -> None:
    newer = ServerRefused(refusal.status, refusal.error.model_copy(update={"problem": "server.from_later"}))
    languages.switch("en")
    try:
        assert error_text(newer) == refusal.error.message
    finally:
        languages.switch("zh_CN")
