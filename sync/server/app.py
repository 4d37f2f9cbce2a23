"""create_app(settings): the FastAPI application of the central server."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from app.paths import resources_dir
from sync.protocol import API_PREFIX, MAX_BODY_BYTES
from sync.server import errors
from sync.server.callbacks import router as callbacks_router
from sync.server.db import Database
from sync.server.figures import router as figures_router
from sync.server.gate import HashGate
from sync.server.headers import SafeHeaders
from sync.server.limits import BodyLimit
from sync.server.reference import ReferenceLibrary
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
    # Parsed now rather than in the first push, which checks codes against the catalogue: a
    # reference file that does not load stops the server with the file named.
    reference = ReferenceLibrary(Path(settings.reference_dir) if settings.reference_dir else resources_dir())
    gate = HashGate(settings.login_hashing, settings.login_queue_wait.total_seconds())
    app.state.services = Services(settings, Database.open(settings.db_url), reference, gate)
    errors.install(app)
    app.include_router(router, prefix=API_PREFIX)
    app.include_router(callbacks_router, prefix=API_PREFIX)
    app.include_router(figures_router, prefix=API_PREFIX)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.add_middleware(SafeHeaders)  # added last: outermost, so even a 413 carries the headers
    return app


def close_app(app: FastAPI) -> None:
    """Release the app's database connections (tests build many apps in one process)."""
    services: Services = app.state.services
    services.db.dispose()
