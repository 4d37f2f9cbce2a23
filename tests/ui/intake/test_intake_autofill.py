"""The intake form fills in what the caller says (通话自动填单), never over the operator's typing."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.speech.stream import Segment, Speaker
from tests.ui.intake.caller_says import say
from ui.ops import TRACKER
from ui.shell.main_window import MainWindow


def test_the_number_and_address_the_caller_says_fill_the_empty_fields(
    open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    say(window, "你好，我家住在东湖区湖滨街道幸福路18号5栋，电梯坏了。", 0.0)
    for n, group in enumerate(("我的电话是138", "1234", "5678")):  # read out in groups
        say(window, group, 2.0 + n * 0.8)
    qtbot.waitUntil(lambda: intake.caller_phone.text() == "13812345678", timeout=10_000)
    assert intake.district.text() == "东湖区湖滨街道"
    assert intake.address.text() == "幸福路18号5栋"
    assert "从通话中自动填入" in intake.address.toolTip() and intake.address.styleSheet()
    intake.address.textEdited.emit("幸福路18号5栋")  # checked by the operator: no longer marked
    assert not intake.address.styleSheet()
    assert "已从通话中填入" in intake.saved_label.text()
    qtbot.waitUntil(lambda: intake.current_draft().caller_phone == "13812345678")  # saved like typing


def test_what_the_operator_typed_or_cleared_is_never_filled(open_window: object, qtbot: QtBot) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    intake.address.setText("望湖小区")
    intake.address.textEdited.emit("望湖小区")
    intake.caller_phone.textEdited.emit("")  # typed, then cleared: the operator wants it empty
    say(window, "我住在幸福路18号，电话13812345678，在东湖区", 0.0)
    qtbot.waitUntil(lambda: intake.district.text() == "东湖区", timeout=10_000)
    assert intake.address.text() == "望湖小区" and intake.caller_phone.text() == ""


def test_provisional_text_fills_nothing(open_window: object, qtbot: QtBot) -> None:
    """A partial may still change (138 1234 56…): only settled phrases are read."""
    window: MainWindow = open_window()  # type: ignore[operator]
    partial = Segment("call-x", Speaker.OPERATOR, "您的电话是13812345678", 0.0, 1.0, (), False)
    window.ws.transcript.publish(partial)  # still provisional when the caller's final comes
    say(window, "好的", 2.0)
    qtbot.waitUntil(lambda: TRACKER.running == 0, timeout=10_000)
    assert window.intake.caller_phone.text() == ""


def test_a_new_intake_does_not_get_the_last_callers_words(open_window: object, qtbot: QtBot) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    intake = window.intake
    intake.hear("我的电话是13812345678")
    intake.load_draft(window.ws.new_draft(), 0, restored=False)  # F2 before the answer came back
    qtbot.waitUntil(lambda: TRACKER.running == 0, timeout=10_000)
    assert intake.caller_phone.text() == ""


def test_the_district_is_read_in_the_jurisdiction_the_settings_name(
    open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    window.ws.config.set("centre.jurisdiction", "深圳市")
    say(window, "我在那个福田那边电话13812345678", 0.0)
    qtbot.waitUntil(lambda: window.intake.caller_phone.text() == "13812345678", timeout=10_000)
    assert window.intake.district.text() == "福田区"
