"""resources/call_events.schema.json is what the README gives CTI integrators: the parser
(app.telephony.parse_line) takes exactly the events the schema allows, no more and no less."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.call_states import CallEventKind
from app.paths import resources_dir
from app.telephony import FIELDS, RECORDING_TYPES, CallEventError, parse_line

SCHEMA = json.loads((resources_dir() / "call_events.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Values near every rule's edge: good ones, and ones each rule refuses.
VALUES: dict[str, list[object]] = {
    "event": [*(k.value for k in CallEventKind), "transfer", "", "RINGING", 7, None],
    "call_id": ["pbx-1", "c" * 64, "c" * 65, "", "a b", "c1\n", "x:y@z.1", 7, None],
    "caller": ["13812345678", "", "anonymous", "+1 415 555", 138, None],
    "to": ["8001", " 8001 ", "+86 10 1234", "", "desk", "8001\n", "1" * 40, 8001],
    "path": [
        "/var/spool/rec/c1.wav",
        "/var/spool/rec/c1.WAV",
        "C:\\rec\\c1.mp3",
        "c:/rec/c1.amr",
        "rec/c1.wav",
        "/rec/c1.txt",
        "/rec/c1.wav\n",
        "/rec/\x00.wav",
        "/" + "r" * 520 + ".wav",
        "",
        5,
    ],
    "extra": ["x"],
}


def schema_allows(payload: dict[str, Any]) -> bool:
    return VALIDATOR.is_valid(payload)


def parser_allows(payload: dict[str, Any]) -> bool:
    try:
        parse_line(json.dumps(payload).encode("utf-8") + b"\n")
    except CallEventError:
        return False
    return True


payloads = st.fixed_dictionaries(
    {},
    optional={name: st.sampled_from(values) for name, values in VALUES.items()},
)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(payloads)
def test_the_parser_takes_exactly_what_the_schema_allows(payload: dict[str, Any]) -> None:
    assert parser_allows(payload) == schema_allows(payload), payload


def test_the_schema_names_the_same_events_fields_and_recording_types_as_the_parser() -> None:
    assert SCHEMA["properties"]["event"]["enum"] == [k.value for k in CallEventKind]
    assert tuple(SCHEMA["properties"]) == FIELDS and SCHEMA["additionalProperties"] is False
    for suffix in RECORDING_TYPES:
        for path in (f"/rec/c1{suffix}", f"/rec/c1{suffix.upper()}"):
            line = {"event": "recording", "call_id": "c1", "path": path}
            assert schema_allows(line) and parser_allows(line), path


def test_every_kind_of_event_has_a_line_both_take() -> None:
    lines = [
        {"event": "ringing", "call_id": "c1", "caller": "13812345678"},
        {"event": "answered", "call_id": "c1"},
        {"event": "held", "call_id": "c1"},
        {"event": "resumed", "call_id": "c1"},
        {"event": "transferred", "call_id": "c1", "to": "8001"},
        {"event": "missed", "call_id": "c1"},
        {"event": "ended", "call_id": "c1"},
        {"event": "recording", "call_id": "c1", "path": "/var/spool/rec/c1.wav"},
    ]
    assert {line["event"] for line in lines} == {k.value for k in CallEventKind}
    assert all(schema_allows(line) and parser_allows(line) for line in lines)
