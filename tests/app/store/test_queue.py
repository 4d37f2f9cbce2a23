"""QueueQuery: the seat's queue as filtered, ordered pages straight from SQLite."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlalchemy import text as sql

from app.domain.kinds import Kind
from app.domain.lifecycle import Command
from app.domain.status import Action, Role, Status
from app.domain.ticket import Caller, Ticket
from app.domain.worklist import work_order
from app.store import queue
from app.store.db import Store
from app.store.models import TicketRow
from app.store.queue import QueueFilter, QueueOrder, QueueQuery, SortKey
from app.store.tickets import TicketStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OPEN = frozenset(s for s in Status if s.is_open)
_serial = iter(range(1, 10**9))


def make_ticket(**fields: Any) -> Ticket:
    n = next(_serial)
    base = Ticket(
        id=str(uuid.uuid4()),
        local_no=f"L-S01-20260302-{n:05d}",
        kind=Kind.COMPLAINT,
        status=Status.IN_PROGRESS,
        seat_id="S01",
        created_at=T0,
        category_code="CJ.WY.DT",
        caller=Caller("张三", "13800000000"),
        address="福田区深南大道1号",
        content="电梯故障",
        assigned_seat="S01",
        accepted_at=T0,
        close_due=T0 + timedelta(days=3),
        dispatch_due=T0 + timedelta(hours=2),
    )
    return replace(base, **fields)


def insert(ticket_store: TicketStore, *tickets: Ticket) -> list[Ticket]:
    ticket_store.import_history(((t, []) for t in tickets), demo=False)
    return list(tickets)


def ids(query: QueueQuery) -> list[str]:
    return [row.id for row in query.page(0, 10_000)]


def q(store: Store, order: QueueOrder | None = None, **where: Any) -> QueueQuery:
    return QueueQuery(store, QueueFilter(**where), order or QueueOrder())


# --- filters --------------------------------------------------------------------------------------


def test_every_filter_narrows_the_others(store: Store, ticket_store: TicketStore) -> None:
    hit = make_ticket(caller=Caller("李四", "13912345678"))
    other_seat = make_ticket(seat_id="S02", assigned_seat="S02", caller=hit.caller)
    other_status = make_ticket(status=Status.CLOSED, caller=hit.caller)
    other_kind = make_ticket(kind=Kind.CONSULTATION, caller=hit.caller)
    other_text = make_ticket(caller=Caller("王五", "13700000000"))
    insert(ticket_store, hit, other_seat, other_status, other_kind, other_text)

    query = q(
        store,
        seat_id="S01",
        statuses=frozenset({Status.IN_PROGRESS, Status.REPLIED}),
        kinds=frozenset({Kind.COMPLAINT}),
        text="1234",
    )

    assert ids(query) == [hit.id]
    assert query.count() == 1
    assert q(store).count() == 5


def test_my_queue_holds_the_tickets_assigned_to_me_not_those_a_lead_moved_away(
    store: Store, ticket_store: TicketStore
) -> None:
    taken_and_kept = make_ticket(seat_id="S01", assigned_seat="S01")
    moved_away_by_lead = make_ticket(seat_id="S01", assigned_seat="S09")
    assigned_to_me = make_ticket(seat_id="S09", assigned_seat="S01")
    neither = make_ticket(seat_id="S09", assigned_seat="S08")
    insert(ticket_store, taken_and_kept, moved_away_by_lead, assigned_to_me, neither)

    assert set(ids(q(store, seat_id="S01"))) == {taken_and_kept.id, assigned_to_me.id}


def test_a_departments_list_holds_the_tickets_dispatched_to_it_whoever_took_the_call(
    store: Store, ticket_store: TicketStore
) -> None:
    mine = make_ticket(seat_id="S01", assigned_seat="S01", department="QZJJ")
    from_another_seat = make_ticket(
        seat_id="S07", assigned_seat="S07", department="QZJJ", status=Status.DISPATCHED
    )
    another_unit = make_ticket(department="QCGJ")
    not_dispatched = make_ticket(status=Status.ACCEPTED, department=None)
    insert(ticket_store, mine, from_another_seat, another_unit, not_dispatched)

    assert set(ids(q(store, department="QZJJ"))) == {mine.id, from_another_seat.id}
    assert q(store, department="QZJJ", statuses=frozenset({Status.DISPATCHED})).count() == 1


def test_the_supervision_list_holds_only_supervised_tickets(store: Store, ticket_store: TicketStore) -> None:
    flagged = make_ticket(supervised=True)
    insert(ticket_store, flagged, make_ticket())
    assert ids(q(store, seat_id="S01", supervised=True)) == [flagged.id]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ({"local_no": "L-S01-20991231-00001"}, "20991231"),
        ({"number": "SZ2026999888"}, "999888"),
        ({"caller": Caller("欧阳娜娜", "")}, "欧阳"),
        ({"caller": Caller("", "13566667777")}, "6666"),
        ({"address": "南山区科技园路8号"}, "科技园"),
        ({"content": "夜间施工噪音扰民"}, "噪音"),
    ],
)
def test_text_searches_number_caller_phone_address_and_content(
    store: Store, ticket_store: TicketStore, field: dict[str, Any], text: str
) -> None:
    hit = make_ticket(**field)
    insert(ticket_store, hit, make_ticket())

    assert ids(q(store, text=text)) == [hit.id]


def test_every_word_of_the_search_must_match_somewhere(store: Store, ticket_store: TicketStore) -> None:
    both = make_ticket(caller=Caller("王芳", "13811112222"), address="福田区红荔路")
    name_only = make_ticket(caller=Caller("王芳", "13811112222"), address="南山区")
    insert(ticket_store, both, name_only)

    assert ids(q(store, text="  王芳   福田 ")) == [both.id]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("%", {"percent"}), ("_", {"underscore"}), ("\\", {"backslash"}), ("0%满", {"percent"})],
)
def test_wildcards_in_the_search_are_plain_characters(
    store: Store, ticket_store: TicketStore, text: str, expected: set[str]
) -> None:
    named = {
        "percent": make_ticket(content="满意度100%满意"),
        "underscore": make_ticket(content="网址 a_b"),
        "backslash": make_ticket(content="路径 C:\\temp"),
        "plain": make_ticket(content="普通内容 ab 100满意"),
    }
    insert(ticket_store, *named.values())

    found = set(ids(q(store, text=text)))

    assert found == {named[name].id for name in expected}


# --- order and paging -----------------------------------------------------------------------------

_KEYS: dict[SortKey, Callable[[Ticket], Any]] = {
    SortKey.ACTION: work_order,
    SortKey.NUMBER: lambda t: t.display_no,
    SortKey.KIND: lambda t: t.kind.value,
    SortKey.CATEGORY: lambda t: t.category_code,
    SortKey.CALLER: lambda t: t.caller.name,
    SortKey.STATUS: lambda t: t.status.value,
    SortKey.DUE: lambda t: t.next_due,
    SortKey.CREATED: lambda t: t.created_at,
}


def expected_order(tickets: list[Ticket], order: QueueOrder) -> list[str]:
    """The contract: by the key in the asked direction, ties by id in the same direction, NULLs last."""
    key = _KEYS[order.key]
    present = [t for t in tickets if key(t) is not None]
    missing = [t for t in tickets if key(t) is None]
    present.sort(key=lambda t: (key(t), t.id), reverse=order.descending)
    missing.sort(key=lambda t: t.id, reverse=order.descending)
    return [t.id for t in present + missing]


@pytest.fixture
def tied(ticket_store: TicketStore) -> list[Ticket]:
    """157 tickets with few distinct values per key, so most of them tie with many others."""
    rng = random.Random(7)
    tickets = []
    for i in range(157):
        status = rng.choice([Status.ACCEPTED, Status.IN_PROGRESS, Status.REPLIED, Status.CLOSED])
        created = T0 + timedelta(hours=rng.choice([0, 1, 2]))
        tickets.append(
            make_ticket(
                number=f"SZ{i:05d}" if i % 3 else None,
                kind=rng.choice([Kind.HELP, Kind.COMPLAINT]),
                status=status,
                category_code=rng.choice([None, "CJ.WY.DT", "HB.ZY.SG"]),
                caller=Caller(rng.choice(["张三", "李四", "王五"]), "13800000000"),
                created_at=created,
                accepted_at=created,
                dispatch_due=created + timedelta(hours=rng.choice([1, 2])),
                close_due=created + timedelta(days=rng.choice([1, 3])),
                supervised=rng.random() < 0.2,
            )
        )
    return insert(ticket_store, *tickets)


ORDERS = [QueueOrder(key, desc) for key in SortKey for desc in (False, True)]


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: f"{o.key.value}-{'desc' if o.descending else 'asc'}")
def test_pages_follow_the_order_without_overlap_or_gap(
    store: Store, tied: list[Ticket], order: QueueOrder
) -> None:
    query = q(store, order)
    paged = [row.id for offset in range(0, 170, 10) for row in query.page(offset, 10)]

    assert paged == expected_order(tied, order)
    assert len(set(paged)) == len(tied) == query.count()


@pytest.mark.parametrize("descending", [False, True])
def test_tickets_without_a_deadline_come_last_in_both_directions(
    store: Store, ticket_store: TicketStore, descending: bool
) -> None:
    due = [make_ticket(status=Status.IN_PROGRESS, close_due=T0 + timedelta(days=d)) for d in (1, 2)]
    closed = make_ticket(status=Status.CLOSED, closed_at=T0)  # next_due is None once closed
    insert(ticket_store, closed, *due)

    rows = q(store, QueueOrder(SortKey.DUE, descending)).page(0, 10)

    assert rows[-1].id == closed.id and rows[-1].next_due is None
    firsts = [r.next_due for r in rows[:2]]
    assert firsts == sorted(firsts, reverse=descending)  # type: ignore[type-var]


def test_by_default_this_operators_moves_come_first_then_the_departments_then_the_closed(
    store: Store, ticket_store: TicketStore
) -> None:
    hour = timedelta(hours=1)
    closed_old = make_ticket(status=Status.CLOSED, created_at=T0 - 9 * hour)
    closed_new = make_ticket(status=Status.CLOSED, created_at=T0 - hour)
    with_department = make_ticket(status=Status.IN_PROGRESS, close_due=T0 + 2 * hour)
    supervised_department = make_ticket(status=Status.DISPATCHED, close_due=T0 + 9 * hour, supervised=True)
    replied_long_ago = make_ticket(status=Status.REPLIED, created_at=T0 - 48 * hour)
    visited_today = make_ticket(status=Status.VISITED, created_at=T0 - hour)
    to_dispatch_later = make_ticket(status=Status.ACCEPTED, dispatch_due=T0 + 5 * hour)
    to_dispatch_now = make_ticket(status=Status.ACCEPTED, dispatch_due=T0 + hour)
    tickets = insert(
        ticket_store,
        closed_old,
        closed_new,
        with_department,
        supervised_department,
        replied_long_ago,
        visited_today,
        to_dispatch_later,
        to_dispatch_now,
    )

    assert QueueOrder().key is SortKey.ACTION
    assert ids(q(store)) == [
        to_dispatch_now.id,  # 派单 is due first
        to_dispatch_later.id,
        replied_long_ago.id,  # 回访 waited longest
        visited_today.id,
        supervised_department.id,  # the department's: 督办 first, then by 办结 deadline
        with_department.id,
        closed_new.id,  # nothing to do: the latest first
        closed_old.id,
    ]
    assert ids(q(store)) == expected_order(tickets, QueueOrder())


def test_page_past_the_end_is_empty(store: Store, tied: list[Ticket]) -> None:
    assert q(store).page(len(tied), 10) == []
    assert len(q(store).page(len(tied) - 3, 10)) == 3


def test_a_row_shows_the_official_number_once_known_and_keeps_the_raw_phone(
    store: Store, ticket_store: TicketStore
) -> None:
    official = make_ticket(number="SZ2026000001", supervised=True)
    provisional = make_ticket(caller=Caller("赵六", "13812345678"))
    insert(ticket_store, official, provisional)

    rows = {row.id: row for row in q(store).page(0, 10)}

    assert rows[official.id].display_no == "SZ2026000001" and rows[official.id].supervised
    assert rows[provisional.id].display_no == provisional.local_no
    assert rows[provisional.id].caller_phone == "13812345678"  # masking is the view's job


def test_ticket_numbers_are_found_whatever_the_case_typed(store: Store, ticket_store: TicketStore) -> None:
    [ticket] = insert(ticket_store, make_ticket())
    assert ids(q(store, text=ticket.local_no.lower())) == [ticket.id]


# --- speed: what the plan reads ---------------------------------------------------------------------


@pytest.mark.parametrize("statuses", [frozenset(), frozenset({Status.IN_PROGRESS, Status.DISPATCHED})])
@pytest.mark.parametrize("order", [QueueOrder(key, d) for key in SortKey for d in (False, True)])
def test_the_first_page_of_every_order_is_read_off_an_index_in_that_order(
    store: Store, ticket_store: TicketStore, order: QueueOrder, statuses: frozenset[Status]
) -> None:
    """No scan of the whole table and no sort of the seat's tickets for a page of 200 (at 100k tickets
    both made every change of sort or status filter wait about a tenth of a second)."""
    insert(ticket_store, *(make_ticket() for _ in range(5)))
    plan = q(store, order, seat_id="S01", statuses=statuses).plan()
    assert not any("TEMP B-TREE" in step for step in plan), plan
    assert any(" tickets USING INDEX ix_tickets_queue_" in step for step in plan), plan


def test_the_count_of_my_queue_reads_the_index_of_the_seat_alone(
    store: Store, ticket_store: TicketStore
) -> None:
    """A quarter of the bytes of any queue index in an order: at 100k tickets 3 ms instead of 7."""
    insert(ticket_store, *(make_ticket() for _ in range(5)))
    assert q(store, seat_id="S01").plan(count=True) == [
        "SEARCH tickets USING COVERING INDEX ix_tickets_queue_seat (<expr>=?)"
    ]


def test_the_search_finds_what_an_edit_wrote_and_not_what_it_replaced(
    store: Store, ticket_store: TicketStore
) -> None:
    [ticket] = insert(ticket_store, make_ticket(caller=Caller("王先生", "13800000000")))
    edit = {"caller": Caller("赵女士", "13911112222")}
    ticket_store.act(
        ticket.id, Command(Action.EDIT, "话务员01", Role.OPERATOR, T0, seat_id="S01", changes=edit)
    )
    assert ids(q(store, text="赵女士")) == [ticket.id] == ids(q(store, text="1111"))
    assert ids(q(store, text="王先生")) == [] == ids(q(store, text="13800000000"))


@pytest.mark.parametrize("text", ["5678", "噪音", "王", "王 福田", "不存在的内容"])
@pytest.mark.parametrize("order", [QueueOrder(), QueueOrder(SortKey.CREATED, descending=True)])
def test_a_text_search_looks_its_words_up_in_the_trigram_index_instead_of_reading_every_ticket(
    store: Store, ticket_store: TicketStore, text: str, order: QueueOrder
) -> None:
    """At 100k tickets reading every ticket's text took 45-70 ms for any search; the index finds the
    few that match, words of 1 and 2 characters (Chinese words often are) included."""
    insert(ticket_store, *(make_ticket() for _ in range(5)))
    plan = q(store, order, seat_id="S01", statuses=frozenset({Status.IN_PROGRESS}), text=text).plan()
    assert not any(step.startswith("SCAN tickets") for step in plan), plan
    assert any(step.startswith("SEARCH tickets USING INTEGER PRIMARY KEY") for step in plan), plan
    assert any(" ticket_search" in step for step in plan), plan


def test_counting_what_a_search_found_in_my_queue_reads_no_ticket(
    store: Store, ticket_store: TicketStore
) -> None:
    """The index of the seat holds every ticket's rowid: a third of the time of looking each one up."""
    insert(ticket_store, *(make_ticket() for _ in range(5)))
    plan = q(store, seat_id="S01", text="噪音").plan(count=True)
    assert plan[0] == "SEARCH tickets USING COVERING INDEX ix_tickets_queue_seat (<expr>=? AND rowid=?)"


def test_a_word_in_most_tickets_is_tested_on_each_ticket_rather_than_looked_up(
    store: Store, ticket_store: TicketStore
) -> None:
    """A digit or the letters of every ticket number are in most tickets: looked up in the index they
    cost a lookup per ticket, slower than reading the tickets in turn (150-190 ms against 30-60)."""
    lift = make_ticket(content="电梯困人")
    insert(ticket_store, lift, *(make_ticket(caller=Caller("张三", f"1380000000{i}")) for i in range(9)))

    assert any(step.startswith("SCAN tickets") for step in q(store, seat_id="S01", text="138").plan())
    rare_and_common = q(store, seat_id="S01", text="138 困人")
    assert any(" ticket_search" in step for step in rare_and_common.plan())
    assert ids(rare_and_common) == [lift.id]


@pytest.mark.parametrize("statuses", [OPEN, frozenset({Status.IN_PROGRESS})])
def test_a_status_filter_in_the_default_order_reads_only_those_statuses_off_its_index_both_ways(
    store: Store, ticket_store: TicketStore, statuses: frozenset[Status]
) -> None:
    """Descending, the 待我处理 index starts with the closed tickets (most of a queue): without a bound
    on whose move it is, a page of open ones stepped over all of them first (125 ms at 100k)."""
    insert(ticket_store, *(make_ticket() for _ in range(5)))
    for descending in (False, True):
        plan = q(store, QueueOrder(SortKey.ACTION, descending), seat_id="S01", statuses=statuses).plan()
        assert plan == [
            "SEARCH tickets USING INDEX ix_tickets_queue_action (<expr>=? AND <expr>>? AND <expr><?)"
        ]


@pytest.mark.parametrize(
    "statuses",
    [OPEN, {Status.IN_PROGRESS}, {Status.ACCEPTED, Status.CLOSED}, {Status.REPLIED}],
    ids=lambda s: "+".join(sorted(x.value for x in s)),
)
@pytest.mark.parametrize("descending", [False, True])
def test_the_default_order_with_a_status_filter_lists_exactly_those_tickets_in_order(
    store: Store, tied: list[Ticket], statuses: frozenset[Status], descending: bool
) -> None:
    order = QueueOrder(SortKey.ACTION, descending)
    query = q(store, order, seat_id="S01", statuses=frozenset(statuses))
    paged = [row.id for offset in range(0, 170, 10) for row in query.page(offset, 10)]
    assert paged == expected_order([t for t in tied if t.status in statuses], order)


@pytest.mark.parametrize("field", ["number", "caller_name", "caller_phone", "address", "content"])
@pytest.mark.parametrize("length", [1, 2, 3])
def test_a_word_of_any_length_is_found_at_either_end_of_every_field(
    store: Store, ticket_store: TicketStore, field: str, length: int
) -> None:
    """The ends of a text are where an index of trigrams is weakest: a trigram index has no trigram for
    the last one or two characters, and a word of 1 or 2 characters is found as the trigrams that
    start with it."""
    value = "噪音扰民王"
    empty: dict[str, Any] = {
        "number": None,
        "caller_name": "",
        "caller_phone": "",
        "address": "",
        "content": "",
    }
    values = empty | {field: value}
    hit = make_ticket(
        number=values["number"],
        caller=Caller(values["caller_name"], values["caller_phone"]),
        address=values["address"],
        content=values["content"],
    )
    others = [make_ticket(caller=Caller("", ""), address="", content="") for _ in range(7)]
    insert(ticket_store, hit, *others)  # the words are in an eighth of the tickets: looked up

    assert ids(q(store, text=value[:length])) == [hit.id]
    assert ids(q(store, text=value[-length:])) == [hit.id]


# --- the text search finds exactly what a substring match finds ------------------------------------

# Few distinct characters, so that words and texts share many: Chinese, digits, Latin in both cases,
# and what FTS5's query syntax or LIKE would treat specially.
_ALPHABET = list("电梯王福田噪音区路") + list("0123456789") + list("aAbBzZ") + list('"*%_-\\:^ ')
_texts = st.text(alphabet=_ALPHABET, max_size=12)
_SEARCHED = ("local_no", "number", "caller_name", "caller_phone", "address", "content")


def _sqlite_upper(text: str) -> str:
    """SQLite's upper(): ASCII letters only, as search_text holds the fields."""
    return text.translate({c: c - 32 for c in range(ord("a"), ord("z") + 1)})


def substring_match(ticket: Ticket, text: str) -> bool:
    """The plain definition: every word is in one of the searched fields, letters in any case."""
    fields = (ticket.local_no, ticket.number or "", ticket.caller.name, ticket.caller.phone)
    upper = [_sqlite_upper(f) for f in (*fields, ticket.address, ticket.content)]
    return all(any(word.upper() in field for field in upper) for word in text.split())


@st.composite
def tickets_and_search(draw: st.DrawFn) -> tuple[list[Ticket], str]:
    tickets = [
        make_ticket(
            number=draw(st.none() | st.just(f"SZ{i:03d}{draw(_texts)}")),
            caller=Caller(draw(_texts), draw(_texts)),
            address=draw(_texts),
            content=draw(_texts),
        )
        for i in range(draw(st.integers(1, 8)))
    ]
    fields = [
        f for t in tickets for f in (t.number or "", t.caller.name, t.caller.phone, t.address, t.content) if f
    ]
    # Mostly pieces of what was written, 1, 2 or more characters, often a field's first or last ones
    # (a word at the very end of the text is where an index of trigrams is weakest).
    piece = st.tuples(st.sampled_from(fields or ["电梯"]), st.integers(1, 5), st.integers(0, 12)).map(
        lambda fls: [fls[0][-fls[1] :], fls[0][: fls[1]], fls[0][fls[2] : fls[2] + fls[1]]][fls[2] % 3]
    )
    words = draw(st.lists(piece | _texts, min_size=1, max_size=3))
    return tickets, " ".join(words)


@pytest.mark.parametrize(
    "common_share",
    [0.0, queue.COMMON_SHARE, 1.0],
    ids=["every-word-found-tested", "as-shipped", "every-word-looked-up"],
)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tickets_and_search())
def test_the_search_finds_exactly_the_tickets_a_substring_match_finds(
    store: Store,
    ticket_store: TicketStore,
    monkeypatch: pytest.MonkeyPatch,
    common_share: float,
    case: tuple[list[Ticket], str],
) -> None:
    """Whether a word is looked up in the index or tested on each ticket (how common it is, from a
    sample: with a few tickets, a matter of chance), the answer is the same."""
    monkeypatch.setattr(queue, "COMMON_SHARE", common_share)
    tickets, text = case
    with store.transaction() as session:  # each example starts empty; rowids are used again
        session.execute(delete(TicketRow))
    insert(ticket_store, *tickets)

    expected = {t.id for t in tickets if substring_match(t, text)}
    assert set(ids(q(store, text=text))) == expected
    assert q(store, text=text).count() == len(expected)
    with store.transaction() as session:  # what the triggers took out of the index was what they put in
        session.execute(sql("INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')"))
