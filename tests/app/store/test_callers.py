"""The seat's two reads for the intake: a number's tickets (as typed, with dashes or spaces) and
the open tickets of a category and district (the candidates for 相似工单)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.kinds import Kind
from app.domain.status import Action, Status
from app.domain.ticket import Caller, Ticket
from app.store.callers import by_phone, open_alike, phone_query, repeat_count
from app.store.db import Store
from app.store.models import OutboxRow
from app.store.tickets import TicketStore

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
NOISE = "HB.ZY.SG"


def _ticket(
    phone: str = "", *, age_days: int = 1, status: Status = Status.ACCEPTED, **fields: object
) -> Ticket:
    values: dict[str, object] = {"category_code": NOISE, "district": "东湖区", "content": "噪音", **fields}
    return Ticket(
        id=new_id(),
        local_no=f"A01-{new_id()[-4:]}",
        kind=Kind.COMPLAINT,
        status=status,
        seat_id="A01",
        created_at=NOW - timedelta(days=age_days),
        caller=Caller("", phone),
        **values,  # type: ignore[arg-type]
    )


def test_a_number_is_found_however_it_was_typed_newest_first_within_the_days(
    store: Store, ticket_store: TicketStore
) -> None:
    dashed, spaced, plain = (
        _ticket("139-1234-5678", age_days=3),
        _ticket("139 1234 5678", age_days=2),
        _ticket("13912345678"),
    )
    old, other = _ticket("13912345678", age_days=40), _ticket("13800000000")
    ticket_store.import_history([(t, []) for t in (dashed, spaced, plain, old, other)], demo=False)
    found = by_phone(store, "13912345678", NOW - timedelta(days=30))
    assert [t.id for t in found] == [plain.id, spaced.id, dashed.id]


def test_the_candidates_are_open_of_the_category_and_district_within_the_days(
    store: Store, ticket_store: TicketStore
) -> None:
    wanted = _ticket()
    others = [
        _ticket(status=Status.CLOSED),
        _ticket(category_code="CJ.WY.DT"),
        _ticket(district="西湖区"),
        _ticket(age_days=40),
    ]
    ticket_store.import_history([(t, []) for t in (wanted, *others)], demo=False)
    since = NOW - timedelta(days=30)
    assert [t.id for t in open_alike(store, NOISE, "东湖区", since)] == [wanted.id]
    assert {t.id for t in open_alike(store, NOISE, "", since)} == {wanted.id, others[2].id}


def test_both_reads_use_their_index(store: Store) -> None:
    with store.reading() as session:
        plans = [
            " ".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {query}")))
            for query in (
                "SELECT id FROM tickets WHERE category_code = 'X' AND district = 'Y' AND created_at > 'Z'",
                "SELECT id FROM tickets WHERE replace(replace(caller_phone, '-', ''), ' ', '') = '139'",
            )
        ]
    assert "ix_tickets_alike" in plans[0] and "ix_tickets_caller_digits" in plans[1]


def test_a_numbers_history_is_read_through_its_index_as_by_phone_asks_for_it(store: Store) -> None:
    """The query by_phone sends, with its parameters: SQLite uses an expression index only for the
    very expression, so a `replace(caller_phone, ?, ?)` with bound characters scans every ticket."""
    query = phone_query("13912345678", NOW - timedelta(days=365), 50)
    with store.reading() as session:
        compiled = query.compile(session.get_bind())
        params = tuple(compiled.params[name] for name in compiled.positiontup or ())
        plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params).fetchall()
    assert "ix_tickets_caller_digits" in " ".join(str(row[-1]) for row in plan)


def test_accepting_with_a_merge_files_the_request_and_closes_it_into_the_other_in_one_commit(
    store: Store, ticket_store: TicketStore
) -> None:
    main = _ticket()
    ticket_store.import_history([(main, [])], demo=False)
    draft = Draft(
        id=new_id(), seat_id="A01", started_at=NOW, kind=Kind.COMPLAINT, category_code=NOISE, content="又吵了"
    )
    repeat, _ = ticket_store.accept(draft, actor="话务员01", merge_into=main.id)
    assert repeat.status is Status.CLOSED
    actions = [(e.action, e.data) for e in ticket_store.events(repeat.id)]
    assert actions == [(Action.ACCEPT, {}), (Action.MERGE, {"into": main.id})]
    with store.reading() as session:
        kinds = [row.op_kind for row in session.scalars(select(OutboxRow).order_by(OutboxRow.seq))]
    assert kinds == ["create", "transition"]
    assert repeat_count(store, NOW - timedelta(days=1), NOW + timedelta(days=1)) == 1
