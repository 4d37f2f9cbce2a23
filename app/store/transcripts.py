"""Call transcripts (通话转写) kept with the draft and ticket, one committed row per final sentence."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from app.speech.stream import Segment, Speaker, Word
from app.store.db import Store
from app.store.models import RecordingJobRow, TranscriptSegmentRow


class TranscriptStore:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, ticket_id: str, segment: Segment) -> None:
        """Durably save a final segment (committed before this returns); partials are never kept."""
        if not segment.final:
            raise ValueError("only final segments are saved")
        words = [[w.text, w.start, w.end, w.conf] for w in segment.words]
        with self._store.transaction() as session:
            session.add(
                TranscriptSegmentRow(
                    ticket_id=ticket_id,
                    call_id=segment.call_id,
                    speaker=segment.speaker.value,
                    text=segment.text,
                    start=segment.start,
                    end=segment.end,
                    words=json.dumps(words, ensure_ascii=False),
                    created_at=datetime.now(UTC),
                )
            )

    def for_ticket(self, ticket_id: str) -> list[Segment]:
        """Every saved sentence of the ticket's live calls, in the order they were said (what the call
        panel shows again with its draft; recorded calls' lines are in `parts`)."""
        with self._store.reading() as session:
            rows = session.scalars(
                select(TranscriptSegmentRow)
                .where(
                    TranscriptSegmentRow.ticket_id == ticket_id, TranscriptSegmentRow.recording_id.is_(None)
                )
                .order_by(TranscriptSegmentRow.id)
            ).all()
            return [_segment(row) for row in rows]

    def parts(self, ticket_id: str) -> list[TranscriptPart]:
        """The ticket's transcript as the seat heard it live, then each recorded call's (录音转写),
        for the ticket dialog: a recording transcribed after a live call says the call again."""
        with self._store.reading() as session:
            rows = session.execute(
                select(TranscriptSegmentRow, RecordingJobRow.path)
                .outerjoin(RecordingJobRow, RecordingJobRow.id == TranscriptSegmentRow.recording_id)
                .where(TranscriptSegmentRow.ticket_id == ticket_id)
                .order_by(TranscriptSegmentRow.recording_id.is_not(None), TranscriptSegmentRow.id)
            ).all()
            parts: dict[int | None, TranscriptPart] = {}
            for row, path in rows:
                name = (path or "").replace("\\", "/").rsplit("/", 1)[-1]
                part = parts.setdefault(row.recording_id, TranscriptPart(name, []))
                part.segments.append(_segment(row))
            return list(parts.values())


@dataclass(frozen=True)
class TranscriptPart:
    recording: str  # the recording's file name; "" for what was transcribed live at the seat
    segments: list[Segment]


def _segment(row: TranscriptSegmentRow) -> Segment:
    return Segment(
        call_id=row.call_id,
        speaker=Speaker(row.speaker),
        text=row.text,
        start=row.start,
        end=row.end,
        words=tuple(Word(t, s, e, c) for t, s, e, c in json.loads(row.words)),
        final=True,
    )
