"""What the access record keeps of an export: who, when, which list, how many rows, under which
filter, masked or not (never the rows themselves)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.ids import new_id
from app.export.files import Format
from app.export.table import Table


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
        return cls(
            new_id(), at, username, table.name, len(table.rows), dict(table.filters), table.masked, fmt
        )
