"""Call events from the telephony side: what a CTI connector may send, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.call_states import CallEventKind
from app.domain.problem import Problem
from app.telephony import (
    MAX_LINE,
    CallEvent,
    CallEventError,
    answer_line,
    channel_name,
    make_event,
    parse_line,
    read_answer,
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
    ("line", "code", "params"),
    [
        (b"{", "call.not_json", {}),
        (b"\xff\xfe", "call.not_json", {}),
        (b"[1, 2]", "call.not_object", {}),
        (b'{"event": "transfer", "call_id": "c1"}', "call.unknown_event", {"given": "transfer"}),
        (b'{"event": "ended", "call_id": "c 1"}', "call.bad_id", {"call": "c 1"}),
        (b'{"event": "ended", "call_id": ""}', "call.bad_id", {"call": ""}),
        (b'{"event": "ended", "call_id": 7}', "call.not_text", {}),
        (json.dumps({"event": "ended", "call_id": "c" * 65}).encode(), "call.bad_id", {"call": "c" * 65}),
        (b"{" + b" " * MAX_LINE + b"}", "call.too_long", {"limit": MAX_LINE}),
        (b'{"event": "held"}', "call.missing_fields", {"fields": "call_id"}),  # which call?
        (b'{"event": "held", "call_id": "c1", "at": "09:00"}', "call.unknown_fields", {"fields": "at"}),
        (b'{"event": "transferred", "call_id": "c1"}', "call.transfer_without_target", {"call": "c1"}),
        (
            b'{"event": "transferred", "call_id": "c1", "to": "the desk"}',
            "call.bad_target",
            {"to": "the desk"},
        ),
        (b'{"event": "ended", "call_id": "c1", "to": "8001"}', "call.field_not_for", {"fields": "to"}),
        (b'{"event": "recording", "call_id": "c1"}', "call.recording_not_absolute", {"path": ""}),
        (
            b'{"event": "recording", "call_id": "c1", "path": "rec/c1.wav"}',
            "call.recording_not_absolute",
            {"path": "rec/c1.wav"},
        ),
        (
            b'{"event": "recording", "call_id": "c1", "path": "/home/op/.ssh/id_rsa"}',
            "call.recording_type",
            {"path": "/home/op/.ssh/id_rsa"},
        ),
        (
            b'{"event": "held", "call_id": "c1", "path": "/rec/c1.wav"}',
            "call.field_not_for",
            {"fields": "path"},
        ),
        (  # a simulated call's sound is played by the seat itself: WAV only
            b'{"event": "answered", "call_id": "c1", "path": "/rec/c1.mp3"}',
            "call.recording_type",
            {"path": "/rec/c1.mp3", "allowed": ".wav"},
        ),
    ],
)
def test_a_bad_line_is_refused_with_a_code_and_the_values_its_words_name(
    line: bytes, code: str, params: dict[str, object]
) -> None:
    with pytest.raises(CallEventError) as refused:
        parse_line(line)
    assert refused.value.problem.code == code
    assert params.items() <= refused.value.problem.params.items()


@pytest.mark.parametrize(
    "problem",
    [None, Problem("call.unknown_event", {"given": "转接", "allowed": "ringing, answered, ended"})],
)
def test_the_seats_answer_on_the_socket_carries_the_code_for_the_sender_to_word(
    problem: Problem | None,
) -> None:
    line = answer_line(problem)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert read_answer(line.decode()) == problem


def test_an_answer_of_another_seat_version_is_read_as_the_words_it_has() -> None:
    assert read_answer("error: 坐席端不认识的原因 (a reason of a newer seat)") == (
        "坐席端不认识的原因 (a reason of a newer seat)"
    )
    assert read_answer('error: call.of_a_newer_seat {"x": 1}') == 'call.of_a_newer_seat {"x": 1}'


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


def test_an_answer_may_bring_a_simulated_calls_sound_as_a_full_wav_path() -> None:
    event = parse_line(b'{"event": "answered", "call_id": "c1", "path": "/home/op/sim/c1.wav"}\n')
    assert event.path == "/home/op/sim/c1.wav"
    assert parse_line(event.to_line()) == event
