"""Small durable facts about this store (demo marker, sync cursor)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.store.db import Store
from app.store.models import MetaRow, TicketRow

DEMO_MARKER = "demo"  # set to "1" when the store holds demo tickets


def get_meta(store: Store, key: str) -> str | None:
    with store.reading() as session:
        row = session.get(MetaRow, key)
        return None if row is None else row.value


def set_meta(store: Store, key: str, value: str) -> None:
    with store.transaction() as session:
        session.merge(MetaRow(key=key, value=value))


def ticket_count(store: Store) -> int:
    with store.reading() as session:
        return int(session.scalar(select(func.count()).select_from(TicketRow)) or 0)
