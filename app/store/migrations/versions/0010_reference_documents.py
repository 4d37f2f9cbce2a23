"""reference data: the last good taxonomy / SLA / emergency list pulled from the server, and the
names of categories a newer catalogue dropped

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_documents",
        sa.Column("name", sa.String(length=20), primary_key=True),
        sa.Column("version", sa.String(length=80), nullable=True),
        sa.Column("files", sa.Text(), nullable=True),
        sa.Column("saved_at", sa.String(length=32), nullable=True),
        sa.Column("refused_version", sa.String(length=80), nullable=True),
        sa.Column("refused_reason", sa.Text(), nullable=True),
        sa.Column("refused_at", sa.String(length=32), nullable=True),
    )
    op.create_table(
        "retired_categories",
        sa.Column("code", sa.String(length=40), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("en", sa.Text(), nullable=False),
        sa.Column("retired_at", sa.String(length=32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("retired_categories")
    op.drop_table("reference_documents")
