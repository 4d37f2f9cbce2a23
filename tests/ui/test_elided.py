"""An elided label gives up width instead of widening its window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.elided import ElidedLabel

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
