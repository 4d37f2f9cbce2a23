"""The seat's copy of the reference data (参考数据): what it plans with, offline too.

A pulled document is kept only after it passed the seat's own loader, in one transaction with the
names of the categories it retires; a refused version is remembered with why, so it is neither
fetched again nor tried at the next start. Without a pulled copy the seat uses the shipped files.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from app.domain.problem import Problem, as_column, from_column
from app.domain.sla import SlaClock
from app.domain.taxonomy import Taxonomy
from app.intake.emergency import EmergencyList
from app.reference import (
    EMERGENCY,
    SLA,
    TAXONOMY,
    Document,
    ReferenceDataError,
    RetiredName,
    emergency_list_of,
    sla_of,
    taxonomy_of,
)
from app.resources import load_emergency_list, load_sla_clock, load_taxonomy
from app.store.db import Store
from app.store.models import ReferenceRow, RetiredCategoryRow
from app.store.tickets import utc_now

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    name: str
    version: str
    reason: Problem | str  # a problem (worded when shown), or words kept by an earlier version
    at: datetime


class ReferenceStore:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._store, self._clock = store, clock

    def document(self, name: str) -> Document | None:
        with self._store.reading() as session:
            row = session.get(ReferenceRow, name)
            if row is None or row.files is None:
                return None
            return Document(name, json.loads(row.files))

    def versions(self) -> dict[str, str]:
        """Per document, the version this seat holds (shipped files: none)."""
        with self._store.reading() as session:
            rows = session.scalars(select(ReferenceRow).where(ReferenceRow.version.is_not(None)))
            return {row.name: str(row.version) for row in rows}

    def refusal(self, name: str) -> Refusal | None:
        with self._store.reading() as session:
            row = session.get(ReferenceRow, name)
            if row is None or row.refused_version is None or row.refused_at is None:
                return None
            return Refusal(name, row.refused_version, from_column(row.refused_reason or ""), row.refused_at)

    def save(
        self, document: Document, *, retired: Sequence[RetiredName] = (), revived: Collection[str] = ()
    ) -> None:
        """Keep a checked document; `retired`: categories it dropped, `revived`: codes it has again."""
        now = self._clock()
        with self._store.transaction() as session:
            row = session.get(ReferenceRow, document.name) or ReferenceRow(name=document.name)
            row.version, row.files, row.saved_at = document.version, json.dumps(dict(document.files)), now
            row.refused_version = row.refused_reason = None
            row.refused_at = None
            session.add(row)
            if revived:
                session.execute(delete(RetiredCategoryRow).where(RetiredCategoryRow.code.in_(list(revived))))
            for gone in retired:
                kept = session.get(RetiredCategoryRow, gone.code)
                if kept is None:
                    session.add(
                        RetiredCategoryRow(code=gone.code, name=gone.name, en=gone.en, retired_at=now)
                    )

    def refuse(self, name: str, version: str, reason: Problem) -> None:
        with self._store.transaction() as session:
            row = session.get(ReferenceRow, name) or ReferenceRow(name=name)
            row.refused_version, row.refused_reason, row.refused_at = (
                version,
                as_column(reason),
                self._clock(),
            )
            session.add(row)

    def retired(self) -> dict[str, RetiredName]:
        with self._store.reading() as session:
            rows = session.scalars(select(RetiredCategoryRow))
            return {r.code: RetiredName(r.code, r.name, r.en) for r in rows}

    # -- what the seat plans with ---------------------------------------------------------------------

    def taxonomy(self) -> Taxonomy:
        """The last good pulled catalogue, else the shipped one."""
        document = self.document(TAXONOMY)
        if document is not None:
            try:
                return taxonomy_of(document)
            except ReferenceDataError as exc:  # e.g. a newer seat's loader is stricter: say so, go on
                log.error(
                    "参考数据: the kept catalogue %s no longer loads, using the shipped one: %s",
                    document.version,
                    exc,
                )
        return load_taxonomy()

    def emergency_list(self) -> EmergencyList:
        """The last good pulled emergency word list, else the shipped one."""
        document = self.document(EMERGENCY)
        if document is not None:
            try:
                return emergency_list_of(document)
            except ReferenceDataError as exc:
                log.error(
                    "参考数据: the kept emergency list %s no longer loads, using the shipped one: %s",
                    document.version,
                    exc,
                )
        return load_emergency_list()

    def sla(self, timezone: str | None = None) -> SlaClock:
        """The last good pulled SLA rules and calendar, else the shipped ones."""
        document = self.document(SLA)
        if document is not None:
            try:
                return sla_of(document, timezone)
            except ReferenceDataError as exc:
                log.error(
                    "参考数据: the kept SLA rules %s no longer load, using the shipped ones: %s",
                    document.version,
                    exc,
                )
        return load_sla_clock(timezone=timezone)
