"""The app for `uvicorn sync.server.asgi:app --workers N`: each worker builds it from the environment
(HOTLINE_DB_URL ...), which `hotline-server serve` sets after migrating the database once."""

from __future__ import annotations

from sync.server.app import create_app
from sync.server.settings import ServerSettings

app = create_app(ServerSettings.from_env())
