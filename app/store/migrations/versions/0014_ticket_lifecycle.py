"""tickets: 联系时限, a pending 延期申请 and the 催办 count; the default order knows 退单待审

The queue's default order (app.store.queue.operator_first) is read off ix_tickets_queue_action only
while the index lists exactly the order's CASE over the statuses: the new status 退单待审 (returned,
the centre's move like 已受理) changes that CASE, so the index is made again with it.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


SEAT = "coalesce(assigned_seat, '')"
WAITING_SINCE = "CASE WHEN status IN ('draft', 'closed') THEN NULL ELSE created_at END"
# Whose move (app.domain.worklist.TURN) as app.store.queue.turn_sql writes it: before and after.
TURN_0007 = (
    "CASE status WHEN 'draft' THEN 3 WHEN 'accepted' THEN 0 WHEN 'dispatched' THEN 2 "
    "WHEN 'in_progress' THEN 2 WHEN 'replied' THEN 1 WHEN 'visited' THEN 1 WHEN 'closed' THEN 3 ELSE 3 END"
)
TURN = (
    "CASE status WHEN 'draft' THEN 3 WHEN 'accepted' THEN 0 WHEN 'dispatched' THEN 2 "
    "WHEN 'in_progress' THEN 2 WHEN 'returned' THEN 0 WHEN 'replied' THEN 1 WHEN 'visited' THEN 1 "
    "WHEN 'closed' THEN 3 ELSE 3 END"
)


def _action_index(turn: str) -> str:
    return (
        f"CREATE INDEX ix_tickets_queue_action ON tickets ({SEAT}, {turn}, supervised DESC, "
        f"next_due IS NULL, next_due, {WAITING_SINCE}, created_at DESC, id)"
    )


def upgrade() -> None:
    op.execute("DROP INDEX ix_tickets_queue_action")
    op.execute(_action_index(TURN))
    # Plain ADD COLUMNs (as 0011): a batch copy would trip over the events' foreign key to the table.
    op.add_column("tickets", sa.Column("contact_due", sa.String(length=32), nullable=True))
    op.add_column("tickets", sa.Column("extension_due", sa.String(length=32), nullable=True))
    op.add_column("tickets", sa.Column("urge_count", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    for name in ("urge_count", "extension_due", "contact_due"):
        op.drop_column("tickets", name)
    op.execute("DROP INDEX ix_tickets_queue_action")
    op.execute(_action_index(TURN_0007))
