"""access_log.ref: the id a seat gave what it reports (an export, 导出), kept once

A seat sends its exports again when an answer was lost (offline, a timeout); the unique index makes
the second copy a no-op. Older entries have none (NULL, which a unique index allows many times).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("access_log", sa.Column("ref", sa.String(length=36), nullable=True))
    op.create_index("ux_access_log_ref", "access_log", ["ref"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_access_log_ref", table_name="access_log")
    with op.batch_alter_table("access_log") as batch_op:
        batch_op.drop_column("ref")
