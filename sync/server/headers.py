"""Headers every answer of the server carries.

Answers hold citizens' names, phones and complaints: no cache (a proxy's, a browser's) may keep
them (`Cache-Control: no-store`), and no browser may guess a content type other than the one
declared (`X-Content-Type-Options: nosniff`). The server does not name its software either
(uvicorn's `server` header is off where it is started: sync.server.cli).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class SafeHeaders:
    """ASGI middleware: sets SAFE_HEADERS on every HTTP answer, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SAFE_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
