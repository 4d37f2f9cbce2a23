"""tickets: 联系时限, a pending 延期申请 and the 催办 count

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tickets", sa.Column("contact_due", sa.DateTime(timezone=True), nullable=True))
    op.add_column("tickets", sa.Column("extension_due", sa.DateTime(timezone=True), nullable=True))
    op.add_column("tickets", sa.Column("urge_count", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    for name in ("urge_count", "extension_due", "contact_due"):
        op.drop_column("tickets", name)
