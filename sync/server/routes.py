"""The HTTP endpoints under /api/v1: thin handlers over the modules that do the work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.problem import Problem
from sync.protocol import (
    CODES_PARAM,
    MAX_ACCESS_PAGE,
    MAX_KB_PULL,
    MAX_PULL,
    PREVIOUS_WIRE,
    WIRE_PARAM,
    WIRE_VERSION,
    AccessLogPage,
    BalanceApply,
    BalanceProposal,
    CallerHistory,
    CallerHistoryQuery,
    CodedPullResponse,
    ErrorBody,
    ExportsPush,
    ExportsResult,
    KbArticleEdit,
    KbArticleWire,
    KbChanges,
    KbImport,
    KbImportResult,
    KbReport,
    KbUses,
    KbUsesResult,
    LoginRequest,
    Moment,
    Move,
    NewUser,
    PasswordChange,
    PasswordReset,
    PullResponse,
    PushRequest,
    PushResponse,
    ReassignRequest,
    ReassignResult,
    ReferenceDocumentWire,
    ReferenceName,
    RefreshRequest,
    RepeatCount,
    SeatLoad,
    SeatReport,
    SeatSkills,
    SkipParam,
    TicketWire,
    TokenResponse,
    UserAccount,
    UserInfo,
    parse_skips,
)
from sync.server import access, auth, callers, kb, lead, login, pull, push, users
from sync.server.access import Caller
from sync.server.auth import Principal
from sync.server.errors import ApiError, not_found, unauthorized
from sync.server.models import TicketRow
from sync.server.rights import NOT_YOURS, can_see
from sync.server.seats import record_report
from sync.server.services import Admin, Lead, Services, Svc, User, client_address
from sync.server.tickets import to_ticket

SEAT_CODE = r"^[A-Za-z0-9_.\-]{1,40}$"
TICKET_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
LARGEST_CURSOR = 2**53  # beyond any real feed, and within every database's integer

# Declared so the OpenAPI document tells clients (and schemathesis) every answer they may get.
_errors: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 503)
}
router = APIRouter(responses=_errors)
# The seat words why an op was refused from its code: OpResult.problem (see sync.protocol.CODES_PARAM).
Codes = Annotated[bool, Query(alias=CODES_PARAM, description="answer each refusal's problem code too")]
# The ticket wire version the seat reads (sync.protocol.WIRE_PARAM): fields added since are left out.
Reads = Annotated[
    int, Query(alias=WIRE_PARAM, ge=1, le=WIRE_VERSION, description="the ticket wire version the seat reads")
]


class Health(BaseModel):
    status: str


@router.get("/health", tags=["server"])
def health(svc: Svc) -> Health:
    """Alive and the database answers (no login needed: load balancers and seats probe it)."""
    with svc.db.reading() as session:
        session.execute(text("SELECT 1"))
    return Health(status="ok")


# --- auth ------------------------------------------------------------------------------------------


@router.post("/auth/login", tags=["auth"], responses={429: {"model": ErrorBody}})
async def log_in(body: LoginRequest, request: Request, svc: Svc) -> TokenResponse:
    """Tokens for a right password. Wrong ones slow down and then lock out the account and the
    address for a while (429 with Retry-After, even for the right password); a busy server answers
    503 with Retry-After. Every attempt is in the access log."""
    return await login.login(svc, body.username, body.password, client_address(request))


@router.post("/auth/password", tags=["auth"], status_code=204, responses={429: {"model": ErrorBody}})
async def change_password(body: PasswordChange, who: User, request: Request, svc: Svc) -> Response:
    """修改密码: the current password, then a new one that passes the password rule. The user's
    other sessions end; this one goes on."""
    await login.change_password(svc, who, body.old_password, body.new_password, client_address(request))
    return Response(status_code=204)


@router.post("/auth/refresh", tags=["auth"])
def refresh(body: RefreshRequest, svc: Svc) -> TokenResponse:
    """New tokens for a refresh token, which is spent: presenting it again ends the session."""
    with svc.db.writing() as session:
        tokens = auth.refresh(session, svc.settings, body.refresh_token)
    if tokens is None:
        raise unauthorized(auth.BAD_TOKEN)
    return tokens


@router.post("/auth/logout", tags=["auth"], status_code=204)
def logout(who: User, svc: Svc) -> Response:
    with svc.db.writing() as session:
        auth.logout(session, who)
    return Response(status_code=204)


@router.get("/me", tags=["auth"])
def me(who: User) -> UserInfo:
    return auth.user_info(who.user)


# --- sync ------------------------------------------------------------------------------------------


@router.post("/sync/push", tags=["sync"])
def push_ops(
    body: PushRequest, who: User, svc: Svc, problems: Codes = False, reads: Reads = PREVIOUS_WIRE
) -> PushResponse:
    """Settle a batch of outbox ops; each gets applied, duplicate, conflict or rejected."""
    settings, reference = svc.settings, svc.reference
    return push.push(
        svc.db,
        who.user,
        body.ops,
        reference.sla(),
        settings.clock,
        settings.client_times,
        reference.taxonomy(),
        problems=problems,
        reads=reads,
    )


@router.get("/sync/pull", tags=["sync"])
def pull_changes(
    who: User,
    request: Request,
    svc: Svc,
    cursor: Annotated[int, Query(ge=0, le=LARGEST_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 200,
    skip: Annotated[SkipParam, Query(description="feed ranges to leave out: a push's echo, 'a-b,c-d'")] = "",
    emergency: Annotated[bool, Query(description="name the emergency word list's version too")] = False,
    problems: Codes = False,
    reads: Reads = PREVIOUS_WIRE,
) -> CodedPullResponse | PullResponse:
    """The changes after `cursor` this user may see; pass the answer's cursor back for the next."""
    try:
        skips = parse_skips(skip)
    except ValueError:
        raise ApiError(422, "invalid", Problem("server.range_reversed", {"name": "skip"})) from None
    now = svc.settings.clock()
    caller = Caller.of(who.user, client_address(request))

    def served(session: Session, ticket_ids: list[str], next_cursor: int) -> None:
        detail = {
            "cursor": cursor,
            "next_cursor": next_cursor,
            "count": len(ticket_ids),
            "tickets": ticket_ids[: access.PULL_IDS_KEPT],
        }
        access.record(session, caller, now, access.PULL, detail=detail)

    versions = svc.reference.versions()
    if not emergency:  # a seat of the previous version: it knows no such document
        versions = versions.model_copy(update={"emergency": None})
    return pull.pull(
        svc.db,
        who.user,
        cursor,
        limit,
        now,
        skip=skips,
        reference=versions,
        served=served,
        problems=problems,
        reads=reads,
    )


@router.get("/reference/{name}", tags=["sync"])
def reference_document(name: ReferenceName, who: User, svc: Svc) -> ReferenceDocumentWire:
    """A reference document as the server plans with it now (its version is in every pull's
    `reference`); every signed-in user. 404 for the emergency list when the server has none."""
    document = svc.reference.document(name)
    if document is None:
        raise not_found("服务器没有此参考数据 (the server has no such reference document)")
    return ReferenceDocumentWire(name=name, version=document.version, files=dict(document.files))


@router.get("/tickets/{ticket_id}", tags=["tickets"])
def ticket(
    ticket_id: Annotated[str, Path(pattern=TICKET_ID)], who: User, request: Request, svc: Svc
) -> TicketWire:
    caller = Caller.of(who.user, client_address(request))
    with svc.db.writing() as session:
        row = session.get(TicketRow, ticket_id)
        found = to_ticket(row) if row is not None else None
        visible = found is not None and can_see(who.user, found)
        outcome = access.OK if visible else access.NOT_FOUND
        access.record(session, caller, svc.settings.clock(), access.TICKET_READ, outcome, ticket_id=ticket_id)
    if found is None or not visible:
        raise not_found(NOT_YOURS)  # the same answer either way: existence is not leaked
    return found


@router.post("/callers/history", tags=["tickets"], responses={429: {"model": ErrorBody}})
def caller_history(body: CallerHistoryQuery, who: User, request: Request, svc: Svc) -> CallerHistory:
    """来电历史: the number's tickets of the last `days` days, newest first, as a summary (when,
    kind, category, district, status; `mine` says which the account may open in full). Seats and
    leads; a 承办单位 gets 403. On the access record; past the per-minute bound 429 with Retry-After."""
    caller = Caller.of(who.user, client_address(request))
    now, per_minute = svc.settings.clock(), svc.settings.caller_lookups_per_minute
    with svc.db.writing() as session:
        found = callers.history(session, who.user, caller, body.phone, body.days, now, per_minute)
    if isinstance(found, ApiError):
        raise found
    return found


# --- knowledge base ------------------------------------------------------------------------------

KB_ID = r"^[A-Za-z0-9_.\-]{1,40}$"


@router.get("/kb/changes", tags=["kb"])
def kb_changes(
    who: User,
    svc: Svc,
    since: Annotated[int, Query(ge=0, le=LARGEST_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_KB_PULL)] = MAX_KB_PULL,
) -> KbChanges:
    """Articles saved and deleted after revision `since`, oldest first; every signed-in user."""
    return kb.changes(svc.db, since, limit)


@router.put("/kb/articles/{article_id}", tags=["kb"])
def kb_save(
    article_id: Annotated[str, Path(pattern=KB_ID)], body: KbArticleEdit, who: Lead, svc: Svc
) -> KbArticleWire:
    """Create or edit an article (班长/管理员 only); 409 if it changed since `base_version`."""
    return kb.save(svc.db, who.user, article_id, body, svc.settings.clock())


@router.post("/kb/import", tags=["kb"])
def kb_import(body: KbImport, who: Lead, svc: Svc, problems: Codes = False) -> KbImportResult:
    """Bulk import (班长/管理员 only): all articles or, with any problem, none and every problem."""
    return kb.bulk_import(svc.db, who.user, body, svc.settings.clock(), problems=problems)


@router.delete("/kb/articles/{article_id}", tags=["kb"], status_code=204)
def kb_delete(article_id: Annotated[str, Path(pattern=KB_ID)], who: Lead, svc: Svc) -> Response:
    kb.delete(svc.db, who.user, article_id, svc.settings.clock())
    return Response(status_code=204)


@router.post("/access/exports", tags=["access"])
def exports(body: ExportsPush, who: User, request: Request, svc: Svc) -> ExportsResult:
    """导出: lists and reports a seat wrote to files, on the access log under the signed-in account
    (any role: each records only its own). Sending one again (same id) records nothing new."""
    with svc.db.writing() as session:
        caller = Caller.of(who.user, client_address(request))
        recorded = access.record_exports(session, caller, svc.settings.clock(), body.exports)
    return ExportsResult(recorded=recorded)


@router.post("/kb/uses", tags=["kb"])
def kb_uses(body: KbUses, who: User, svc: Svc) -> KbUsesResult:
    """Which articles answered which tickets, from a seat; sending one again changes nothing. Uses
    of tickets the account may not see, of articles the KB does not have, or dated far from the
    server's clock are dropped and listed in the answer; a department account may post none (403)."""
    return kb.record_uses(svc.db, who.user, body, svc.settings.client_times, svc.settings.clock())


def _period(
    since: Annotated[Moment, Query(description="with its time zone, e.g. 2026-12-01T00:00:00+08:00")],
    until: Annotated[Moment, Query(description="with its time zone")],
) -> tuple[Moment, Moment]:
    """A report's `since` <= time < `until`, refused when it ends before it starts."""
    if until <= since:
        raise ApiError(422, "invalid", Problem("server.until_before_since"))
    return since, until


Period = Annotated[tuple[Moment, Moment], Depends(_period)]


@router.get("/kb/report", tags=["kb"])
def kb_report(
    who: Lead,
    request: Request,
    svc: Svc,
    period: Period,
) -> KbReport:
    """The KB effectiveness report over every seat's uses, `since` <= time < `until` (班长/管理员)."""
    since, until = period
    found = kb.report(svc.db, since, until)
    query = {"since": since.isoformat(), "until": until.isoformat()}
    _log(svc, Caller.of(who.user, client_address(request)), access.KB_REPORT, detail=query)
    return found


@router.put("/seats/report", tags=["seats"], status_code=204)
def seat_report(body: SeatReport, who: User, svc: Svc) -> Response:
    """The seat's state and shift counts (坐席状态 · 班次统计), sent after every sync round, for the
    lead's board (`GET /lead/seats`). Kept for the account's own seat; from an account with no seat
    (a lead, a department) it is taken and dropped, so its syncs do not fail over it."""
    with svc.db.writing() as session:
        record_report(session, who.user, body, svc.settings.clock())
    return Response(status_code=204)


# --- team lead -------------------------------------------------------------------------------------


@router.get("/lead/seats", tags=["lead"])
def seats(who: Lead, request: Request, svc: Svc) -> list[SeatLoad]:
    """坐席看板: every operator seat's state, open and weighted work, near and past SLA, today's
    办结 and skills; 离线 seats keep their last report and their queue."""
    with svc.db.writing() as session:
        now = svc.settings.clock()
        access.record(session, Caller.of(who.user, client_address(request)), now, access.LEAD_SEATS)
        day_start = svc.sla.calendar.to_local(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return lead.seat_loads(session, now, day_start)


@router.get("/lead/queue", tags=["lead"])
def seat_queue(
    who: Lead, request: Request, svc: Svc, seat: Annotated[str | None, Query(pattern=SEAT_CODE)] = None
) -> list[TicketWire]:
    """One seat's open tickets, soonest due first (no `seat`: the team pool). On the access record."""
    with svc.db.writing() as session:
        caller = Caller.of(who.user, client_address(request))
        access.record(session, caller, svc.settings.clock(), access.LEAD_QUEUE, detail={"seat": seat or ""})
        return lead.seat_queue(session, seat)


@router.put("/lead/skills/{seat_id}", tags=["lead"], status_code=204)
def seat_skills(
    seat_id: Annotated[str, Path(pattern=SEAT_CODE)], body: SeatSkills, who: Lead, svc: Svc
) -> Response:
    """技能标签: what the balance may give the seat (涉企, 心理疏导 …)."""
    with svc.db.writing() as session:
        lead.set_skills(session, who.user, seat_id, body.skills, svc.settings.clock())
    return Response(status_code=204)


@router.get("/lead/repeats", tags=["lead"])
def repeats(
    who: Lead,
    svc: Svc,
    period: Period,
) -> RepeatCount:
    """重复来电: how many requests were 并单 into an existing ticket, `since` <= time < `until`."""
    since, until = period
    with svc.db.reading() as session:
        count = callers.repeat_count(session, since, until)
    return RepeatCount(since=since, until=until, repeats=count)


@router.post("/lead/reassign", tags=["lead"])
def reassign(body: ReassignRequest, who: Lead, svc: Svc, problems: Codes = False) -> ReassignResult:
    """改派: the lead's decision wins over a seat's claim (the seat learns why on its next pull)."""
    moves = [Move(ticket_id=t, from_seat=None, to_seat=body.to_seat) for t in body.ticket_ids]
    clock = svc.settings.clock
    return lead.reassign(
        svc.db, who.user, moves, body.reason, svc.sla, clock, problems=problems, versions=body.versions
    )


@router.get("/lead/balance", tags=["lead"])
def balance_proposal(who: Lead, request: Request, svc: Svc) -> BalanceProposal:
    """疏忙导闲: a proposal only; nothing moves until it is applied."""
    with svc.db.writing() as session:
        now = svc.settings.clock()
        access.record(session, Caller.of(who.user, client_address(request)), now, access.LEAD_BALANCE)
        return lead.balance_proposal(session, now)


@router.post("/lead/balance", tags=["lead"])
def balance_apply(body: BalanceApply, who: Lead, svc: Svc, problems: Codes = False) -> ReassignResult:
    """Apply moves; one whose ticket has left its `from_seat` meanwhile is refused, not forced."""
    clock = svc.settings.clock
    return lead.reassign(svc.db, who.user, body.moves, body.reason, svc.sla, clock, problems=problems)


# --- admin -----------------------------------------------------------------------------------------


USERNAME = r"^[A-Za-z0-9_.\-]{1,80}$"
Username = Annotated[str, Path(pattern=USERNAME)]


@router.get("/admin/users", tags=["admin"])
def accounts(who: Admin, request: Request, svc: Svc) -> list[UserAccount]:
    """Every account with its state: disabled, sessions open, locked out until."""
    with svc.db.writing() as session:
        now = svc.settings.clock()
        access.record(session, Caller.of(who.user, client_address(request)), now, access.ADMIN_USERS)
        return users.accounts(session, now)


@router.post("/admin/users", tags=["admin"], status_code=201)
async def create_user(body: NewUser, who: Admin, request: Request, svc: Svc) -> UserInfo:
    """A new account; its password must pass the password rule (at least 10 characters, not the
    username, not common)."""
    caller = Caller.of(who.user, client_address(request))
    detail = {"account": body.username, "role": body.role.value}
    try:
        users.check_password_rule(body.password, body.username, body.display_name)
    except users.UserError as exc:
        await _log_async(svc, caller, access.ADMIN_USER_ADD, access.REFUSED, detail)
        raise ApiError(422, "weak_password", exc.problem) from None
    password_hash = await login.hashed(svc, caller, access.ADMIN_USER_ADD, body.password)

    def add() -> UserInfo | ApiError:
        with svc.db.writing() as session:
            # Every UserError comes before anything is written: the transaction still commits the log.
            try:
                info = users.add_user(
                    session,
                    body.username,
                    body.password,
                    body.role,
                    body.seat_id,
                    body.display_name,
                    password_hash=password_hash,
                )
            except users.UserError as exc:
                access.record(
                    session,
                    caller,
                    svc.settings.clock(),
                    access.ADMIN_USER_ADD,
                    access.REFUSED,
                    detail=detail,
                )
                code = (409, "exists") if isinstance(exc, users.UserExists) else (422, "invalid")
                return ApiError(*code, exc.problem)
            access.record(session, caller, svc.settings.clock(), access.ADMIN_USER_ADD, detail=detail)
            return info

    return login.answer(await anyio.to_thread.run_sync(add))


@router.post("/admin/users/{username}/disable", tags=["admin"], status_code=204)
def disable_user(username: Username, who: Admin, request: Request, svc: Svc) -> Response:
    """停用: the account cannot log in, and its open sessions end now."""
    _account_action(
        svc,
        who,
        request,
        access.ADMIN_USER_DISABLE,
        username,
        lambda s: users.set_disabled(s, username, True),
    )
    return Response(status_code=204)


@router.post("/admin/users/{username}/enable", tags=["admin"], status_code=204)
def enable_user(username: Username, who: Admin, request: Request, svc: Svc) -> Response:
    """启用 again (also lifts a login lockout)."""
    _account_action(
        svc,
        who,
        request,
        access.ADMIN_USER_ENABLE,
        username,
        lambda s: users.set_disabled(s, username, False),
    )
    return Response(status_code=204)


@router.delete("/admin/users/{username}/sessions", tags=["admin"], status_code=204)
def revoke_sessions(username: Username, who: Admin, request: Request, svc: Svc) -> Response:
    """End every session of the account: its seats must log in again."""
    _account_action(
        svc, who, request, access.ADMIN_USER_REVOKE, username, lambda s: users.revoke(s, username)
    )
    return Response(status_code=204)


@router.post("/admin/users/{username}/password", tags=["admin"], status_code=204)
async def reset_password(
    username: Username, body: PasswordReset, who: Admin, request: Request, svc: Svc
) -> Response:
    """重置密码: a new password that passes the rule; the account's sessions end."""
    caller = Caller.of(who.user, client_address(request))
    password_hash = await login.hashed(svc, caller, access.ADMIN_USER_PASSWORD, body.new_password)
    await anyio.to_thread.run_sync(
        lambda: _account_action(
            svc,
            who,
            request,
            access.ADMIN_USER_PASSWORD,
            username,
            lambda s: users.set_password(s, username, body.new_password, password_hash=password_hash),
        )
    )
    return Response(status_code=204)


@router.get("/admin/access-log", tags=["admin"])
def access_log(
    who: Admin,
    request: Request,
    svc: Svc,
    user: Annotated[str | None, Query(max_length=80)] = None,
    ticket: Annotated[str | None, Query(pattern=TICKET_ID)] = None,
    since: Annotated[Moment | None, Query(description="with its time zone")] = None,
    until: Annotated[Moment | None, Query(description="with its time zone")] = None,
    before: Annotated[int | None, Query(ge=1, le=LARGEST_CURSOR)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_ACCESS_PAGE)] = 100,
) -> AccessLogPage:
    """访问记录, newest first: filter by user, ticket, `since` <= time < `until`; page with `before`."""
    query = {k: v for k, v in {"user": user, "ticket": ticket, "before": before}.items() if v is not None}
    query |= {k: v.isoformat() for k, v in {"since": since, "until": until}.items() if v is not None}
    with svc.db.writing() as session:
        page = access.read(
            session, user=user, ticket=ticket, since=since, until=until, before=before, limit=limit
        )
        caller = Caller.of(who.user, client_address(request))
        access.record(session, caller, svc.settings.clock(), access.ADMIN_ACCESS_LOG, detail=query)
    return page


def _account_action(
    svc: Services,
    who: Principal,
    request: Request,
    action: str,
    username: str,
    change: Callable[[Session], None],
) -> None:
    """An admin's change to an account, with its access log line, in one transaction; a refused one
    is logged too."""
    caller = Caller.of(who.user, client_address(request))
    detail = {"account": username}
    with svc.db.writing() as session:
        try:
            change(session)  # every UserError comes before anything is written
        except users.UserError as exc:
            access.record(session, caller, svc.settings.clock(), action, access.REFUSED, detail=detail)
            error = exc
        else:
            access.record(session, caller, svc.settings.clock(), action, detail=detail)
            return
    if isinstance(error, users.NoSuchUser):
        raise not_found(error.problem)
    raise ApiError(
        422, "weak_password" if isinstance(error, users.WeakPassword) else "invalid", error.problem
    )


def _log(
    svc: Services, caller: Caller, action: str, outcome: str = access.OK, detail: dict[str, Any] | None = None
) -> None:
    with svc.db.writing() as session:
        access.record(session, caller, svc.settings.clock(), action, outcome, detail=detail)


async def _log_async(
    svc: Services, caller: Caller, action: str, outcome: str, detail: dict[str, Any]
) -> None:
    await anyio.to_thread.run_sync(lambda: _log(svc, caller, action, outcome, detail))
