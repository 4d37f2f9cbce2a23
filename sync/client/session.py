"""Login, restore and logout for a seat (登录会话): the server API and the keyring vault together."""

from __future__ import annotations

import httpx

from sync.client.api import AuthRequired, ServerApi
from sync.client.credentials import vault_for
from sync.protocol import UserInfo


class SeatSession:
    """The seat's connection to one central server; `api` is None until a login or a restore."""

    def __init__(
        self,
        server_url: str | None = None,
        *,
        http: httpx.Client | None = None,
        timeout: float = 10,
        allow_insecure_http: bool = False,
        ca_bundle: str = "",
    ) -> None:
        self.server_url = server_url  # from the seat's settings; a login may name another
        self._http = http
        self._timeout = timeout
        self._allow_insecure_http, self._ca_bundle = allow_insecure_http, ca_bundle
        self.api: ServerApi | None = None

    def login(self, server_url: str, username: str, password: str) -> UserInfo:
        api = self._api_for(server_url)
        user = api.login(username, password)
        self.api, self.server_url = api, server_url
        return user

    def restore(self) -> UserInfo | None:
        """The login kept in the keyring for the server, without a request; None: log in again."""
        if self.server_url is None:
            return None
        api = self._api_for(self.server_url)
        user = api.user()
        self.api = api if user is not None else None
        return user

    def logout(self) -> None:
        if self.api is None:
            raise AuthRequired("未登录 (not logged in)")
        self.api.logout()
        self.api.close()
        self.api = None

    def _api_for(self, server_url: str) -> ServerApi:
        return ServerApi(
            server_url,
            vault_for(server_url),
            http=self._http,
            timeout=self._timeout,
            allow_insecure_http=self._allow_insecure_http,
            ca_bundle=self._ca_bundle,
        )
