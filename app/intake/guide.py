"""The guided form (引导受理): once the category is known, which fields the form shows and which of
its questions are still to be asked.

The catalogue says per leaf which fields a ticket needs and which questions the operator reads, in
order (Category.fields and .questions, already inherited from the parents). The base fields (who
called, from where) are always shown; a detail (发生时间, 车牌号 …) only when the category asks for it,
or when it already holds a value, so that nothing typed disappears when the category changes.
A question is answered once the field it fills has a value, typed or heard, or once the operator
marked it asked (a question without a field can only be ticked that way).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from app.domain.draft import Draft
from app.domain.taxonomy import Category, DispatchRule, Question, Taxonomy, TicketField

BASE_FIELDS: Final = (
    TicketField.CALLER_NAME,
    TicketField.CALLER_PHONE,
    TicketField.DISTRICT,
    TicketField.ADDRESS,
)
DETAILS: Final = tuple(f for f in TicketField if f not in BASE_FIELDS)


def filled(draft: Draft, field: TicketField) -> bool:
    return bool(str(getattr(draft, field.value)).strip())


def shown_details(category: Category | None, draft: Draft) -> tuple[TicketField, ...]:
    """The detail fields to show, in the catalogue's field order."""
    required = category.fields if category is not None else ()
    return tuple(f for f in DETAILS if f in required or filled(draft, f))


@dataclass(frozen=True)
class Step:
    """One guided question and whether it has been answered."""

    number: int  # 1-based, as the operator sees it
    question: Question
    answered: bool


def steps(category: Category | None, draft: Draft, asked: Collection[int] = ()) -> tuple[Step, ...]:
    """The category's questions in order; `asked` holds the numbers the operator marked asked."""
    if category is None:
        return ()
    return tuple(
        Step(n, q, n in asked or (q.field is not None and filled(draft, q.field)))
        for n, q in enumerate(category.questions, start=1)
    )


def next_step(all_steps: tuple[Step, ...]) -> Step | None:
    """The first question not answered yet: the one to ask now."""
    return next((s for s in all_steps if not s.answered), None)


def missing(taxonomy: Taxonomy, category: Category | None, draft: Draft) -> tuple[TicketField, ...]:
    """The fields still empty that 受理 cannot do without (required_at_accept)."""
    return tuple(f for f in required_at_accept(taxonomy, category) if not filled(draft, f))


def to_ask(taxonomy: Taxonomy, category: Category | None, draft: Draft) -> tuple[TicketField, ...]:
    """The category's other fields still empty: to ask for; the ticket is filed without them."""
    listed = category.fields if category is not None else ()
    required = required_at_accept(taxonomy, category)
    return tuple(f for f in listed if f not in required and not filled(draft, f))


# What 受理 refuses to file without, where the category lists it. A 12345 centre files the request
# and lets the 承办单位 gather the rest when it contacts the caller:
# - 所属区县 decides which unit gets a 属地 ticket: without it the ticket cannot be dispatched. For a
#   按职 category (one city unit wherever the caller is) it is asked, not required.
# - 详细地址, where the category lists it, is where the unit must go (a manhole, a street light):
#   nobody can fill it in later without calling the caller back for it.
# Asked, never refusing (the form shows them and the guide asks for them; a value given is checked):
# - 联系电话: the phone system's caller ID fills it when the call rings; empty means a withheld
#   number, and such a request is filed as 匿名件 (no callback, no 回访) rather than refused.
# - 来电人姓名: callers may stay anonymous; the form of address (刘先生/女士) is enough to reply.
# - 发生时间, 涉及单位, 车牌号, 身份证号, 订单号: often not at hand during the call; the 承办单位
#   asks for them when it calls back, and a 不详 typed only to pass a check tells it nothing.
REQUIRED_AT_ACCEPT: Final = frozenset({TicketField.DISTRICT, TicketField.ADDRESS})


def required_at_accept(taxonomy: Taxonomy, category: Category | None) -> tuple[TicketField, ...]:
    """The category's fields 受理 cannot do without, in the catalogue's order."""
    if category is None:
        return ()
    by_place = any(d.rule is DispatchRule.BY_PLACE for d in taxonomy.departments_for(category.code)[:1])
    return tuple(
        f for f in category.fields if f is TicketField.ADDRESS or (f is TicketField.DISTRICT and by_place)
    )
