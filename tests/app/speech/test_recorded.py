"""What a recording's sidecar and name say about its call, and which files of the watch folder have
stopped growing (a recording still being written is never taken)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app.config.settings import RECORDING_NAME_PATTERN, SETTINGS, SettingError
from app.speech.recorded import CallFacts, SettledFiles, call_facts

CENTRE = ZoneInfo("Asia/Shanghai")


def _file(folder: Path, name: str, data: bytes = b"RIFF") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_the_default_name_gives_time_caller_and_call_id(tmp_path: Path) -> None:
    path = _file(tmp_path, "20261207-083015_13812345678_C0042.wav")
    facts = call_facts(path, RECORDING_NAME_PATTERN, CENTRE)
    assert facts == CallFacts("C0042", "13812345678", datetime(2026, 12, 7, 8, 30, 15, tzinfo=CENTRE))


def test_a_name_with_the_call_id_alone_takes_the_files_time(tmp_path: Path) -> None:
    path = _file(tmp_path, "C0042.wav")
    os.utime(path, (1_800_000_000, 1_800_000_000))
    facts = call_facts(path, RECORDING_NAME_PATTERN, CENTRE)
    assert facts == CallFacts("C0042", "", datetime.fromtimestamp(1_800_000_000, UTC))


def test_the_sidecar_wins_over_the_name(tmp_path: Path) -> None:
    path = _file(tmp_path, "20261207-083015_13812345678_C0042.wav")
    sidecar = {"call_id": "PBX-7", "caller": "139-1234-5678", "started_at": "2026-12-07T09:00:00"}
    path.with_suffix(".json").write_text(json.dumps(sidecar), encoding="utf-8")
    facts = call_facts(path, RECORDING_NAME_PATTERN, CENTRE)
    assert facts == CallFacts("PBX-7", "13912345678", datetime(2026, 12, 7, 9, 0, tzinfo=CENTRE))


def test_a_broken_sidecar_counts_as_none(tmp_path: Path) -> None:
    path = _file(tmp_path, "13812345678_C0042.wav")
    path.with_suffix(".json").write_text("{not json", encoding="utf-8")
    facts = call_facts(path, RECORDING_NAME_PATTERN, CENTRE)
    assert (facts.call_id, facts.caller) == ("C0042", "13812345678")


def test_a_site_pattern_reads_its_own_names(tmp_path: Path) -> None:
    path = _file(tmp_path, "rec-0755-88001234-at-20261207T101500.wav")
    pattern = r"rec-(?P<caller>[\d-]+)-at-(?P<time>\d{8}T\d{6})"
    facts = call_facts(path, pattern, CENTRE)
    assert facts == CallFacts("", "075588001234", datetime(2026, 12, 7, 10, 15, tzinfo=CENTRE))


def test_the_pattern_setting_must_name_the_call_or_the_caller() -> None:
    setting = next(s for s in SETTINGS if s.name == "calls.recording_name_pattern")
    assert setting.check(r"(?P<caller>\d+)") == r"(?P<caller>\d+)"
    for bad in (r"(\d+)", r"(?P<call_id>"):
        try:
            setting.check(bad)
        except SettingError as exc:
            assert exc.problem.code == "setting.name_pattern"
        else:
            raise AssertionError(f"{bad} was taken")


def test_a_file_is_taken_once_its_size_stayed_the_same_for_the_settle_time(tmp_path: Path) -> None:
    settled = SettledFiles(settle_s=5)
    path = _file(tmp_path, "a.wav", b"x" * 100)
    assert settled.scan(tmp_path, now=100.0) == []
    assert settled.scan(tmp_path, now=104.0) == []
    assert settled.scan(tmp_path, now=105.0) == [(path, 100)]


def test_a_file_still_growing_is_not_taken(tmp_path: Path) -> None:
    settled = SettledFiles(settle_s=5)
    path = _file(tmp_path, "a.wav", b"x" * 100)
    for step in range(1, 6):
        with path.open("ab") as handle:  # the phone system writes a block every 3 s
            handle.write(b"y" * 50)
        assert settled.scan(tmp_path, now=100.0 + 3 * step) == []
    assert settled.scan(tmp_path, now=100.0 + 3 * 5 + 5) == [(path, 350)]


def test_only_recordings_are_looked_at_in_every_format_phone_systems_write(tmp_path: Path) -> None:
    settled = SettledFiles(settle_s=0)
    _file(tmp_path, "a.json", b"{}")
    _file(tmp_path, "notes.txt", b"x")
    _file(tmp_path, ".partial.wav", b"x")
    _file(tmp_path, "empty.wav", b"")
    names = ("B.WAV", "c.mp3", "d.ogg", "e.opus", "f.flac", "g.amr", "h.gsm")
    recordings = {_file(tmp_path, name, b"x") for name in names}
    assert {path for path, _size in settled.scan(tmp_path, now=1.0)} == recordings


def test_a_settled_file_is_given_once_and_again_only_if_it_changes(tmp_path: Path) -> None:
    settled = SettledFiles(settle_s=0)
    path = _file(tmp_path, "a.wav", b"x")
    assert settled.scan(tmp_path, now=1.0) == [(path, 1)]
    assert settled.scan(tmp_path, now=2.0) == []
    path.unlink()
    assert settled.scan(tmp_path, now=3.0) == []
    _file(tmp_path, "a.wav", b"xy")  # the same name again, after it went away
    assert settled.scan(tmp_path, now=4.0) == [(path, 2)]
