"""The queue of recorded calls (录音转写队列) in the seat's store, and which ticket a recording goes to.

A recording is queued once (its path is unique), taken (`working`), and settled in one transaction
with its whole transcript: `done` (with the ticket it was attached to), `unmatched` (transcribed, no
ticket found: kept, shown, not lost) or `failed` (why, as a Problem). A `working` row found when the
seat starts was cut off by a crash or a kill: it is taken again, up to MAX_ATTEMPTS times, so that a
file that kills the recognizer cannot stop the queue for good.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, select, update

from app.domain.problem import Problem, as_column, from_column
from app.speech.recorded import CallFacts
from app.speech.stream import Segment
from app.store.callers import phone_digits
from app.store.db import Store
from app.store.models import RecordingJobRow, TicketRow, TranscriptSegmentRow

MAX_ATTEMPTS = 3


class JobState(StrEnum):
    WAITING = "waiting"
    WORKING = "working"
    DONE = "done"
    UNMATCHED = "unmatched"
    FAILED = "failed"


class MatchedBy(StrEnum):
    CALL_ID = "call_id"
    NUMBER_AND_TIME = "number_time"


@dataclass(frozen=True)
class RecordingJob:
    id: int
    path: str
    state: JobState
    attempts: int
    facts: CallFacts
    ticket_id: str | None
    matched_by: MatchedBy | None
    seconds: float
    problem: Problem | str | None
    created_at: datetime
    ticket_no: str = ""  # the ticket's 工单编号 (or local number) when `jobs` lists it

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


def _job(row: RecordingJobRow) -> RecordingJob:
    return RecordingJob(
        id=row.id,
        path=row.path,
        state=JobState(row.state),
        attempts=row.attempts,
        facts=CallFacts(row.call_id, row.caller, row.recorded_at),
        ticket_id=row.ticket_id,
        matched_by=MatchedBy(row.matched_by) if row.matched_by else None,
        seconds=row.seconds,
        problem=from_column(row.problem) if row.problem else None,
        created_at=row.created_at,
    )


def _code(column: str | None) -> str:
    said = from_column(column) if column else None
    return said.code if isinstance(said, Problem) else ""


# The ticket a live call's transcript went to, from the seat's memory of its calls (the desk), if any.
LiveCalls = Callable[[str], str | None]


class RecordingQueue:
    def __init__(self, store: Store, *, window: timedelta = timedelta(minutes=30)) -> None:
        self._store = store
        self.window = window  # how far a ticket of the number may be from the recording's time

    def add(self, path: str, size: int, facts: CallFacts) -> bool:
        """Queue a recording; False when this path was queued before (a done file is never redone)."""
        now = datetime.now(UTC)
        with self._store.transaction() as session:
            if session.scalar(select(RecordingJobRow.id).where(RecordingJobRow.path == path)) is not None:
                return False
            session.add(
                RecordingJobRow(
                    path=path,
                    size=size,
                    state=JobState.WAITING.value,
                    attempts=0,
                    call_id=facts.call_id,
                    caller=facts.caller,
                    recorded_at=facts.recorded_at,
                    matched_by="",
                    seconds=0.0,
                    created_at=now,
                )
            )
        return True

    def known(self, paths: list[str]) -> set[str]:
        """Which of `paths` are queued already (in any state)."""
        found: set[str] = set()
        with self._store.reading() as session:
            for start in range(0, len(paths), 500):  # within SQLite's limit of bound parameters
                query = select(RecordingJobRow.path).where(
                    RecordingJobRow.path.in_(paths[start : start + 500])
                )
                found.update(session.scalars(query))
        return found

    def take(self) -> RecordingJob | None:
        """The next recording to transcribe, marked `working`: one cut off by a stop first, then the
        oldest waiting. A cut-off one taken MAX_ATTEMPTS times already fails instead."""
        open_states = [JobState.WORKING.value, JobState.WAITING.value]
        with self._store.reading() as session:  # the usual answer, asked every few seconds: no write lock
            if (
                session.scalar(select(RecordingJobRow.id).where(RecordingJobRow.state.in_(open_states)))
                is None
            ):
                return None
        with self._store.transaction() as session:
            session.execute(
                update(RecordingJobRow)
                .where(
                    RecordingJobRow.state == JobState.WORKING.value,
                    RecordingJobRow.attempts >= MAX_ATTEMPTS,
                )
                .values(
                    state=JobState.FAILED.value,
                    problem=as_column(Problem("recording.gave_up", {"attempts": MAX_ATTEMPTS})),
                    finished_at=datetime.now(UTC),
                )
            )
            row = session.scalars(
                select(RecordingJobRow)
                .where(RecordingJobRow.state.in_(open_states))
                .order_by(RecordingJobRow.state.desc(), RecordingJobRow.id)  # working before waiting
                .limit(1)
            ).first()
            if row is None:
                return None
            row.state, row.attempts = JobState.WORKING.value, row.attempts + 1
            session.flush()
            return _job(row)

    def put_back(self, job_id: int) -> None:
        """A job not finished because the seat is closing: waiting again, the attempt not counted."""
        with self._store.transaction() as session:
            session.execute(
                update(RecordingJobRow)
                .where(RecordingJobRow.id == job_id)
                .values(state=JobState.WAITING.value, attempts=RecordingJobRow.attempts - 1)
            )

    def retry(self, code: str) -> int:
        """Put the recordings that failed with the problem `code` back in the queue, attempts reset;
        how many. The watch folder's worker does so at each start for the formats that needed a
        decoder the seat lacked: installing it and starting again is all an administrator does."""
        with self._store.transaction() as session:
            rows = session.scalars(
                select(RecordingJobRow).where(RecordingJobRow.state == JobState.FAILED.value)
            ).all()
            again = [row for row in rows if _code(row.problem) == code]
            for row in again:
                row.state, row.attempts, row.problem, row.finished_at = JobState.WAITING.value, 0, None, None
            return len(again)

    def failed(self, job_id: int, problem: Problem) -> RecordingJob:
        with self._store.transaction() as session:
            row = session.get_one(RecordingJobRow, job_id)
            row.state, row.problem = JobState.FAILED.value, as_column(problem)
            row.finished_at = datetime.now(UTC)
            session.flush()
            return _job(row)

    def attach(
        self, job: RecordingJob, segments: list[Segment], seconds: float, live_calls: LiveCalls
    ) -> RecordingJob:
        """Keep the transcript with the ticket the recording belongs to (see `match`) and settle the
        job, in one transaction: a crash before it commits leaves the job to be redone whole."""
        ticket_id, matched_by = self.match(job.facts, live_calls)
        now = datetime.now(UTC)
        with self._store.transaction() as session:
            # Lines of an attempt that somehow got written stay unique to the last one.
            session.execute(delete(TranscriptSegmentRow).where(TranscriptSegmentRow.recording_id == job.id))
            for segment in segments:
                words = [[w.text, w.start, w.end, w.conf] for w in segment.words]
                session.add(
                    TranscriptSegmentRow(
                        ticket_id=ticket_id or "",
                        call_id=segment.call_id,
                        speaker=segment.speaker.value,
                        text=segment.text,
                        start=segment.start,
                        end=segment.end,
                        words=json.dumps(words, ensure_ascii=False),
                        created_at=now,
                        recording_id=job.id,
                    )
                )
            row = session.get_one(RecordingJobRow, job.id)
            row.state = (JobState.DONE if ticket_id else JobState.UNMATCHED).value
            row.ticket_id, row.matched_by = ticket_id, matched_by.value if matched_by else ""
            row.seconds, row.finished_at, row.problem = seconds, now, None
            session.flush()
            return _job(row)

    def rematch(self, live_calls: LiveCalls, *, now: datetime | None = None) -> list[RecordingJob]:
        """Attach the unmatched recordings whose ticket has appeared since: a recording often arrives
        while the operator is still writing the ticket, before 受理. Only those recorded within the
        window before now are asked about again; older ones can match nothing new."""
        since = (now or datetime.now(UTC)) - self.window
        with self._store.reading() as session:
            rows = session.scalars(
                select(RecordingJobRow).where(
                    RecordingJobRow.state == JobState.UNMATCHED.value, RecordingJobRow.recorded_at >= since
                )
            ).all()
            waiting = [_job(row) for row in rows]
        attached = []
        for job in waiting:
            ticket_id, matched_by = self.match(job.facts, live_calls)
            if ticket_id is None or matched_by is None:
                continue
            with self._store.transaction() as session:
                session.execute(
                    update(TranscriptSegmentRow)
                    .where(TranscriptSegmentRow.recording_id == job.id)
                    .values(ticket_id=ticket_id)
                )
                row = session.get_one(RecordingJobRow, job.id)
                row.state, row.ticket_id, row.matched_by = JobState.DONE.value, ticket_id, matched_by.value
                session.flush()
                attached.append(_job(row))
        return attached

    def match(self, facts: CallFacts, live_calls: LiveCalls) -> tuple[str | None, MatchedBy | None]:
        """The ticket of the recording's call: by its call id (the seat's calls in memory, then the
        live transcript saved under that call), else the ticket of the caller's number nearest in
        time within `window` of the recording. (None, None) when there is none."""
        if facts.call_id:
            if found := live_calls(facts.call_id):
                return found, MatchedBy.CALL_ID
            with self._store.reading() as session:
                said = session.scalar(
                    select(TranscriptSegmentRow.ticket_id)
                    .where(
                        TranscriptSegmentRow.call_id == facts.call_id,
                        TranscriptSegmentRow.recording_id.is_(None),
                    )
                    .limit(1)
                )
            if said:
                return said, MatchedBy.CALL_ID
        digits = "".join(ch for ch in facts.caller if ch.isdigit())
        if not digits or facts.recorded_at is None:
            return None, None
        at = facts.recorded_at
        with self._store.reading() as session:
            near = session.scalars(
                select(TicketRow)
                .where(
                    phone_digits() == digits,
                    TicketRow.created_at >= at - self.window,
                    TicketRow.created_at <= at + self.window,
                )
                .limit(50)
            ).all()
            best = min(near, key=lambda row: abs((row.created_at - at).total_seconds()), default=None)
            return (best.id, MatchedBy.NUMBER_AND_TIME) if best is not None else (None, None)

    def jobs(self, *, limit: int = 200) -> list[RecordingJob]:
        """The newest jobs first, with their tickets' numbers, for the queue's view."""
        with self._store.reading() as session:
            rows = session.execute(
                select(RecordingJobRow, func.coalesce(TicketRow.number, TicketRow.local_no))
                .outerjoin(TicketRow, TicketRow.id == RecordingJobRow.ticket_id)
                .order_by(RecordingJobRow.id.desc())
                .limit(limit)
            ).all()
            return [dataclasses.replace(_job(row), ticket_no=number or "") for row, number in rows]

    def counts(self) -> dict[JobState, int]:
        with self._store.reading() as session:
            rows = session.execute(
                select(RecordingJobRow.state, func.count()).group_by(RecordingJobRow.state)
            ).all()
        return {JobState(state): count for state, count in rows}
