"""XLSX and CSV files read back: types, the centre's time zone, formula injection, atomic writes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from hashlib import sha256
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from app.domain.problem import ProblemError
from app.domain.status import Role
from app.export.files import Format, write
from app.export.table import Column, Personal, Table

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOSTILE = ('=HYPERLINK("http://x","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "普通文字")
TABLE = Table(
    "queue",
    (
        Column("工单编号"),
        Column("电话", Personal.PHONE),
        Column("受理时间"),
        Column("日期"),
        Column("件数"),
        Column("内容"),
    ),
    [
        ("GD-1", "13912345678", datetime(2026, 12, 7, 2, 30, tzinfo=UTC), date(2026, 12, 7), 3, HOSTILE[0]),
        *[(f"GD-{n}", "", None, None, -n, text) for n, text in enumerate(HOSTILE[1:], start=2)],
    ],
)


def test_xlsx_keeps_types_with_a_bold_frozen_header_and_times_in_the_centres_zone(tmp_path: Path) -> None:
    path = tmp_path / "队列.xlsx"
    write(TABLE, path, Format.XLSX, SHANGHAI)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == ["工单编号", "电话", "受理时间", "日期", "件数", "内容"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    received = sheet["C2"]
    assert received.value == datetime(2026, 12, 7, 10, 30)  # 02:30 UTC is 10:30 in 北京时间
    assert received.is_date
    assert sheet["D2"].is_date
    assert sheet["E2"].value == 3 and sheet["E2"].data_type == "n"
    assert sheet["E3"].value == -2
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["E"].width


def test_xlsx_never_runs_text_as_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    write(TABLE, path, Format.XLSX, SHANGHAI)
    sheet = load_workbook(path).active
    assert sheet is not None
    cells = [sheet.cell(row=r, column=6) for r in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in cells] == list(HOSTILE)  # the text exactly as it was
    assert {c.data_type for c in cells} == {"s"}  # and every one a string cell, none a formula ("f")


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel on a Chinese Windows reads it as UTF-8
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))


def test_csv_is_utf8_with_a_bom_and_prefixes_what_could_run(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    write(TABLE, path, Format.CSV, SHANGHAI)
    rows = read_csv(path)
    assert rows[0] == ["工单编号", "电话", "受理时间", "日期", "件数", "内容"]
    assert rows[1][:5] == ["GD-1", "13912345678", "2026-12-07 10:30", "2026-12-07", "3"]
    assert [r[5] for r in rows[1:]] == ["'" + t for t in HOSTILE[:5]] + ["普通文字"]
    assert rows[2][4] == "-2"  # a number of ours stays a number


def test_a_masked_export_writes_the_masked_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    write(TABLE.for_role(Role.OPERATOR), path, Format.CSV, SHANGHAI)
    assert read_csv(path)[1][1] == "139****5678"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs, needs root): a big export fills it half-way."""
    where = tmp_path / "small"
    where.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)]).returncode
    ):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "--lazy", str(where)], check=True)


# Hashes, so that not even the XLSX's zip compression fits them into the small disk.
BIG = Table("queue", (Column("内容"),), [(sha256(str(n).encode()).hexdigest() * 4,) for n in range(2000)])


@pytest.mark.parametrize("fmt", list(Format))
def test_a_full_disk_is_named_and_leaves_the_old_file_and_no_temporary(small_disk: Path, fmt: Format) -> None:
    path = small_disk / f"x.{fmt.value}"
    path.write_text("old")
    with pytest.raises(ProblemError) as refused:
        write(BIG, path, fmt, SHANGHAI)
    assert refused.value.problem.code == "export.disk_full"
    assert path.read_text() == "old"
    assert os.listdir(small_disk) == [path.name]


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A file that may not be replaced, as Windows refuses one open in Excel: immutable (chattr, as
    root) or in a read-only folder (anyone else)."""
    path = tmp_path / "x.csv"
    path.write_text("old")
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)]).returncode:
            pytest.skip("chattr +i is not supported here")
        yield path
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        tmp_path.chmod(0o500)
        yield path
        tmp_path.chmod(0o700)


def test_a_file_that_may_not_be_replaced_is_named_and_kept_and_no_temporary_is_left(locked: Path) -> None:
    with pytest.raises(ProblemError) as refused:
        write(TABLE, locked, Format.CSV, SHANGHAI)
    assert refused.value.problem.code == "export.not_permitted"
    assert "x.csv" in str(refused.value)
    assert locked.read_text() == "old"
    assert os.listdir(locked.parent) == ["x.csv"]


def test_a_folder_that_is_gone_is_named(tmp_path: Path) -> None:
    with pytest.raises(ProblemError) as refused:
        write(TABLE, tmp_path / "gone" / "x.xlsx", Format.XLSX, SHANGHAI)
    assert refused.value.problem.code == "export.no_folder"
    assert not (tmp_path / "gone").exists()
