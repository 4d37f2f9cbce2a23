"""knowledge base article uses, for the leads' effectiveness report

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 06:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kb_article_uses",
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("article_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("ticket_id", "article_id"),
    )
    with op.batch_alter_table("kb_article_uses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kb_article_uses_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kb_article_uses_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("kb_article_uses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kb_article_uses_at"))
        batch_op.drop_index(batch_op.f("ix_kb_article_uses_article_id"))
    op.drop_table("kb_article_uses")
