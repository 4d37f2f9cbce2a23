"""The seat store's encryption key (存储密钥): made on first run, kept in the OS keyring, else wrapped.

The store (SQLCipher) is encrypted with a random 256-bit key used raw (no KDF on each connection).
Beside the store, `seat.key.json` (0600) says where that key is kept, never the key itself:

- `"kept_in": "keyring"`: in the OS keyring, service "hotline-seat-store", account = the store's id
  (a uuid in the file, so a moved data folder still finds its key);
- `"kept_in": "passphrase"`: no OS keyring here. The key is wrapped with AES-256-GCM under a
  key-encryption key that Argon2id derives from a passphrase the operator enters at every start;
  the file holds the wrapped key, the salt and the Argon2 parameters.

The core asks for the passphrase through a plain callable (`PassphraseProvider`), so the UI decides
how to ask (a dialog) and app/ stays free of Qt.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import keyring
import keyring.errors
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.backend import KeyringBackend

from app.domain.problem import Problem, ProblemError
from app.os_keyring import NotAnOsKeyring, os_keyring

log = logging.getLogger(__name__)

SERVICE = "hotline-seat-store"
KEY_BYTES = 32
MIN_PASSPHRASE = 8
# Bound into the AEAD: a wrapped key only unwraps as what it was made for.
_WRAP_CONTEXT = b"hotline-seat store key v1"


class StoreKeyError(ProblemError):
    """The store's key cannot be had; the problem says why and what to do."""


@dataclass(frozen=True)
class PassphraseRequest:
    """What the operator is asked: set a new passphrase (first run, `new`) or enter the one set."""

    store: Path
    new: bool
    problem: Problem | None = None  # why the last answer was not taken (wrong passphrase, too short)


# Returns the passphrase, or None when the operator cancels (the store is then not opened).
PassphraseProvider = Callable[[PassphraseRequest], str | None]


class KeySource(Protocol):
    """Where a store's key comes from. `load` is None when the store has no key yet; `create` makes
    one and keeps it durably before returning (the store is encrypted with it only afterwards)."""

    def load(self, store: Path) -> bytes | None: ...

    def create(self, store: Path) -> bytes: ...


@dataclass(frozen=True)
class Argon2Params:
    # RFC 9106's second recommended option (64 MiB, 3 passes), one lane per core of a small seat PC.
    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 2


def key_file_for(store: Path) -> Path:
    """`seat.sqlite3` → `seat.key.json`, beside it."""
    return store.with_name(f"{store.stem}.key.json")


def persistent_keyring(backend: KeyringBackend | None = None) -> KeyringBackend | None:
    """The OS keyring if there is one to keep the key in, else None (then a passphrase wraps it).

    keyring may pick a backend that keeps nothing (fail, null), one held in this process's memory, or
    a plaintext file (keyrings.alt): a key in memory is gone at the next start with the store still
    encrypted by it, a key in a plain file sits beside the store. The rule is the login's one
    (app.os_keyring): only the OS keyrings count."""
    try:
        return os_keyring(backend or keyring.get_keyring())
    except NotAnOsKeyring as exc:
        log.info("store key: %s", exc)
        return None


class SeatKeys:
    """The production key source: the OS keyring when it persists, else a passphrase-wrapped key."""

    def __init__(
        self,
        *,
        passphrase: PassphraseProvider | None = None,
        backend: KeyringBackend | None = None,
        use_keyring: bool = True,
        argon2: Argon2Params = Argon2Params(),
    ) -> None:
        self._passphrase = passphrase
        self._backend = backend
        self._use_keyring = use_keyring
        self._argon2 = argon2

    def load(self, store: Path) -> bytes | None:
        path = key_file_for(store)
        try:
            record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise StoreKeyError("store.key_unreadable", path=str(path), error=str(exc)) from exc
        if record.get("kept_in") == "keyring":
            return self._from_keyring(record, path)
        if record.get("kept_in") == "passphrase":
            return self._unwrap(record, store)
        raise StoreKeyError("store.key_unknown_kind", path=str(path))

    def create(self, store: Path) -> bytes:
        key = secrets.token_bytes(KEY_BYTES)
        backend = persistent_keyring(self._backend) if self._use_keyring else None
        if backend is not None:
            store_id = str(uuid.uuid4())
            try:
                backend.set_password(SERVICE, store_id, key.hex())
                kept = backend.get_password(SERVICE, store_id)  # read back: kept before we rely on it
            except keyring.errors.KeyringError as exc:
                raise StoreKeyError(
                    "store.keyring_did_not_keep", error=f"{type(exc).__name__}: {exc}"
                ) from exc
            if kept != key.hex():
                raise StoreKeyError("store.keyring_did_not_keep", error="—")
            record: dict[str, Any] = {"version": 1, "kept_in": "keyring", "service": SERVICE, "id": store_id}
        else:
            if self._passphrase is None:
                raise StoreKeyError("store.no_keyring_no_passphrase")
            log.warning("no OS keyring: the store key is wrapped by the operator's passphrase")
            record = self._wrap(key, store)
        _write_private(key_file_for(store), json.dumps(record, indent=1))
        return key

    # -- keyring ----------------------------------------------------------------------------------
    def _from_keyring(self, record: dict[str, Any], path: Path) -> bytes:
        backend = persistent_keyring(self._backend)
        if backend is None:
            raise StoreKeyError("store.keyring_gone", path=str(path))
        try:
            secret = backend.get_password(record.get("service", SERVICE), str(record["id"]))
        except (keyring.errors.KeyringError, KeyError) as exc:
            raise StoreKeyError("store.keyring_gone", path=str(path)) from exc
        if secret is None:
            raise StoreKeyError("store.key_not_in_keyring", path=str(path))
        return bytes.fromhex(secret)

    # -- passphrase -------------------------------------------------------------------------------
    def _ask(self, request: PassphraseRequest) -> str:
        assert self._passphrase is not None
        answer = self._passphrase(request)
        if answer is None:
            raise StoreKeyError("store.passphrase_cancelled")
        return answer

    def _wrap(self, key: bytes, store: Path) -> dict[str, Any]:
        problem = None
        while True:
            passphrase = self._ask(PassphraseRequest(store, new=True, problem=problem))
            if len(passphrase) >= MIN_PASSPHRASE:
                break
            problem = PASSPHRASE_TOO_SHORT
        salt, nonce, params = secrets.token_bytes(16), secrets.token_bytes(12), self._argon2
        wrapped = AESGCM(_kek(passphrase, salt, params)).encrypt(nonce, key, _WRAP_CONTEXT)
        return {
            "version": 1,
            "kept_in": "passphrase",
            "kdf": {
                "name": "argon2id",
                "salt": _b64(salt),
                "time_cost": params.time_cost,
                "memory_cost": params.memory_cost,
                "parallelism": params.parallelism,
            },
            "aead": "AES-256-GCM",
            "nonce": _b64(nonce),
            "wrapped_key": _b64(wrapped),
        }

    def _unwrap(self, record: dict[str, Any], store: Path) -> bytes:
        if self._passphrase is None:
            raise StoreKeyError("store.no_keyring_no_passphrase")
        try:
            kdf = record["kdf"]
            salt, nonce, wrapped = _unb64(kdf["salt"]), _unb64(record["nonce"]), _unb64(record["wrapped_key"])
            params = Argon2Params(int(kdf["time_cost"]), int(kdf["memory_cost"]), int(kdf["parallelism"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreKeyError("store.key_damaged", path=str(key_file_for(store))) from exc
        problem = None
        while True:
            passphrase = self._ask(PassphraseRequest(store, new=False, problem=problem))
            try:
                return AESGCM(_kek(passphrase, salt, params)).decrypt(nonce, wrapped, _WRAP_CONTEXT)
            except InvalidTag:
                log.warning("wrong store passphrase entered")
                problem = WRONG_PASSPHRASE


class OneRunKeys:
    """Keys that live in this process only: for throw-away stores (self-test, benchmarks), which no
    later run needs to read."""

    def __init__(self) -> None:
        self._keys: dict[Path, bytes] = {}

    def load(self, store: Path) -> bytes | None:
        return self._keys.get(store.resolve())

    def create(self, store: Path) -> bytes:
        return self._keys.setdefault(store.resolve(), secrets.token_bytes(KEY_BYTES))


def _kek(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _write_private(path: Path, text: str) -> None:
    """Write atomically (temp file, fsync, rename, fsync folder), readable by the OS account only."""
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder; its renames are durable once they return
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


PASSPHRASE_TOO_SHORT = Problem("store.passphrase_too_short", {"minimum": MIN_PASSPHRASE})
WRONG_PASSPHRASE = Problem("store.wrong_passphrase")
