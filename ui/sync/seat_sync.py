"""The seat's link to the central server, for the window: login, the sync thread, what to show.

Everything slow (keyring, network, store) runs off the GUI thread: the sync loop on its own thread,
login and logout as background operations. The window only listens to the signals. The client
(httpx, the pydantic wire models: half a second to import) is imported by the worker that first
connects, not before the window is up.
"""

from __future__ import annotations

import importlib
import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.config.transport import is_unencrypted_remote, transport_problem
from app.store.changes import Changes
from app.workspace import Workspace
from sync.client.status import SyncState, SyncStatus
from ui.ops import BackgroundOp, ChangeBus

if TYPE_CHECKING:
    from app.knowledge.report import Effectiveness
    from app.knowledge.store import KbStore
    from app.knowledge.transfer import ImportResult
    from sync.client.api import ServerApi
    from sync.client.credentials import TokenVault
    from sync.protocol import KbArticleEdit, KbArticleWire, KbImportResult, UserInfo
    from ui.sync.sync_runner import SyncRunner

log = logging.getLogger(__name__)


class Risk(Enum):
    LOGIN_NOT_KEPT = "login_not_kept"  # no OS keyring: the login lives in memory for this run only
    UNENCRYPTED = "unencrypted"  # http:// to another machine, allowed by an administrator
    REFUSED_UNENCRYPTED = "refused_unencrypted"  # http:// to another machine, not allowed: no sync
    CALL_SOCKET_REFUSED = "call_socket_refused"  # the call-event socket's place is another user's


@dataclass(frozen=True)
class SecurityNotice:
    """Something about the link to the server the operator must know, for as long as it lasts."""

    risk: Risk
    detail: str  # English or bilingual, for the tooltip and the log


class SeatSync(QObject):
    statusChanged = Signal(object)  # SyncStatus, or None when no central server is configured
    securityChanged = Signal(list)  # list[SecurityNotice]: shown in the status bar while they hold
    userChanged = Signal(object)  # UserInfo | None
    noticesArrived = Signal(list)  # list[str]: server decisions the operator should read (改派 ...)

    def __init__(
        self,
        workspace: Workspace,
        bus: ChangeBus,
        *,
        server_url: str,
        interval: float,
        account: tuple[str, str] | None = None,
        kb: KbStore | None = None,
        allow_insecure_http: bool = False,
        ca_bundle: str = "",
        parent: QObject | None = None,
    ) -> None:
        """`account` (username, password) signs in by itself when no login is kept: the demo only.
        `kb`: the seat's knowledge base, kept in step with the server's. `allow_insecure_http` and
        `ca_bundle`: the administrator's settings for the link (app.config.transport)."""
        super().__init__(parent)
        self._ws, self._bus, self._kb = workspace, bus, kb
        self.server_url = server_url.rstrip("/")
        self._interval = interval
        self._account = account
        self._allow_insecure_http, self._ca_bundle = allow_insecure_http, ca_bundle
        self._api: ServerApi | None = None
        self._runner: SyncRunner | None = None
        self.user: UserInfo | None = None
        self.remembers_login = True  # False: no OS keyring, the login lasts for this run only
        self.security: list[SecurityNotice] = []
        self.status: SyncStatus | None = None
        self._closing = threading.Event()
        bus.changed.connect(self._local_change)

    @property
    def configured(self) -> bool:
        return bool(self.server_url)

    def start(self) -> None:
        if not self.configured:
            self._set_security([])
            self.statusChanged.emit(None)
            return
        url = self.server_url
        if (problem := transport_problem(url, allow_insecure_http=self._allow_insecure_http)) is not None:
            # Nothing goes over the wire: tickets stay queued here, the configured address is kept.
            log.error("not syncing with %s: %s", url, problem)
            self._set_security([SecurityNotice(Risk.REFUSED_UNENCRYPTED, problem)])
            self.status = SyncStatus(SyncState.OFFLINE, 0, 0, error=problem)
            self.statusChanged.emit(self.status)
            return
        BackgroundOp(self, lambda: self._connect(url)).success(self._begin).run()

    def _api_for(self, url: str) -> tuple[ServerApi, TokenVault]:
        from sync.client.api import ServerApi
        from sync.client.credentials import vault_for

        vault = vault_for(url)
        api = ServerApi(url, vault, allow_insecure_http=self._allow_insecure_http, ca_bundle=self._ca_bundle)
        return api, vault

    def _connect(self, url: str) -> tuple[ServerApi, TokenVault, UserInfo | None]:
        for module in ("sync.client.kb", "sync.client.loop"):  # here on the worker, ready for `_begin`
            importlib.import_module(module)
        api, vault = self._api_for(url)
        user = api.user()
        if user is None and self._account is not None:
            user = _demo_login(api, *self._account, closing=self._closing)
        return api, vault, user

    def _begin(self, connected: tuple[ServerApi, TokenVault, UserInfo | None]) -> None:
        # Already imported by the worker that connected: no import waits on the GUI thread here.
        from sync.client.engine import SyncEngine
        from sync.client.kb import KbSync
        from sync.client.loop import SyncLoop
        from ui.sync.sync_runner import SyncRunner

        api, vault, user = connected
        self.remembers_login = vault.persistent
        notices = []
        if not vault.persistent:
            notices.append(SecurityNotice(Risk.LOGIN_NOT_KEPT, vault.why_not_kept))
        if is_unencrypted_remote(api.base_url):  # allowed, or ServerApi would have refused it
            log.warning(
                "syncing with %s over unencrypted http (allowed by server.allow_insecure_http)",
                api.base_url,
            )
            notices.append(SecurityNotice(Risk.UNENCRYPTED, api.base_url))
        self._set_security(notices)
        self._api = api
        self._set_user(user)
        kb = KbSync(api, self._kb, self.server_url) if self._kb is not None else None
        loop = SyncLoop(SyncEngine(self._ws.store, self._ws.sla, api, kb=kb), interval=self._interval)
        self._runner = SyncRunner(loop, self)
        self._runner.statusChanged.connect(self._reported)
        self._runner.start()

    def _reported(self, status: SyncStatus) -> None:
        self.status = status
        self.statusChanged.emit(status)
        if status.exchanged:
            # Tickets came in or were settled: views refresh; server notices are read off-thread.
            self._bus.changed.emit(Changes(queue=True))
            BackgroundOp(self, self._take_notices).success(self._notify).run()

    def _take_notices(self) -> list[str]:
        notices = self._ws.replica.notices()
        if notices:
            self._ws.replica.acknowledge_notices([n.id for n in notices])
        return [n.note for n in notices]

    def _notify(self, notes: list[str]) -> None:
        if notes:
            self.noticesArrived.emit(notes)

    # -- what the window asks for ----------------------------------------------------------------------

    def sync_now(self) -> None:
        if self._runner is not None:
            self._runner.sync_now()

    def kb_save(self, article_id: str, edit: KbArticleEdit) -> KbArticleWire:
        """Save a KB article on the server (off the GUI thread), then sync so this seat has it."""
        if self._api is None:
            raise _not_connected()
        saved = self._api.kb_save(article_id, edit)
        self.sync_now()
        return saved

    def kb_import(self, result: ImportResult) -> KbImportResult:
        """Send a checked import to the server's KB in one request (off the GUI thread): the
        server stores all of it or, reporting every problem, none. Then sync, so this seat has it."""
        if self._api is None:
            raise _not_connected()
        from sync.client.kb import import_request

        answer = self._api.kb_import(import_request(result))
        if answer.ok:
            self.sync_now()
        return answer

    def kb_delete(self, article_id: str) -> None:
        """Delete a KB article on the server (off the GUI thread; the server checks the role, as
        for edits), then sync so this seat drops it too."""
        if self._api is None:
            raise _not_connected()
        self._api.kb_delete(article_id)
        self.sync_now()

    def kb_report(self, since: datetime, until: datetime) -> Effectiveness:
        """The KB effectiveness report over every seat's uses, from the server (off the GUI thread)."""
        if self._api is None:
            raise _not_connected()
        return self._api.kb_report(since, until).to_domain()

    def accounts(self) -> ServerApi:
        """The server link for account calls (修改密码, 账号管理), made off the GUI thread; the server
        checks the role on every call."""
        if self._api is None:
            raise _not_connected()
        return self._api

    def login(self, url: str, username: str, password: str) -> UserInfo:
        """Runs off the GUI thread (the login dialog's background operation)."""
        url = url.rstrip("/")
        if url == self.server_url and self._api is not None:
            return self._api.login(username, password)
        api, _vault = self._api_for(url)  # InsecureServer for plain http:// to another machine
        try:
            return api.login(username, password)
        finally:
            api.close()

    def signed_in(self, user: UserInfo, url: str | None = None) -> None:
        """After a login: switch to the server it was made on, and sync at once."""
        if url is not None and url.rstrip("/") != self.server_url:
            self.stop()
            self._closing.clear()
            self.server_url = url.rstrip("/")
            self.start()
            return
        self._set_user(user)
        self.sync_now()

    def logout(self) -> None:
        api = self._api
        if api is None:
            return
        BackgroundOp(self, api.logout).success(lambda _none: self._logged_out()).run()

    def _logged_out(self) -> None:
        self._set_user(None)
        self.sync_now()  # the loop finds no login and says so

    def _set_security(self, notices: list[SecurityNotice]) -> None:
        self.security = notices
        self.securityChanged.emit(notices)

    def _set_user(self, user: UserInfo | None) -> None:
        self.user = user
        self.userChanged.emit(user)

    def _local_change(self, changes: Changes) -> None:
        if changes.outbox:
            self.sync_now()  # a new ticket or change goes to the server at once, not at the next tick

    def stop(self) -> None:
        """Let the loop finish its round (a settled batch is one transaction), then close the link."""
        self._closing.set()
        if self._runner is not None:
            self._runner.stop()
            self._runner = None
        if self._api is not None:
            self._api.close()
            self._api = None


def _demo_login(
    api: ServerApi, username: str, password: str, *, closing: threading.Event, patience: float = 30.0
) -> UserInfo | None:
    """Sign in to the embedded demo server, which may still be starting (off the GUI thread)."""
    from sync.client.api import Offline

    waited = 0.0
    while not closing.is_set():
        try:
            return api.login(username, password)
        except Offline:
            if waited > patience:
                log.warning("embedded server did not answer: not signed in")
                return None
            closing.wait(0.3)
            waited += 0.3
    return None


def _not_connected() -> Exception:
    from sync.client.api import Offline

    return Offline("未连接中心服务器 (not connected to the central server)")
