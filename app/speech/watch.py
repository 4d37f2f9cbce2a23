"""The watch folder's worker (录音监视): polls the folder, queues the recordings that have settled, and
transcribes the queue one recording at a time, attaching each to its ticket.

Runs on a thread of its own (ui.call.recording_watch starts it), never on the GUI thread: listing a
network share can take seconds. It waits while a call is on the line (the live transcript comes
first on a 2-core seat) and while no speech model is loaded; it stops between two blocks of audio.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.problem import Problem, ProblemError
from app.speech.recorded import NEEDS_DECODER, Cancelled, SettledFiles, call_facts, transcribe_recording
from app.store.recording_queue import LiveCalls, RecordingJob, RecordingQueue

if TYPE_CHECKING:
    import vosk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WatchPlan:
    """The settings the worker follows (calls.*); a change of them makes a new worker."""

    folder: Path | None  # None: no watch folder, only recordings the phone system sends by event
    pattern: str
    zone: tzinfo
    interval_s: float = 5.0
    settle_s: float = 5.0


@dataclass(frozen=True)
class Progress:
    job_id: int
    name: str
    done_s: float
    total_s: float


class RecordingWatch:
    def __init__(
        self,
        queue: RecordingQueue,
        plan: WatchPlan,
        *,
        model: Callable[[], vosk.Model | None],
        busy: Callable[[], bool],
        live_calls: LiveCalls,
        on_progress: Callable[[Progress], None] = lambda _p: None,
        on_change: Callable[[Problem | None], None] = lambda _p: None,
        on_attached: Callable[[str], None] = lambda _ticket_id: None,
    ) -> None:
        """`on_change` is told after the queue changed, with the folder's problem if it has one;
        `on_attached` the ticket (or draft) a recording's transcript has just joined."""
        self.queue, self.plan = queue, plan
        self._model, self._busy, self._live_calls = model, busy, live_calls
        self._on_progress, self._on_change, self._on_attached = on_progress, on_change, on_attached
        self._settled = SettledFiles(plan.settle_s)
        self.stop = threading.Event()
        self.wake = threading.Event()  # set to look again at once (a recording event, a new model)
        self.folder_problem: Problem | None = None

    def poll(self, now: float) -> int:
        """Queue the settled recordings of the folder not queued before; how many were queued."""
        folder = self.plan.folder
        if folder is None:
            return 0
        try:
            ready = self._settled.scan(folder, now)
        except OSError as exc:
            problem = Problem("recording.folder_unreadable", {"folder": str(folder), "error": str(exc)})
            if problem != self.folder_problem:
                log.warning("watch folder: %s", problem)
                self.folder_problem = problem
                self._on_change(problem)
            return 0
        was, self.folder_problem = self.folder_problem, None
        known = self.queue.known([str(path) for path, _size in ready])
        added = 0
        for path, size in ready:
            if str(path) not in known:
                facts = call_facts(path, self.plan.pattern, self.plan.zone)
                added += self.queue.add(str(path), size, facts)
        if added or was is not None:
            self._on_change(None)
        return added

    def rematch(self) -> int:
        """Attach unmatched recordings whose ticket has been filed since; how many were."""
        attached = self.queue.rematch(self._live_calls)
        for job in attached:
            assert job.ticket_id is not None
            self._on_attached(job.ticket_id)
        if attached:
            self._on_change(self.folder_problem)
        return len(attached)

    def add_sent(self, path: Path, call_id: str) -> bool:
        """A recording the phone system sent by event (`call recording --path`), for a call it named."""
        facts = call_facts(path, self.plan.pattern, self.plan.zone)
        if call_id:
            facts = type(facts)(call_id, facts.caller, facts.recorded_at)
        size = path.stat().st_size if path.is_file() else 0
        added = self.queue.add(str(path), size, facts)
        self.wake.set()
        return added

    def work_one(self) -> RecordingJob | None:
        """Transcribe and attach the next recording, if a model is loaded and no call is on the line;
        the job as it ended (done, unmatched or failed), or None when none was taken or it was cut
        off by `stop`. A file that cannot be transcribed fails alone; the queue goes on."""
        model = self._model()
        if model is None or self._busy() or self.stop.is_set():
            return None
        job = self.queue.take()
        if job is None:
            return None
        self._on_change(self.folder_problem)
        path = Path(job.path)

        def progress(done: float, total: float) -> None:
            self._on_progress(Progress(job.id, job.name, done, total))
            while self._busy() and not self.stop.is_set():  # a call came in: it has the CPU
                time.sleep(0.2)

        try:
            if not path.is_file():
                raise ProblemError(Problem("recording.gone", {"path": job.path}))
            heard = transcribe_recording(
                path, model, job.facts.call_id or f"rec-{job.id}", cancel=self.stop, progress=progress
            )
            done = self.queue.attach(job, heard.segments, heard.seconds, self._live_calls)
        except Cancelled:
            self.queue.put_back(job.id)
            return None
        except ProblemError as exc:
            log.warning("recording %s: %s", job.id, exc.problem)
            done = self.queue.failed(job.id, exc.problem)
        except Exception as exc:  # a recognizer or disk error: this file fails, the next is tried
            log.exception("recording %s failed", job.id)
            problem = Problem("audio.recognition_failed", {"file": job.name, "error": str(exc)})
            done = self.queue.failed(job.id, problem)
        self._on_change(self.folder_problem)
        if done is not None and done.ticket_id:
            self._on_attached(done.ticket_id)
        return done

    def run(self) -> None:
        """Poll and work until `stop` is set; a failure of one round is logged, the next round comes.
        Recordings that needed a decoder this seat lacked are tried again first: it may have it now."""
        try:
            self.queue.retry(NEEDS_DECODER)
        except Exception:
            log.exception("recordings waiting for a decoder not put back")
        while not self.stop.is_set():
            try:
                self.poll(time.monotonic())
                self.rematch()
                while not self.stop.is_set() and self.work_one() is not None:
                    self.poll(time.monotonic())  # files keep arriving while a long one is transcribed
            except Exception:
                log.exception("watch folder round failed")
            self.wake.wait(self.plan.interval_s)
            self.wake.clear()
