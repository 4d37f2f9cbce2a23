"""An elided label gives up width instead of widening its window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.elided import ElidedButton, ElidedLabel

LONG = "Login not kept (no system keyring) · Unencrypted connection · No live audio (missing libpulse.so.0)"


def test_a_long_text_does_not_set_the_minimum_width(qtbot: QtBot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(LONG)
    assert label.minimumSizeHint().width() < label.sizeHint().width() / 4
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(LONG)


def test_a_narrow_label_ends_with_an_ellipsis_and_a_wide_one_shows_it_all(qtbot: QtBot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(LONG)
    label.resize(120, label.sizeHint().height())
    assert label.is_cut() and label.shown_text().endswith("…")
    assert LONG.startswith(label.shown_text()[:-1])
    label.resize(label.sizeHint())
    assert not label.is_cut() and label.shown_text() == LONG


def test_a_narrow_button_ends_each_line_with_an_ellipsis_and_fits_its_text(qtbot: QtBot) -> None:
    button = ElidedButton()
    qtbot.addWidget(button)
    whole = "Ctrl+3 Neighbourhood noise 19%\nupstairs, ten last night"
    button.set_whole_text(whole)
    button.show()
    button.resize(120, button.sizeHint().height())
    first, second = button.text().split("\n")
    assert button.is_cut() and first.startswith("Ctrl+3") and first.endswith("…") and second.endswith("…")
    assert button.sizeHint().width() <= button.width()  # drawn inside the button, nothing cut at the edge
    button.resize(button.fontMetrics().horizontalAdvance(whole) + 80, button.height())
    assert not button.is_cut() and button.text() == whole == button.whole_text()
