"""What a write changed, so views refresh from one signal (like Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    tickets: frozenset[str] = frozenset()  # ids whose fields or status changed
    queue: bool = False  # rows were added or removed, or their order may have changed
    drafts: bool = False
    outbox: bool = False
    kb: bool = False  # knowledge-base articles were added, changed or deleted (sync, import, seed)
    reference: bool = False  # the seat switched to a newer taxonomy / SLA rules (app.reference)
    callbacks: bool = False  # the callback list (漏接回拨 · 回访) changed
    transcripts: frozenset[str] = frozenset()  # tickets (or drafts) a recorded call's transcript joined
    notifications: bool = False  # notifications (通知) were kept or read

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.tickets | other.tickets,
            self.queue or other.queue,
            self.drafts or other.drafts,
            self.outbox or other.outbox,
            self.kb or other.kb,
            self.reference or other.reference,
            self.callbacks or other.callbacks,
            self.transcripts | other.transcripts,
            self.notifications or other.notifications,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.tickets
            or self.queue
            or self.drafts
            or self.outbox
            or self.kb
            or self.reference
            or self.callbacks
            or self.transcripts
            or self.notifications
        )
