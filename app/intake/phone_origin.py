"""Where a number is from (号码归属地), as the screen pop shows it while the number rings.

China's mobile blocks and landline area codes come from libphonenumber's geocoder (the `phonenumbers`
package the form already checks numbers with), through the compact table
`resources/places/number_blocks.tsv` made from it by app/intake/number_blocks.py: the geocoder
itself would hold every country's data in every language, about 100 MB, for the rest of the shift.
A number only known as Chinese says nothing an operator can use, so it gives "" like an unknown
one; a number from abroad gives its country.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import phonenumbers

from app.paths import resources_dir

_HOME = "CN"
TABLE = "number_blocks.tsv"


@dataclass(frozen=True)
class _Runs:
    """The prefixes of one length: run i covers starts[i] … starts[i] + counts[i] - 1."""

    starts: array[int]
    counts: array[int]
    places: array[int]

    def place_of(self, prefix: int) -> int | None:
        i = bisect_right(self.starts, prefix) - 1
        if i >= 0 and prefix < self.starts[i] + self.counts[i]:
            return self.places[i]
        return None


@dataclass(frozen=True)
class _Table:
    places: list[tuple[str, str]]  # (zh, en)
    countries: dict[str, tuple[str, str]]
    runs: dict[int, _Runs]  # by prefix length, longest first

    def area(self, e164_digits: str, language: int) -> str:
        """The longest prefix's place that has a name in the language, as libphonenumber finds it."""
        for length, runs in self.runs.items():
            if len(e164_digits) >= length:
                place = runs.place_of(int(e164_digits[:length]))
                if place is not None and (name := self.places[place][language]):
                    return name
        return ""


@cache
def _table() -> _Table:
    places: list[tuple[str, str]] = []
    countries: dict[str, tuple[str, str]] = {}
    runs: dict[int, _Runs] = {}
    with (resources_dir() / "places" / TABLE).open(encoding="utf-8") as lines:
        for line in lines:
            kind, *fields = line.rstrip("\n").split("\t")
            if kind == "P":
                places.append((fields[0], fields[1]))
            elif kind == "R":
                countries[fields[0]] = (fields[1], fields[2])
            elif kind == "B":
                starts, counts, ids = (map(int, column.split(",")) for column in fields[1:])
                runs[int(fields[0])] = _Runs(
                    array("q", accumulate(starts)), array("l", counts), array("l", ids)
                )
    return _Table(places, countries, dict(sorted(runs.items(), reverse=True)))


def phone_origin(number: str, *, english: bool = False) -> str:
    """The place the number is registered in ("江苏省连云港市", "Shenzhen, Guangdong"), or ""."""
    try:
        parsed = phonenumbers.parse(number, _HOME)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(parsed):
        return ""
    table, language = _table(), int(english)
    region = phonenumbers.region_code_for_number(parsed)
    country = table.countries.get(region or "", ("", ""))[language]
    if region != _HOME:
        return country
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    place = table.area(e164[1:], language)
    return "" if place == country else place  # 中国: a block not placed (virtual operators, IoT)
