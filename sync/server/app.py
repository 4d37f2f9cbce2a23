"""create_app(settings): the FastAPI application of the central server."""

from __future__ import annotations

from fastapi import FastAPI

from app.resources import load_sla_clock, load_taxonomy
from sync.protocol import API_PREFIX, MAX_BODY_BYTES
from sync.server import errors
from sync.server.db import Database
from sync.server.gate import HashGate
from sync.server.headers import SafeHeaders
from sync.server.limits import BodyLimit
from sync.server.routes import router
from sync.server.services import Services
from sync.server.settings import ServerSettings


def create_app(settings: ServerSettings) -> FastAPI:
    """The app on an already migrated database (`hotline-server migrate`, or sync.server.db.migrate)."""
    app = FastAPI(
        title="Hotline central ticket server (热线中心工单服务)",
        version="1",
        openapi_url="/openapi.json",
        # Swagger UI loads its scripts from an outside CDN: off unless HOTLINE_API_DOCS=1 (a
        # developer's machine). The OpenAPI document itself stays, it loads nothing.
        docs_url="/docs" if settings.api_docs else None,
        redoc_url=None,
    )
    load_taxonomy()  # parsed now rather than in the first push, which checks codes against it
    gate = HashGate(settings.login_hashing, settings.login_queue_wait.total_seconds())
    app.state.services = Services(settings, Database.open(settings.db_url), load_sla_clock(), gate)
    errors.install(app)
    app.include_router(router, prefix=API_PREFIX)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.add_middleware(SafeHeaders)  # added last: outermost, so even a 413 carries the headers
    return app


def close_app(app: FastAPI) -> None:
    """Release the app's database connections (tests build many apps in one process)."""
    services: Services = app.state.services
    services.db.dispose()
