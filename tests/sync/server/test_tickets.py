"""The server's ticket rows hold every field of the domain's Ticket."""

from __future__ import annotations

from app.domain import codec
from app.domain.ticket import Ticket
from sync.server.models import TicketRow, table_of


def test_the_ticket_table_has_a_column_for_every_field_the_codec_names() -> None:
    # The ORM model is declared by hand (queries name its columns); this keeps it complete.
    assert set(codec.names(Ticket)) <= set(table_of(TicketRow).columns.keys())
