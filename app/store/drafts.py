"""Draft autosave (草稿自动保存): every change of the intake form is committed at once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.draft import Draft
from app.store.db import Store
from app.store.models import DraftRow


class DraftStore:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, draft: Draft, revision: int) -> None:
        """Durably save `draft` (committed with synchronous=FULL before this returns).

        `revision` grows with every edit; an older revision never overwrites a newer one, so saves
        arriving out of order from a background writer cannot roll the draft back.
        """
        now = datetime.now(UTC)
        with self._store.transaction() as session:
            row = session.get(DraftRow, draft.id)
            if row is None:
                session.add(
                    DraftRow(
                        id=draft.id,
                        seat_id=draft.seat_id,
                        payload=draft.to_json(),
                        revision=revision,
                        updated_at=now,
                    )
                )
            elif revision > row.revision:
                row.payload, row.revision, row.updated_at = draft.to_json(), revision, now

    def latest(self, seat_id: str) -> tuple[Draft, int] | None:
        """The draft this seat was working on last, with its revision."""
        # Last saved, not last started: an operator who went back to an older call's draft gets
        # that one back (ids only tell when a draft was started).
        with self._store.reading() as session:
            row = session.scalars(
                select(DraftRow)
                .where(DraftRow.seat_id == seat_id)
                .order_by(DraftRow.updated_at.desc(), DraftRow.id.desc())
                .limit(1)
            ).first()
            return None if row is None else (Draft.from_json(row.payload), row.revision)

    def discard(self, draft_id: str) -> None:
        with self._store.transaction() as session:
            discard_in(session, draft_id)


def discard_in(session: Session, draft_id: str) -> None:
    session.execute(delete(DraftRow).where(DraftRow.id == draft_id))
