"""The central server's HTTP API as seen from a seat: typed calls, token refresh, three kinds of failure.

Failures the caller must tell apart:
- Offline: the server cannot be reached or is not answering (connect/read errors, timeouts, 502-504);
  retry later, nothing is lost.
- AuthRequired: no login, or the server refused the refresh; the operator must log in again.
- ServerRefused: the server answered with an error about this request; retrying it will not help.
Tokens and passwords never reach a log line or an exception message.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from app.config.transport import check_transport
from app.domain.figures import Grouping, Period
from app.domain.hotspots import HotspotReport, Watch
from app.domain.problem import Problem, ProblemError
from app.domain.ticket import Ticket
from sync.client.credentials import Tokens, TokenVault
from sync.protocol import (
    API_PREFIX,
    CODES_PARAM,
    WIRE_PARAM,
    WIRE_VERSION,
    BalanceApply,
    BalanceProposal,
    CallbackPush,
    CallbackPushResult,
    CallbackWire,
    CallerHistory,
    CallerHistoryQuery,
    CodedPullResponse,
    ErrorBody,
    ExportsPush,
    ExportsResult,
    FiguresReport,
    Hotspots,
    KbArticleEdit,
    KbArticleWire,
    KbChanges,
    KbImport,
    KbImportResult,
    KbReport,
    KbUses,
    KbUsesResult,
    LeadTickets,
    LoginRequest,
    Move,
    NewUser,
    Op,
    PasswordChange,
    PasswordReset,
    PushRequest,
    PushResponse,
    ReassignRequest,
    ReassignResult,
    ReferenceDocumentWire,
    RefreshRequest,
    SeatLoad,
    SeatReport,
    SeatSkills,
    SeqRange,
    TicketWire,
    TokenResponse,
    UserAccount,
    UserInfo,
    Warnings,
    coded,
    format_skips,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

# Refresh a little before the access token runs out, so a request does not die in flight.
EXPIRY_MARGIN = timedelta(seconds=30)
_UNAVAILABLE = frozenset({502, 503, 504})
_WIRE = {WIRE_PARAM: WIRE_VERSION}  # this seat reads every ticket field (sync.protocol.WIRE_PARAM)
_TICKETS: TypeAdapter[Ticket] = TypeAdapter(TicketWire)
_CODES = {CODES_PARAM: "true"}  # answer why (an op was refused, a ticket moved) as a code this seat words


class Offline(ProblemError):
    """The central server is unreachable right now (网络不可用)."""


class AuthRequired(ProblemError):
    """The seat must log in (again)."""


class ServerRefused(Exception):
    """The server answered this request with an error; `error` is its bilingual explanation."""

    def __init__(self, status: int, error: ErrorBody) -> None:
        super().__init__(f"{status} {error.code}: {error.message}")
        self.status = status
        self.error = error


NOT_LOGGED_IN = Problem("sync.not_logged_in")
MALFORMED = Problem("sync.malformed_answer")  # a proxy's page, a server of an unknown version
SESSION_ENDED = Problem("sync.session_ended")


class ServerApi:
    """Typed calls to one central server. Thread-safe as far as httpx.Client is (one sync loop uses it)."""

    def __init__(
        self,
        base_url: str,
        vault: TokenVault,
        *,
        http: httpx.Client | None = None,
        timeout: float = 10,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        allow_insecure_http: bool = False,
        ca_bundle: str = "",
    ) -> None:
        """InsecureServer for an http:// address of another machine unless `allow_insecure_http`
        (an administrator's setting). Certificates are always verified: against the system's CAs, or
        against `ca_bundle` (a PEM file) for a server with a certificate from an internal CA."""
        check_transport(base_url, allow_insecure_http=allow_insecure_http)
        self.base_url = base_url.rstrip("/")
        self._vault = vault
        self._http = http or httpx.Client(timeout=timeout, verify=_tls(ca_bundle))
        self._owns_http = http is None
        self._clock = clock

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # -- auth -----------------------------------------------------------------------------------------

    def login(self, username: str, password: str) -> UserInfo:
        """Log in; the tokens go to the keyring, the password goes nowhere."""
        response = self._send("POST", "/auth/login", LoginRequest(username=username, password=password))
        if response.status_code == 401:
            raise AuthRequired(_error(response).as_problem() or Problem("server.wrong_login"))
        tokens = _parse(TokenResponse, _checked(response))
        self._keep(tokens)
        log.info("登录 %s (%s) at %s", tokens.user.username, tokens.user.role.value, self.base_url)
        return tokens.user

    def logout(self) -> None:
        """End the session on the server if it can be reached, and forget the tokens here anyway."""
        try:
            if self._vault.load() is not None:
                self._authorized("POST", "/auth/logout", None)
        except (Offline, AuthRequired, ServerRefused) as exc:
            log.info("logout: server not told (%s)", type(exc).__name__)
        finally:
            self._vault.clear()

    def user(self) -> UserInfo | None:
        """Who is logged in, from the keyring (no request)."""
        tokens = self._vault.load()
        if tokens is None:
            return None
        return UserInfo.model_validate(
            {
                "username": tokens.username,
                "display_name": tokens.display_name,
                "role": tokens.role,
                "seat_id": tokens.seat_id,
            }
        )

    def change_password(self, old: str, new: str) -> None:
        """The signed-in user's own password; the user's other sessions end, this one goes on."""
        self._authorized("POST", "/auth/password", PasswordChange(old_password=old, new_password=new))

    # -- accounts (admins) ----------------------------------------------------------------------------

    def accounts(self) -> list[UserAccount]:
        response = self._authorized("GET", "/admin/users", None)
        try:
            return [UserAccount.model_validate(item) for item in response.json()]
        except (ValueError, ValidationError) as exc:
            raise _malformed(response) from exc

    def add_account(self, account: NewUser) -> UserInfo:
        return _parse(UserInfo, self._authorized("POST", "/admin/users", account))

    def set_disabled(self, username: str, disabled: bool) -> None:
        self._authorized("POST", f"/admin/users/{username}/{'disable' if disabled else 'enable'}", None)

    def reset_password(self, username: str, password: str) -> None:
        self._authorized("POST", f"/admin/users/{username}/password", PasswordReset(new_password=password))

    def revoke_sessions(self, username: str) -> None:
        self._authorized("DELETE", f"/admin/users/{username}/sessions", None)

    # -- sync -----------------------------------------------------------------------------------------

    def push(self, ops: Sequence[Op]) -> PushResponse:
        request = PushRequest(ops=list(ops))
        return _parse(
            PushResponse, self._authorized("POST", "/sync/push", request, params={**_CODES, **_WIRE})
        )

    def pull(self, cursor: int, limit: int, skip: Sequence[SeqRange] = ()) -> CodedPullResponse:
        params: dict[str, int | str] = {"cursor": cursor, "limit": limit, "emergency": 1, **_CODES, **_WIRE}
        if skip:
            params["skip"] = format_skips(list(skip))
        return _parse(CodedPullResponse, self._authorized("GET", "/sync/pull", None, params=params))

    def reference(self, name: str) -> ReferenceDocumentWire:
        """One reference document (taxonomy, sla, emergency) as the server plans with it now."""
        return _parse(ReferenceDocumentWire, self._authorized("GET", f"/reference/{name}", None))

    # -- knowledge base -------------------------------------------------------------------------------

    def kb_changes(self, since: int, limit: int) -> KbChanges:
        params = {"since": since, "limit": limit}
        return _parse(KbChanges, self._authorized("GET", "/kb/changes", None, params=params))

    def kb_save(self, article_id: str, edit: KbArticleEdit) -> KbArticleWire:
        return _parse(KbArticleWire, self._authorized("PUT", f"/kb/articles/{article_id}", edit))

    def kb_import(self, request: KbImport) -> KbImportResult:
        return _parse(KbImportResult, self._authorized("POST", "/kb/import", request, params=_CODES))

    def kb_delete(self, article_id: str) -> None:
        self._authorized("DELETE", f"/kb/articles/{article_id}", None)

    def kb_uses(self, request: KbUses) -> KbUsesResult:
        return _parse(KbUsesResult, self._authorized("POST", "/kb/uses", request))

    def kb_report(self, since: datetime, until: datetime) -> KbReport:
        params = {"since": since.isoformat(), "until": until.isoformat()}
        return _parse(KbReport, self._authorized("GET", "/kb/report", None, params=params))

    # -- callers --------------------------------------------------------------------------------------

    def caller_history(self, phone: str, days: int) -> CallerHistory:
        """来电历史: the number's (digits) tickets on the server, as a summary; on the access record."""
        body = CallerHistoryQuery(phone=phone, days=days)
        return _parse(CallerHistory, self._authorized("POST", "/callers/history", body))

    def report_seat(self, report: SeatReport) -> None:
        """The seat's state and shift counts, for the lead's board."""
        self._authorized("PUT", "/seats/report", report)

    def put_callbacks(self, push: CallbackPush) -> CallbackPushResult:
        """The seat's changed callbacks (漏接回拨 · 回访), for the lead's list of unreturned calls."""
        return _parse(CallbackPushResult, self._authorized("PUT", "/callbacks", push))

    def post_exports(self, push: ExportsPush) -> ExportsResult:
        """Lists written to files (导出), for the access log under the signed-in account."""
        return _parse(ExportsResult, self._authorized("POST", "/access/exports", push))

    def lead_callbacks(self, seat: str | None = None) -> list[CallbackWire]:
        """Every seat's unreturned calls (a lead's; the server writes the read to the access record)."""
        params = {"seat": seat} if seat else None
        response = self._authorized("GET", "/lead/callbacks", None, params=params)
        try:
            return [CallbackWire.model_validate(item) for item in response.json()]
        except (ValueError, ValidationError) as exc:
            raise _malformed(response) from exc

    # -- team lead ------------------------------------------------------------------------------------

    def figures(
        self, period: Period, by: Grouping, first: date, last: date, seat: str | None = None
    ) -> FiguresReport:
        """统计 (GET /figures): a lead's of every seat, an operator's of their own."""
        params = {
            "period": period.value,
            "by": by.value,
            "first": first.isoformat(),
            "last": last.isoformat(),
        }
        if seat:
            params["seat"] = seat
        return _parse(FiguresReport, self._authorized("GET", "/figures", None, params=params))

    def seat_loads(self) -> list[SeatLoad]:
        response = self._authorized("GET", "/lead/seats", None)
        try:
            return [SeatLoad.model_validate(item) for item in response.json()]
        except (ValueError, ValidationError) as exc:
            raise _malformed(response) from exc

    def reassign(
        self,
        ticket_ids: Sequence[str],
        to_seat: str | None,
        reason: str,
        versions: dict[str, int] | None = None,
    ) -> ReassignResult:
        """改派 to `to_seat` (None: the team pool); `versions` as the lead saw them: a ticket another
        lead moved since comes back refused (push.taken_by), not moved twice."""
        body = ReassignRequest(
            ticket_ids=list(ticket_ids), to_seat=to_seat, reason=reason, versions=versions or {}
        )
        return _parse(ReassignResult, self._authorized("POST", "/lead/reassign", body, params=_CODES))

    def seat_queue(self, seat: str | None) -> list[Ticket]:
        """One seat's open tickets, soonest due first (None: the team pool)."""
        response = self._authorized("GET", "/lead/queue", None, params={"seat": seat} if seat else None)
        try:
            return [_TICKETS.validate_python(item) for item in response.json()]
        except (ValueError, ValidationError) as exc:
            raise _malformed(response) from exc

    def set_skills(self, seat: str, skills: Sequence[str]) -> None:
        self._authorized("PUT", f"/lead/skills/{seat}", SeatSkills(skills=list(skills)))

    def balance_proposal(self) -> BalanceProposal:
        return _parse(BalanceProposal, self._authorized("GET", "/lead/balance", None))

    def balance_apply(self, moves: Sequence[Move], reason: str) -> ReassignResult:
        body = BalanceApply(moves=list(moves), reason=reason)
        return _parse(ReassignResult, self._authorized("POST", "/lead/balance", body, params=_CODES))

    # -- 热点 · 苗头预警 -------------------------------------------------------------------------------

    def hotspots(self, since: datetime, until: datetime, top: int) -> HotspotReport:
        params = {"since": since.isoformat(), "until": until.isoformat(), "top": top}
        return _parse(Hotspots, self._authorized("GET", "/lead/hotspots", None, params=params)).report

    def warnings(self) -> Watch:
        return _parse(Warnings, self._authorized("GET", "/lead/warnings", None)).to_domain()

    def lead_tickets(self, ticket_ids: Sequence[str]) -> list[Ticket]:
        """The tickets behind a warning (the server writes the read to the access record)."""
        body = LeadTickets(ticket_ids=list(ticket_ids))
        response = self._authorized("POST", "/lead/tickets", body)
        try:
            return [_TICKETS.validate_python(item) for item in response.json()]
        except (ValueError, ValidationError) as exc:
            raise _malformed(response) from exc

    # -- plumbing -------------------------------------------------------------------------------------

    def _authorized(
        self, method: str, path: str, body: BaseModel | None, *, params: dict[str, Any] | None = None
    ) -> httpx.Response:
        tokens = self._vault.load()
        if tokens is None:
            raise AuthRequired(NOT_LOGGED_IN)
        if tokens.expires_at - EXPIRY_MARGIN <= self._clock():
            tokens = self._refresh(tokens)
        response = self._send(method, path, body, params=params, token=tokens.access_token)
        if response.status_code == 401:
            # Expired early or revoked: one refresh (which rotates both tokens), then one retry.
            tokens = self._refresh(tokens)
            response = self._send(method, path, body, params=params, token=tokens.access_token)
            if response.status_code == 401:
                raise AuthRequired(SESSION_ENDED)
        return _checked(response)

    def _refresh(self, tokens: Tokens) -> Tokens:
        if tokens.refresh_expires_at <= self._clock():
            raise AuthRequired(SESSION_ENDED)
        response = self._send("POST", "/auth/refresh", RefreshRequest(refresh_token=tokens.refresh_token))
        if response.status_code in (400, 401, 403):
            # Refused for good (spent, revoked, expired): keeping the tokens would only repeat this.
            self._vault.clear()
            raise AuthRequired(SESSION_ENDED)
        return self._keep(_parse(TokenResponse, _checked(response)))

    def _keep(self, response: TokenResponse) -> Tokens:
        tokens = Tokens(
            access_token=response.access_token,
            refresh_token=response.refresh_token,
            expires_at=_aware(response.expires_at),
            refresh_expires_at=_aware(response.refresh_expires_at),
            username=response.user.username,
            display_name=response.user.display_name,
            role=response.user.role.value,
            seat_id=response.user.seat_id,
        )
        self._vault.save(tokens)
        return tokens

    def _send(
        self,
        method: str,
        path: str,
        body: BaseModel | None,
        *,
        params: dict[str, Any] | None = None,
        token: str | None = None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        # exclude_unset: a 修改 carries only the fields the operator set; a field sent as null would
        # read as "set to null" on the server.
        content = body.model_dump_json(exclude_unset=True).encode() if body is not None else None
        if content is not None:
            headers["Content-Type"] = "application/json"
        try:
            response = self._http.request(
                method,
                f"{self.base_url}{API_PREFIX}{path}",
                content=content,
                params=params,
                headers=headers,
            )
        except httpx.TransportError as exc:
            # The message names the host and the failure only; headers (the token) are not in it.
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                raise Offline("sync.untrusted_certificate") from None
            raise Offline("sync.unreachable", error=type(exc).__name__) from None
        if response.status_code in _UNAVAILABLE:
            raise Offline("sync.unavailable", status_code=response.status_code)
        return response


def _checked(response: httpx.Response) -> httpx.Response:
    if response.is_success:
        return response
    if response.status_code == 401:
        raise AuthRequired(SESSION_ENDED)
    raise ServerRefused(response.status_code, _error(response))


def _error(response: httpx.Response) -> ErrorBody:
    try:
        return ErrorBody.model_validate(response.json())
    except (ValueError, ValidationError):
        return ErrorBody(code=f"http_{response.status_code}", message=response.text[:500])


def _parse(model: type[M], response: httpx.Response) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise _malformed(response) from exc


def _malformed(response: httpx.Response) -> ServerRefused:
    return ServerRefused(
        response.status_code,
        ErrorBody(code="malformed_response", message=str(MALFORMED), **coded(MALFORMED)),
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _tls(ca_bundle: str) -> ssl.SSLContext | bool:
    """Verifying TLS: httpx's trusted CAs (certifi), or only the given bundle; never switched off."""
    if ca_bundle:
        return ssl.create_default_context(cafile=ca_bundle)
    return True
