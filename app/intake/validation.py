"""Checks before 受理: a draft may hold anything, an accepted ticket must be complete and plausible.

Complete: the fields its category lists that 受理 cannot do without (app.intake.guide,
REQUIRED_AT_ACCEPT, with the reasons) are filled. Plausible: the phone is a
mobile or a landline with its 区号 (phonenumbers' metadata, not a regex of ours), the 身份证号 has
its GB 11643 check character and a real birth date, the 车牌号 reads as a plate, 发生时间 is a date.
Each problem is a code the UI words in the operator's language, on the field it is about.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

import phonenumbers

from app.domain.draft import Draft, occurred, plate
from app.domain.problem import fill
from app.domain.taxonomy import Taxonomy, TicketField, UnknownCategory
from app.intake.guide import required_at_accept

MAX_CONTENT = 4000
# The longest each detail may be: the wire's bound for the Ticket field (app.domain.ticket).
MAX_LENGTH = {"company_name": 80, "order_number": 80}


# Message templates (zh_CN source text); the UI translates them by these exact strings.
MESSAGES = {
    "content_empty": "请填写诉求内容",
    "content_too_long": "诉求内容过长（{length} 字，最多 {limit} 字）",
    "category_missing": "请选择事项分类",
    "category_not_leaf": "请选择到第三级事项分类",
    "phone_invalid": "电话号码无效（手机 11 位，固话须带区号）",
    "phone_mobile_length": "手机号码应为 11 位",
    "phone_no_area_code": "固定电话请加区号，如 0755-12345678",
    "answer_missing": "直接办结须填写答复内容",
    "field_required": "请填写{field}",
    "too_long": "{field}过长（最多 {limit} 字）",
    "occurred_at_invalid": "发生时间请写成 年-月-日 时:分，如 2026-12-06 22:00",
    "id_number_length": "身份证号应为 18 位（最后一位可为 X）",
    "id_number_checksum": "身份证号校验位不对，请核对每一位",
    "id_number_birth_date": "身份证号中的出生日期无效",
    "plate_invalid": "车牌号无效（省份简称 + 字母 + 5 或 6 位，如 粤B12345、粤BD12345）",
}


@dataclass(frozen=True)
class FieldProblem:
    field: str  # Draft field name, so the form can point at the widget
    code: str  # key of MESSAGES
    params: dict[str, int | str] = dataclasses.field(default_factory=dict)

    @property
    def template(self) -> str:
        return MESSAGES[self.code]

    @property
    def message(self) -> str:
        return fill(self.template, **self.params)


def normalize_phone(raw: str) -> str | None:
    """Digits of a valid Chinese mobile or landline number (区号 included), or None."""
    text = raw.strip().replace(" ", "").replace("-", "")
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in national if ch.isdigit())


def phone_problem(typed: str) -> str | None:
    """Why `typed` is no phone number one can call back (a MESSAGES code), or None when it is one."""
    if normalize_phone(typed) is not None:
        return None
    digits = re.sub(r"[\s\-()（）]", "", typed)
    if digits.isdigit() and digits.startswith("1") and len(digits) in (10, 12):
        return "phone_mobile_length"
    if digits.isdigit() and digits[0] not in "01" and 7 <= len(digits) <= 8:
        return "phone_no_area_code"  # a local number: the centre serves more than one 区号
    return "phone_invalid"


# GB 11643: weights of the 17 digits, and the check character for their weighted sum mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dX]")


def id_number_problem(typed: str, *, today: date) -> str | None:
    """Why `typed` is no 18-digit resident ID number (a MESSAGES code), or None when it is one."""
    text = typed.strip().upper()
    if not _ID_SHAPE.fullmatch(text):
        return "id_number_length"
    if _ID_CHECK[sum(int(d) * w for d, w in zip(text, _ID_WEIGHTS, strict=False)) % 11] != text[17]:
        return "id_number_checksum"
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return "id_number_birth_date"
    return "id_number_birth_date" if not date(1850, 1, 1) <= born <= today else None


# 省份简称, then the issuing letter (I and O are never used: they read as 1 and 0), then 5 characters
# (the last may be 挂/学/警/港/澳/使/领), or 6 for a 新能源 plate (D/F first for a car, last for a lorry).
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_CHAR = "[A-HJ-NP-Z0-9]"
_PLATE = re.compile(
    rf"[{PROVINCES}][A-HJ-NP-Z](?:{_CHAR}{{4}}[A-HJ-NP-Z0-9挂学警港澳使领]|[DF]{_CHAR}\d{{4}}|\d{{5}}[DF])"
)


def plate_problem(typed: str) -> str | None:
    """`plate_invalid` unless `typed` (spaces and the dot allowed) reads as a mainland plate."""
    return None if _PLATE.fullmatch(plate(typed)) else "plate_invalid"


def problems_for_accept(draft: Draft, taxonomy: Taxonomy, *, answer: str | None = None) -> list[FieldProblem]:
    """What stops 受理, in the form's order; `answer` is given when the ticket is also to be 直接办结
    on the call."""
    problems: list[FieldProblem] = []
    if answer is not None and not answer.strip():
        problems.append(FieldProblem("answer", "answer_missing"))
    if not draft.content.strip():
        problems.append(FieldProblem("content", "content_empty"))
    elif len(draft.content) > MAX_CONTENT:
        problems.append(
            FieldProblem("content", "content_too_long", {"length": len(draft.content), "limit": MAX_CONTENT})
        )
    required: tuple[TicketField, ...] = ()
    if not draft.category_code:
        problems.append(FieldProblem("category_code", "category_missing"))
    elif not _is_leaf(taxonomy, draft.category_code):
        problems.append(FieldProblem("category_code", "category_not_leaf"))
    else:
        required = required_at_accept(taxonomy, taxonomy.get(draft.category_code))
    for field in TicketField:
        value = str(getattr(draft, field.value)).strip()
        if not value:
            if field in required:
                problems.append(FieldProblem(field.value, "field_required", {"field": field.label}))
        elif (code := _value_problem(field, value, draft)) is not None:
            params: dict[str, int | str] = {"field": field.label, "limit": MAX_LENGTH.get(field.value, 0)}
            problems.append(FieldProblem(field.value, code, params if code == "too_long" else {}))
    return problems


def _value_problem(field: TicketField, value: str, draft: Draft) -> str | None:
    if field is TicketField.CALLER_PHONE:
        return phone_problem(value)
    if field is TicketField.ID_NUMBER:
        return id_number_problem(value, today=draft.started_at.date())
    if field is TicketField.PLATE_NUMBER:
        return plate_problem(value)
    if field is TicketField.OCCURRED_AT:
        return "occurred_at_invalid" if occurred(value, draft.started_at.tzinfo) is None else None
    if len(value) > MAX_LENGTH.get(field.value, len(value)):
        return "too_long"
    return None


def _is_leaf(taxonomy: Taxonomy, code: str) -> bool:
    try:
        return not taxonomy.children(taxonomy.get(code).code)
    except UnknownCategory:
        return False
