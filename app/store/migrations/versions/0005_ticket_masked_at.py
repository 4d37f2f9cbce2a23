"""retention: tickets remember when their personal fields were masked

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 18:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("masked_at", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_tickets_masked_closed", ["masked_at", "closed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_masked_closed")
        batch_op.drop_column("masked_at")
