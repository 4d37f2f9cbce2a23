"""The table of where China's numbers are from (号码归属地) that app/intake/phone_origin.py ships,
made again after a phonenumbers upgrade with
`python -m app.intake.number_blocks > resources/places/number_blocks.tsv`.

Run it in its own process: it loads libphonenumber's geocoder, whose data for every country and
language costs the seat 0.3 s and about 100 MB for the rest of a shift; the table is China's
130,000 prefixes folded into about 80,000 runs, a megabyte in memory.

Lines, tab-separated, in this order:
- `P  zh  en`: a place; places are numbered from 0 in the order listed. A place without a Chinese
  name has zh "" (the geocoder then looks at a shorter prefix for Chinese, as libphonenumber does).
- `R  region  zh  en`: a country's name by its region code, for numbers from abroad.
- `B  length  starts  counts  places`: the runs of prefixes of one length (country code 86
  included), each column a comma-separated list: run i covers the prefixes start_i … start_i +
  count_i - 1, all from place place_i. Starts are written as differences from the previous start
  (the first from 0): the list is a third as long, and the seat reads each length in one pass, a
  tenth of a second less at the first ring than a line per run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import groupby

CHINA = "86"


def lines() -> Iterator[str]:
    from phonenumbers.geodata import GEOCODE_DATA
    from phonenumbers.geodata.locale import LOCALE_DATA

    blocks = sorted(
        ((len(prefix), int(prefix)), (names.get("zh", ""), names["en"]))
        for prefix, names in GEOCODE_DATA.items()
        if prefix.startswith(CHINA)
    )
    places: dict[tuple[str, str], int] = {}
    for _, place in blocks:
        places.setdefault(place, len(places))
    for zh, en in places:
        yield f"P\t{zh}\t{en}"
    for region, names in sorted(LOCALE_DATA.items()):
        yield f"R\t{region}\t{_name(names, 'zh')}\t{_name(names, 'en')}"
    for length in sorted({length for (length, _), _ in blocks}):
        runs = list(_runs([block for block in blocks if block[0][0] == length]))
        starts = [start for start, _, _ in runs]
        deltas = [b - a for a, b in zip([0, *starts], starts, strict=False)]
        counts = [count for _, count, _ in runs]
        ids = [places[place] for _, _, place in runs]
        yield "\t".join(["B", str(length), *(",".join(map(str, column)) for column in (deltas, counts, ids))])


def _name(names: dict[str, str], language: str) -> str:
    """A country's name in a language: "*xx" in the geocoder's data means "as in language xx"."""
    name = names.get(language, "")
    return names.get(name[1:], "") if name.startswith("*") else name


def _runs(
    blocks: list[tuple[tuple[int, int], tuple[str, str]]],
) -> Iterator[tuple[int, int, tuple[str, str]]]:
    """Consecutive prefixes of one length and one place, as (start, count, place): in a sorted list
    a run of consecutive numbers keeps `prefix - position` constant."""
    numbered = enumerate(blocks)
    for (_, _, place), run in groupby(numbered, key=lambda b: (b[1][0][0], b[1][0][1] - b[0], b[1][1])):
        members = list(run)
        yield members[0][1][0][1], len(members), place


if __name__ == "__main__":
    sys.stdout.writelines(f"{line}\n" for line in lines())
