"""Alembic environment: migrations run on the connection the app hands over (see app.store.db)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from app.store.models import Base, is_modelled

config = context.config


def _run(connection: Connection) -> None:
    # render_as_batch: SQLite can only ALTER through table copies.
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_name=is_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # the alembic command line, e.g. for `alembic revision --autogenerate`
    with create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://").connect() as conn:
        _run(conn)
