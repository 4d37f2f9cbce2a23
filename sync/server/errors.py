"""Every error answer is an ErrorBody {code, problem, params, message "中文 (English)"}, whatever went
wrong: the seat words the problem in its operator's language, older seats and curl read the message.

FastAPI's own shapes (``{"detail": ...}``) are replaced here, and no input gets a 500: bad data the
database refuses (a NUL byte for PostgreSQL, a number out of range) is the client's 422.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.domain.problem import Problem
from sync.protocol import ErrorBody
from sync.server.headers import SAFE_HEADERS

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, problem: Problem | str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(str(problem))
        self.status, self.code, self.problem = status, code, problem
        self.headers = headers or {}


def unauthorized(problem: Problem | str) -> ApiError:
    return ApiError(401, "unauthorized", problem)


def forbidden() -> ApiError:
    return ApiError(403, "forbidden", Problem("server.forbidden"))


NOT_FOUND = Problem("server.not_found")


def not_found(problem: Problem | str = NOT_FOUND) -> ApiError:
    return ApiError(404, "not_found", problem)


def error_response(
    status: int, code: str, problem: Problem | str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """`problem` is a Problem, or text (中文 (English)) where no code says it, such as a user rule
    or a KB article's check that the seat does not word itself yet."""
    # SAFE_HEADERS here as well: a 500 is answered outside the app's middleware.
    sent = {**SAFE_HEADERS, **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    sent.update(headers or {})
    if isinstance(problem, Problem):
        body = ErrorBody(code=code, message=str(problem), problem=problem.code, params=problem.wire_params)
    else:
        body = ErrorBody(code=code, message=problem)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=sent or None)


_HTTP_MESSAGES = {
    400: ("bad_request", Problem("server.bad_request")),
    404: ("not_found", Problem("server.no_endpoint")),
    405: ("method_not_allowed", Problem("server.method_not_allowed")),
    413: ("too_large", Problem("server.too_large")),
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.problem, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "bad_json", Problem("server.bad_json"))
        return error_response(422, "invalid", Problem("server.invalid", {"details": _describe(errors)}))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_MESSAGES.get(
            exc.status_code, ("http_error", Problem("server.http_error", {"status_code": exc.status_code}))
        )
        return error_response(exc.status_code, code, message)

    @app.exception_handler(DataError)
    @app.exception_handler(UnicodeEncodeError)
    @app.exception_handler(OverflowError)
    async def _unstorable(request: Request, exc: Exception) -> JSONResponse:
        log.info("refused data the database cannot store: %s", exc)
        return error_response(422, "invalid", Problem("server.unstorable"))

    @app.exception_handler(OperationalError)
    async def _unavailable(request: Request, exc: OperationalError) -> JSONResponse:
        if not _is_unavailable(exc):
            return _internal(request, exc)
        log.error("database unavailable: %s", exc)
        return error_response(503, "unavailable", Problem("server.unavailable"))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _internal(request, exc)


def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal", Problem("server.internal"))


# OperationalError also covers a broken schema ("no such table" on SQLite); only these mean the
# database is away or busy for now, which a client should wait out and retry.
_AWAY = ("connect", "terminat", "closed", "does not exist", "locked", "unable to open", "disk i/o")


def _is_unavailable(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return exc.connection_invalidated or any(word in message for word in _AWAY)


def _describe(errors: Sequence[Any], shown: int = 5) -> str:
    parts = []
    for error in errors[:shown]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    if len(errors) > shown:
        parts.append(f"… {len(errors) - shown} more")
    return "; ".join(parts)
