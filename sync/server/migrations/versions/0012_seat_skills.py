"""seat_skills: each seat's skill tags for 疏忙导闲; tickets.closed_at indexed for 今日办结

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 07:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seat_skills",
        sa.Column("seat_id", sa.String(40), primary_key=True),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_tickets_closed_at", "tickets", ["closed_at"])


def downgrade() -> None:
    op.drop_index("ix_tickets_closed_at", table_name="tickets")
    op.drop_table("seat_skills")
