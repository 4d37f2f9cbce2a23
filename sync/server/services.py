"""What every request handler needs, built once per app: settings, database, SLA clock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.domain.problem import Problem
from app.domain.sla import SlaClock
from app.domain.status import Role
from sync.server.auth import AuthError, Principal, authenticate
from sync.server.db import Database
from sync.server.errors import forbidden, unauthorized
from sync.server.gate import HashGate
from sync.server.reference import ReferenceLibrary
from sync.server.rights import LEADS
from sync.server.settings import ServerSettings


@dataclass(frozen=True)
class Services:
    settings: ServerSettings
    db: Database
    reference: ReferenceLibrary  # taxonomy, SLA rules, emergency list: as the files are now
    gate: HashGate  # bounds the password checks running at once (sync.server.gate)

    @property
    def sla(self) -> SlaClock:
        return self.reference.sla()


def client_address(request: Request) -> str:
    """The client's address as the server sees it (behind a proxy: what uvicorn's
    --forwarded-allow-ips lets it believe)."""
    return request.client.host if request.client is not None else "-"


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


_bearer = HTTPBearer(auto_error=False, description="访问令牌 (access token from /auth/login)")


def principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None:
        raise unauthorized(Problem("server.token_missing"))
    found = services(request)
    try:
        with found.db.reading() as session:
            return authenticate(session, found.settings, credentials.credentials)
    except AuthError as exc:
        raise unauthorized(exc.problem) from None


def lead(who: Annotated[Principal, Depends(principal)]) -> Principal:
    if who.role not in LEADS:
        raise forbidden()
    return who


def admin(who: Annotated[Principal, Depends(principal)]) -> Principal:
    if who.role is not Role.ADMIN:
        raise forbidden()
    return who


Svc = Annotated[Services, Depends(services)]
User = Annotated[Principal, Depends(principal)]
Lead = Annotated[Principal, Depends(lead)]
Admin = Annotated[Principal, Depends(admin)]
