"""The draft (草稿): what the operator has typed or the transcript has filled in so far."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, tzinfo
from typing import Any

from app.domain.kinds import Kind, Priority
from app.domain.status import Status
from app.domain.ticket import Caller, Ticket


@dataclass(frozen=True)
class ArticleRef:
    """A knowledge-base article, at the version whose answer went into a draft (F7): once the
    draft is accepted the KB records that it answered the ticket."""

    id: str
    version: int


@dataclass(frozen=True)
class Said:
    """Words of the call's transcript a field was filled from: hovering the field shows them, and
    the call panel finds them again (the offsets are into the text the suggestion was read from)."""

    words: str
    start: int
    end: int


@dataclass(frozen=True)
class FieldSource:
    """Where one field's value came from (provenance): the draft keeps it, so a restart keeps it."""

    field: str  # Draft field name
    said: tuple[Said, ...]


@dataclass(frozen=True)
class Draft:
    """Every intake field as typed; nothing is validated here so nothing typed is ever refused."""

    id: str
    seat_id: str
    started_at: datetime
    kind: Kind = Kind.CONSULTATION
    category_code: str | None = None
    priority: Priority = Priority.NORMAL
    urgent: bool = False  # 紧急: an emergency was reported (Ticket.urgent); it takes the urgent SLA
    caller_name: str = ""
    caller_phone: str = ""
    address: str = ""
    district: str = ""
    content: str = ""
    # The details a category asks for (Ticket.occurred_at ...); 发生时间 as typed, e.g. 2026-12-06 22:00.
    occurred_at: str = ""
    company_name: str = ""
    plate_number: str = ""
    id_number: str = ""
    order_number: str = ""
    answer: str = ""  # 答复内容: typed, or inserted from the knowledge base
    answered_with: tuple[ArticleRef, ...] = ()  # the KB articles inserted into `answer`, in order
    sources: tuple[FieldSource, ...] = ()  # fields filled from the transcript, until edited by hand
    asked: tuple[int, ...] = ()  # guided questions (1-based) the operator marked asked, in order marked
    callback_id: str = ""  # 回拨: the callback this draft's call returns; filing it records 已回拨

    @property
    def is_blank(self) -> bool:
        return not any(
            (self.caller_name, self.caller_phone, self.address, self.content, self.category_code, self.answer)
        )

    def with_fields(self, **changes: Any) -> Draft:
        return replace(self, **changes)

    def answered_from(self, article: ArticleRef) -> Draft:
        """`article` answered (part of) this draft; an article inserted again counts once, at the
        version inserted last."""
        kept = tuple(a for a in self.answered_with if a.id != article.id)
        return replace(self, answered_with=(*kept, article))

    def source_of(self, field: str) -> tuple[Said, ...]:
        """The words `field` was filled from; empty when typed (or edited) by the operator."""
        return next((s.said for s in self.sources if s.field == field), ())

    def sourced(self, field: str, said: tuple[Said, ...]) -> Draft:
        """`field` now holds what was heard in `said`; empty `said`: it no longer comes from the call."""
        kept = tuple(s for s in self.sources if s.field != field)
        return replace(self, sources=(*kept, FieldSource(field, said)) if said else kept)

    def marked_asked(self, number: int) -> Draft:
        """Guided question `number` was asked; marked again, the mark is taken back (made by mistake)."""
        kept = tuple(n for n in self.asked if n != number)
        return replace(self, asked=kept if number in self.asked else (*kept, number))

    def to_ticket(self, local_no: str) -> Ticket:
        return Ticket(
            id=self.id,
            local_no=local_no,
            kind=self.kind,
            status=Status.DRAFT,
            seat_id=self.seat_id,
            created_at=self.started_at,
            category_code=self.category_code,
            # A ticket marked 紧急 is dispatched on the urgent deadline whatever its category usually gets.
            priority=Priority.URGENT if self.urgent else self.priority,
            urgent=self.urgent,
            caller=Caller(self.caller_name.strip(), self.caller_phone.strip()),
            address=self.address.strip(),
            district=self.district.strip(),
            content=self.content.strip(),
            occurred_at=occurred(self.occurred_at, self.started_at.tzinfo),
            company_name=self.company_name.strip(),
            plate_number=plate(self.plate_number),
            id_number=self.id_number.strip().upper(),  # the check character x is written X
            order_number=self.order_number.strip(),
        )

    def to_json(self) -> str:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Draft:
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        data["started_at"] = datetime.fromisoformat(data["started_at"])
        data["kind"] = Kind(data.get("kind", Kind.CONSULTATION))
        data["priority"] = Priority(data.get("priority", Priority.NORMAL))
        data["answered_with"] = tuple(ArticleRef(**ref) for ref in data.get("answered_with", ()))
        sources = data.get("sources", ())
        data["asked"] = tuple(data.get("asked", ()))
        data["sources"] = tuple(FieldSource(s["field"], tuple(Said(**w) for w in s["said"])) for s in sources)
        return cls(**data)


def occurred(typed: str, zone: tzinfo | None) -> datetime | None:
    """发生时间 as typed (2026-12-06 22:00, 2026/12/06, ISO with an offset), in `zone` when it names
    none; None when empty or not a date (validation says so before 受理)."""
    text = typed.strip().replace("/", "-")
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def plate(typed: str) -> str:
    """车牌号 as it is written: upper case, without the spaces and the dot some type (粤B·12345)."""
    return "".join(ch for ch in typed.upper() if ch not in " ·.-")
