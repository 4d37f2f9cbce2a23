"""seat_shifts: each seat's shift counts as its reports gave them (统计: calls, handling, per hour);
tickets.accepted_at indexed for the figures' periods

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seat_shifts",
        sa.Column("seat_id", sa.String(40), primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), primary_key=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds_on", sa.Float(), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("missed", sa.Integer(), nullable=False),
        sa.Column("talk_seconds", sa.Float(), nullable=False),
        sa.Column("wrap_up_seconds", sa.Float(), nullable=False),
    )
    op.create_index("ix_seat_shifts_started_at", "seat_shifts", ["started_at"])
    op.create_index("ix_tickets_accepted_at", "tickets", ["accepted_at"])


def downgrade() -> None:
    op.drop_index("ix_tickets_accepted_at", table_name="tickets")
    op.drop_index("ix_seat_shifts_started_at", table_name="seat_shifts")
    op.drop_table("seat_shifts")
