"""Call events from the telephony side: what a CTI connector may send, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.problem import Problem
from app.telephony import (
    MAX_LINE,
    CallEvent,
    CallEventError,
    CallEventKind,
    answer_line,
    channel_name,
    make_event,
    parse_line,
    read_answer,
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
        (b'{"event": "transfer", "call_id": "c1"}', "call.unknown_event", {"event": "transfer"}),
        (b'{"event": "ended", "call_id": "c 1"}', "call.bad_id", {"call_id": "c 1"}),
        (b'{"event": "ended", "call_id": ""}', "call.bad_id", {"call_id": ""}),
        (b'{"event": "ended", "call_id": 7}', "call.not_text", {}),
        (json.dumps({"event": "ended", "call_id": "c" * 65}).encode(), "call.bad_id", {"call_id": "c" * 65}),
        (b"{" + b" " * MAX_LINE + b"}", "call.too_long", {"limit": MAX_LINE}),
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
    [None, Problem("call.unknown_event", {"event": "转接", "allowed": "ringing, answered, ended"})],
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
