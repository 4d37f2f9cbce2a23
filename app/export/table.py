"""What an export holds: a list or report as a table of typed cells, and who may see its personal data.

A table is built from what a list shows (in its order, under its filter) and carries its columns'
kinds, so the masking of personal data is decided here once, for every list and both file formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from app.domain.pii import mask_id_number, mask_name, mask_phone, mask_text
from app.domain.status import Role

Cell = str | int | float | datetime | date | None


class Personal(StrEnum):
    """A column holding personal data (个人信息), masked in an export the role may not see in full."""

    PHONE = "phone"
    ID_NUMBER = "id_number"
    NAME = "name"
    TEXT = "text"  # free text that may mention a number (诉求内容, 地址)


_MASKS: dict[Personal, Callable[[str], str]] = {
    Personal.PHONE: mask_phone,
    Personal.ID_NUMBER: mask_id_number,
    Personal.NAME: mask_name,
    Personal.TEXT: mask_text,
}

# Roles that read any ticket in full through the server (/lead/queue, /lead/callbacks, /tickets/{id}).
SEES_ALL = frozenset({Role.TEAM_LEAD, Role.ADMIN})


def sees_personal(role: Role, *, own: bool) -> bool:
    """May `role` take a list's personal data out in full? Leads and admins: any list, as the server
    shows them any ticket. An operator or a 承办单位: only a list of its own work (the seat's queue and
    callbacks, the unit's dispatched tickets), the tickets the server lets it read in full."""
    return role in SEES_ALL or own


@dataclass(frozen=True)
class Column:
    title: str
    personal: Personal | None = None


@dataclass(frozen=True)
class Table:
    """`name`: which list (queue, callbacks, lead.seats …), for the access record; `filters`: what
    the list was narrowed to when exported, in words; `own`: every row is the account's own work."""

    name: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Cell, ...]]
    filters: Mapping[str, str] = field(default_factory=dict)
    own: bool = False
    masked: bool = False

    def for_role(self, role: Role) -> Table:
        """The table as `role` may take it out: personal columns masked unless it may see them."""
        if sees_personal(role, own=self.own) or self.masked:
            return self
        masks = [_MASKS[c.personal] if c.personal is not None else None for c in self.columns]
        if not any(masks):
            return self  # nothing personal in it: not "masked", there was nothing to hide
        rows = [
            tuple(
                m(v) if m is not None and isinstance(v, str) else v for m, v in zip(masks, row, strict=True)
            )
            for row in self.rows
        ]
        return replace(self, rows=rows, masked=True)
