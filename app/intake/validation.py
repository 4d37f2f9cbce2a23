"""Checks before 受理: a draft may hold anything, an accepted ticket must be complete and plausible."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import phonenumbers

from app.domain.draft import Draft
from app.domain.problem import fill
from app.domain.taxonomy import Taxonomy, UnknownCategory

MAX_CONTENT = 4000


# Message templates (zh_CN source text); the UI translates them by these exact strings.
MESSAGES = {
    "content_empty": "请填写诉求内容",
    "content_too_long": "诉求内容过长（{length} 字，最多 {limit} 字）",
    "category_missing": "请选择事项分类",
    "category_not_leaf": "请选择到第三级事项分类",
    "phone_invalid": "电话号码无效（手机 11 位，固话须带区号）",
    "answer_missing": "直接办结须填写答复内容",
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


def problems_for_accept(draft: Draft, taxonomy: Taxonomy, *, answer: str | None = None) -> list[FieldProblem]:
    """What stops 受理; `answer` is given when the ticket is also to be 直接办结 on the call."""
    problems: list[FieldProblem] = []
    if answer is not None and not answer.strip():
        problems.append(FieldProblem("answer", "answer_missing"))
    if not draft.content.strip():
        problems.append(FieldProblem("content", "content_empty"))
    elif len(draft.content) > MAX_CONTENT:
        problems.append(
            FieldProblem("content", f"诉求内容过长 ({len(draft.content)} 字，最多 {MAX_CONTENT} 字)")
        )
    if not draft.category_code:
        problems.append(FieldProblem("category_code", "category_missing"))
    elif not _is_leaf(taxonomy, draft.category_code):
        problems.append(FieldProblem("category_code", "category_not_leaf"))
    if draft.caller_phone.strip() and normalize_phone(draft.caller_phone) is None:
        problems.append(FieldProblem("caller_phone", "phone_invalid"))
    return problems


def _is_leaf(taxonomy: Taxonomy, code: str) -> bool:
    try:
        return not taxonomy.children(taxonomy.get(code).code)
    except UnknownCategory:
        return False
