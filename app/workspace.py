"""Everything one running seat works with, opened together and closed together (no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from app.config.settings import Config
from app.domain.draft import Draft
from app.domain.ids import new_id
from app.domain.seat import Seat
from app.domain.sla import SlaClock
from app.domain.taxonomy import Taxonomy
from app.intake.classifier import Classifier
from app.intake.emergency import EmergencyList
from app.intake.model import ready_classifier
from app.paths import AppPaths
from app.reference import RetiredName, category_label
from app.speech.stream import TranscriptStream
from app.store.callbacks import CallbackStore
from app.store.changes import Changes
from app.store.conflicts import ConflictStore
from app.store.db import Store, open_store
from app.store.drafts import DraftStore
from app.store.exports import ExportLog
from app.store.keys import KeySource
from app.store.meta import DEMO_MARKER, get_meta
from app.store.outbox import Outbox
from app.store.recording_queue import RecordingQueue
from app.store.reference import ReferenceStore
from app.store.replica import Replica
from app.store.retention import PurgeReport, RetentionPolicy, purge
from app.store.tickets import TicketStore
from app.store.transcripts import TranscriptStore


@dataclass(frozen=True)
class Reference:
    """What a seat plans and shows with: one consistent set, switched as a whole."""

    taxonomy: Taxonomy
    sla: SlaClock
    retired: Mapping[str, RetiredName]
    emergencies: EmergencyList  # 紧急情况词表: what the intake listens for


@dataclass
class Workspace:
    paths: AppPaths
    config: Config
    seat: Seat
    store: Store
    tickets: TicketStore
    drafts: DraftStore
    outbox: Outbox
    conflicts: ConflictStore  # 同步冲突 the operator still has to decide
    replica: Replica  # what the server said: notices such as a lead's reassignment
    transcripts: TranscriptStore  # 通话转写, saved with the draft/ticket as it is recognized
    recordings: RecordingQueue  # 录音转写队列: recorded calls waiting, done or failed
    reference: ReferenceStore  # the last good taxonomy / SLA rules pulled from the server
    taxonomy: Taxonomy
    sla: SlaClock
    retired: Mapping[str, RetiredName]  # categories a pulled catalogue dropped: their last names
    emergencies: EmergencyList  # 紧急情况词表, pulled like the catalogue
    retention: RetentionPolicy  # how long this seat keeps what (the settings' retention.* values)
    callbacks: CallbackStore  # 漏接回拨 · 回访: the numbers this seat has to call back
    exports: ExportLog  # 导出: lists written to files, until the server's access log has them
    # The live call's transcript: the call panel, intake form and knowledge panel subscribe to it.
    transcript: TranscriptStream = field(default_factory=TranscriptStream)
    # The intake model for `taxonomy`, made on first use (see classifier()); never at start-up.
    _classifier: tuple[Taxonomy, Classifier] | None = field(default=None, init=False, repr=False)
    _classifier_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @classmethod
    def open(cls, paths: AppPaths, config: Config, keys: KeySource | None = None) -> Workspace:
        """`keys`: where the store's key is kept (see app/store/keys.py); None: open_store's default."""
        paths.create()
        store = open_store(paths.store_file, keys)
        reference = ReferenceStore(store)
        # The last good version pulled from the server (offline too), else the shipped files.
        sla = reference.sla(config.text("centre.timezone"))
        seat = Seat(config.text("seat.id"), config.text("seat.operator"))
        tickets = TicketStore(store, sla)
        retention = RetentionPolicy.from_config(config)
        return cls(
            paths=paths,
            config=config,
            seat=seat,
            store=store,
            tickets=tickets,
            drafts=DraftStore(store),
            outbox=Outbox(store),
            conflicts=ConflictStore(store, tickets),
            replica=Replica(store, sla, mask_after=retention.personal),
            transcripts=TranscriptStore(store),
            recordings=RecordingQueue(
                store, window=timedelta(minutes=config.number("calls.match_window_minutes"))
            ),
            reference=reference,
            taxonomy=reference.taxonomy(),
            sla=sla,
            retired=reference.retired(),
            emergencies=reference.emergency_list(),
            retention=retention,
            callbacks=CallbackStore(store),
            exports=ExportLog(store),
        )

    def load_reference(self) -> Reference:
        """The reference data kept in the store now (off the GUI thread: it parses the files)."""
        timezone = self.config.text("centre.timezone")
        kept = self.reference
        return Reference(kept.taxonomy(), kept.sla(timezone), kept.retired(), kept.emergency_list())

    def switch(self, reference: Reference) -> Changes:
        """Plan and show with `reference` from now on; call it where nothing is half-way through
        using the old one (the GUI thread, between events). Tickets keep the codes they hold."""
        self.taxonomy, self.sla, self.retired = reference.taxonomy, reference.sla, reference.retired
        self.emergencies = reference.emergencies
        self.tickets.plan_with(reference.sla)
        self.replica.plan_with(reference.sla)
        return Changes(queue=True, reference=True)

    def classifier(self) -> Classifier:
        """What suggests the kind and category of a call, for the catalogue in use now. Call it off the
        GUI thread: the first call loads the model's weights, or trains them in a separate process
        (seconds) when the catalogue or the examples changed; after a switch() the next call does."""
        with self._classifier_lock:
            taxonomy = self.taxonomy
            if self._classifier is None or self._classifier[0] is not taxonomy:
                self._classifier = (taxonomy, ready_classifier(self.paths.data_dir, taxonomy))
            return self._classifier[1]

    def category_label(self, code: str | None, *, english: bool = False) -> str:
        """A ticket's category as shown, also under a code a newer catalogue dropped."""
        return category_label(self.taxonomy, self.retired, code, english=english)

    @property
    def zone(self) -> ZoneInfo:
        """The centre's time zone (setting centre.timezone): every time a seat shows or exports is
        in it, whatever the PC's own zone, so the form, the queue and the history agree."""
        return self.sla.calendar.timezone

    @property
    def actor(self) -> str:
        """Who is recorded in events: the operator's name, or the seat when nobody signed in."""
        return self.seat.operator or self.seat.seat_id

    def is_demo(self) -> bool:
        """The store holds demo tickets (演示数据), which are never synced."""
        return get_meta(self.store, DEMO_MARKER) == "1"

    def new_draft(self) -> Draft:
        # On the centre's clock: a time typed in the form (发生时间, 2026-12-06 22:00) is the centre's.
        return Draft(id=new_id(), seat_id=self.seat.seat_id, started_at=datetime.now(self.zone))

    def set_retention(self, config: Config) -> None:
        """The retention periods as the settings now say (the next purge applies them)."""
        self.retention = RetentionPolicy.from_config(config)
        self.replica.mask_after(self.retention.personal)

    def purge(self, now: datetime | None = None) -> tuple[PurgeReport, Changes]:
        """Apply the retention periods (at start and when they change, off the GUI thread): what
        was removed."""
        report = purge(self.store, self.retention, now or datetime.now(UTC))
        return report, report.changes

    def close(self) -> None:
        self.store.close()
