"""The reference data the server plans with and serves to the seats (app.reference): the files in its
reference folder (the `reference_dir` setting; default the shipped resources/), as they are now.

An administrator edits a file in place; the next request that needs it sees the change (a stat per
file, the text read only when size or time moved). An edit that does not load is refused: the server
logs why and keeps planning with, and serving, the last good version, so seats never get a document
they would have to refuse. An edit that forgot to raise `version:` is logged and served all the same:
the version seats compare carries a hash of the content.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.sla import SlaClock
from app.domain.taxonomy import Taxonomy
from app.reference import EMERGENCY, FILES, SLA, TAXONOMY, Document, ReferenceDataError, check, read_document
from app.resources import ResourceError
from sync.protocol import ReferenceVersions

log = logging.getLogger(__name__)

_Stamp = tuple[tuple[int, int] | None, ...]  # per file: (mtime_ns, size), None when missing


@dataclass(frozen=True)
class _Served:
    document: Document | None  # None: an optional document the folder does not have
    parsed: Any


class ReferenceLibrary:
    def __init__(self, folder: Path) -> None:
        """Loads every document now: a server whose reference files do not load does not start
        (ResourceError naming the file)."""
        self.folder = folder
        self._lock = threading.Lock()
        self._served: dict[str, _Served] = {}
        self._seen: dict[str, _Stamp] = {}
        for name in FILES:
            try:
                self._refresh(name)
            except ReferenceDataError as exc:
                raise ResourceError(str(exc)) from None

    def document(self, name: str) -> Document | None:
        return self._current(name).document

    def versions(self) -> ReferenceVersions:
        documents = {name: self.document(name) for name in FILES}
        versions = {name: d.version if d is not None else None for name, d in documents.items()}
        return ReferenceVersions(
            taxonomy=str(versions[TAXONOMY]), sla=str(versions[SLA]), emergency=versions[EMERGENCY]
        )

    def taxonomy(self) -> Taxonomy:
        taxonomy: Taxonomy = self._current(TAXONOMY).parsed
        return taxonomy

    def sla(self) -> SlaClock:
        clock: SlaClock = self._current(SLA).parsed
        return clock

    def _current(self, name: str) -> _Served:
        with self._lock:
            try:
                self._refresh(name)
            except ReferenceDataError as exc:
                served = self._served[name]
                version = served.document.version if served.document is not None else "none"
                log.error("参考数据 %s: edit refused, still serving %s: %s", name, version, exc)
            return self._served[name]

    def _refresh(self, name: str) -> None:
        stamp = self._stamp(name)
        if self._seen.get(name) == stamp:
            return
        self._seen[name] = stamp  # a refused edit is reported once, not on every request
        document = read_document(self.folder, name)
        parsed = check(document) if document is not None else None
        old = self._served.get(name)
        if old is not None and old.document is not None and document is not None:
            if document.digest == old.document.digest:
                return
            if document.declared == old.document.declared:
                log.warning(
                    "参考数据 %s: %s changed without raising version: %s; served as %s",
                    name,
                    ", ".join(FILES[name]),
                    document.declared,
                    document.version,
                )
        if document is not None:
            log.info("参考数据 %s: serving %s", name, document.version)
        self._served[name] = _Served(document, parsed)

    def _stamp(self, name: str) -> _Stamp:
        stamps: list[tuple[int, int] | None] = []
        for file in FILES[name]:
            try:
                stat = (self.folder / file).stat()
            except OSError:
                stamps.append(None)
                continue
            stamps.append((stat.st_mtime_ns, stat.st_size))
        return tuple(stamps)
