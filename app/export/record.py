"""What the access record keeps of an export: who, when, which list, how many rows, under which
filter, masked or not (never the rows themselves)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.ids import new_id
from app.export.files import Format
from app.export.table import Table

# What the server takes (sync.protocol.ExportWire): a record it would refuse would wait for ever,
# so a list's name and its filters are made to fit here, when the record is made.
MAX_FILTERS = 20
_CODE_CHARACTER = re.compile(r"[^A-Za-z0-9_.\-]")


def code(text: str) -> str:
    return _CODE_CHARACTER.sub("_", text)[:40] or "list"


def words(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()[:80]


@dataclass(frozen=True)
class ExportRecord:
    id: str
    at: datetime
    username: str  # the account signed in when it was written ("" on a seat without a server)
    list: str
    rows: int
    filters: Mapping[str, str] = field(default_factory=dict)
    masked: bool = False
    format: Format = Format.XLSX

    @classmethod
    def of(cls, table: Table, fmt: Format, username: str, at: datetime) -> ExportRecord:
        filters = {code(k): words(v) for k, v in list(table.filters.items())[:MAX_FILTERS]}
        return cls(new_id(), at, username, code(table.name), len(table.rows), filters, table.masked, fmt)
