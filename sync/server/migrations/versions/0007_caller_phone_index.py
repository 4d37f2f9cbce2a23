"""tickets: index on the caller's number as digits (来电历史 looks a ringing number up)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The very expression sync.server.callers.phone_digits() queries: both databases use an expression
# index only for the same expression.
DIGITS = "replace(replace(caller_phone, '-', ''), ' ', '')"


def upgrade() -> None:
    op.create_index("ix_tickets_caller_digits", "tickets", [sa.text(DIGITS)])


def downgrade() -> None:
    op.drop_index("ix_tickets_caller_digits", table_name="tickets")
