"""tickets: the details a category asks for (发生时间, 涉及单位, 车牌号, 身份证号, 订单号)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TEXTS = (("company_name", 80), ("plate_number", 20), ("id_number", 40), ("order_number", 80))


def upgrade() -> None:
    op.add_column("tickets", sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True))
    for name, length in TEXTS:
        op.add_column("tickets", sa.Column(name, sa.String(length=length), server_default="", nullable=False))


def downgrade() -> None:
    for name, _length in reversed(TEXTS):
        op.drop_column("tickets", name)
    op.drop_column("tickets", "occurred_at")
