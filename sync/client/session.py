"""Login, restore and logout for a seat (登录会话): the server API and the keyring vault together.

Every call may wait on the keyring or the network: the seat makes them off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import time

import httpx

from sync.client.api import Offline, ServerApi
from sync.client.credentials import TokenVault, vault_for
from sync.protocol import UserInfo

SLOW_PAUSE = 2.0  # seconds between sign-in tries once the server is slow to come up

log = logging.getLogger(__name__)


class SeatSession:
    """The seat's link to one central server: `api` for the calls, `vault` keeping the login.

    Raises InsecureServer for plain http:// to another machine unless `allow_insecure_http`."""

    def __init__(
        self,
        server_url: str,
        *,
        http: httpx.Client | None = None,
        timeout: float = 10,
        allow_insecure_http: bool = False,
        ca_bundle: str = "",
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.vault: TokenVault = vault_for(self.server_url)
        self.api = ServerApi(
            self.server_url,
            self.vault,
            http=http,
            timeout=timeout,
            allow_insecure_http=allow_insecure_http,
            ca_bundle=ca_bundle,
        )

    def login(self, username: str, password: str) -> UserInfo:
        return self.api.login(username, password)

    def restore(self) -> UserInfo | None:
        """The login kept in the keyring for this server, without a request; None: log in again."""
        return self.api.user()

    def login_when_up(
        self, username: str, password: str, *, closing: threading.Event, slow_after: float = 30.0
    ) -> UserInfo | None:
        """Sign in to a server that may still be starting (the embedded demo server), trying until it
        answers or `closing` is set (None then). On a slow or busy PC its first start, seeding the
        demo accounts, can outlast any fixed patience: giving up after 30 s left the demo signed out
        until a restart. After `slow_after` seconds it says so in the log and tries less often."""
        started, pause = time.monotonic(), 0.3
        while not closing.is_set():
            try:
                return self.login(username, password)
            except Offline:
                if pause < SLOW_PAUSE and time.monotonic() - started > slow_after:
                    log.warning("%s has not answered for %.0f s: still trying", self.server_url, slow_after)
                    pause = SLOW_PAUSE
                closing.wait(pause)
        return None

    def logout(self) -> None:
        """End the session on the server if it can be reached, and forget the login here anyway."""
        self.api.logout()

    def close(self) -> None:
        self.api.close()
