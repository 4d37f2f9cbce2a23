"""Writing an export table as XLSX (openpyxl) or CSV, never leaving a half-written file as the target.

- Times are shown in the centre's time zone (a spreadsheet has no zones: openpyxl refuses aware times),
  as real dates in XLSX, so they sort and filter as dates.
- Numbers stay numbers; text stays text. A text cell starting with = + - @ (or a tab or carriage
  return) could run as a formula when the file is opened (CSV injection, OWASP): in XLSX every text
  cell is written as a string cell, which a spreadsheet never evaluates; in CSV such a cell gets a
  leading apostrophe (OWASP's advice), which Excel shows as text and hides.
- CSV is UTF-8 with a byte-order mark: Excel on a Chinese Windows reads a CSV without one in the ANSI
  code page (GBK), which turns every Chinese character into mojibake; the BOM tells it UTF-8.
- Written to a temporary file beside the target, then renamed over it (os.replace, atomic on one file
  system): a failure (disk full, no permission, the file open in Excel on Windows) leaves the old
  file as it was, or none.
"""

from __future__ import annotations

import csv
import errno
import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.domain.problem import ProblemError
from app.export.table import Cell, Table

DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
_RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Column width in characters: a CJK character counts two, bounds keep a long text from a wall.
_MIN_WIDTH, _MAX_WIDTH = 6, 60


class Format(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def write(table: Table, path: Path, fmt: Format, zone: tzinfo) -> None:
    """Write `table` to `path`; ProblemError (export.*) with the path when it cannot be done."""
    writer: Callable[[Table, Path, tzinfo], None] = _xlsx if fmt is Format.XLSX else _csv
    try:
        _replace_atomically(path, lambda temporary: writer(table, temporary, zone))
    except OSError as exc:
        raise _problem(exc, path) from exc


def _problem(exc: OSError, path: Path) -> ProblemError:
    if isinstance(exc, FileNotFoundError):
        return ProblemError("export.no_folder", path=str(path))
    if isinstance(exc, PermissionError):
        return ProblemError("export.not_permitted", path=str(path))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ProblemError("export.disk_full", path=str(path))
    return ProblemError("export.failed", path=str(path), reason=exc.strerror or str(exc))


def _replace_atomically(path: Path, fill: Callable[[Path], None]) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)  # the writer opens it by name: openpyxl's zip must own (and close) its handle
    temporary = Path(name)
    try:
        fill(temporary)
        synced = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(synced)  # on disk before the rename makes it the target
        finally:
            os.close(synced)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def local_time(value: datetime, zone: tzinfo) -> datetime:
    """In the centre's zone, without the zone (what a spreadsheet cell holds); a naive time as is."""
    return value.astimezone(zone).replace(tzinfo=None) if value.tzinfo is not None else value


def width(cells: Iterable[Cell]) -> int:
    widest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in _text(c)) for c in cells), default=0)
    return min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _xlsx(table: Table, out: Path, zone: tzinfo) -> None:
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl import Workbook  # a third of a second to import: only when exporting
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)  # rows stream to the file: 100,000 tickets stay flat in memory
    sheet = book.create_sheet(_sheet_title(table.name))
    sheet.freeze_panes = "A2"
    for number, column in enumerate(table.columns):
        cells = [column.title, *(row[number] for row in table.rows[:500])]  # widths from the first rows
        sheet.column_dimensions[_letter(number)].width = width(cells)

    def cell(value: Cell, *, bold: bool = False) -> Any:
        made = WriteOnlyCell(sheet)
        if isinstance(value, datetime):
            made.value, made.number_format = local_time(value, zone), DATE_TIME_FORMAT
        elif isinstance(value, date):
            made.value, made.number_format = value, DATE_FORMAT
        elif isinstance(value, str):
            made.value = value
            made.data_type = "s"  # openpyxl takes "=…" for a formula: a string cell is never run
        else:
            made.value = value
        if bold:
            made.font = Font(bold=True)
        return made

    sheet.append([cell(c.title, bold=True) for c in table.columns])
    for row in table.rows:
        sheet.append([cell(v) for v in row])
    # Workbook.save, but the zip is closed on a failure too (openpyxl leaves it open, to fail again
    # when collected, and keeps a full disk busy).
    with ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()


def _sheet_title(name: str) -> str:
    # Excel's limits: 31 characters, none of []:*?/\
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "export"


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number + 1)


def _csv(table: Table, out: Path, zone: tzinfo) -> None:
    # newline="": the csv module writes its own \r\n line ends (what Excel expects).
    with out.open("w", encoding="utf-8-sig", newline="") as text:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([_csv_text(c.title) for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_cell(v, zone) for v in row])


def _csv_cell(value: Cell, zone: tzinfo) -> str | int | float:
    if isinstance(value, datetime):
        return local_time(value, zone).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return value  # a number of ours (a count, a rate), not text a caller typed
    return _csv_text(value)


def _csv_text(value: str) -> str:
    return "'" + value if value.startswith(_RISKY_STARTS) else value
