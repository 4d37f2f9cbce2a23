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


def test_a_refused_accept_focuses_and_marks_every_bad_field_until_it_is_edited(
    open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    window.activateWindow()
    intake.caller_phone.setText("12345")
    intake.caller_phone.textEdited.emit("12345")
    intake.caller_name.setFocus()

    intake.accept_ticket(close_direct=False)

    marked = {
        w.objectName() for w in (intake.content, intake.category, intake.caller_phone) if intake.is_marked(w)
    }
    assert marked == {"content", "category", "caller_phone"}
    assert not intake.is_marked(intake.caller_name)
    qtbot.waitUntil(intake.content.hasFocus, timeout=2000)  # the first problem, where typing goes on
    assert "请填写诉求内容" in intake.content.toolTip()
    assert intake.content.styleSheet()  # visibly: a red frame

    intake.content.setPlainText("楼下烧烤店油烟太大")
    assert not intake.is_marked(intake.content) and not intake.content.styleSheet()
    assert intake.is_marked(intake.category)
    intake.category.setCurrentIndex(1)
    assert not intake.is_marked(intake.category)


def test_a_category_problem_focuses_the_category_box(open_window: object, qtbot: QtBot) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    window.activateWindow()
    intake.content.setPlainText("楼下烧烤店油烟太大")

    intake.accept_ticket(close_direct=False)

    qtbot.waitUntil(lambda: intake.category.hasFocus() or intake.category.lineEdit().hasFocus(), timeout=2000)
