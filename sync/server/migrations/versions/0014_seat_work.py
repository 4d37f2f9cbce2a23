"""seat_work: open tickets per seat and kind, kept on write for the lead's board; open tickets
indexed by deadline; 今日办结 from the closed_at index alone

The counts are filled by sync.server.db.migrate (seat_work.recount_if_stale) after the upgrade.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seat_work",
        sa.Column("seat_id", sa.String(40), primary_key=True),
        sa.Column("supervised", sa.Boolean(), primary_key=True),
        sa.Column("urgent", sa.Boolean(), primary_key=True),
        sa.Column("skill", sa.String(40), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_tickets_open_due",
        "tickets",
        ["next_due", "assigned_seat", "supervised", "urgent", "category_code"],
        postgresql_where=sa.text("is_open"),
        sqlite_where=sa.text("is_open"),
    )
    op.drop_index("ix_tickets_closed_at", table_name="tickets")
    op.create_index("ix_tickets_closed_at", "tickets", ["closed_at", "assigned_seat"])


def downgrade() -> None:
    op.drop_index("ix_tickets_closed_at", table_name="tickets")
    op.create_index("ix_tickets_closed_at", "tickets", ["closed_at"])
    op.drop_index("ix_tickets_open_due", table_name="tickets")
    op.drop_table("seat_work")
    op.execute("DELETE FROM counters WHERE name = 'seat_work.skills'")
