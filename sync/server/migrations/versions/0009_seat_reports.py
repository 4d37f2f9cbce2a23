"""seats: the seat's last report of its state and shift counts (坐席状态 on the lead's board)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seats") as seats:  # SQLite adds the column in place; batch keeps it portable
        seats.add_column(sa.Column("report", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seats") as seats:
        seats.drop_column("report")
