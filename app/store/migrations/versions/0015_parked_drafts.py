"""drafts: 挂起 (parked), a half-filled form put aside when a new call rang

A draft row with `parked_at` waits in the seat's parked list for the operator to return to it; the
draft a restart opens is the newest one not parked. The time says which caller waited longest.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, nullable: every draft there was is the one being typed, none parked.
    op.add_column("drafts", sa.Column("parked_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("drafts", "parked_at")
