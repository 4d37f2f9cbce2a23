"""The seat's queue (我的工单) as filtered, sorted pages: the view never loads every ticket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Row,
    Select,
    UnaryExpression,
    column,
    func,
    intersect,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import operators

from app.domain.kinds import Kind, Priority
from app.domain.status import Status
from app.domain.worklist import TURN, Turn
from app.store.db import Store
from app.store.models import TicketRow


class SortKey(StrEnum):
    ACTION = "action"  # 待我处理: what needs this operator's move first (see operator_first)
    NUMBER = "number"
    KIND = "kind"
    CATEGORY = "category"
    CALLER = "caller"
    STATUS = "status"
    DUE = "due"
    CREATED = "created"


@dataclass(frozen=True)
class QueueFilter:
    """Which tickets to list. Empty sets mean 'any'."""

    seat_id: str | None = None  # my queue: assigned to this seat (受理 assigns it; a lead may move it)
    statuses: frozenset[Status] = frozenset()
    kinds: frozenset[Kind] = frozenset()
    text: str = ""  # number, caller, phone, address or content contains it
    department: str | None = None  # a 承办单位's list: the tickets dispatched to it
    supervised: bool = False  # only 督办 tickets (the 督办 list)


@dataclass(frozen=True)
class QueueOrder:
    key: SortKey = SortKey.ACTION
    descending: bool = False


@dataclass(frozen=True)
class QueueRow:
    """What one line of the queue shows; phone is raw here, masking is the view's job."""

    id: str
    display_no: str
    kind: Kind
    category_code: str | None
    caller_name: str
    caller_phone: str
    status: Status
    priority: Priority
    supervised: bool
    created_at: datetime
    accepted_at: datetime | None
    next_due: datetime | None
    is_demo: bool


_SORT_COLUMNS = {
    SortKey.NUMBER: func.coalesce(TicketRow.number, TicketRow.local_no),
    SortKey.KIND: TicketRow.kind,
    SortKey.CATEGORY: TicketRow.category_code,
    SortKey.CALLER: TicketRow.caller_name,
    SortKey.STATUS: TicketRow.status,
    SortKey.DUE: TicketRow.next_due,
    SortKey.CREATED: TicketRow.created_at,
}

_ROW_COLUMNS = (
    TicketRow.id,
    func.coalesce(TicketRow.number, TicketRow.local_no),
    TicketRow.kind,
    TicketRow.category_code,
    TicketRow.caller_name,
    TicketRow.caller_phone,
    TicketRow.status,
    TicketRow.priority,
    TicketRow.supervised,
    TicketRow.created_at,
    TicketRow.accepted_at,
    TicketRow.next_due,
    TicketRow.is_demo,
)


# The seat filter exactly as the queue indexes of migration 0007 start: '' a literal, not a parameter,
# or SQLite would not see that the index matches.
_SEAT = func.coalesce(TicketRow.assigned_seat, literal_column("''"))
_NULLABLE_KEYS = frozenset({SortKey.CATEGORY, SortKey.DUE})


# The trigram index of search_text (migration 0008) and its list of (trigram, ticket) pairs.
_SEARCH = table("ticket_search", column("rowid"), column("search_text"))
_TRIGRAMS = table("ticket_search_terms", column("term"), column("doc"))
_TICKET_ROWID: ColumnElement[int] = literal_column("tickets.rowid")
_LAST_CHARACTER = chr(0x10FFFF)


def _containing(words: tuple[str, ...]) -> ColumnElement[bool]:
    """The ticket's search text contains every (upper-cased) word, looked up in the trigram index of
    migration 0008 instead of reading every ticket. A word of 3 characters or more is a phrase of its
    trigrams: exactly the texts that contain it. A shorter one is every trigram that starts with it
    (each character of an indexed text starts one: it ends in two line breaks); as strings they sort
    between the word itself and the word followed by the last character there is, twice."""
    long = [word for word in words if len(word) >= 3]
    found: list[Select[tuple[Any]]] = []
    if long:
        phrases = " AND ".join('"' + word.replace('"', '""') + '"' for word in long)
        found.append(select(_SEARCH.c.rowid).where(_SEARCH.c.search_text.match(phrases)))
    for word in words:
        if len(word) < 3:
            last = word + _LAST_CHARACTER * 2
            found.append(select(_TRIGRAMS.c.doc).where(_TRIGRAMS.c.term.between(word, last)))
    hits: Select[tuple[Any]] | CompoundSelect[tuple[Any]] = found[0] if len(found) == 1 else intersect(*found)
    return _TICKET_ROWID.in_(hits)


# A word in more than this share of the tickets (a digit, the letters that start every ticket number)
# is not looked up: the index would hand back most of the table, ticket by ticket, several times
# slower than testing each ticket's text (a digit: 150-190 ms against 30-60 at 100k tickets).
COMMON_SHARE = 1 / 3
_SAMPLE = 256  # tickets whose text tells how common a word is: at a third, about ±3 points


@dataclass(frozen=True)
class Words:
    """The words of a text filter, upper-cased as search_text is, by how each is best found."""

    looked_up: tuple[str, ...] = ()  # in the trigram index: the tickets that have it
    tested: tuple[str, ...] = ()  # on each ticket's search_text (instr): common words

    @classmethod
    def of(cls, session: Session, text: str) -> Words:
        """Number, caller, phone, address or content contains every word, letters in any case (ASCII,
        as SQLite's upper() wrote search_text in migration 0007); how common each word is, from a
        sample of tickets spread over the table."""
        words = [word.upper() for word in text.split()]
        if not words:
            return cls()
        top = session.scalar(select(func.max(_TICKET_ROWID)).select_from(TicketRow)) or 0
        spread = sorted({1 + top * i // _SAMPLE for i in range(_SAMPLE)})
        texts = [
            t or "" for t in session.scalars(select(TicketRow.search_text).where(_TICKET_ROWID.in_(spread)))
        ]
        common = {word for word in words if sum(word in t for t in texts) > COMMON_SHARE * len(texts)}
        return cls(tuple(w for w in words if w not in common), tuple(w for w in words if w in common))


def _order_terms(order: QueueOrder) -> list[UnaryExpression[Any]]:
    """ORDER BY exactly as a queue index of migration 0007 lists it, so the first page is read off
    the index: NULLs last in both directions (only where the key can be NULL), then the key, then the
    id, which breaks ties so pages never overlap. The default order (待我处理, operator_first) has
    its own index too, with its expressions written out as that index lists them."""
    if order.key is SortKey.ACTION:
        tie = TicketRow.id.desc() if order.descending else TicketRow.id.asc()
        return [k.desc() if up == order.descending else k.asc() for k, up in operator_first()] + [tie]
    column = _SORT_COLUMNS[order.key]
    terms: list[UnaryExpression[Any]] = (
        [column.desc(), TicketRow.id.desc()] if order.descending else [column.asc(), TicketRow.id.asc()]
    )
    if order.key in _NULLABLE_KEYS:
        terms.insert(0, column.is_(None).asc())
    return terms


def _unindexed(expression: ColumnElement[Any]) -> ColumnElement[Any]:
    """`+expression`: the same value in a form that no index matches (SQLite's way to rule one out)."""
    return UnaryExpression(expression, operator=operators.custom_op("+"), type_=expression.type)


def _conditions(f: QueueFilter, words: Words, order: QueueOrder | None = None) -> list[ColumnElement[bool]]:
    """The filter in SQL; with the order of a page (not for a count), in the form that reads it fastest.

    When the trigram index finds the tickets of a text filter, each is looked up by its rowid and
    tested for the rest, which is therefore left unindexed: through an index of the seat or a status
    SQLite would test far more tickets (a count by seat alone looks them up in the narrow index of
    the seat, which holds every rowid, and reads no ticket at all). When only common words were
    typed, the tickets are read in turn, not in the order of a queue index (which would look each
    one up at random). Without a text filter, the seat is written as the queue indexes start, so a
    page is read off the index of its order. For the default order, the statuses asked for also
    bound whose move it is, that index's second column: descending, a page of open tickets then
    starts at the last open one instead of stepping over every closed ticket first."""
    searching, looking_up = bool(words.looked_up or words.tested), bool(words.looked_up)
    # Counting looked-up tickets by seat alone needs no ticket row: the narrow seat index has them.
    by_seat_index = looking_up and order is None and not (f.statuses or f.kinds)
    conditions: list[ColumnElement[bool]] = []
    if f.seat_id is not None:
        conditions.append((_unindexed(_SEAT) if searching and not by_seat_index else _SEAT) == f.seat_id)
    if f.statuses:
        status = TicketRow.status.expression
        conditions.append((_unindexed(status) if looking_up else status).in_([s.value for s in f.statuses]))
        if order is not None and order.key is SortKey.ACTION and not searching:
            turns = [TURN[status] for status in f.statuses]
            conditions.append(literal_column(turn_sql()).between(int(min(turns)), int(max(turns))))
    if f.department is not None:
        conditions.append(TicketRow.department == f.department)
    if f.supervised:
        conditions.append(TicketRow.supervised.is_(True))
    if f.kinds:
        kind = TicketRow.kind.expression
        conditions.append((_unindexed(kind) if looking_up else kind).in_([k.value for k in f.kinds]))
    if looking_up:
        conditions.append(_containing(words.looked_up))
    conditions.extend(func.instr(TicketRow.search_text, word) > 0 for word in words.tested)
    return conditions


class QueueQuery:
    """A filtered, ordered view over the store, read a page at a time (safe from any thread)."""

    def __init__(self, store: Store, where: QueueFilter, order: QueueOrder) -> None:
        self._store = store
        self.where = where
        self.order = order
        self._words: Words | None = None  # worked out with the first read, kept for the next pages

    def count(self) -> int:
        with self._store.reading() as session:
            return int(session.scalar(self._count_select(session)) or 0)

    def page(self, offset: int, limit: int) -> list[QueueRow]:
        with self._store.reading() as session:
            rows = session.execute(self._select(session).offset(offset).limit(limit))
            return [_queue_row(row) for row in rows]

    def plan(self, *, count: bool = False) -> list[str]:
        """SQLite's plan for the first page, or the count (EXPLAIN QUERY PLAN), one step a line: what
        to look at when a filter or sort is slow."""
        # With its parameters bound as when it runs: a value written in can match an index it cannot.
        expanded = {"render_postcompile": True}
        with self._store.reading() as session:
            query = self._count_select(session) if count else self._select(session).limit(1)
            statement = query.compile(self._store.engine, compile_kwargs=expanded)
            params = tuple(statement.params[name] for name in statement.positiontup or ())
            rows = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
            return [str(row[-1]) for row in rows]

    def _words_of(self, session: Session) -> Words:
        # Count and first page may both work it out at once, on two threads: the same answer.
        if self._words is None:
            self._words = Words.of(session, self.where.text)
        return self._words

    def _count_select(self, session: Session) -> Select[int]:
        conditions = _conditions(self.where, self._words_of(session))
        return select(func.count()).select_from(TicketRow).where(*conditions)

    def _select(self, session: Session) -> Select[*tuple[Any, ...]]:
        conditions = _conditions(self.where, self._words_of(session), self.order)
        return select(*_ROW_COLUMNS).where(*conditions).order_by(*_order_terms(self.order))


def operator_first() -> list[tuple[ColumnElement[Any] | InstrumentedAttribute[Any], bool]]:
    """app.domain.worklist.work_order in SQL, as (expression, ascending) pairs: whose move it is
    (this operator's first), 督办 first, the nearest running deadline first (none last), the longest
    waiting first; closed tickets newest first. Descending is the exact reverse. Written out as
    literal SQL, as index ix_tickets_queue_action (migration 0007) lists it, so the default order's
    first page is read off that index: a bound parameter would hide the match from SQLite."""
    return [
        (literal_column(turn_sql()), True),
        (TicketRow.supervised, False),
        (TicketRow.next_due.is_(None), True),
        (TicketRow.next_due, True),
        (literal_column(waiting_since_sql()), True),
        (TicketRow.created_at, False),
    ]


def turn_sql() -> str:
    """Whose move (Turn) as a CASE over the status codes."""
    whens = " ".join(f"WHEN '{status.value}' THEN {int(turn)}" for status, turn in TURN.items())
    return f"CASE status {whens} ELSE {int(Turn.NOBODY)} END"


def waiting_since_sql() -> str:
    """Since when a ticket waits for somebody's move: none for a ticket nobody has to move."""
    done = ", ".join(f"'{status.value}'" for status, turn in TURN.items() if turn is Turn.NOBODY)
    return f"CASE WHEN status IN ({done}) THEN NULL ELSE created_at END"


def _queue_row(row: Row[Any] | tuple[Any, ...]) -> QueueRow:
    values = tuple(row)
    return QueueRow(
        id=values[0],
        display_no=values[1],
        kind=Kind(values[2]),
        category_code=values[3],
        caller_name=values[4],
        caller_phone=values[5],
        status=Status(values[6]),
        priority=Priority(values[7]),
        supervised=bool(values[8]),
        created_at=_as_datetime(values[9]),
        accepted_at=_as_datetime_or_none(values[10]),
        next_due=_as_datetime_or_none(values[11]),
        is_demo=bool(values[12]),
    )


def _as_datetime(value: object) -> datetime:
    assert isinstance(value, datetime)
    return value


def _as_datetime_or_none(value: object) -> datetime | None:
    return None if value is None else _as_datetime(value)
