"""Retention (保存期限): what of a closed ticket is masked once its personal data is no longer needed.

A ticket closed (办结) longer ago than the retention period keeps everything statistics, supervision
and audit read (number, kind, category, status, dates, department, district, satisfaction, the
request's substance) and loses what identifies the citizen:

- caller name → surname only (张**), phone → 138****5678, address → the district (东湖区), the
  身份证号 (id_number, a category's detail) → cleared: no statistic reads it;
- free text (诉求内容, reasons, answers, conflict texts): mobile and ID numbers are masked, and the
  caller's name and address, wherever they appear, are replaced as above. The text itself stays: it
  is what a later 同类诉求 search, a 督办 review or a dispute reads, and without the name, number and
  address it no longer points at a person.

The same rules apply on the central server (after HOTLINE_RETENTION_PERSONAL_DAYS) and on a seat
(after `retention.personal_days`), to the ticket, its events and the ops that carried it. Every
function here is idempotent: masking a masked value changes nothing, so a purge can run any number
of times, and a ticket pulled again is masked to exactly the same values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.pii import mask_name, mask_phone, mask_text
from app.domain.ticket import Caller, Ticket

# Keys of free text in event data and op payloads (wire-shaped JSON, see sync.protocol).
_FREE_TEXT = frozenset({"content", "reason", "mine", "theirs", "note"})
ID_NUMBER = "id_number"  # 身份证号, wherever it was recorded


@dataclass(frozen=True)
class Personal:
    """The identifying values of one ticket, as found in its fields, events and ops: replaced in free
    text where they appear. Names of one character are left alone (they would star every 张)."""

    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    district: str = ""

    @classmethod
    def of(cls, ticket: Ticket, *found: Mapping[str, Any]) -> Personal:
        """The ticket's own values, plus earlier ones recorded in `found` (event data, op payloads)."""
        return cls._build({ticket.caller.name}, {ticket.address}, ticket.district, found)

    @classmethod
    def of_found(cls, *found: Mapping[str, Any]) -> Personal:
        """The values recorded in `found` alone (an op whose ticket the server never created)."""
        districts: set[str] = set()
        for item in found:
            _collect(item, set(), set(), districts)
        return cls._build(set(), set(), min(districts - {""}, default=""), found)

    @classmethod
    def _build(
        cls, names: set[str], addresses: set[str], district: str, found: Iterable[Mapping[str, Any]]
    ) -> Personal:
        for item in found:
            _collect(item, names, addresses, set())
        return cls(
            names=_longest_first(n for n in names if len(n.strip()) > 1 and "*" not in n),
            addresses=_longest_first(a for a in addresses if a.strip() and a != district),
            district=district,
        )

    def free_text(self, text: str) -> str:
        """`text` with the address, the name and every mobile and ID number masked."""
        for address in self.addresses:
            text = text.replace(address, self.district)
        for name in self.names:
            text = text.replace(name, mask_name(name))
        return mask_text(text)

    def area(self, district: str | None = None) -> str:
        """What an address becomes: the district only (the record's own if it names one), enough for
        statistics by area and not enough to find a door."""
        return self.district if district is None else district


def is_masked(caller: Caller) -> bool:
    """The caller was masked by a purge (a real name or number never holds a *)."""
    return "*" in caller.name or "*" in caller.phone


def mask_ticket(ticket: Ticket, who: Personal | None = None) -> Ticket:
    """The ticket with its personal fields masked (see the module's rules)."""
    who = who or Personal.of(ticket)
    return dataclasses.replace(
        ticket,
        caller=Caller(mask_name(ticket.caller.name), mask_phone(ticket.caller.phone)),
        address=ticket.district,
        content=who.free_text(ticket.content),
        id_number="",
    )


def mask_event_data(data: Mapping[str, str], who: Personal) -> dict[str, str]:
    """An event's data (an EDIT records the new caller, address, content) with those values masked."""
    masked: dict[str, str] = {}
    for key, value in data.items():
        if key == "caller_name":
            masked[key] = mask_name(value)
        elif key == "caller_phone":
            masked[key] = mask_phone(value)
        elif key == ID_NUMBER:
            masked[key] = ""
        elif key == "address":
            masked[key] = who.area(data.get("district"))
        else:
            masked[key] = who.free_text(value)
    return masked


def mask_wire(value: Any, who: Personal) -> Any:
    """Wire-shaped JSON (an op's payload, its conflicts) with every personal value masked; ids,
    codes, times and the operator's own name are left as they are."""
    if isinstance(value, list):
        return [mask_wire(item, who) for item in value]
    if not isinstance(value, dict):
        return value
    district = value.get("district") if isinstance(value.get("district"), str) else None
    masked: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(item, str):
            if key == "data" and isinstance(item, dict):
                masked[key] = mask_event_data({k: str(v) for k, v in item.items()}, who)
            elif key == "caller" and isinstance(item, dict):
                masked[key] = _caller(item)
            else:
                masked[key] = mask_wire(item, who)
        elif key == "caller_name":
            masked[key] = mask_name(item)
        elif key == "caller_phone":
            masked[key] = mask_phone(item)
        elif key == ID_NUMBER:
            masked[key] = ""
        elif key == "address":
            masked[key] = who.area(district)
        elif key in _FREE_TEXT:
            masked[key] = who.free_text(item)
        else:
            masked[key] = item
    return masked


def _caller(caller: dict[str, Any]) -> dict[str, Any]:
    masked = dict(caller)
    if isinstance(caller.get("name"), str):
        masked["name"] = mask_name(caller["name"])
    if isinstance(caller.get("phone"), str):
        masked["phone"] = mask_phone(caller["phone"])
    return masked


def _collect(value: Any, names: set[str], addresses: set[str], districts: set[str]) -> None:
    """Names, addresses and districts recorded anywhere in wire-shaped JSON or event data."""
    if isinstance(value, list):
        for item in value:
            _collect(item, names, addresses, districts)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, str):
                if key == "caller_name":
                    names.add(item)
                elif key == "address":
                    addresses.add(item)
                elif key == "district":
                    districts.add(item)
            elif key == "caller" and isinstance(item, Mapping) and isinstance(item.get("name"), str):
                names.add(item["name"])
            else:
                _collect(item, names, addresses, districts)


def _longest_first(values: Iterable[str]) -> tuple[str, ...]:
    # Longest first: 东湖区幸福路18号3栋 is replaced before 幸福路18号 could cut it in two.
    return tuple(sorted(set(values), key=lambda v: (-len(v), v)))
