"""queue: indexes in the queue's own sort orders, and one upper-cased search column

The queue (app.store.queue) orders "my queue" by one of seven keys and reads a page of 200: without an
index in that exact order every change of filter or sort read all of the seat's tickets and sorted
them. Each index starts with the seat filter's expression and ends with the id that breaks ties, so
SQLite reads the first page straight off it (both directions; a column that can be NULL keeps NULLs
last both ways, so it has an index per direction). A text filter looked for each word in six columns
twice (as typed, upper-cased); `search_text` holds them upper-cased in one column, kept by triggers.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SEAT = "coalesce(assigned_seat, '')"
# The sort keys as app.store.queue orders them: name, expression, whether it can be NULL.
KEYS = (
    ("number", "coalesce(number, local_no)", False),
    ("kind", "kind", False),
    ("category", "category_code", True),
    ("caller", "caller_name", False),
    ("status", "status", False),
    ("due", "next_due", True),
    ("created", "created_at", False),
)
# The default order, 待我处理 (app.store.queue.operator_first), as it was when this migration was
# written: whose move, 督办 first, running deadline (none last), waiting longest, closed newest first.
TURN = (
    "CASE status WHEN 'draft' THEN 3 WHEN 'accepted' THEN 0 WHEN 'dispatched' THEN 2 "
    "WHEN 'in_progress' THEN 2 WHEN 'replied' THEN 1 WHEN 'visited' THEN 1 WHEN 'closed' THEN 3 ELSE 3 END"
)
WAITING_SINCE = "CASE WHEN status IN ('draft', 'closed') THEN NULL ELSE created_at END"
ACTION_INDEX = (
    f"CREATE INDEX ix_tickets_queue_action ON tickets ({SEAT}, {TURN}, supervised DESC, "
    f"next_due IS NULL, next_due, {WAITING_SINCE}, created_at DESC, id)"
)
SEARCHED = ("local_no", "number", "caller_name", "caller_phone", "address", "content")
# A line break between fields: no word typed into the search box has one, so none matches across two.
SEARCH_TEXT = "upper(" + " || char(10) || ".join(f"coalesce({{row}}{c}, '')" for c in SEARCHED) + ")"


def index_statements() -> list[str]:
    statements = []
    for name, expression, nullable in KEYS:
        if nullable:
            for suffix, way in (("", ""), ("_desc", " DESC")):
                statements.append(
                    f"CREATE INDEX ix_tickets_queue_{name}{suffix} ON tickets "
                    f"({SEAT}, {expression} IS NULL, {expression}{way}, id{way})"
                )
        else:
            statements.append(f"CREATE INDEX ix_tickets_queue_{name} ON tickets ({SEAT}, {expression}, id)")
    return [*statements, ACTION_INDEX]


def upgrade() -> None:
    for statement in index_statements():
        op.execute(statement)
    op.execute("ALTER TABLE tickets ADD COLUMN search_text TEXT")
    new = SEARCH_TEXT.format(row="NEW.")
    op.execute(
        "CREATE TRIGGER tickets_search_text_insert AFTER INSERT ON tickets BEGIN "
        f"UPDATE tickets SET search_text = {new} WHERE rowid = NEW.rowid; END"
    )
    op.execute(
        f"CREATE TRIGGER tickets_search_text_update AFTER UPDATE OF {', '.join(SEARCHED)} ON tickets BEGIN "
        f"UPDATE tickets SET search_text = {new} WHERE rowid = NEW.rowid; END"
    )
    op.execute(f"UPDATE tickets SET search_text = {SEARCH_TEXT.format(row='')}")


def downgrade() -> None:
    op.execute("DROP INDEX ix_tickets_queue_action")
    op.execute("DROP TRIGGER tickets_search_text_update")
    op.execute("DROP TRIGGER tickets_search_text_insert")
    for name, _expression, nullable in KEYS:
        for suffix in ("", "_desc") if nullable else ("",):
            op.execute(f"DROP INDEX ix_tickets_queue_{name}{suffix}")
    op.execute("ALTER TABLE tickets DROP COLUMN search_text")
