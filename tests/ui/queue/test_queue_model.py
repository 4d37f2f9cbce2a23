"""My queue (我的工单): the lazily paged model and its view, against a real store of 100,000 tickets."""

from __future__ import annotations

import random
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.domain.kinds import Kind, Priority
from app.domain.sla import SlaClock, SlaLevel
from app.domain.status import Status
from app.domain.ticket import Caller, Ticket
from app.store.changes import Changes
from app.store.db import Store, open_store
from app.store.models import TicketRow
from app.store.queue import QueueFilter, QueueOrder, QueueQuery, SortKey
from app.store.tickets import TicketStore
from ui.ops import TRACKER, ChangeBus
from ui.queue.queue_model import (
    PLACEHOLDER,
    PLACEHOLDER_COLOUR,
    SLA_COLOURS,
    SLA_LEVEL_ROLE,
    TICKET_ID_ROLE,
    Column,
    QueueModel,
    format_remaining,
)
from ui.queue.queue_view import QueueView

# One worker builds the 20k-ticket store once for the whole module (about 12 s of CPU: every ticket
# goes through the search-index triggers). 100 pages of 200 rows show the paging as 100k would;
# benchmarks/queue_model.py times the queue at 100k.
pytestmark = pytest.mark.xdist_group("queue-big")

N = 20_000
SEAT = "S01"
OPEN = frozenset(s for s in Status if s.is_open)
DISPLAY = Qt.ItemDataRole.DisplayRole
START = datetime(2025, 1, 1, tzinfo=UTC)


# --- the big store -------------------------------------------------------------------------------


class Fact(NamedTuple):
    """What the test knows about one stored ticket, to compute expected answers independently."""

    id: str
    number: str
    kind: str
    category: str | None
    caller: str
    phone: str
    status: Status
    due: datetime | None
    created: datetime
    searchable: str


_ISSUES = ["电梯故障", "夜间施工噪音扰民", "突然停水", "路灯不亮", "物业乱收费", "油烟直排", "咨询社保"]
_PLACES = ["福田区深南大道", "南山区科技园路", "罗湖区人民南路", "宝安区宝民一路"]


def _tickets(n: int) -> Iterator[Ticket]:
    rng = random.Random(2026)
    statuses = [Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS, Status.REPLIED, Status.CLOSED]
    for i in range(n):
        created = START + timedelta(hours=rng.randrange(24 * 400))  # whole hours: plenty of ties
        yield Ticket(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            local_no=f"L-{SEAT}-{created:%Y%m%d}-{i:06d}",
            number=f"SZ{created:%Y%m%d}{i:06d}" if i % 3 else None,
            kind=rng.choice(list(Kind)),
            status=rng.choice(statuses),
            seat_id=SEAT,
            created_at=created,
            category_code=rng.choice(["CJ.WY.DT", "HB.ZY.SG", "SH.SB.ZY", None]),
            priority=Priority.NORMAL,
            caller=Caller(
                rng.choice("王李张刘陈") + rng.choice(["伟", "芳", "娜娜"]), f"13{rng.randrange(10**9):09d}"
            ),
            address=rng.choice(_PLACES) + f"{rng.randint(1, 99)}号",
            content=rng.choice(_ISSUES),
            assigned_seat=SEAT,
            supervised=i % 50 == 0,
            accepted_at=created,
            dispatch_due=created + timedelta(hours=rng.choice((2, 8))),
            close_due=created + timedelta(days=rng.choice((3, 15))),
        )


def _fact(t: Ticket) -> Fact:
    fields = (t.local_no, t.number or "", t.caller.name, t.caller.phone, t.address, t.content)
    return Fact(
        t.id,
        t.display_no,
        t.kind.value,
        t.category_code,
        t.caller.name,
        t.caller.phone,
        t.status,
        t.next_due,
        t.created_at,
        "\x00".join(fields),
    )


@dataclass
class BigStore:
    store: Store
    facts: list[Fact]

    def expected(self, key: Callable[[Fact], Any], *, descending: bool = False) -> list[str]:
        present = sorted((f for f in self.facts if key(f) is not None), key=lambda f: (key(f), f.id))
        missing = sorted((f for f in self.facts if key(f) is None), key=lambda f: f.id)
        if descending:
            present.reverse()
            missing.reverse()
        return [f.id for f in present + missing]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, sla_clock: SlaClock) -> Iterator[BigStore]:
    store = open_store(tmp_path_factory.mktemp("big") / "seat.sqlite3")
    tickets = list(_tickets(N))
    TicketStore(store, sla_clock).import_history(((t, []) for t in tickets), demo=False)
    facts = [_fact(t) for t in tickets]
    del tickets
    yield BigStore(store, facts)
    TRACKER.wait(10)
    store.close()


def no_category(code: str | None) -> str:
    return code or ""


class CountingQuery(QueueQuery):
    """A real QueueQuery that records calls and threads, and can be told to be slow."""

    calls: ClassVar[list[tuple[str, int]]] = []  # (what, thread id)
    delays: ClassVar[dict[str, float]] = {}  # filter text -> seconds every call of that query sleeps
    finished = threading.Event()

    def count(self) -> int:
        self._note("count")
        return super().count()

    def page(self, offset: int, limit: int) -> list[Any]:
        self._note(f"page@{offset}")
        return super().page(offset, limit)

    def _note(self, what: str) -> None:
        CountingQuery.calls.append((what, threading.get_ident()))
        delay = CountingQuery.delays.get(self.where.text)
        if delay:
            time.sleep(delay)
            CountingQuery.finished.set()


_models: list[QueueModel] = []


@pytest.fixture(autouse=True)
def _fresh_counters() -> Iterator[None]:
    CountingQuery.calls = []
    CountingQuery.delays = {}
    CountingQuery.finished = threading.Event()
    yield
    TRACKER.wait(10)  # no worker may outlive the test that started it
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # closed views go with their models
    while _models:
        # Destroy each model now, while the QApplication exists; a wrapper kept alive by a signal
        # spy would otherwise destroy its timers after the application is gone.
        model = _models.pop()
        if shiboken6.isValid(model):  # a view deletes the model it owns
            shiboken6.delete(model)


def make_model(qtbot: QtBot, store: Store, sla: SlaClock, **options: Any) -> QueueModel:
    options.setdefault("category_label", no_category)
    model = QueueModel(store, sla, query_factory=CountingQuery, **options)
    _models.append(model)
    wait_shown(qtbot, model)
    return model


def wait_shown(qtbot: QtBot, model: QueueModel) -> None:
    qtbot.waitUntil(lambda: not model.busy, timeout=10_000)


def load_rows(qtbot: QtBot, model: QueueModel, *rows: int) -> list[str]:
    """Ask for the rows like a painting view does, then wait for their pages."""
    for row in rows:
        model.data(model.index(row, 0))
    qtbot.waitUntil(lambda: all(model.ticket_id(r) is not None for r in rows), timeout=10_000)
    return [model.ticket_id(r) or "" for r in rows]


def text(model: QueueModel, row: int, column: Column, role: int = DISPLAY) -> Any:
    return model.data(model.index(row, column), role)


# --- size and lazy paging -------------------------------------------------------------------------


@pytest.mark.slow
def test_the_model_lists_all_20000_tickets_but_reads_only_the_first_page(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock
) -> None:
    model = make_model(qtbot, big.store, sla_clock)

    assert model.rowCount() == N
    assert model.loaded_pages == 1
    assert model.ticket_id(0) is not None
    assert model.ticket_id(200) is None  # page 2 is not read until someone looks at it


@pytest.mark.slow
def test_a_page_shows_placeholders_until_it_arrives_then_announces_itself(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock
) -> None:
    model = make_model(qtbot, big.store, sla_clock, order=QueueOrder(SortKey.DUE))
    row = 12_345

    assert text(model, row, Column.CALLER) == PLACEHOLDER
    assert text(model, row, Column.NUMBER, Qt.ItemDataRole.ForegroundRole) == PLACEHOLDER_COLOUR
    assert model.ticket_id(row) is None
    with qtbot.waitSignal(model.dataChanged, timeout=10_000) as changed:
        pass
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), last.row()) == (12_200, 12_399)
    assert (first.column(), last.column()) == (0, len(Column) - 1)
    assert text(model, row, Column.CALLER) != PLACEHOLDER
    assert model.ticket_id(row) == big.expected(lambda f: f.due)[row]


def test_the_page_cache_stays_bounded(qtbot: QtBot, big: BigStore, sla_clock: SlaClock) -> None:
    model = make_model(qtbot, big.store, sla_clock, order=QueueOrder(SortKey.CREATED), max_pages=3)

    for page in range(1, 7):
        load_rows(qtbot, model, page * 200)

    assert model.loaded_pages == 3
    assert model.ticket_id(0) is None  # least recently used page went first
    assert model.ticket_id(6 * 200) is not None


def test_scrolling_to_the_end_loads_the_last_page(qtbot: QtBot, big: BigStore, sla_clock: SlaClock) -> None:
    model = make_model(qtbot, big.store, sla_clock, order=QueueOrder(SortKey.CREATED))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 500)
    table.show()
    qtbot.waitExposed(table)

    table.scrollToBottom()

    qtbot.waitUntil(lambda: model.ticket_id(N - 1) is not None, timeout=10_000)
    assert model.ticket_id(N - 1) == big.expected(lambda f: f.created)[-1]
    assert model.loaded_pages <= 3  # the first page and what is on screen, nothing in between


def test_a_new_page_size_reads_the_rows_again_at_that_size(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock
) -> None:
    model = make_model(qtbot, big.store, sla_clock, order=QueueOrder(SortKey.CREATED))
    expected = big.expected(lambda f: f.created)
    load_rows(qtbot, model, 0, 450)
    model.set_page_size(50)  # 设置 → 工单列表分页大小, applied at once
    wait_shown(qtbot, model)
    assert model.page_size == 50
    assert load_rows(qtbot, model, 0, 49, 50, 450, N - 1) == [
        expected[0],
        expected[49],
        expected[50],
        expected[450],
        expected[N - 1],
    ]


# --- sorting --------------------------------------------------------------------------------------

SORTS: dict[Column, Callable[[Fact], Any]] = {
    Column.NUMBER: lambda f: f.number,
    Column.KIND: lambda f: f.kind,
    Column.CATEGORY: lambda f: f.category,
    Column.CALLER: lambda f: f.caller,
    Column.STATUS: lambda f: f.status.value,
    Column.SLA: lambda f: f.due,
}


@pytest.mark.parametrize(
    "order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder], ids=["asc", "desc"]
)
@pytest.mark.parametrize("column", list(Column), ids=[c.name for c in Column])
def test_sorting_by_a_column_orders_every_page_in_sql(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock, column: Column, order: Qt.SortOrder
) -> None:
    model = make_model(qtbot, big.store, sla_clock, order=QueueOrder(SortKey.CREATED))
    expected = big.expected(SORTS[column], descending=order == Qt.SortOrder.DescendingOrder)

    model.sort(column, order)
    wait_shown(qtbot, model)

    assert model.sort_column() == column
    assert load_rows(qtbot, model, *range(200)) == expected[:200]
    assert load_rows(qtbot, model, N - 2, N - 1) == expected[-2:]


# --- filtering ------------------------------------------------------------------------------------

FILTERS: dict[str, tuple[QueueFilter, Callable[[Fact], bool]]] = {
    "in_progress": (
        QueueFilter(statuses=frozenset({Status.IN_PROGRESS})),
        lambda f: f.status is Status.IN_PROGRESS,
    ),
    "open": (QueueFilter(statuses=OPEN), lambda f: f.status.is_open),
    "complaints": (QueueFilter(kinds=frozenset({Kind.COMPLAINT})), lambda f: f.kind == "complaint"),
    "phone_fragment": (QueueFilter(text="5678"), lambda f: "5678" in f.searchable),
    "chinese_word": (QueueFilter(text="噪音"), lambda f: "噪音" in f.searchable),
    "two_words": (QueueFilter(text="王 福田"), lambda f: "王" in f.searchable and "福田" in f.searchable),
    "combined": (
        QueueFilter(statuses=OPEN, kinds=frozenset({Kind.HELP}), text="电梯"),
        lambda f: f.status.is_open and f.kind == "help" and "电梯" in f.searchable,
    ),
    "nothing": (QueueFilter(text="没有这样的工单"), lambda f: False),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_filtering_counts_exactly_the_matching_tickets(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock, name: str
) -> None:
    where, matches = FILTERS[name]
    model = make_model(qtbot, big.store, sla_clock)

    model.set_filter(where)
    wait_shown(qtbot, model)

    expected = [f for f in big.facts if matches(f)]
    assert model.rowCount() == len(expected)
    shown = {model.ticket_id(r) for r in range(min(200, len(expected)))}
    assert shown <= {f.id for f in expected}


def test_a_slow_old_query_never_overwrites_a_newer_one(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock
) -> None:
    model = make_model(qtbot, big.store, sla_clock)
    CountingQuery.delays["slow"] = 0.4
    newer = QueueFilter(statuses=frozenset({Status.IN_PROGRESS}))

    model.set_filter(QueueFilter(text="slow"))
    model.set_filter(newer)
    wait_shown(qtbot, model)
    in_progress = model.rowCount()
    assert CountingQuery.finished.wait(5)  # the slow query has answered by now...
    qtbot.wait(200)  # ...and its answer has had every chance to be delivered

    assert model.where == newer
    assert model.rowCount() == in_progress == sum(f.status is Status.IN_PROGRESS for f in big.facts)


def test_a_page_read_for_an_old_query_is_thrown_away(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock
) -> None:
    every_ticket = QueueFilter(text="号")  # every address has a house number
    model = make_model(qtbot, big.store, sla_clock, where=every_ticket)
    CountingQuery.delays["号"] = 0.3  # from now on, reads for the old query are slow
    text(model, 14_000, Column.NUMBER)  # starts reading page 70 of the old query

    model.set_filter(QueueFilter(kinds=frozenset({Kind.PRAISE})))
    wait_shown(qtbot, model)
    assert CountingQuery.finished.wait(5)
    qtbot.waitUntil(lambda: TRACKER.running == 0, timeout=5000)
    qtbot.wait(100)  # the old page's answer has been delivered, and must have been dropped

    praise = {f.id for f in big.facts if f.kind == "praise"}
    assert model.loaded_pages == 1
    assert all(model.ticket_id(r) in praise for r in range(200))
    assert model.row_of(big.expected(lambda f: f.due)[14_000]) is None


def test_the_gui_thread_keeps_ticking_while_a_query_runs(
    qtbot: QtBot, big: BigStore, sla_clock: SlaClock
) -> None:
    model = make_model(qtbot, big.store, sla_clock)
    CountingQuery.delays["噪音"] = 0.3
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)

    model.set_filter(QueueFilter(text="噪音"))
    wait_shown(qtbot, model)
    timer.stop()

    assert len(ticks) >= 10  # 300 ms of work, the timer fired all along
    gui = threading.get_ident()
    assert CountingQuery.calls and all(thread != gui for _, thread in CountingQuery.calls)


# --- cells ----------------------------------------------------------------------------------------


def test_callers_are_masked_in_the_table(qtbot: QtBot, big: BigStore, sla_clock: SlaClock) -> None:
    model = make_model(qtbot, big.store, sla_clock)
    by_id = {f.id: f for f in big.facts}

    for row in range(200):
        shown = text(model, row, Column.CALLER)
        fact = by_id[model.ticket_id(row) or ""]
        assert re.fullmatch(r"[王李张刘陈]\*{1,2} 13\d\*{4}\d{4}", shown), shown
        assert fact.phone not in shown and fact.caller not in shown


def test_headers_are_chinese_source_texts(qtbot: QtBot, big: BigStore, sla_clock: SlaClock) -> None:
    model = make_model(qtbot, big.store, sla_clock)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["工单编号", "诉求类型", "分类", "来电人", "状态", "SLA"]


# --- small stores: exact cells, refresh, the view ----------------------------------------------------

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a Monday


def small_ticket(**fields: Any) -> Ticket:
    base = Ticket(
        id=str(uuid.uuid4()),
        local_no=f"L-{SEAT}-20260302-{uuid.uuid4().hex[:6]}",
        kind=Kind.COMPLAINT,
        status=Status.IN_PROGRESS,
        seat_id=SEAT,
        created_at=NOW - timedelta(hours=1),
        category_code="CJ.WY.DT",
        caller=Caller("张三丰", "13812345678"),
        assigned_seat=SEAT,
        accepted_at=NOW - timedelta(hours=1),
        close_due=NOW + timedelta(hours=10),
    )
    return replace(base, **fields)


@pytest.fixture
def small(store: Store, sla_clock: SlaClock) -> Callable[..., list[Ticket]]:
    def add(*tickets: Ticket, demo: bool = False) -> list[Ticket]:
        TicketStore(store, sla_clock).import_history(((t, []) for t in tickets), demo=demo)
        return list(tickets)

    return add


def row_of(model: QueueModel, ticket: Ticket) -> int:
    row = model.row_of(ticket.id)
    assert row is not None
    return row


def test_a_row_shows_number_kind_category_masked_caller_and_status(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    (ticket,) = small(small_ticket(number="SZ2026030200001"))
    model = make_model(qtbot, store, sla_clock, category_label=lambda c: f"分类<{c}>", now=lambda: NOW)

    cells = [text(model, 0, c) for c in Column]

    assert cells[:5] == ["SZ2026030200001", "投诉", "分类<CJ.WY.DT>", "张** 138****5678", "办理中"]
    assert model.data(model.index(0, 0), TICKET_ID_ROLE) == ticket.id == model.ticket_id(0)


@pytest.mark.parametrize(
    ("due_in", "shown", "level"),
    [
        (timedelta(hours=10, minutes=30), "10小时30分", SlaLevel.GREEN),
        (timedelta(minutes=10, seconds=59), "10分", SlaLevel.RED),  # 60 of 71 minutes used
        (timedelta(days=2, hours=3, minutes=5), "2天3小时", SlaLevel.GREEN),
        (-timedelta(days=1, hours=3, minutes=10), "逾期 1天3小时", SlaLevel.OVERDUE),
        (-timedelta(minutes=5), "逾期 5分", SlaLevel.OVERDUE),
    ],
)
def test_the_sla_column_shows_time_left_coloured_by_level(
    qtbot: QtBot,
    store: Store,
    sla_clock: SlaClock,
    small: Callable[..., list[Ticket]],
    due_in: timedelta,
    shown: str,
    level: SlaLevel,
) -> None:
    small(small_ticket(close_due=NOW + due_in))
    model = make_model(qtbot, store, sla_clock, now=lambda: NOW)

    assert text(model, 0, Column.SLA) == shown
    assert text(model, 0, Column.SLA, SLA_LEVEL_ROLE) == level
    # Colour only where something is due soon: a deadline far off stays plain text.
    background, foreground = SLA_COLOURS.get(level, (None, None))
    assert (level is SlaLevel.GREEN) == (background is None)
    assert text(model, 0, Column.SLA, Qt.ItemDataRole.BackgroundRole) == background
    assert text(model, 0, Column.SLA, Qt.ItemDataRole.ForegroundRole) == foreground
    local_due = (NOW + due_in).astimezone(sla_clock.calendar.timezone)
    assert f"截止时间：{local_due:%Y-%m-%d %H:%M}" in text(model, 0, Column.SLA, Qt.ItemDataRole.ToolTipRole)


def test_a_closed_ticket_has_no_deadline_to_show(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    small(small_ticket(status=Status.CLOSED, closed_at=NOW))
    model = make_model(qtbot, store, sla_clock, now=lambda: NOW)

    assert text(model, 0, Column.SLA) == ""
    assert text(model, 0, Column.SLA, Qt.ItemDataRole.BackgroundRole) is None


@pytest.mark.parametrize("status", [Status.REPLIED, Status.VISITED])
def test_a_replied_ticket_shows_no_deadline_even_long_after_its_close_time(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]], status: Status
) -> None:
    """The 承办单位 has answered: its 办结 clock no longer runs, so the row is never 逾期 red."""
    small(small_ticket(status=status, close_due=NOW - timedelta(days=25)))
    model = make_model(qtbot, store, sla_clock, now=lambda: NOW)

    assert text(model, 0, Column.SLA) == ""
    assert text(model, 0, Column.SLA, Qt.ItemDataRole.BackgroundRole) is None


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        parts = [x / 255 for x in (c.red(), c.green(), c.blue())]
        lin = [p / 12.92 if p <= 0.03928 else ((p + 0.055) / 1.055) ** 2.4 for p in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("level", list(SLA_COLOURS))
def test_sla_colours_are_readable(level: SlaLevel) -> None:
    background, foreground = SLA_COLOURS[level]
    assert _contrast(background, foreground) >= 4.5  # WCAG AA for normal text
    assert _contrast(background, QColor("white")) < 1.3 or level is SlaLevel.OVERDUE  # a tint, not a block


def test_remaining_time_is_whole_minutes_rounded_down() -> None:
    assert format_remaining(timedelta(hours=2, minutes=15, seconds=59)) == "2小时15分"
    assert format_remaining(timedelta(seconds=30)) == "0分"
    assert format_remaining(timedelta(hours=24)) == "1天0小时"
    assert format_remaining(-timedelta(hours=1, minutes=1)) == "逾期 1小时1分"


def test_supervised_rows_are_marked_and_demo_rows_say_so(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    supervised, plain = small(small_ticket(supervised=True), small_ticket(close_due=NOW + timedelta(days=9)))
    (demo,) = small(small_ticket(close_due=NOW + timedelta(days=20)), demo=True)
    model = make_model(qtbot, store, sla_clock, now=lambda: NOW)

    assert text(model, row_of(model, supervised), Column.NUMBER).startswith("【督】")
    assert "督办" in text(model, row_of(model, supervised), Column.NUMBER, Qt.ItemDataRole.ToolTipRole)
    assert not text(model, row_of(model, plain), Column.NUMBER).startswith("【督】")
    assert "演示数据" in text(model, row_of(model, demo), Column.CALLER, Qt.ItemDataRole.ToolTipRole)
    assert text(model, row_of(model, plain), Column.CALLER, Qt.ItemDataRole.ToolTipRole) is None


def test_the_sla_column_repaints_on_a_timer_without_a_query(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    small(small_ticket(), small_ticket())
    clock = [NOW]
    model = make_model(qtbot, store, sla_clock, now=lambda: clock[0], sla_tick_ms=50)
    before = text(model, 0, Column.SLA)
    queries = len(CountingQuery.calls)

    clock[0] = NOW + timedelta(hours=1)
    with qtbot.waitSignal(model.dataChanged, timeout=2000) as changed:
        pass

    assert changed.args[0].column() == changed.args[1].column() == Column.SLA
    assert (changed.args[0].row(), changed.args[1].row()) == (0, 1)
    assert text(model, 0, Column.SLA) != before
    assert len(CountingQuery.calls) == queries


def test_a_queue_change_re_queries(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    small(small_ticket())
    model = make_model(qtbot, store, sla_clock)
    small(small_ticket(), small_ticket())

    model.refresh(Changes(queue=True))

    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)


def test_a_changed_visible_ticket_is_repainted_in_place(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    first, _ = small(small_ticket(), small_ticket(close_due=NOW + timedelta(days=5)))
    model = make_model(qtbot, store, sla_clock)
    with store.transaction() as session:
        session.execute(update(TicketRow).where(TicketRow.id == first.id).values(caller_name="李四"))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    model.refresh(Changes(tickets=frozenset({first.id})))

    qtbot.waitUntil(lambda: text(model, 0, Column.CALLER).startswith("李*"), timeout=5000)
    assert resets == []  # same rows, new values: no reset, so the selection stays put


def test_a_change_to_a_ticket_not_shown_is_ignored(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    small(small_ticket())
    model = make_model(qtbot, store, sla_clock)
    queries = len(CountingQuery.calls)

    model.refresh(Changes(tickets=frozenset({"someone-else"}), outbox=True))
    qtbot.wait(150)

    assert len(CountingQuery.calls) == queries


# --- the view -------------------------------------------------------------------------------------


@pytest.fixture
def view(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> tuple[QueueView, list[Ticket], ChangeBus]:
    tickets = small(
        small_ticket(caller=Caller("王芳", "13900001111"), close_due=NOW + timedelta(hours=1)),
        small_ticket(kind=Kind.HELP, close_due=NOW + timedelta(hours=2)),
        small_ticket(status=Status.CLOSED, closed_at=NOW),
    )
    bus = ChangeBus()
    model = make_model(qtbot, store, sla_clock, where=QueueFilter(seat_id=SEAT), now=lambda: NOW)
    widget = QueueView(model, bus)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, tickets, bus


def test_the_filter_bar_narrows_the_queue_and_keeps_the_seat(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, _, _ = view
    assert widget.count_label.text() == "共 3 件"

    widget.status_combo.setCurrentIndex(widget.status_combo.findText("未办结"))
    qtbot.waitUntil(lambda: widget.count_label.text() == "共 2 件", timeout=5000)
    widget.kind_combo.setCurrentIndex(widget.kind_combo.findText("求助"))
    qtbot.waitUntil(lambda: widget.count_label.text() == "共 1 件", timeout=5000)

    assert widget.model.where == QueueFilter(seat_id=SEAT, statuses=OPEN, kinds=frozenset({Kind.HELP}))


def test_typing_a_search_starts_one_query_after_a_pause(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, _, _ = view
    searches = len([c for c, _ in CountingQuery.calls if c == "count"])

    qtbot.keyClicks(widget.search, "1111")
    assert widget.model.where.text == ""  # still typing

    qtbot.waitUntil(lambda: widget.count_label.text() == "共 1 件", timeout=5000)
    assert widget.model.where.text == "1111"
    assert len([c for c, _ in CountingQuery.calls if c == "count"]) == searches + 1


def test_escape_clears_the_search_at_once(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, _, _ = view
    widget.search.setText("1111")
    qtbot.waitUntil(lambda: widget.model.where.text == "1111", timeout=5000)

    qtbot.keyClick(widget.search, Qt.Key.Key_Escape)

    assert widget.search.text() == "" and widget.model.where.text == ""
    qtbot.waitUntil(lambda: widget.count_label.text() == "共 3 件", timeout=5000)


def test_down_in_the_search_box_moves_to_the_first_result(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, tickets, _ = view
    widget.activateWindow()
    widget.focus_search()
    qtbot.keyClicks(widget.search, "1111")  # 王芳's phone

    qtbot.keyClick(widget.search, Qt.Key.Key_Down)  # before the typing pause is over

    qtbot.waitUntil(widget.table.hasFocus, timeout=2000)
    qtbot.waitUntil(lambda: widget.current_ticket_id() == tickets[0].id, timeout=5000)
    assert widget.model.where.text == "1111" and widget.model.rowCount() == 1


def test_enter_in_the_search_box_opens_the_first_result(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, tickets, _ = view
    widget.activateWindow()
    widget.focus_search()
    qtbot.keyClicks(widget.search, "13900001111")

    with qtbot.waitSignal(widget.ticketActivated, timeout=5000) as opened:
        qtbot.keyClick(widget.search, Qt.Key.Key_Return)

    assert opened.args == [tickets[0].id]


def test_enter_in_the_search_box_opens_the_selected_result(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, _, _ = view
    widget.table.selectRow(1)
    widget.activateWindow()
    widget.focus_search()

    with qtbot.waitSignal(widget.ticketActivated, timeout=5000) as opened:
        qtbot.keyClick(widget.search, Qt.Key.Key_Enter)

    assert opened.args == [widget.model.ticket_id(1)]


def test_focus_search_selects_the_previous_search(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, _, _ = view
    widget.search.setText("王芳")
    widget.activateWindow()

    widget.focus_search()

    qtbot.waitUntil(widget.search.hasFocus, timeout=2000)
    assert widget.search.selectedText() == "王芳"
    assert "Ctrl+F" in widget.search.placeholderText()


def test_double_click_and_enter_open_the_ticket(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, tickets, _ = view
    table = widget.table
    first = table.model().index(0, 0)
    rect = table.visualRect(first)

    with qtbot.waitSignal(widget.ticketActivated, timeout=2000) as clicked:
        # A real double click is a click and then a double-click event; QTest sends only the latter.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    table.setCurrentIndex(table.model().index(1, 2))
    with qtbot.waitSignal(widget.ticketActivated, timeout=2000) as entered:
        qtbot.keyClick(table, Qt.Key.Key_Return)

    assert clicked.args == [tickets[0].id]
    assert entered.args == [tickets[1].id]


def test_the_table_is_set_up_for_a_long_list(view: tuple[QueueView, list[Ticket], ChangeBus]) -> None:
    widget, _, _ = view
    table = widget.table
    assert table.isSortingEnabled() and table.alternatingRowColors() and not table.wordWrap()
    assert table.selectionBehavior() == QTableView.SelectionBehavior.SelectRows
    assert not table.verticalHeader().isVisible()
    # The model's order, no re-sort: 待我处理 first, which no single column shows.
    assert widget.model.order.key is SortKey.ACTION
    assert table.horizontalHeader().sortIndicatorSection() == -1
    assert all(table.columnWidth(c) > 30 for c in Column)


def test_a_refresh_from_the_bus_keeps_the_selected_ticket(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, tickets, bus = view
    widget.table.selectRow(1)
    assert widget.current_ticket_id() == tickets[1].id
    # A new ticket due before everything else moves every row down by one.
    TicketStore(store, sla_clock).import_history([(small_ticket(close_due=NOW), [])], demo=False)

    bus.changed.emit(Changes(queue=True))

    qtbot.waitUntil(lambda: widget.count_label.text() == "共 4 件", timeout=5000)
    assert widget.current_ticket_id() == tickets[1].id
    assert widget.table.currentIndex().row() == 2


def test_the_view_builds_its_model_from_a_workspace(qtbot: QtBot, tmp_path: Path) -> None:
    from app.config.settings import Config
    from app.paths import AppPaths
    from app.workspace import Workspace

    ws = Workspace.open(AppPaths.under(tmp_path / "home").create(), Config())
    try:
        widget = QueueView(ws, ChangeBus())
        qtbot.addWidget(widget)
        wait_shown(qtbot, widget.model)
        assert widget.model.where.seat_id == ws.seat.seat_id
        assert widget.model.wait_for_count(1000) == 0
    finally:
        TRACKER.wait(10)
        ws.close()


def test_a_refresh_keeps_the_scroll_position_and_a_new_filter_starts_at_the_top(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    small(*(small_ticket(close_due=NOW + timedelta(minutes=m)) for m in range(600)))
    model = make_model(qtbot, store, sla_clock, where=QueueFilter(seat_id=SEAT), now=lambda: NOW)
    widget = QueueView(model)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    qtbot.waitExposed(widget)
    bar = widget.table.verticalScrollBar()
    bar.setValue(300)
    qtbot.waitUntil(lambda: model.ticket_id(widget.table.rowAt(0)) is not None, timeout=5000)
    top = model.ticket_id(widget.table.rowAt(0))

    small(small_ticket(close_due=NOW + timedelta(days=30)))  # lands at the end: rows on screen stay put
    model.refresh(Changes(queue=True))
    qtbot.waitUntil(lambda: widget.count_label.text() == "共 601 件", timeout=5000)
    qtbot.wait(50)

    assert bar.value() == 300
    assert model.ticket_id(widget.table.rowAt(0)) == top

    widget.kind_combo.setCurrentIndex(widget.kind_combo.findText("投诉"))
    qtbot.waitUntil(lambda: not model.busy and model.where.kinds == {Kind.COMPLAINT}, timeout=5000)
    qtbot.wait(50)
    assert bar.value() == 0


def test_a_language_switch_retranslates_the_bar_and_the_headers(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, _, _ = view
    widget.search.setPlaceholderText("")

    with qtbot.waitSignal(widget.model.headerDataChanged, timeout=1000):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))

    assert widget.search.placeholderText().startswith("搜索")
    assert [widget.status_combo.itemText(i) for i in range(3)] == ["全部", "未办结", "已受理"]


def test_after_sorting_by_a_column_one_click_brings_back_my_moves_first(
    qtbot: QtBot, view: tuple[QueueView, list[Ticket], ChangeBus]
) -> None:
    widget, _, _ = view
    assert widget.action_first.isChecked()
    widget.table.sortByColumn(Column.CALLER, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: widget.model.order.key is SortKey.CALLER and not widget.model.busy, timeout=5000)
    assert not widget.action_first.isChecked()

    widget.action_first.click()

    qtbot.waitUntil(lambda: widget.model.order == QueueOrder() and not widget.model.busy, timeout=5000)
    assert widget.action_first.isChecked()
    assert widget.table.horizontalHeader().sortIndicatorSection() == -1
    widget.action_first.click()  # again: stays as it is
    assert widget.action_first.isChecked()


def test_the_supervision_button_lists_only_supervised_tickets_and_a_unit_list_replaces_the_seats(
    qtbot: QtBot, store: Store, sla_clock: SlaClock, small: Callable[..., list[Ticket]]
) -> None:
    flagged = small_ticket(supervised=True)
    small(flagged, small_ticket(), small_ticket(department="QZJJ", assigned_seat="S09"))
    model = make_model(qtbot, store, sla_clock, where=QueueFilter(seat_id=SEAT), now=lambda: NOW)
    widget = QueueView(model)
    qtbot.addWidget(widget)
    wait_shown(qtbot, model)
    widget.supervised.click()  # 督办
    qtbot.waitUntil(lambda: widget.count_label.text() == "共 1 件", timeout=5000)
    assert model.ticket_id(0) == flagged.id
    widget.supervised.click()
    widget.show_department("QZJJ")  # a 承办单位 signed in: its dispatched tickets, whoever took the call
    qtbot.waitUntil(lambda: widget.count_label.text() == "共 1 件", timeout=5000)
    assert (model.where.department, model.where.seat_id) == ("QZJJ", None)
    widget.show_department(None)
    assert (model.where.department, model.where.seat_id) == (None, SEAT)
