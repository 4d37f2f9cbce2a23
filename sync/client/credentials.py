"""Tokens in the OS keyring (凭据保管), never in a file or a log.

One secret per central server: the tokens, their expiries and who they belong to, as JSON, under the
service "hotline-seat" with the server URL as the account. Without a usable keyring backend the
seat refuses to keep a login at all rather than fall back to plaintext.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from app.domain.problem import ProblemError
from app.os_keyring import NotAnOsKeyring, os_keyring

log = logging.getLogger(__name__)

SERVICE = "hotline-seat"


class KeyringUnavailable(ProblemError, RuntimeError):
    """No OS keyring to keep the login in; `problem` says so, with the keyring's own reason."""

    def __init__(self, error: str) -> None:
        super().__init__("keyring.unavailable", error=error)
        self.error = error


@dataclass(frozen=True)
class Tokens:
    """A login: bearer tokens (kept out of repr, so a logged object never shows them) and the user."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime
    refresh_expires_at: datetime
    username: str
    display_name: str
    role: str
    seat_id: str | None

    def to_json(self) -> str:
        return json.dumps(
            {
                "access_token": self.access_token,
                "refresh_token": self.refresh_token,
                "expires_at": self.expires_at.isoformat(),
                "refresh_expires_at": self.refresh_expires_at.isoformat(),
                "username": self.username,
                "display_name": self.display_name,
                "role": self.role,
                "seat_id": self.seat_id,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Tokens:
        data = json.loads(text)
        return cls(
            access_token=data["access_token"],
            refresh_token=data["refresh_token"],
            expires_at=datetime.fromisoformat(data["expires_at"]),
            refresh_expires_at=datetime.fromisoformat(data["refresh_expires_at"]),
            username=data["username"],
            display_name=data.get("display_name", data["username"]),
            role=data["role"],
            seat_id=data.get("seat_id"),
        )


class TokenVault:
    """The login for one central server, kept in the OS keyring.

    A login found in the keyring is kept in memory and written through: every request needs the
    access token, and a D-Bus round trip (or a Keychain prompt) per request, from several pull
    threads at once, is slow and has been seen to race with the Secret Service's collection lookup.
    No login is not kept: another session of this process (the login dialog's, for a server the
    sync loop was still connecting to) may sign in meanwhile, and the next load finds it."""

    def __init__(
        self, server_url: str, *, backend: KeyringBackend | None = None, why_not_kept: str = ""
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self._backend = backend
        self.why_not_kept = why_not_kept  # for a session-only vault: why the OS keyring was refused
        self._lock = threading.Lock()
        self._tokens: Tokens | None = None  # the login as last read or saved

    @property
    def persistent(self) -> bool:
        """False when the login lives only as long as this process (no OS keyring)."""
        return not isinstance(self._backend, SessionOnlyKeyring)

    def _keyring(self) -> KeyringBackend:
        if isinstance(self._backend, SessionOnlyKeyring):
            return self._backend  # the seat's own choice, and `persistent` says so
        backend = self._backend or keyring.get_keyring()
        # Whatever keyring chose (a plaintext file, memory, nothing) is refused unless an OS keyring.
        try:
            return os_keyring(backend)
        except NotAnOsKeyring as exc:
            raise KeyringUnavailable(str(exc)) from None

    def load(self) -> Tokens | None:
        with self._lock:
            if self._tokens is None:
                self._tokens = self._read_keyring()
            return self._tokens

    def _read_keyring(self) -> Tokens | None:
        try:
            secret = self._keyring().get_password(SERVICE, self.server_url)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc
        if secret is None:
            return None
        try:
            return Tokens.from_json(secret)
        except (ValueError, KeyError, TypeError):
            return None  # written by an incompatible version: log in again

    def save(self, tokens: Tokens) -> None:
        with self._lock:
            try:
                self._keyring().set_password(SERVICE, self.server_url, tokens.to_json())
            except keyring.errors.KeyringError as exc:
                raise KeyringUnavailable(type(exc).__name__) from exc
            self._tokens = tokens

    def clear(self) -> None:
        with self._lock:
            # Forgotten here first, whatever the keyring answers below.
            self._tokens = None
            try:
                self._keyring().delete_password(SERVICE, self.server_url)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing stored: already logged out
            except keyring.errors.KeyringError as exc:
                raise KeyringUnavailable(type(exc).__name__) from exc


class SessionOnlyKeyring(KeyringBackend):
    """Keeps logins in this process's memory only: the fallback when the OS offers no keyring, so the
    operator can still work (logging in at every start) and no token is ever written anywhere."""

    # keyring registers every backend class and picks the best "viable" one by itself: this one must
    # never be its pick, or the vault would take memory for an OS keyring (the silent fallback).
    viable = False
    priority = -1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


_SESSION_ONLY = SessionOnlyKeyring()


def vault_for(server_url: str) -> TokenVault:
    """The OS keyring's vault when there is one, else one that forgets the login when the app exits."""
    vault = TokenVault(server_url)
    try:
        vault.load()
    except KeyringUnavailable as exc:
        why = exc.error or "no OS keyring"
        log.warning("no OS keyring (%s): the login is kept in memory for this run only", why)
        return TokenVault(server_url, backend=_SESSION_ONLY, why_not_kept=why)
    return vault
