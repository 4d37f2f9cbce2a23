"""Keeping the seat's reference data in step with the server's (参考数据同步): taxonomy, SLA rules and
emergency word list.

Every pull page names the versions the server serves; a document whose version differs from the
seat's is fetched whole, checked with the loaders the seat itself plans with, and kept only if it
passes (app.store.reference). A document that fails is refused: the seat keeps planning with the one
it has, records why, and does not fetch that version again. Switching the running window to what was
kept is the window's job, at a safe point (the Workspace).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.domain.problem import Problem
from app.reference import EMERGENCY, SLA, TAXONOMY, Document, ReferenceDataError, check, retired_between
from app.store.reference import ReferenceStore
from sync.client.api import ServerApi, ServerRefused
from sync.protocol import ReferenceVersions

log = logging.getLogger(__name__)


@dataclass
class ReferenceUpdate:
    """What one sync round did to the reference data."""

    adopted: list[Document] = field(default_factory=list)  # checked and kept: the window switches
    refused: list[Problem] = field(default_factory=list)  # per refused document, why


class ReferenceSync:
    def __init__(self, api: ServerApi, store: ReferenceStore, *, timezone: str | None = None) -> None:
        """`timezone`: the seat's centre.timezone, which SLA rules are checked (and used) with."""
        self._api, self._store, self._timezone = api, store, timezone

    def pull(self, served: ReferenceVersions) -> ReferenceUpdate:
        """Fetch and keep what changed on the server. Raises what ServerApi raises (Offline, ...)
        with every document finished so far kept."""
        update = ReferenceUpdate()
        held = self._store.versions()
        wanted = {TAXONOMY: served.taxonomy, SLA: served.sla, EMERGENCY: served.emergency}
        for name, version in wanted.items():
            if not version or version == held.get(name):
                continue
            refusal = self._store.refusal(name)
            if refusal is not None and refusal.version == version:
                continue  # refused already: told once, not fetched every round
            try:
                wire = self._api.reference(name)
            except ServerRefused as exc:
                if exc.status != 404:
                    raise
                # A server of the previous version serves no documents: the seat keeps its own.
                log.info("参考数据: the server does not serve %s: %s", name, exc)
                continue
            document = Document(wire.name, dict(wire.files))
            try:
                self._keep(document)
            except ReferenceDataError as exc:
                reason = Problem(
                    f"reference.{name}_refused", {"version": document.version, "problem": exc.problem}
                )
                log.warning("参考数据: %s", reason)
                self._store.refuse(name, document.version, reason)
                update.refused.append(reason)
                continue
            log.info("参考数据: %s now %s", name, document.version)
            update.adopted.append(document)
        return update

    def _keep(self, document: Document) -> None:
        if document.version != f"{document.declared}-{document.digest}":
            raise ReferenceDataError("reference.version_differs", name=document.name)
        parsed = check(document, timezone=self._timezone)
        if document.name != TAXONOMY:
            self._store.save(document)
            return
        old = self._store.taxonomy()
        self._store.save(
            document,
            retired=retired_between(old, parsed),
            revived=[c.code for c in parsed if c.code not in old],
        )
