"""recorded calls (录音转写): the watch folder's queue, and which recording a transcript line came from

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 07:20:00
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
        "recording_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("caller", sa.String(length=40), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=True),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("matched_by", sa.String(length=20), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("finished_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("path"),
    )
    op.create_index("ix_recording_jobs_state", "recording_jobs", ["state"], unique=False)
    # A plain ADD COLUMN (as 0011): NULL for the lines the live call panel wrote.
    op.add_column("transcript_segments", sa.Column("recording_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("transcript_segments", "recording_id")
    op.drop_index("ix_recording_jobs_state", table_name="recording_jobs")
    op.drop_table("recording_jobs")
