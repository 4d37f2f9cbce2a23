"""Draft autosave (草稿自动保存): every change of the intake form is committed at once.

A draft may also be parked (挂起): when a new call rings over a half-filled form, that form is kept
as it is, listed, and the operator returns to it later; a fresh draft takes the new caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.draft import Draft
from app.store.db import Store
from app.store.models import DraftRow


@dataclass(frozen=True)
class ParkedDraft:
    draft: Draft
    revision: int
    parked_at: datetime


class DraftStore:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, draft: Draft, revision: int) -> None:
        """Durably save `draft` (committed with synchronous=FULL before this returns).

        `revision` grows with every edit; an older revision never overwrites a newer one, so saves
        arriving out of order from a background writer cannot roll the draft back.
        """
        with self._store.transaction() as session:
            _save_in(session, draft, revision)

    def latest(self, seat_id: str) -> tuple[Draft, int] | None:
        """The draft this seat was working on last, with its revision (never a parked one)."""
        # Last saved, not last started: an operator who went back to an older call's draft gets
        # that one back (ids only tell when a draft was started).
        with self._store.reading() as session:
            row = session.scalars(
                select(DraftRow)
                .where(DraftRow.seat_id == seat_id, DraftRow.parked_at.is_(None))
                .order_by(DraftRow.updated_at.desc(), DraftRow.id.desc())
                .limit(1)
            ).first()
            return None if row is None else (Draft.from_json(row.payload), row.revision)

    def discard(self, draft_id: str) -> None:
        with self._store.transaction() as session:
            discard_in(session, draft_id)

    def park(self, draft: Draft, revision: int, *, at: datetime) -> None:
        """Put `draft` aside (saved as it is, unless a newer revision already is): it is listed in
        `parked` until resumed, and a restart does not open it."""
        with self._store.transaction() as session:
            _park_in(session, draft, revision, at)

    def parked(self, seat_id: str) -> list[ParkedDraft]:
        """This seat's parked drafts, the last parked first (the caller just put on one side)."""
        query = (
            select(DraftRow)
            .where(DraftRow.seat_id == seat_id, DraftRow.parked_at.is_not(None))
            .order_by(DraftRow.parked_at.desc(), DraftRow.id.desc())
        )
        with self._store.reading() as session:
            return [
                ParkedDraft(Draft.from_json(row.payload), row.revision, row.parked_at)
                for row in session.scalars(query)
                if row.parked_at is not None
            ]

    def resume(
        self,
        draft_id: str,
        *,
        park: Draft | None = None,
        revision: int = 0,
        at: datetime | None = None,
        discard: str | None = None,
    ) -> tuple[Draft, int] | None:
        """Back to the parked draft `draft_id`, in one transaction with what happens to the form left:
        `park` it (a half-filled one swaps places) or `discard` it (a blank one). None, and nothing
        changed, when that draft is no longer there (resumed elsewhere, accepted, purged)."""
        with self._store.transaction() as session:
            row = session.get(DraftRow, draft_id)
            if row is None or row.parked_at is None:
                return None
            row.parked_at = None
            row.updated_at = datetime.now(UTC)  # the one a restart opens
            if park is not None:
                _park_in(session, park, revision, at or datetime.now(UTC))
            if discard is not None:
                discard_in(session, discard)
            return Draft.from_json(row.payload), row.revision


def _save_in(session: Session, draft: Draft, revision: int) -> DraftRow:
    now = datetime.now(UTC)
    row = session.get(DraftRow, draft.id)
    if row is None:
        row = DraftRow(
            id=draft.id, seat_id=draft.seat_id, payload=draft.to_json(), revision=revision, updated_at=now
        )
        session.add(row)
    elif revision > row.revision:
        row.payload, row.revision, row.updated_at = draft.to_json(), revision, now
    return row


def _park_in(session: Session, draft: Draft, revision: int, at: datetime) -> None:
    _save_in(session, draft, revision).parked_at = at


def discard_in(session: Session, draft_id: str) -> None:
    session.execute(delete(DraftRow).where(DraftRow.id == draft_id))
