"""queue: a trigram index of the search text, so a text filter no longer reads every ticket; a seat index

A text filter looked for each word with instr() in every ticket's `search_text` (migration 0007): at
100k tickets that scan was half of the queue's slowest answers. `ticket_search` is an FTS5 trigram
index of the same text (as it is, upper-cased: case_sensitive 1, no folding of its own), kept by
triggers from `search_text`. A word of 3 characters or more is a phrase of its trigrams, which
matches exactly where the text contains the word. Chinese words are often shorter (电梯, 王), so each
indexed text ends in two line breaks: then every character of the text starts a trigram, and a word
of 1 or 2 characters is found as the trigrams that start with it, read off `ticket_search_terms`
(fts5vocab, one row per trigram and ticket). No word typed into the search box has a line break.

The row count of "my queue" walked one of 0007's queue indexes, about 60 bytes an entry; the
index of the seat alone (ix_tickets_queue_seat) is a quarter of that, and counting it twice as fast.

Contentless: the text is in `tickets` already. A ticket's old text is taken out of the index with
FTS5's 'delete' command, which needs exactly the text that was indexed: the triggers pass the old
search_text, which only ever changes through them. (contentless_delete would need SQLite 3.43, and
plain stores are still migrated with Python's own SQLite before they are encrypted.) Rowids of
`tickets` survive VACUUM and sqlcipher_export, which copy a table's rows with them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 01:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# What is indexed for a ticket: its search text and two line breaks (see above).
INDEXED = "{row}search_text || char(10) || char(10)"


SEAT_INDEX = "CREATE INDEX ix_tickets_queue_seat ON tickets (coalesce(assigned_seat, ''))"


def upgrade() -> None:
    op.execute(SEAT_INDEX)
    op.execute(
        "CREATE VIRTUAL TABLE ticket_search USING fts5(search_text, "
        "tokenize = 'trigram case_sensitive 1', content = '')"
    )
    op.execute("CREATE VIRTUAL TABLE ticket_search_terms USING fts5vocab(ticket_search, instance)")
    # The text of a ticket that was indexed (a new row's search_text is NULL until 0007's trigger).
    remove_old = (
        "INSERT INTO ticket_search (ticket_search, rowid, search_text) "
        f"SELECT 'delete', OLD.rowid, {INDEXED.format(row='OLD.')} WHERE OLD.search_text IS NOT NULL; "
    )
    # 0007's triggers write search_text after every insert and every edit of a searched field.
    op.execute(
        "CREATE TRIGGER tickets_search_index_update AFTER UPDATE OF search_text ON tickets BEGIN "
        f"{remove_old}"
        f"INSERT INTO ticket_search (rowid, search_text) VALUES (NEW.rowid, {INDEXED.format(row='NEW.')}); "
        "END"
    )
    op.execute(f"CREATE TRIGGER tickets_search_index_delete AFTER DELETE ON tickets BEGIN {remove_old}END")
    op.execute(
        f"INSERT INTO ticket_search (rowid, search_text) SELECT rowid, {INDEXED.format(row='')} FROM tickets "
        "WHERE search_text IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER tickets_search_index_delete")
    op.execute("DROP TRIGGER tickets_search_index_update")
    op.execute("DROP TABLE ticket_search_terms")
    op.execute("DROP TABLE ticket_search")
    op.execute("DROP INDEX ix_tickets_queue_seat")
