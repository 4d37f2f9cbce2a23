"""热点 page of the 班长台: the demo's store shows a hot spot and a warning; Enter on the warning lists
its tickets and Enter on one opens it; against a real server the lead sees its counts and an
operator is refused. The event loop never stalls while the figures load."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import TypeAdapter
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.demo import seed_demo_if_empty
from app.demo_content import OUTBREAK_CATEGORY
from app.domain.hotspots import Dimension
from app.lead.local import StoreHotspots
from app.workspace import Workspace
from sync.protocol import Op
from tests.sync.live import LiveServer
from tests.sync.server.wire import create_op
from tests.ui.conftest import signed_in_api
from tests.ui.stall import watching
from ui.lead.board import LeadBoard
from ui.lead.hotspots_page import HEAT, HotspotsPage, heat_class
from ui.shell.i18n import LanguageSwitcher

OPS: TypeAdapter[Op] = TypeAdapter(Op)

ZONE = ZoneInfo("Asia/Shanghai")


def _page(qtbot: QtBot, source: object, workspace: Workspace) -> HotspotsPage:
    taxonomy = workspace.taxonomy
    page = HotspotsPage(
        lambda: source,  # type: ignore[arg-type,return-value]
        workspace.zone,
        category_name=lambda code: taxonomy.get(code).name if code in taxonomy else code,
    )
    qtbot.addWidget(page)
    page.period.setCurrentIndex(1)  # 近 7 天
    page.show()
    return page


@pytest.fixture
def demo(workspace: Workspace) -> StoreHotspots:
    seed_demo_if_empty(workspace)
    taxonomy = workspace.taxonomy
    return StoreHotspots(
        workspace.store, workspace.tickets, workspace.zone, lambda code: taxonomy.path(code)[0].code
    )


def test_the_demo_shows_a_hot_spot_a_heat_grid_and_a_warning(
    qtbot: QtBot, workspace: Workspace, demo: StoreHotspots
) -> None:
    with watching():
        page = _page(qtbot, demo, workspace)
        qtbot.waitUntil(lambda: page.warning_model.rowCount() > 0, timeout=20_000)
    top = page.categories.spots[0]
    assert top.subject == OUTBREAK_CATEGORY
    assert page.categories.index(0, 1).data() == "停水"
    assert page.categories.index(0, 4).data().startswith("↑")
    assert page.heat.rowCount() > 0 and page.heat.columnCount() > 0
    peak = page.heat.grid.peak
    busiest = next(
        page.heat.index(r, c)
        for r in range(page.heat.rowCount())
        for c in range(page.heat.columnCount())
        if page.heat.grid.counts[r][c] == peak
    )
    assert busiest.data(Qt.ItemDataRole.BackgroundRole) == QColor(HEAT[-1])
    kinds = {(w.kind, w.subject) for w in page.warning_model.warnings}
    assert (Dimension.CATEGORY, OUTBREAK_CATEGORY) in kinds
    assert page.legend_cells[-1].text().endswith(str(peak))


def test_enter_on_a_warning_lists_its_tickets_and_enter_opens_one(
    qtbot: QtBot, workspace: Workspace, demo: StoreHotspots
) -> None:
    page = _page(qtbot, demo, workspace)
    qtbot.waitUntil(lambda: page.warning_model.rowCount() > 0, timeout=20_000)
    row = next(i for i, w in enumerate(page.warning_model.warnings) if w.subject == OUTBREAK_CATEGORY)
    warning = page.warning_model.warnings[row]
    page.warning_view.setFocus()
    page.warning_view.setCurrentIndex(page.warning_model.index(row, 0))
    with watching():
        QTest.keyClick(page.warning_view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.tickets_dialog.model.rowCount() == warning.count, timeout=10_000)
    dialog = page.tickets_dialog
    assert [t.id for t in dialog.model.tickets] == list(warning.ticket_ids)
    assert {t.category_code for t in dialog.model.tickets} == {OUTBREAK_CATEGORY}
    with qtbot.waitSignal(page.ticketActivated) as opened:
        QTest.keyClick(dialog.view, Qt.Key.Key_Return)
    assert opened.args == [warning.ticket_ids[0]]


def test_heat_classes_split_the_counts_into_five_shades() -> None:
    assert heat_class(0, 10) == -1  # an empty cell stays white
    assert [heat_class(n, 10) for n in (1, 2, 3, 5, 8, 10)] == [0, 0, 1, 2, 3, 4]
    assert heat_class(1, 1) == len(HEAT) - 1


@pytest.mark.slow
def test_a_lead_sees_the_servers_counts_and_an_operator_is_refused(
    qtbot: QtBot, workspace: Workspace, server: LiveServer
) -> None:
    seat, lead, operator = (signed_in_api(server, name) for name in ("a01", "lead", "a02"))
    try:
        now = datetime.now(UTC)
        ops = [create_op("A01", at=now, category_code=OUTBREAK_CATEGORY, district="东湖区") for _ in range(3)]
        seat.push([OPS.validate_python(op) for op in ops])
        page = _page(qtbot, lead, workspace)
        qtbot.waitUntil(lambda: page.categories.rowCount() == 1, timeout=20_000)
        assert (page.categories.spots[0].subject, page.categories.spots[0].count) == (OUTBREAK_CATEGORY, 3)
        assert page.districts.spots[0].subject == "东湖区"
        assert "两周" in page.warning_note.text()  # a new server: too little history to warn
        refused = _page(qtbot, operator, workspace)
        qtbot.waitUntil(lambda: "无权" in refused.updated.text(), timeout=20_000)  # 无权执行此操作
        assert refused.categories.rowCount() == 0
    finally:
        for api in (seat, lead, operator):
            api.logout()
            api.close()


def test_the_board_shows_the_page_as_a_tab_titled_in_the_interface_language(
    qtbot: QtBot, workspace: Workspace, demo: StoreHotspots, languages: LanguageSwitcher
) -> None:
    board = LeadBoard(lambda: demo, zone=ZONE)  # type: ignore[arg-type,return-value]  # its seats are not asked for here
    qtbot.addWidget(board)
    board.add_page(HotspotsPage(lambda: demo, workspace.zone, board))
    assert [board.pages.tabText(i) for i in range(board.pages.count())] == ["坐席看板", "热点"]
    try:
        languages.switch("en")
        titles = lambda: [board.pages.tabText(i) for i in range(board.pages.count())]  # noqa: E731
        qtbot.waitUntil(lambda: titles() == ["Seat board", "Hot spots"], timeout=5_000)
    finally:
        languages.switch("zh_CN")
