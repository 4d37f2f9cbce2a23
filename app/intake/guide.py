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
from app.domain.taxonomy import Category, Question, TicketField

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


def missing(category: Category | None, draft: Draft) -> tuple[TicketField, ...]:
    """The fields the category requires that are still empty."""
    required = category.fields if category is not None else ()
    return tuple(f for f in required if not filled(draft, f))
