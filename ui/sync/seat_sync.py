"""The seat's link to the central server, for the window: login, the sync thread, what to show.

Everything slow (keyring, network, store) runs off the GUI thread: the sync loop on its own thread,
login and logout as background operations. The window only listens to the signals.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.config.transport import is_unencrypted_remote, transport_problem
from app.domain.hotspots import Dimension, EarlyWarning
from app.domain.problem import Problem
from app.domain.status import Role
from app.store.changes import Changes
from app.workspace import Reference, Workspace
from sync.client.status import SyncState, SyncStatus
from ui.ops import BackgroundOp, ChangeBus, Pending

# The sync client (httpx, the pydantic wire models) is imported on the worker that connects, after
# the window shows: the window does not need it to appear.
if TYPE_CHECKING:
    from app.domain.article_uses import Effectiveness
    from app.domain.callback import Callback
    from app.knowledge.store import KbStore
    from app.knowledge.transfer import ImportResult
    from sync.client.api import ServerApi
    from sync.client.session import SeatSession
    from sync.protocol import KbArticleEdit, KbArticleWire, KbImportResult, SeatReport, UserInfo
    from ui.sync.sync_runner import SyncRunner

log = logging.getLogger(__name__)
_DONE = Pending("sync", lambda _seconds: True)  # no loop running: nothing to wait for


class Risk(Enum):
    LOGIN_NOT_KEPT = "login_not_kept"  # no OS keyring: the login lives in memory for this run only
    UNENCRYPTED = "unencrypted"  # http:// to another machine, allowed by an administrator
    REFUSED_UNENCRYPTED = "refused_unencrypted"  # http:// to another machine, not allowed: no sync
    CALL_SOCKET_REFUSED = "call_socket_refused"  # the call-event socket's place is another user's


@dataclass(frozen=True)
class SecurityNotice:
    """Something about the link to the server the operator must know, for as long as it lasts."""

    risk: Risk
    detail: str | Problem  # for the tooltip and the log


class SeatSync(QObject):
    statusChanged = Signal(object)  # SyncStatus, or None when no central server is configured
    securityChanged = Signal(list)  # list[SecurityNotice]: shown in the status bar while they hold
    userChanged = Signal(object)  # UserInfo | None
    noticesArrived = Signal(list)  # list[Problem | str]: server decisions the operator should read (改派 ...)

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
        seat_report: Callable[[], SeatReport | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`account` (username, password) signs in by itself when no login is kept: the demo only.
        `kb`: the seat's knowledge base, kept in step with the server's. `allow_insecure_http` and
        `ca_bundle`: the administrator's settings for the link (app.config.transport). `seat_report`:
        the seat's state and shift counts now, sent after each round (called on the sync thread)."""
        super().__init__(parent)
        self._ws, self._bus, self._kb = workspace, bus, kb
        self.server_url = server_url.rstrip("/")
        self._interval = interval
        self._account = account
        self._seat_report = seat_report
        self._allow_insecure_http, self._ca_bundle = allow_insecure_http, ca_bundle
        self._session: SeatSession | None = None
        self._runner: SyncRunner | None = None
        self.user: UserInfo | None = None
        self.remembers_login = True  # False: no OS keyring, the login lasts for this run only
        self.security: list[SecurityNotice] = []
        self.status: SyncStatus | None = None
        self._closing = threading.Event()  # set by stop(): a sign-in still going on gives up
        self._stopped = _DONE  # the last stop's loop, which a restart waits for (off the GUI thread)
        bus.changed.connect(self._local_change)

    @property
    def interval(self) -> float:
        return self._interval

    def set_interval(self, seconds: float) -> None:
        """设置 → 同步间隔, from the next round on, and for a loop started later."""
        self._interval = seconds
        if self._runner is not None:
            self._runner.set_interval(seconds)

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
        closing, previous = threading.Event(), self._stopped
        self._closing = closing
        connect = BackgroundOp(self, lambda: self._connect(url, closing, previous))
        connect.success(lambda connected: self._begin(connected, closing)).run()

    def _session_for(self, url: str) -> SeatSession:
        from sync.client.session import SeatSession

        return SeatSession(url, allow_insecure_http=self._allow_insecure_http, ca_bundle=self._ca_bundle)

    def _connect(
        self, url: str, closing: threading.Event, previous: Pending
    ) -> tuple[SeatSession, UserInfo | None]:
        if not previous.wait(30):  # after a switch of server: the old loop ends its round first
            log.warning("the previous sync loop is still running")
        modules = (
            "sync.client.callbacks",
            "sync.client.engine",
            "sync.client.exports",
            "sync.client.kb",
            "sync.client.loop",
            "sync.client.reference",
            "sync.client.warnings",
        )
        for module in (*modules, "ui.sync.sync_runner"):
            importlib.import_module(module)  # here on the worker, so `_begin` finds them loaded
        session = self._session_for(url)
        user = session.restore()
        if user is None and self._account is not None:
            user = session.login_when_up(*self._account, closing=closing)
        return session, user

    def _begin(self, connected: tuple[SeatSession, UserInfo | None], closing: threading.Event) -> None:
        # Already imported by the worker that connected: no import waits on the GUI thread here.
        from sync.client.callbacks import CallbackSync
        from sync.client.engine import SyncEngine
        from sync.client.exports import ExportSync
        from sync.client.kb import KbSync
        from sync.client.loop import SyncLoop
        from sync.client.reference import ReferenceSync
        from sync.client.warnings import WarningWatch
        from ui.sync.sync_runner import SyncRunner

        session, user = connected
        if closing.is_set():  # stopped while signing in: nobody wants this link any more
            session.close()
            return
        api, vault = session.api, session.vault
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
        self._session = session
        self._set_user(user)
        kb = KbSync(api, self._kb, self.server_url) if self._kb is not None else None
        reference = ReferenceSync(api, self._ws.reference, timezone=self._ws.config.text("centre.timezone"))
        callbacks = CallbackSync(api, self._ws.callbacks, when=self._speaks_for_a_seat)
        exports = ExportSync(api, self._ws.exports, who=self._username)
        engine = SyncEngine(
            self._ws.store,
            self._ws.sla,
            api,
            kb=kb,
            reference=reference,
            seat_report=self._seat_report,
            callbacks=callbacks,
            warnings=WarningWatch(self._ws.store, api, name_of=self._subject_name),
            exports=exports,
        )
        loop = SyncLoop(engine, interval=self._interval)
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
        if status.kb_changed:
            self._bus.changed.emit(Changes(kb=True))
        if status.warned:
            self._bus.changed.emit(Changes(notifications=True))
        if status.reference_adopted:
            # Parsed off the GUI thread, switched on it: between two events nothing uses the old set.
            BackgroundOp(self, self._ws.load_reference).success(self._switch).run()
        if status.reference_refused:
            self.noticesArrived.emit(list(status.reference_refused))

    def _switch(self, reference: Reference) -> None:
        changes = self._ws.switch(reference)
        if self._runner is not None:
            self._runner.plan_with(reference.sla)
        self._bus.changed.emit(changes)

    def _take_notices(self) -> list[Problem | str]:
        notices = self._ws.replica.notices()
        if notices:
            self._ws.replica.acknowledge_notices([n.id for n in notices])
        return [n.note for n in notices]

    def _notify(self, notes: list[Problem | str]) -> None:
        if notes:
            self.noticesArrived.emit(notes)

    # -- what the window asks for ----------------------------------------------------------------------

    def sync_now(self) -> None:
        if self._runner is not None:
            self._runner.sync_now()

    def kb_save(self, article_id: str, edit: KbArticleEdit) -> KbArticleWire:
        """Save a KB article on the server (off the GUI thread), then sync so this seat has it."""
        saved = self._api().kb_save(article_id, edit)
        self.sync_now()
        return saved

    def kb_import(self, result: ImportResult) -> KbImportResult:
        """Send a checked import to the server's KB in one request (off the GUI thread): the
        server stores all of it or, reporting every problem, none. Then sync, so this seat has it."""
        from sync.client.kb import import_request

        answer = self._api().kb_import(import_request(result))
        if answer.ok:
            self.sync_now()
        return answer

    def kb_delete(self, article_id: str) -> None:
        """Delete a KB article on the server (off the GUI thread; the server checks the role, as
        for edits), then sync so this seat drops it too."""
        self._api().kb_delete(article_id)
        self.sync_now()

    def kb_report(self, since: datetime, until: datetime) -> Effectiveness:
        """The KB effectiveness report over every seat's uses, from the server (off the GUI thread)."""
        return self._api().kb_report(since, until).to_domain()

    def lead_callbacks(self) -> list[Callback]:
        """Every seat's unreturned calls, from the server (a lead's; off the GUI thread)."""
        return [wire.to_domain() for wire in self._api().lead_callbacks()]

    def accounts(self) -> ServerApi:
        """The server link for account calls (修改密码, 账号管理), made off the GUI thread; the server
        checks the role on every call."""
        return self._api()

    def lead(self) -> ServerApi:
        """The server link for the lead's board (班长台), called off the GUI thread; the server checks
        the role on every call."""
        return self._api()

    def caller_api(self) -> ServerApi | None:
        """The server link for 来电历史, or None when the seat has no session (only its own tickets
        are listed then). Read on the look-up's worker thread: it only reads the session."""
        session = self._session
        return session.api if session is not None else None

    def _api(self) -> ServerApi:
        from sync.client.api import Offline

        session = self._session
        if session is None:
            raise Offline("sync.not_connected")
        return session.api

    def login(self, url: str, username: str, password: str) -> UserInfo:
        """Runs off the GUI thread (the login dialog's background operation)."""
        url = url.rstrip("/")
        session = self._session
        if session is not None and url == session.server_url:
            return session.login(username, password)  # the running loop's link: it syncs at once
        other = self._session_for(url)  # InsecureServer for plain http:// to another machine
        try:
            return other.login(username, password)  # kept in the keyring: the switch restores it
        finally:
            other.close()

    def _subject_name(self, warning: EarlyWarning) -> str:
        """A warned category by its path (市政 > 供水 > 停水), a district as it is."""
        taxonomy = self._ws.taxonomy  # read on the sync thread: replaced whole, never changed
        if warning.kind is Dimension.CATEGORY and warning.subject in taxonomy:
            return taxonomy.path_label(warning.subject)
        return warning.subject

    def _username(self) -> str | None:
        """Whose exports go in this round (asked on the sync thread, like _speaks_for_a_seat)."""
        user = self.user
        return None if user is None else user.username

    def _speaks_for_a_seat(self) -> bool:
        """A seat's callbacks are sent by its operator's account; the server refuses them from any
        other. Asked on the sync thread: `user` is replaced whole on the GUI thread, never changed."""
        user = self.user
        return user is not None and user.role is Role.OPERATOR and bool(user.seat_id)

    def signed_in(self, user: UserInfo, url: str | None = None) -> None:
        """After a login: switch to the server it was made on, and sync at once."""
        if url is not None and url.rstrip("/") != self.server_url:
            self.stop()  # the new link starts once the old loop has ended its round
            self.server_url = url.rstrip("/")
            self.start()
            return
        self._set_user(user)
        self.sync_now()

    def logout(self) -> None:
        session = self._session
        if session is None:
            return
        BackgroundOp(self, session.logout).success(lambda _none: self._logged_out()).run()

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

    def stop(self) -> Pending:
        """Ask the loop to finish its round (a settled batch is one transaction) and then close the
        link; returns at once. The Pending is done when both are, for the window's shutdown."""
        self._closing.set()
        runner, session = self._runner, self._session
        self._runner = self._session = None
        ended = runner.stop() if runner is not None else _DONE

        def wait(seconds: float) -> bool:
            if not ended.wait(seconds):
                return False
            if session is not None:
                session.close()
            return True

        self._stopped = Pending("sync", wait)
        return self._stopped
