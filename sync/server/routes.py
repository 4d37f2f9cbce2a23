"""The HTTP endpoints under /api/v1: thin handlers over the modules that do the work."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel
from sqlalchemy import text

from sync.protocol import (
    MAX_KB_PULL,
    MAX_PULL,
    BalanceApply,
    BalanceProposal,
    ErrorBody,
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
    PullResponse,
    PushRequest,
    PushResponse,
    ReassignRequest,
    ReassignResult,
    RefreshRequest,
    SeatLoad,
    SkipParam,
    TicketWire,
    TokenResponse,
    UserInfo,
    parse_skips,
)
from sync.server import auth, kb, lead, pull, push, users
from sync.server.errors import ApiError, not_found, unauthorized
from sync.server.models import TicketRow
from sync.server.rights import NOT_YOURS, can_see
from sync.server.services import Admin, Lead, Svc, User
from sync.server.tickets import to_ticket

TICKET_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
LARGEST_CURSOR = 2**53  # beyond any real feed, and within every database's integer

# Declared so the OpenAPI document tells clients (and schemathesis) every answer they may get.
_errors: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 503)
}
router = APIRouter(responses=_errors)


class Health(BaseModel):
    status: str


@router.get("/health", tags=["server"])
def health(svc: Svc) -> Health:
    """Alive and the database answers (no login needed: load balancers and seats probe it)."""
    with svc.db.reading() as session:
        session.execute(text("SELECT 1"))
    return Health(status="ok")


# --- auth ------------------------------------------------------------------------------------------


@router.post("/auth/login", tags=["auth"])
def login(body: LoginRequest, svc: Svc) -> TokenResponse:
    try:
        with svc.db.writing() as session:
            return auth.login(session, svc.settings, body.username, body.password)
    except auth.AuthError as exc:
        raise unauthorized(str(exc)) from None


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
def push_ops(body: PushRequest, who: User, svc: Svc) -> PushResponse:
    """Settle a batch of outbox ops; each gets applied, duplicate, conflict or rejected."""
    return push.push(svc.db, who.user, body.ops, svc.sla, svc.settings.clock, svc.settings.client_times)


@router.get("/sync/pull", tags=["sync"])
def pull_changes(
    who: User,
    svc: Svc,
    cursor: Annotated[int, Query(ge=0, le=LARGEST_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 200,
    skip: Annotated[SkipParam, Query(description="feed ranges to leave out: a push's echo, 'a-b,c-d'")] = "",
) -> PullResponse:
    """The changes after `cursor` this user may see; pass the answer's cursor back for the next."""
    try:
        skips = parse_skips(skip)
    except ValueError:
        raise ApiError(422, "invalid", "skip: 范围起点在终点之后 (a range starts after it ends)") from None
    return pull.pull(svc.db, who.user, cursor, limit, svc.settings.clock(), skip=skips)


@router.get("/tickets/{ticket_id}", tags=["tickets"])
def ticket(ticket_id: Annotated[str, Path(pattern=TICKET_ID)], who: User, svc: Svc) -> TicketWire:
    with svc.db.reading() as session:
        row = session.get(TicketRow, ticket_id)
        found = to_ticket(row) if row is not None else None
    if found is None or not can_see(who.user, found):
        raise not_found(NOT_YOURS)  # the same answer either way: existence is not leaked
    return TicketWire.from_domain(found)


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
def kb_import(body: KbImport, who: Lead, svc: Svc) -> KbImportResult:
    """Bulk import (班长/管理员 only): all articles or, with any problem, none and every problem."""
    return kb.bulk_import(svc.db, who.user, body, svc.settings.clock())


@router.delete("/kb/articles/{article_id}", tags=["kb"], status_code=204)
def kb_delete(article_id: Annotated[str, Path(pattern=KB_ID)], who: Lead, svc: Svc) -> Response:
    kb.delete(svc.db, who.user, article_id, svc.settings.clock())
    return Response(status_code=204)


@router.post("/kb/uses", tags=["kb"])
def kb_uses(body: KbUses, who: User, svc: Svc) -> KbUsesResult:
    """Which articles answered which tickets, from a seat; sending one again changes nothing. Uses
    of tickets the account may not see, of articles the KB does not have, or dated far from the
    server's clock are dropped and listed in the answer; a department account may post none (403)."""
    return kb.record_uses(svc.db, who.user, body, svc.settings.client_times, svc.settings.clock())


@router.get("/kb/report", tags=["kb"])
def kb_report(
    who: Lead,
    svc: Svc,
    since: Annotated[Moment, Query(description="with its time zone, e.g. 2026-12-01T00:00:00+08:00")],
    until: Annotated[Moment, Query(description="with its time zone")],
) -> KbReport:
    """The KB effectiveness report over every seat's uses, `since` <= time < `until` (班长/管理员)."""
    if until <= since:
        raise ApiError(422, "invalid", "结束时间须晚于开始时间 (until must be after since)")
    return kb.report(svc.db, since, until)


# --- team lead -------------------------------------------------------------------------------------


@router.get("/lead/seats", tags=["lead"])
def seats(who: Lead, svc: Svc) -> list[SeatLoad]:
    with svc.db.reading() as session:
        return lead.seat_loads(session, svc.settings.clock())


@router.post("/lead/reassign", tags=["lead"])
def reassign(body: ReassignRequest, who: Lead, svc: Svc) -> ReassignResult:
    """改派: the lead's decision wins over a seat's claim (the seat learns why on its next pull)."""
    moves = [Move(ticket_id=t, from_seat=None, to_seat=body.to_seat) for t in body.ticket_ids]
    return lead.reassign(svc.db, who.user, moves, body.reason, svc.sla, svc.settings.clock)


@router.get("/lead/balance", tags=["lead"])
def balance_proposal(who: Lead, svc: Svc) -> BalanceProposal:
    """疏忙导闲: a proposal only; nothing moves until it is applied."""
    with svc.db.reading() as session:
        return lead.balance_proposal(session, svc.settings.clock())


@router.post("/lead/balance", tags=["lead"])
def balance_apply(body: BalanceApply, who: Lead, svc: Svc) -> ReassignResult:
    """Apply moves; one whose ticket has left its `from_seat` meanwhile is refused, not forced."""
    return lead.reassign(svc.db, who.user, body.moves, body.reason, svc.sla, svc.settings.clock)


# --- admin -----------------------------------------------------------------------------------------


@router.post("/admin/users", tags=["admin"], status_code=201)
def create_user(body: NewUser, who: Admin, svc: Svc) -> UserInfo:
    try:
        with svc.db.writing() as session:
            return users.add_user(
                session, body.username, body.password, body.role, body.seat_id, body.display_name
            )
    except users.UserExists as exc:
        raise ApiError(409, "exists", str(exc)) from None
    except users.UserError as exc:
        raise ApiError(422, "invalid", str(exc)) from None
