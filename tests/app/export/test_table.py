"""Who takes personal data out in full: the masking of an export per role."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.pii import mask_id_number
from app.domain.status import Role
from app.export.files import Format
from app.export.record import ExportRecord
from app.export.table import Column, Personal, Table, sees_personal
from sync.client.exports import wire

COLUMNS = (
    Column("工单编号"),
    Column("来电人", Personal.NAME),
    Column("电话", Personal.PHONE),
    Column("身份证号", Personal.ID_NUMBER),
    Column("诉求内容", Personal.TEXT),
    Column("件数"),
)
ROW = ("GD2026-0001", "王小明", "13912345678", "440305199003071234", "回电13812345678，楼下噪音", 3)


def table(*, own: bool) -> Table:
    return Table("queue", COLUMNS, [ROW], own=own)


@pytest.mark.parametrize("role", [Role.TEAM_LEAD, Role.ADMIN])
def test_leads_and_admins_take_any_list_out_in_full(role: Role) -> None:
    out = table(own=False).for_role(role)
    assert out.rows == [ROW]
    assert not out.masked


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.DEPARTMENT])
def test_a_seat_or_unit_takes_its_own_work_out_in_full(role: Role) -> None:
    out = table(own=True).for_role(role)
    assert out.rows == [ROW]
    assert not out.masked


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.DEPARTMENT])
def test_a_seat_or_unit_gets_other_work_masked_column_by_column(role: Role) -> None:
    out = table(own=False).for_role(role)
    assert out.masked
    assert out.rows == [
        ("GD2026-0001", "王**", "139****5678", "440305***********4", "回电138****5678，楼下噪音", 3)
    ]


def test_a_list_without_personal_columns_is_not_called_masked() -> None:
    plain = Table("lead.seats", (Column("坐席"), Column("在办")), [("A01", 3)])
    assert plain.for_role(Role.OPERATOR) == plain


def test_the_rule_in_one_line() -> None:
    assert [sees_personal(r, own=False) for r in Role if r is not Role.SYSTEM] == [False, True, False, True]


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("440305199003071234", "440305***********4"),
        ("11010519851231002X", "110105***********X"),
        ("110105851231002", "110105********2"),  # the old 15-digit number: the same shape
        ("1234567", "*******"),
        ("440305***********4", "440305***********4"),  # masked already: as it is
        ("", ""),
    ],
)
def test_an_id_number_keeps_its_region_and_check_character(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


def test_a_record_fits_what_the_server_takes_whatever_the_list_said() -> None:
    filters = {f"筛选 {n}": "很长的搜索词\n" * 20 for n in range(30)}
    table = Table("班长台 seats/queue", (Column("a"),), [("x",), ("y",)], filters=filters)
    record = ExportRecord.of(table, Format.CSV, "a01", datetime(2026, 12, 7, tzinfo=UTC))
    sent = wire(record)  # the server's own validation: raises if anything does not fit
    assert sent.rows == 2 and len(sent.filters) == 20
    assert sent.list == "____seats_queue"
