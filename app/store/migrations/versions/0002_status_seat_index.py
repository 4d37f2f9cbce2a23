"""status + seat index: the queue's count under a status filter reads the index only

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_status_seat", "tickets", ["status", "assigned_seat"])


def downgrade() -> None:
    op.drop_index("ix_tickets_status_seat", table_name="tickets")
