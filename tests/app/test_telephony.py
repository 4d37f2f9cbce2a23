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
    recording_problem,
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
        (b'{"event": "held"}', "call_id"),  # which call?
        (b'{"event": "held", "call_id": "c1", "at": "09:00"}', "unknown fields: at"),
        (b'{"event": "transferred", "call_id": "c1"}', "--to"),
        (b'{"event": "transferred", "call_id": "c1", "to": "the desk"}', "the desk"),
        (b'{"event": "ended", "call_id": "c1", "to": "8001"}', "takes no to"),
        (b'{"event": "recording", "call_id": "c1"}', "full path"),
        (b'{"event": "recording", "call_id": "c1", "path": "rec/c1.wav"}', "full path"),
        (b'{"event": "recording", "call_id": "c1", "path": "/home/op/.ssh/id_rsa"}', "recording file type"),
        (b'{"event": "answered", "call_id": "c1", "path": "/rec/c1.wav"}', "takes no path"),
    ],
)
def test_a_bad_line_is_refused_with_the_reason(line: bytes, says: str) -> None:
    with pytest.raises(CallEventError, match=says):
        parse_line(line)


def test_each_data_folder_has_its_own_channel(tmp_path: Path) -> None:
    assert channel_name(tmp_path / "a") != channel_name(tmp_path / "b")
    assert channel_name(tmp_path / "a") == channel_name(tmp_path / "x" / ".." / "a")


def test_the_new_events_carry_what_they_need_over_the_line_and_back() -> None:
    for event in (
        make_event("held", "c1"),
        make_event("resumed", "c1"),
        make_event("missed", "c1"),
        make_event("transferred", "c1", to=" 8001 "),
        make_event("recording", "c1", path="/var/spool/rec/c1.wav"),
    ):
        assert parse_line(event.to_line()) == event
    assert make_event("transferred", "c1", to="138 1234 5678").to == "13812345678"
    assert make_event("transferred", "c1", to=" 8001 ").to == "8001"


def test_a_recording_is_taken_only_from_inside_the_recordings_folder(tmp_path: Path) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / "c1.wav").write_bytes(b"RIFF")
    (tmp_path / "secret.wav").write_bytes(b"RIFF")
    (folder / "link.wav").symlink_to(tmp_path / "secret.wav")
    assert recording_problem(str(folder / "c1.wav"), folder) is None
    outside = recording_problem(str(tmp_path / "secret.wav"), folder)
    assert outside is not None and outside.code == "call.recording_outside"
    climbing = recording_problem(str(folder / ".." / "secret.wav"), folder)
    assert climbing is not None and climbing.code == "call.recording_outside"
    linked = recording_problem(
        str(folder / "link.wav"), folder
    )  # a link out of the folder: its target counts
    assert linked is not None and linked.code == "call.recording_outside"
    missing = recording_problem(str(folder / "c2.wav"), folder)
    assert missing is not None and missing.code == "call.recording_missing"
