"""Migration 0008 (the queue's trigram search index) on a store that already holds tickets."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, Table, insert, inspect, text

from app.domain.ticket import Caller, Ticket
from app.resources import load_sla_clock
from app.store.db import MIGRATIONS, Store, open_store
from app.store.mapping import ticket_columns
from app.store.models import TicketRow
from app.store.tickets import TicketStore
from tests.app.store.test_queue import ids, make_ticket, q
from tests.store_keys import keyed_engine


def store_at_0007(path: Path) -> Store:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = keyed_engine(path)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    return Store(engine)


def add_at_0007(store: Store, tickets: list[Ticket]) -> None:
    """The tickets as a store at 0007 holds them: only the columns it had (later ones came after)."""
    with store.transaction() as session:
        had = {c["name"] for c in inspect(session.connection()).get_columns("tickets")}
        columns = [c._copy() for c in TicketRow.__table__.columns if c.name in had]
        table = Table("tickets", MetaData(), *columns)
        for ticket in tickets:
            row = {**ticket_columns(ticket), "updated_at": ticket.created_at, "is_demo": False}
            session.execute(insert(table).values({k: v for k, v in row.items() if k in had}))


def test_the_tickets_of_a_store_from_before_0008_are_found_by_words_of_every_length(tmp_path: Path) -> None:
    path = tmp_path / "seat.sqlite3"
    old = store_at_0007(path)
    lift = make_ticket(caller=Caller("王芳", "13812345678"), content="小区电梯故障")
    noise = make_ticket(caller=Caller("李四", "13900000000"), content="夜间施工噪音")
    others = [make_ticket(caller=Caller("赵六", "13700000000"), content="咨询") for _ in range(6)]
    # Few enough of the tickets have each word that the index is asked, not every ticket read.
    add_at_0007(old, [lift, noise, *others])
    old.close()

    store = open_store(path)  # migrates to head, indexing the tickets already there
    try:
        for word in ("王", "电梯", "电梯故障", "2345", "王 电梯"):
            assert ids(q(store, text=word)) == [lift.id], word
        assert ids(q(store, text="噪音")) == [noise.id]
        assert q(store, text="1").count() == 8
    finally:
        store.close()


def test_removed_demo_tickets_leave_nothing_in_the_search_index(tmp_path: Path) -> None:
    store = open_store(tmp_path / "seat.sqlite3")
    try:
        tickets = TicketStore(store, load_sla_clock())
        tickets.import_history([(make_ticket(content="演示工单"), [])], demo=True)
        kept = make_ticket(content="真实工单")
        tickets.import_history([(kept, [])], demo=False)

        tickets.remove_demo()

        with store.reading() as session:
            indexed = set(session.scalars(text("SELECT DISTINCT doc FROM ticket_search_terms")))
            rowids = set(session.scalars(text("SELECT rowid FROM tickets")))
        assert indexed == rowids
        assert ids(q(store, text="工单")) == [kept.id]
    finally:
        store.close()
