"""sync: outbox results, conflict records, notices

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 13:10:00
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sa.String(length=20), nullable=True))
        batch_op.create_index("ix_outbox_ticket_pending", ["ticket_id", "sent_at", "seq"], unique=False)

    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("op_kind", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("mine", sa.Text(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("op_id"),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflicts_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflicts_resolved_at"), ["resolved_at"], unique=False)

    op.create_table(
        "sync_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("seen_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_notices_seen_at"), ["seen_at"], unique=False)

    _rewrite_old_payloads(op.get_bind())


# Ops queued before 0003 carried flat payloads (the ticket's columns; the event's id and data). Rewrite
# the pending ones into the wire shape from the stored events, so a seat's queued work is pushed rather
# than refused. Self-contained on purpose: a migration must not change when the app's code does.
_TICKET_FIELDS = [
    "id",
    "local_no",
    "number",
    "kind",
    "status",
    "priority",
    "category_code",
    "caller_name",
    "caller_phone",
    "address",
    "district",
    "content",
    "seat_id",
    "assigned_seat",
    "department",
    "satisfaction",
    "supervised",
    "created_at",
    "accepted_at",
    "closed_at",
    "dispatch_due",
    "close_due",
    "version",
]


def _rewrite_old_payloads(bind: sa.Connection) -> None:
    pending = bind.execute(
        sa.text("SELECT seq, op_kind, ticket_id, payload FROM outbox WHERE sent_at IS NULL")
    )
    for seq, kind, ticket_id, raw in pending.fetchall():
        old = json.loads(raw)
        if "ticket" in old or "command" in old:
            continue
        if kind == "create":
            event = _event(bind, "ticket_id = :key AND action = 'accept'", ticket_id)
            new: dict[str, Any] | None = None
            if event is not None and "id" in old:
                ticket = {name: old.get(name) for name in _TICKET_FIELDS}
                ticket["supervised"] = bool(ticket["supervised"])
                new = {"ticket": {**ticket, "version": 0}, "event": event}
        else:
            event = _event(bind, "id = :key", old.get("event_id", ""))
            new = None if event is None else {"command": _command(event)}
        if new is not None:  # otherwise left as it was: the sync client refuses it visibly
            bind.execute(
                sa.text("UPDATE outbox SET payload = :payload WHERE seq = :seq"),
                {"payload": json.dumps(new, ensure_ascii=False), "seq": seq},
            )


def _event(bind: sa.Connection, where: str, key: str) -> dict[str, Any] | None:
    row = (
        bind.execute(
            sa.text(
                "SELECT id, ticket_id, action, from_status, to_status, at, actor, role, seat_id, reason,"
                f" data FROM ticket_events WHERE {where} ORDER BY id LIMIT 1"
            ),
            {"key": key},
        )
        .mappings()
        .first()
    )
    return None if row is None else {**row, "data": json.loads(row["data"])}


def _command(event: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, str] = event["data"]
    action = event["action"]
    changes: dict[str, Any] | None = None
    if action == "edit":
        changes = {k: v for k, v in data.items() if k not in ("caller_name", "caller_phone")}
        if "category_code" in changes and changes["category_code"] == "None":
            changes["category_code"] = None
        if "caller_name" in data or "caller_phone" in data:
            changes["caller"] = {"name": data.get("caller_name", ""), "phone": data.get("caller_phone", "")}
    return {
        "event_id": event["id"],
        "action": action,
        "actor": event["actor"],
        "role": event["role"],
        "at": event["at"],
        "seat_id": event["seat_id"],
        "reason": event["reason"],
        "department": data.get("department") if action == "dispatch" else None,
        "satisfaction": data.get("satisfaction") or None if action == "visit" else None,
        "assign_to": data.get("assign_to") if action == "assign" else None,
        "changes": changes,
    }


def downgrade() -> None:
    op.drop_table("sync_notices")
    op.drop_table("sync_conflicts")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_ticket_pending")
        batch_op.drop_column("result")
