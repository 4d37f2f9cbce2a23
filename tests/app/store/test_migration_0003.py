"""Migration 0003 (sync results, conflicts, notices) on a store that already holds queued ops."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from app.store.db import MIGRATIONS, open_store
from app.store.outbox import Outbox


def upgrade(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_a_queued_op_from_before_0003_stays_pending_and_the_new_tables_exist(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    upgrade(f"sqlite:///{path}", "0002")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO outbox (op_id, ticket_id, op_kind, base_version, payload, created_at, attempts)"
                " VALUES ('op-1', 't-1', 'create', 0, '{}', '2026-11-25T02:00:00.000000+00:00', 0)"
            )
        )
    engine.dispose()

    store = open_store(path)  # migrates to head
    try:
        [op] = Outbox(store).pending()
        assert op.op_id == "op-1" and Outbox(store).result("op-1") is None
        inspector = inspect(store.engine)
        assert {"sync_conflicts", "sync_notices"} <= set(inspector.get_table_names())
        assert "result" in {c["name"] for c in inspector.get_columns("outbox")}
        assert "ix_outbox_ticket_pending" in {i["name"] for i in inspector.get_indexes("outbox")}
    finally:
        store.close()
