"""tickets: 紧急 (an emergency the caller was told to report to 110/119/120)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite can, with a default): a batch copy of the table would trip over the
    # events' foreign key to it.
    op.add_column("tickets", sa.Column("urgent", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column("tickets", "urgent")
