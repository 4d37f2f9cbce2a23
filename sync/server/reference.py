"""Versions of the reference data the server plans with, so a seat can tell its copy is stale."""

from __future__ import annotations

import hashlib
from functools import cache

from app.paths import resources_dir
from sync.protocol import ReferenceVersions


def _digest(*names: str) -> str:
    sha = hashlib.sha256()
    for name in names:
        sha.update((resources_dir() / name).read_bytes())
    return sha.hexdigest()[:12]


@cache  # the files are read once per process, like app.resources.load_sla_clock reads them
def reference_versions() -> ReferenceVersions:
    # The SLA clock is sla.yaml on the holidays.yaml calendar: a change to either moves deadlines.
    return ReferenceVersions(taxonomy=_digest("taxonomy.yaml"), sla=_digest("sla.yaml", "holidays.yaml"))
