"""Every error answer is an ErrorBody {code, message "中文 (english)"}, whatever went wrong.

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

from sync.protocol import ErrorBody
from sync.server.headers import SAFE_HEADERS

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


def unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message)


def forbidden() -> ApiError:
    return ApiError(403, "forbidden", "无权执行此操作 (your role may not do this)")


def not_found(message: str = "资源不存在 (not found)") -> ApiError:
    return ApiError(404, "not_found", message)


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    # SAFE_HEADERS here as well: a 500 is answered outside the app's middleware.
    sent = {**SAFE_HEADERS, **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    sent.update(headers or {})
    body = ErrorBody(code=code, message=message).model_dump()
    return JSONResponse(body, status_code=status, headers=sent or None)


_HTTP_MESSAGES = {
    400: ("bad_request", "请求无效 (bad request)"),
    404: ("not_found", "接口不存在 (no such endpoint)"),
    405: ("method_not_allowed", "不支持此请求方法 (method not allowed)"),
    413: ("too_large", "请求过大 (request body too large)"),
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "bad_json", "请求不是有效的 JSON (body is not valid JSON)")
        return error_response(422, "invalid", f"请求数据无效 (invalid request): {_describe(errors)}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_MESSAGES.get(
            exc.status_code, ("http_error", f"请求失败 (HTTP {exc.status_code})")
        )
        return error_response(exc.status_code, code, message)

    @app.exception_handler(DataError)
    @app.exception_handler(UnicodeEncodeError)
    @app.exception_handler(OverflowError)
    async def _unstorable(request: Request, exc: Exception) -> JSONResponse:
        log.info("refused data the database cannot store: %s", exc)
        return error_response(422, "invalid", "数据含无法保存的字符或数值 (data the server cannot store)")

    @app.exception_handler(OperationalError)
    async def _unavailable(request: Request, exc: OperationalError) -> JSONResponse:
        if not _is_unavailable(exc):
            return _internal(request, exc)
        log.error("database unavailable: %s", exc)
        return error_response(
            503, "unavailable", "服务器数据库暂不可用，请稍后重试 (database unavailable, retry)"
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _internal(request, exc)


def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal", "服务器内部错误 (internal server error)")


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
