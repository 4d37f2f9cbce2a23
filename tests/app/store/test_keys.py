"""Where the store key is kept: the OS keyring when it persists, else wrapped by the operator's
passphrase (Argon2id + AES-GCM) in seat.key.json; never in clear anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyrings.alt.file
import pytest

from app.domain.problem import Problem
from app.store.db import StoreError, open_store
from app.store.drafts import DraftStore
from app.store.keys import (
    MIN_PASSPHRASE,
    SERVICE,
    WRONG_PASSPHRASE,
    Argon2Params,
    PassphraseRequest,
    SeatKeys,
    key_file_for,
    persistent_keyring,
)
from sync.client.credentials import SessionOnlyKeyring
from tests.app.store.test_encryption import PHONE, _all_bytes, _draft

CHEAP = Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)  # the real KDF, small


class Operator:
    """Answers the passphrase prompts in turn, recording what was asked."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.asked: list[PassphraseRequest] = []

    def __call__(self, request: PassphraseRequest) -> str | None:
        self.asked.append(request)
        return self.answers.pop(0)


def _passphrase_keys(operator: Operator) -> SeatKeys:
    return SeatKeys(use_keyring=False, passphrase=operator, argon2=CHEAP)


def test_without_keyring_the_key_is_wrapped_by_the_passphrase_set_on_first_run(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    first = Operator("short", "long enough passphrase")
    store = open_store(path, _passphrase_keys(first))
    DraftStore(store).save(_draft(), revision=1)
    store.close()
    assert [r.new for r in first.asked] == [True, True]
    assert first.asked[1].problem == Problem("store.passphrase_too_short", {"minimum": MIN_PASSPHRASE})

    key_file = key_file_for(path)
    assert key_file.name == "seat.key.json"
    assert key_file.stat().st_mode & 0o777 == 0o600
    record = json.loads(key_file.read_text())
    assert record["kept_in"] == "passphrase" and record["kdf"]["name"] == "argon2id"

    again = Operator("wrong passphrase", "long enough passphrase")
    reopened = open_store(path, _passphrase_keys(again))
    try:
        assert DraftStore(reopened).latest("S01") is not None
    finally:
        reopened.close()
    assert [(r.new, r.problem) for r in again.asked] == [(False, None), (False, WRONG_PASSPHRASE)]
    assert PHONE.encode() not in _all_bytes(tmp_path)


def test_the_key_file_never_holds_the_key_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    keys = _passphrase_keys(Operator("long enough passphrase"))
    key = keys.create(path)
    text = key_file_for(path).read_text()
    assert key.hex() not in text.lower()
    assert key not in key_file_for(path).read_bytes()


def test_cancelling_the_passphrase_opens_nothing(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    open_store(path, _passphrase_keys(Operator("long enough passphrase"))).close()
    with pytest.raises(StoreError, match="No passphrase was entered"):
        open_store(path, _passphrase_keys(Operator(None)))


def test_without_keyring_or_passphrase_the_store_is_not_created_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    with pytest.raises(StoreError, match="no OS keyring and no passphrase"):
        open_store(path, SeatKeys(use_keyring=False))
    assert not path.exists() or path.stat().st_size == 0


@pytest.mark.parametrize(
    "backend",
    [
        keyring.backends.fail.Keyring(),
        keyring.backends.null.Keyring(),
        SessionOnlyKeyring(),
    ],
    ids=["fail", "null", "in-memory"],
)
def test_backends_that_keep_nothing_across_runs_are_no_keyring(
    backend: keyring.backend.KeyringBackend,
) -> None:
    assert persistent_keyring(backend) is None


def test_a_plaintext_file_keyring_is_no_keyring(tmp_path: Path) -> None:
    # keyrings.alt's PlaintextKeyring keeps secrets across runs, but in a file in the clear: the store
    # key there would sit beside the store it opens.
    plaintext = keyrings.alt.file.PlaintextKeyring()
    plaintext.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    assert persistent_keyring(plaintext) is None


def test_a_chainer_of_backends_that_keep_nothing_is_no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    chainer = keyring.backends.chainer.ChainerBackend()
    monkeypatch.setattr(type(chainer), "backends", [SessionOnlyKeyring(), keyring.backends.null.Keyring()])
    assert persistent_keyring(chainer) is None


def test_an_in_memory_keyring_falls_back_to_the_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    operator = Operator("long enough passphrase")
    SeatKeys(backend=SessionOnlyKeyring(), passphrase=operator, argon2=CHEAP).create(path)
    assert json.loads(key_file_for(path).read_text())["kept_in"] == "passphrase"
    assert operator.asked and operator.asked[0].new


@pytest.fixture
def os_keyring() -> keyring.backend.KeyringBackend:
    backend = persistent_keyring()
    if backend is None:
        pytest.skip("no OS keyring here: run under .ci/with-keyring (gnome-keyring)")
    return backend


def test_with_an_os_keyring_the_key_lives_there_and_only_an_id_beside_the_store(
    tmp_path: Path, os_keyring: keyring.backend.KeyringBackend
) -> None:
    path = tmp_path / "seat.sqlite3"
    never = Operator()  # no passphrase is asked where the keyring keeps the key
    store = open_store(path, SeatKeys(passphrase=never))
    DraftStore(store).save(_draft(), revision=1)
    store.close()
    record = json.loads(key_file_for(path).read_text())
    assert record["kept_in"] == "keyring" and record["service"] == SERVICE
    secret = os_keyring.get_password(SERVICE, record["id"])
    assert secret is not None and len(bytes.fromhex(secret)) == 32
    assert secret not in key_file_for(path).read_text()

    reopened = open_store(path, SeatKeys(passphrase=never))  # a later run: the same key, from the keyring
    try:
        assert DraftStore(reopened).latest("S01") is not None
    finally:
        reopened.close()
    assert never.asked == []

    os_keyring.delete_password(SERVICE, record["id"])
    with pytest.raises(StoreError, match="missing from the OS keyring"):
        open_store(path, SeatKeys(passphrase=never))
