"""exports: each list or report written to a file (导出), for the access record

Sent to the server by the account that made it (sync.client.exports); `sent` once the server has it.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-07 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exports",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("list", sa.String(length=40), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("masked", sa.Boolean(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("sent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_exports_unsent", "exports", ["sent", "username", "at"])


def downgrade() -> None:
    op.drop_index("ix_exports_unsent", table_name="exports")
    op.drop_table("exports")
