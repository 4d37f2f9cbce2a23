"""After the seat switches to reference data pulled from the server (Workspace.switch), every part of
the window plans and filters with it: the queue's time left and colour, the KB panel's category
filter, and the sync engine's pulled and conflict-settled tickets."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from app.domain.sla import SlaClock
from app.resources import taxonomy_from_text
from tests.ui.kb.test_kb_window import OpenWindow

SMALL_CATALOGUE = """
version: 99
departments:
  - {code: ZJJ, level: city, name: 市住房和建设局, en: Housing Bureau}
categories:
  - code: CJ
    name: 城乡建设
    en: Housing
    departments: [ZJJ]
    children:
      - code: CJ.AZ
        name: 保障住房
        en: Public housing
        children:
          - {code: CJ.AZ.SQ, name: 保障房申请, en: Applying for public housing}
"""


def test_the_queue_and_the_kb_filter_follow_a_switched_catalogue_and_sla(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    ws = window.ws
    kb_filter = window.kb_panel.category
    kb_filter.setCurrentIndex(kb_filter.findData("CJ"))
    newer = dataclasses.replace(
        ws.load_reference(),
        taxonomy=taxonomy_from_text(SMALL_CATALOGUE),
        sla=SlaClock(ws.sla.policy, dataclasses.replace(ws.sla.calendar, timezone=ZoneInfo("Asia/Urumqi"))),
    )
    window.bus.changed.emit(ws.switch(newer))

    assert window.queue.model._sla is newer.sla
    assert [kb_filter.itemData(i) for i in range(kb_filter.count())] == [None, "CJ", "CJ.AZ"]
    assert kb_filter.currentData() == "CJ"  # still in the new catalogue: still chosen
    assert kb_filter.itemText(0) == "全部分类"


def test_a_kb_filter_the_new_catalogue_lacks_falls_back_to_all_categories(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    kb_filter = window.kb_panel.category
    kb_filter.setCurrentIndex(kb_filter.findData("SB"))
    newer = dataclasses.replace(window.ws.load_reference(), taxonomy=taxonomy_from_text(SMALL_CATALOGUE))
    window.bus.changed.emit(window.ws.switch(newer))
    assert kb_filter.currentIndex() == 0 and kb_filter.currentData() is None
