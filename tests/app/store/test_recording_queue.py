"""The recorded calls' queue in the store: a recording that arrived before its ticket was filed is
attached once the ticket is there (within the window), and only then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.speech.recorded import CallFacts
from app.speech.stream import Segment, Speaker
from app.store.db import Store
from app.store.recording_queue import JobState, MatchedBy, RecordingQueue
from app.store.tickets import TicketStore
from app.store.transcripts import TranscriptStore
from tests.filed_calls import filed_call

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _unmatched(queue: RecordingQueue, name: str, recorded_at: datetime) -> int:
    queue.add(f"/share/{name}", 100, CallFacts("", "13812345678", recorded_at))
    job = queue.take()
    assert job is not None
    said = [Segment("rec", Speaker.CALLER, "电梯坏了", 0.0, 1.0, (), True)]
    assert queue.attach(job, said, 3.0, lambda _c: None).state is JobState.UNMATCHED
    return job.id


def test_a_recording_ahead_of_its_ticket_is_attached_once_the_ticket_is_filed(
    store: Store, ticket_store: TicketStore
) -> None:
    queue = RecordingQueue(store, window=timedelta(minutes=30))
    job_id = _unmatched(queue, "a.wav", NOW)
    assert queue.rematch(lambda _c: None, now=NOW + timedelta(minutes=3)) == []
    ticket = filed_call("13812345678", NOW + timedelta(minutes=5))  # 受理 after the call
    ticket_store.import_history([(ticket, [])], demo=False)
    (attached,) = queue.rematch(lambda _c: None, now=NOW + timedelta(minutes=6))
    assert (attached.id, attached.state, attached.ticket_id) == (job_id, JobState.DONE, ticket.id)
    assert attached.matched_by is MatchedBy.NUMBER_AND_TIME
    (part,) = TranscriptStore(store).parts(ticket.id)
    assert (part.recording, [s.text for s in part.segments]) == ("a.wav", ["电梯坏了"])
    assert queue.rematch(lambda _c: None, now=NOW + timedelta(minutes=7)) == []


def test_an_old_unmatched_recording_is_not_asked_about_again(store: Store, ticket_store: TicketStore) -> None:
    queue = RecordingQueue(store, window=timedelta(minutes=30))
    _unmatched(queue, "old.wav", NOW - timedelta(hours=2))
    ticket_store.import_history([(filed_call("13812345678", NOW - timedelta(hours=2)), [])], demo=False)
    assert queue.rematch(lambda _c: None, now=NOW) == []
    assert [j.state for j in queue.jobs()] == [JobState.UNMATCHED]


def test_a_share_of_thousands_of_recordings_is_checked_against_the_queue(store: Store) -> None:
    queue = RecordingQueue(store)
    done = [f"/share/{n:05d}.wav" for n in range(600)]
    for path in done:
        queue.add(path, 10, CallFacts())
    assert queue.known([*done, "/share/new.wav"]) == set(done)
