"""Recorded calls from the phone system (录音转写): what a recording's name or sidecar says about its
call, which files in the watch folder are whole, and a recording's transcript.

The phone system writes each call's recording into a folder (often a network share, where file-change
notifications are unreliable), so the folder is polled, and a file is taken only once its size and
time have stayed the same for a while: one still being written is left until it is finished.

Which call a recording belongs to, in this order:
1. a sidecar `<name>.json` beside it, `{"call_id": "...", "caller": "138...", "started_at": "ISO time"}`
   (any of the three; a time without a zone is the centre's time);
2. its name, read by `calls.recording_name_pattern`, a regular expression with the named groups
   `call_id`, `caller` and `time` (14 digits, yyyymmddHHMMSS, an optional `-`, `_` or `T` after the
   date); the default reads `20261207-083015_13812345678_C0042.wav`, `13812345678_C0042.wav` and
   `C0042.wav`;
3. the file's modification time, when neither gave a time.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from app.intake.validation import normalize_phone
from app.speech.stream import Segment, TranscriptStream

if TYPE_CHECKING:
    import vosk

# The file types a watch folder or a `call recording` event hands to the recognizer: what phone
# systems write (app.speech.decoded opens them; AMR needs its optional decoder).
RECORDING_TYPES = (".wav", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".amr", ".awb", ".gsm")
NEEDS_DECODER = "audio.needs_decoder"  # a file of a type whose optional decoder is not installed


@dataclass(frozen=True)
class CallFacts:
    """What the phone system tells of a recording's call."""

    call_id: str = ""
    caller: str = ""  # normalized when it is a valid number
    recorded_at: datetime | None = None  # aware; when the call began, or the file's time


def call_facts(path: Path, pattern: str, zone: tzinfo) -> CallFacts:
    """The call of the recording at `path`, from its sidecar, its name and its time (see above).
    A sidecar that cannot be read or parsed counts as none: the name still says what it says."""
    named = re.fullmatch(pattern, path.stem)
    groups = {k: v for k, v in named.groupdict().items() if v} if named else {}
    side = _sidecar(path.with_suffix(".json"))
    call_id = str(side.get("call_id") or groups.get("call_id") or "")
    caller = str(side.get("caller") or groups.get("caller") or "")
    when = _time(str(side.get("started_at") or ""), zone) or _name_time(groups.get("time", ""), zone)
    if when is None:
        try:
            when = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            when = None
    return CallFacts(call_id[:64], normalize_phone(caller) or caller[:40], when)


def _sidecar(path: Path) -> dict[str, object]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _time(text: str, zone: tzinfo) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _name_time(digits: str, zone: tzinfo) -> datetime | None:
    plain = re.sub(r"[-_T]", "", digits)
    try:
        return datetime.strptime(plain, "%Y%m%d%H%M%S").replace(tzinfo=zone) if plain else None
    except ValueError:
        return None


class SettledFiles:
    """The recordings in a folder that have stopped growing: a file is ready once its size and
    modification time are the same as `settle_s` seconds ago (by the caller's monotonic clock).
    Each is given once: a share keeping months of recordings is not asked about again every poll."""

    def __init__(self, settle_s: float) -> None:
        self.settle_s = settle_s
        self._seen: dict[Path, tuple[tuple[int, int], float]] = {}  # path -> ((size, mtime), since)
        self._given: set[Path] = set()

    def scan(self, folder: Path, now: float) -> list[tuple[Path, int]]:
        """(path, size) of each settled recording in `folder`, oldest first; OSError if the folder
        cannot be listed (a share that went away)."""
        current: dict[Path, tuple[int, int]] = {}
        for entry in folder.iterdir():
            if entry.suffix.lower() not in RECORDING_TYPES or entry.name.startswith("."):
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue  # removed or renamed between the listing and now
            if stat.st_size > 0 and entry.is_file():
                current[entry] = (stat.st_size, stat.st_mtime_ns)
        ready = []
        seen = {}
        for path, shape in current.items():
            before = self._seen.get(path)
            since = before[1] if before is not None and before[0] == shape else now
            seen[path] = (shape, since)
            if now - since >= self.settle_s and path not in self._given:
                ready.append((path, shape[0], shape[1]))
        self._seen = seen  # forgets files that went away
        self._given = {path for path in self._given if path in seen} | {path for path, _s, _m in ready}
        return [(path, size) for path, size, _mtime in sorted(ready, key=lambda r: (r[2], r[0]))]


@dataclass(frozen=True)
class Heard:
    segments: list[Segment]  # the final sentences, in the order they were said
    seconds: float


def transcribe_recording(
    path: Path,
    model: vosk.Model,
    call_id: str,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[float, float], None] | None = None,
) -> Heard:
    """The whole transcript of a recording, kept in memory until the end so that the store gets all
    of it or nothing (a half-done file is redone, never half-attached). AudioError if unreadable."""
    # Here, not at the top: the seat's store reads CallFacts from this module at start, and the
    # audio stack (numpy, soxr) loads in the recordings' worker, after the window shows.
    from app.speech.audio import AudioError
    from app.speech.files import transcribe_file

    stream = TranscriptStream()
    finals: list[Segment] = []
    lock = threading.Lock()

    def heard(segment: Segment) -> None:
        if segment.final and segment.text:
            with lock:
                finals.append(segment)

    stream.subscribe(heard)
    result = transcribe_file(path, model, call_id, stream, cancel=cancel, progress=progress)
    if result.cancelled:
        raise Cancelled
    if result.seconds == 0:
        raise AudioError("audio.silent", file=path.name)
    with lock:
        ordered = sorted(finals, key=lambda s: (s.start, s.speaker.value))
    return Heard(ordered, result.seconds)


class Cancelled(Exception):
    """The seat is closing: the recording is taken up again at the next start."""
