"""The intake form (受理单): the time it shows is the centre's, and a refused 受理 points at the field."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from ui.shell.main_window import MainWindow


def test_the_saved_time_is_the_centres_whatever_the_pcs_zone(
    open_window: object, qtbot: QtBot, process_zone: str
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    intake.content.setPlainText("楼下烧烤店油烟太大")
    with qtbot.waitSignal(intake.draftSaved, timeout=5000):
        intake.save_now()
    shown = intake.saved_label.text().split(" ")[-1]  # 草稿已保存 HH:MM:SS
    centre_now = datetime.now(ZoneInfo("Asia/Shanghai"))
    saved = datetime.combine(
        centre_now.date(), datetime.strptime(shown, "%H:%M:%S").time(), centre_now.tzinfo
    )
    gap = min(abs(saved + timedelta(days=d) - centre_now) for d in (-1, 0, 1))  # around midnight
    assert gap < timedelta(minutes=1), f"shown {shown}, centre time {centre_now:%H:%M:%S}"
