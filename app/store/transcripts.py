"""Call transcripts (通话转写) kept with the draft and ticket, one committed row per final sentence."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from app.speech.stream import Segment, Speaker, Word
from app.store.db import Store
from app.store.models import TranscriptSegmentRow


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
        """Every saved sentence of the ticket's calls, in the order they were said."""
        with self._store.reading() as session:
            rows = session.scalars(
                select(TranscriptSegmentRow)
                .where(TranscriptSegmentRow.ticket_id == ticket_id)
                .order_by(TranscriptSegmentRow.id)
            ).all()
            return [
                Segment(
                    call_id=row.call_id,
                    speaker=Speaker(row.speaker),
                    text=row.text,
                    start=row.start,
                    end=row.end,
                    words=tuple(Word(t, s, e, c) for t, s, e, c in json.loads(row.words)),
                    final=True,
                )
                for row in rows
            ]
