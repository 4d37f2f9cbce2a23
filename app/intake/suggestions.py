"""Suggestions for the intake form from the call so far (填单建议): each field's likely value, how sure
it is where that can be said, and the words of the transcript it came from (provenance).

One pure function, `suggest`, reads the transcript with the extractors (caller.py, extract.py,
when.py, details.py), the classifier (kind and top-3 categories, each with the words that drove
it) and drafts a 诉求摘要 from the caller's own phrases. Nothing is invented: every value points at
what was said.
The form shows them; the operator accepts them one by one or all at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.draft import Said
from app.domain.taxonomy import Taxonomy
from app.intake.caller import caller_name
from app.intake.classifier import Classifier
from app.intake.details import company_said, plate_said
from app.intake.emergency import Alarm, EmergencyList
from app.intake.extract import extract, phone_said
from app.intake.places import DEMO_CITY
from app.intake.spoken import Compact
from app.intake.when import time_mentions

SUMMARY_LIMIT = 120  # characters of 诉求摘要
# Fields a suggestion fills, in the order the form shows them.
FIELDS = (
    "kind", "category_code", "caller_name", "caller_phone", "district", "address", "occurred_at",
    "company_name", "plate_number", "content",
)  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    field: str  # Draft field name
    value: str  # what goes into the field (Kind value, leaf code, "2026-12-06 22:00" for occurred_at)
    said: tuple[Said, ...]  # where in the transcript it came from
    confidence: float | None = None  # kind and category only: the classifier's
    words: tuple[str, ...] = ()  # kind and category only: the words that drove it, strongest first


@dataclass(frozen=True)
class Suggestions:
    fields: tuple[Suggestion, ...] = ()  # at most one per field, in FIELDS order
    categories: tuple[Suggestion, ...] = ()  # the top 3, best first (the first is also in `fields`)

    def get(self, field: str) -> Suggestion | None:
        return next((s for s in self.fields if s.field == field), None)


def suggest(
    text: str,
    *,
    call_at: datetime,
    taxonomy: Taxonomy,
    classifier: Classifier,
    city: str = DEMO_CITY,
    emergencies: EmergencyList | None = None,
) -> Suggestions:
    """What `text` (the call's transcript so far, spoken and unpunctuated) suggests for each field;
    `call_at` is when the call started (昨天 is the day before it)."""
    found: list[Suggestion] = []
    alarms = emergencies.detect(text) if emergencies is not None else []
    kinds = classifier.kinds(text, alarms)
    if kinds:
        found.append(_explained("kind", kinds[0].code, kinds[0].confidence, kinds[0].words, text))
    categories = tuple(
        _explained("category_code", s.code, s.confidence, s.words, text)
        for s in classifier.categories(text, k=3)
        if s.code in taxonomy
    )
    found.extend(categories[:1])
    name = caller_name(text)
    if name is not None:
        found.append(Suggestion("caller_name", name.text, (_said(text, name.start, name.end),)))
    if phone := phone_said(text):
        found.append(Suggestion("caller_phone", phone[0], (_said(text, phone[1], phone[2]),)))
    heard = extract(text, city)
    if heard.place is not None:
        found.append(Suggestion("district", heard.district, (_said(text, *heard.place.span),)))
    if heard.address and (where := _find(text, heard.address)):
        found.append(Suggestion("address", heard.address, (where,)))
    past = [m for m in time_mentions(text, call_at) if m.at <= call_at]
    if past:  # callers tell when it started first; later times are how it went on
        first = past[0]
        # As an operator types it into 发生时间 (Draft.occurred_at), in the call's own time zone.
        said = (_said(text, first.start, first.end),)
        found.append(Suggestion("occurred_at", first.at.strftime("%Y-%m-%d %H:%M"), said))
    for field, said_in in (("company_name", company_said), ("plate_number", plate_said)):
        if detail := said_in(text):
            found.append(Suggestion(field, detail[0], (_said(text, detail[1], detail[2]),)))
    words = [*(kinds[0].words if kinds else ()), *(categories[0].words if categories else ())]
    places = [said for s in found if s.field in ("district", "address") for said in s.said]
    if summary := _summary(text, name.text if name else "", places, words, alarms):
        found.append(summary)
    order = {field: index for index, field in enumerate(FIELDS)}
    return Suggestions(tuple(sorted(found, key=lambda s: order[s.field])), categories)


def _said(text: str, start: int, end: int) -> Said:
    return Said(text[start:end], start, end)


def _find(text: str, words: str) -> Said | None:
    """The last place `words` were said in `text`, ASR spaces between them or not."""
    spoken = Compact.of(text)
    at = spoken.text.rfind(words.replace(" ", ""))
    if at < 0 or not words.strip():
        return None
    return _said(text, *spoken.span(at, at + len(words.replace(" ", ""))))


def _explained(field: str, code: str, confidence: float, words: Sequence[str], text: str) -> Suggestion:
    said = tuple(s for w in words if (s := _find(text, w)) is not None)
    return Suggestion(field, code, said, confidence, tuple(words))


# -- 诉求摘要 ---------------------------------------------------------------------------------------
# Callers run their sentences together; a clause starts again at these words.
_CLAUSE = re.compile(
    "(?=然后|而且|但是|可是|结果|所以|希望|麻烦你们|麻烦|请你们|你们能不能|能不能|能否|我想问|我想|我要|想问|请问"
    "|我住|我姓|我叫|我的电话|电话是|手机号|谢谢|现在)"
)
# What opens a clause without saying anything: 喂你好, 那个, 就是.
_OPENING = re.compile("^(?:喂+|你好|您好|那个|就是说|就是|然后|而且|呃|嗯|啊|哎|唉|对|是这样的|是这样)+")
_CLOSING = re.compile("(?:啊|呀|吧|哦|嘛|哈|呃|嗯|的话)+$")
_FILLER = re.compile("那个|嗯|呃")  # said anywhere, meaning nothing: 我们楼那个电梯嗯
# A number read out (幺三九 幺幺零六) or announced (我的电话是幺三九): it goes into 电话.
_NUMBER_SAID = re.compile(
    "^[零〇一二三四五六七八九幺两0-9]{3,}$|(?:电话|手机|号码).*[零〇一二三四五六七八九幺0-9]{3,}"
)
_ASKING = ("希望", "麻烦", "请", "能不能", "能否", "要求", "帮忙", "帮我", "尽快", "赶紧", "想问", "问一下",
           "怎么", "咨询", "处理一下", "管一管", "管管", "解决")  # fmt: skip
# 我要投诉 alone: the kind field says it.
_KIND_ONLY = re.compile(
    "^(?:我要|我想|想|要)?(?:投诉|举报|咨询|求助|建议|表扬)(?:一下)?$|^我?(?:想|要)?(?:请问|问|打听)一[下哈]$"
)
_SMALL_TALK = ("谢谢", "好的", "再见", "没了", "没有了", "就这些", "知道了")


@dataclass(frozen=True)
class _Clause:
    text: str  # as it goes into the summary: fillers trimmed
    said: Said
    asks: bool
    weight: float


def _summary(
    text: str, who: str, places: Sequence[Said], words: Sequence[str], alarms: Sequence[Alarm]
) -> Suggestion | None:
    """诉求摘要 in the order a 受理单 tells it: who, where, what happened, what is asked; only the
    caller's own clauses, the most telling first, until SUMMARY_LIMIT characters."""
    clauses = _clauses(text, words, alarms)
    if not clauses:
        return None
    head = f"{who}反映：" if who else ""
    told = [c for c in clauses if not c.asks]
    asked = [c for c in clauses if c.asks][-1:]  # the last request is the settled one
    where = "".join(dict.fromkeys(text[p.start : p.end].replace(" ", "") for p in places))
    place = where + "，" if where else ""
    room = SUMMARY_LIMIT - len(head) - len(place) - 1 - sum(len(c.text) + 1 for c in asked)
    kept: list[_Clause] = []
    for clause in sorted(told, key=lambda c: -c.weight):
        if len(clause.text) + 1 <= room:
            kept.append(clause)
            room -= len(clause.text) + 1
    chosen = sorted(kept + asked, key=lambda c: c.said.start)
    if not chosen:
        chosen = [max(clauses, key=lambda c: c.weight)]
    if any(c.said.start <= p.start < c.said.end for c in chosen for p in places):
        place = ""  # the place is told in the caller's own words already
    body = "，".join(c.text for c in chosen)
    summary = (head + place + body)[: SUMMARY_LIMIT - 1] + "。"
    return Suggestion("content", summary, tuple(c.said for c in chosen))


def _clauses(text: str, words: Sequence[str], alarms: Sequence[Alarm]) -> list[_Clause]:
    """The caller's clauses that say something: greetings, names, numbers and thanks left out."""
    found: list[_Clause] = []
    for piece in re.finditer(r"[^\s，。！？、,.!?；;：:]+", text):  # ASR phrases, or punctuated text
        at = piece.start()
        for part in _CLAUSE.split(piece.group()):  # split before each cue: the parts are contiguous
            if (clause := _clause(part, at, words, alarms)) is not None:
                found.append(clause)
            at += len(part)
    return found


def _clause(part: str, start: int, words: Sequence[str], alarms: Sequence[Alarm]) -> _Clause | None:
    cleaned = _OPENING.sub("", part)
    start += len(part) - len(cleaned)
    cleaned = _CLOSING.sub("", cleaned)
    if len(cleaned) < 4 or cleaned.startswith(_SMALL_TALK) or _KIND_ONLY.match(cleaned):
        return None
    if caller_name(cleaned) is not None and len(cleaned) <= 8:
        return None  # 我姓刘: the name goes into 来电人
    if phone_said(cleaned) is not None or re.search(r"\d{6,}", cleaned) or _NUMBER_SAID.search(cleaned):
        return None  # the number goes into 电话
    end = start + len(cleaned)
    said = Said(cleaned, start, end)
    cleaned = _FILLER.sub("", cleaned)
    weight = 1.0 + sum(2.0 for w in words if w in cleaned) + min(len(cleaned), 20) / 20
    weight += sum(3.0 for a in alarms if start <= a.start < end)
    asks = cleaned.startswith(_ASKING) or any(w in cleaned for w in ("希望", "能不能", "麻烦", "要求"))
    return _Clause(cleaned, said, asks, weight)
