"""统计: the lead's page from a real server process, an operator's own from the seat's store; the
table, the charts, and the loading off the GUI thread."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter
from pytestqt.qtbot import QtBot

from app.domain.draft import Draft
from app.domain.figures import Figure, Grouping, Period
from app.domain.ids import new_id
from app.domain.kinds import Kind, Priority
from app.domain.sla import SlaClock
from app.lead.figures import Cells, ShiftFact
from app.store.db import Store
from app.store.tickets import TicketStore
from sync.protocol import Op
from tests.sync.live import LiveServer
from tests.sync.server.wire import create_op
from tests.ui.conftest import signed_in_api
from tests.ui.stall import watching
from ui.lead.board import LeadBoard
from ui.lead.figures_page import FiguresPage, default_days, row_namer, seat_loader

OPS: TypeAdapter[Op] = TypeAdapter(Op)
ZONE = ZoneInfo("Asia/Shanghai")


def test_the_leads_page_shows_every_seats_figures_from_the_server(qtbot: QtBot, server: LiveServer) -> None:
    seat, lead = signed_in_api(server, "a01"), signed_in_api(server, "lead")
    try:
        now = datetime.now(UTC)
        seat.push([OPS.validate_python(create_op("A01", at=now)) for _ in range(3)])
        board = LeadBoard(lambda: lead, zone=ZONE)
        qtbot.addWidget(board)
        with watching():
            page = board.open_figures()
            qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
        assert page.model.row_name(0) == "A01"
        assert page.model.rows[0][1][Figure.ACCEPTED_ON_TIME].denominator == 3
        assert page.bars.chart().series() and page.line.chart().series()
        page.close()
    finally:
        for api in (seat, lead):
            api.logout()
            api.close()


def _draft(kind: Kind, district: str, started: datetime) -> Draft:
    return Draft(
        id=new_id(),
        seat_id="S01",
        started_at=started,
        kind=kind,
        category_code="CJ.WY.DT",
        priority=Priority.NORMAL,
        caller_name="张三",
        caller_phone="13812345678",
        district=district,
        content="电梯停运",
    )


def test_an_operators_page_counts_their_seat_from_the_store_off_the_gui_thread(
    qtbot: QtBot, store: Store, sla_clock: SlaClock
) -> None:
    now = datetime.now(UTC)
    tickets = TicketStore(store, sla_clock, clock=lambda: now)
    tickets.accept(
        _draft(Kind.CONSULTATION, "福田区", now - timedelta(minutes=3)), actor="李娜", close_reason="已答"
    )
    tickets.accept(_draft(Kind.CONSULTATION, "南山区", now - timedelta(minutes=3)), actor="李娜")
    shift = ShiftFact("S01", now - timedelta(hours=2), 7200, 10, 1500, 300)
    threads: list[threading.Thread] = []
    load = seat_loader(store, "S01", ZONE, lambda _now: shift)

    def watched(period: Period, by: Grouping, first: date, last: date) -> tuple[Cells, list[date]]:
        threads.append(threading.current_thread())
        return load(period, by, first, last)

    page = FiguresPage(
        watched,
        [Grouping.SEAT, Grouping.CATEGORY, Grouping.DISTRICT],
        lambda: now.astimezone(ZONE).date(),
        name=row_namer(lambda code: code),
    )
    qtbot.addWidget(page)
    page.show()
    with watching():
        page.refresh()
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert threads and threads[0] is not threading.main_thread()
    assert page.model.index(0, 1 + list(Figure).index(Figure.FIRST_CALL)).data() == "50.0%"
    assert page.model.index(0, 1 + list(Figure).index(Figure.CALLS_PER_HOUR)).data() == "5.0"
    page.figure.setCurrentIndex(page.figure.findData(Figure.FIRST_CALL))
    line = page.line.chart().series()[0]
    assert [p.y() for p in line.points()] == [50.0]  # today only: the days without tickets have no point

    page.by.setCurrentIndex(page.by.findData(Grouping.DISTRICT))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)  # two districts and the total
    assert [page.model.row_name(r) for r in range(3)] == ["南山区", "福田区", "合计"]

    page.period.setCurrentIndex(page.period.findData(Period.MONTH))
    first, last = page.chosen()[2:]
    assert (first, last) == default_days(Period.MONTH, now.astimezone(ZONE).date())
    assert first.day == 1


def test_a_choice_made_while_a_load_runs_is_loaded_after_it(
    qtbot: QtBot, store: Store, sla_clock: SlaClock
) -> None:
    now = datetime.now(UTC)
    tickets = TicketStore(store, sla_clock, clock=lambda: now)
    for district in ("福田区", "南山区"):
        tickets.accept(_draft(Kind.HELP, district, now - timedelta(minutes=3)), actor="李娜")
    release = threading.Event()
    load = seat_loader(store, "S01", ZONE, lambda _now: None)

    def slow(period: Period, by: Grouping, first: date, last: date) -> tuple[Cells, list[date]]:
        release.wait(5)
        return load(period, by, first, last)

    page = FiguresPage(slow, [Grouping.SEAT, Grouping.DISTRICT], lambda: now.astimezone(ZONE).date())
    qtbot.addWidget(page)
    page.refresh()
    page.by.setCurrentIndex(page.by.findData(Grouping.DISTRICT))  # while the first load runs
    release.set()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert page.bars.chart().title().endswith("（各区）")


def test_a_bad_range_is_said_on_the_page_not_raised(qtbot: QtBot, store: Store) -> None:
    today = date(2026, 11, 30)
    page = FiguresPage(seat_loader(store, "S01", ZONE, lambda _now: None), [Grouping.SEAT], lambda: today)
    qtbot.addWidget(page)
    page.first.setDate(page.first.date().addYears(-2))  # more days than a report spans
    qtbot.waitUntil(lambda: "93" in page.note.text(), timeout=5000)
