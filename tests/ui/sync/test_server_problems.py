"""A refusal of the real central server reaches the seat as a code with parameters and is worded in
the interface language, while its `message` stays readable for older seats and curl."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring.backends.fail
import pytest

from sync.client.api import ServerApi, ServerRefused
from sync.client.credentials import KeyringUnavailable, TokenVault
from sync.demo import DEMO_PASSWORD
from tests.sync.live import wait_until_answering
from tests.ui.wording import assert_chinese, assert_english
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
@pytest.mark.slow
def test_a_server_refusal_is_shown_in_the_interface_language(
    refusal: ServerRefused, languages: LanguageSwitcher, language: str, shown: str
) -> None:
    assert (refusal.error.code, refusal.error.problem) == ("wrong_password", "server.wrong_old_password")
    languages.switch(language)
    try:
        assert error_text(refusal) == shown
    finally:
        languages.switch("zh_CN")


@pytest.mark.slow
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


def test_an_answer_the_seat_cannot_read_is_told_in_the_interface_language(
    languages: LanguageSwitcher, tmp_path: Path
) -> None:
    """A proxy's page or a server of an unknown version, where the seat expected its wire model."""
    garbled = httpx.Client(transport=httpx.MockTransport(lambda _request: httpx.Response(200, json={"x": 1})))
    api = ServerApi("http://127.0.0.1:9", TokenVault(f"http://127.0.0.1:9/{uuid.uuid4()}"), http=garbled)
    with pytest.raises(ServerRefused) as refused:
        api.login("a01", "a password")
    try:
        for language, one_language, said in (
            ("en", assert_english, "malformed"),
            ("zh_CN", assert_chinese, "格式不符"),
        ):
            languages.switch(language)
            shown = error_text(refused.value)
            assert said in shown
            one_language(shown)
    finally:
        languages.switch("zh_CN")
        api.close()


def test_a_missing_os_keyring_is_told_in_the_interface_language(languages: LanguageSwitcher) -> None:
    vault = TokenVault("http://central.test", backend=keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable) as refused:
        vault.load()
    try:
        for language, one_language in (("en", assert_english), ("zh_CN", assert_chinese)):
            languages.switch(language)
            one_language(error_text(refused.value))
    finally:
        languages.switch("zh_CN")
