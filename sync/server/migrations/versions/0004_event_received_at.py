"""events keep the server's receive time beside the client's `at`

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 18:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: events recorded before this revision were never stamped, and guessing would lie.
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("received_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("received_at")
