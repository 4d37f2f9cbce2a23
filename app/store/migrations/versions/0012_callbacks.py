"""callbacks: 漏接回拨 and 回访, the numbers a seat has to call back and how it went

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 07:30:00
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
        "callbacks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("seat_id", sa.String(length=40), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("rings", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.String(length=36), nullable=False),
        sa.Column("last_attempt_at", sa.String(length=32), nullable=True),
        sa.Column("done_at", sa.String(length=32), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sent_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_callbacks_seat_state_at", "callbacks", ["seat_id", "state", "at"])
    op.create_index("ix_callbacks_number_state", "callbacks", ["number", "state"])


def downgrade() -> None:
    op.drop_index("ix_callbacks_number_state", table_name="callbacks")
    op.drop_index("ix_callbacks_seat_state_at", table_name="callbacks")
    op.drop_table("callbacks")
