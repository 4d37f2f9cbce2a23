"""Call events from the telephony side: what a CTI connector may send, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.call_states import CallEventKind
from app.telephony import (
    MAX_LINE,
    CallEvent,
    CallEventError,
    channel_name,
    make_event,
    parse_line,
)


def test_an_event_goes_over_the_line_and_back() -> None:
    event = make_event("ringing", "pbx-42.7", "138 1234 5678")
    assert event == CallEvent(CallEventKind.RINGING, "pbx-42.7", "13812345678")  # normalized
    assert parse_line(event.to_line()) == event


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("010-6512 3456", "01065123456"),
        ("anonymous", ""),
        ("", ""),
        ("12345", "12345"),
        ("+1 415 555", "+1 415 555"),
    ],
)
def test_the_callers_number_never_loses_the_call(given: str, kept: str) -> None:
    """A withheld or odd number is no reason to drop a call: unknown, or kept for the operator."""
    assert make_event("ringing", "c1", given).caller == kept


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (b"{", "JSON"),
        (b"[1, 2]", "JSON"),
        (b'{"event": "transfer", "call_id": "c1"}', "ringing, answered, held"),
        (b'{"event": "ended", "call_id": "c 1"}', "call id"),
        (b'{"event": "ended", "call_id": ""}', "call id"),
        (b'{"event": "ended", "call_id": 7}', "应为文本"),
        (b"\xff\xfe", "JSON"),
        (json.dumps({"event": "ended", "call_id": "c" * 65}).encode(), "call id"),
        (b"{" + b" " * MAX_LINE + b"}", "过长"),
    ],
)
def test_a_bad_line_is_refused_with_the_reason(line: bytes, says: str) -> None:
    with pytest.raises(CallEventError, match=says):
        parse_line(line)


def test_each_data_folder_has_its_own_channel(tmp_path: Path) -> None:
    assert channel_name(tmp_path / "a") != channel_name(tmp_path / "b")
    assert channel_name(tmp_path / "a") == channel_name(tmp_path / "x" / ".." / "a")
