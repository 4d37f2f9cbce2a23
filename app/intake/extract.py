"""Intake fields heard in the call (通话自动填单): the caller's phone number, district and address.

Only what can be checked is taken: a phone number must be a valid Chinese number, a district one
of the jurisdiction's (app/intake/places.py: the national dataset and the city's gazetteer), an
address a named road,
street or estate with the house numbers said after it. The form fills only fields still empty,
so nothing the operator typed is ever replaced.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from app.intake.places import DEMO_CITY, Jurisdiction, Place, jurisdiction
from app.intake.validation import normalize_phone
from app.lexicon import tokenizer

log = logging.getLogger(__name__)

# Digits read out in groups arrive as "138 1234 5678" (one final per group) or "0755-1234 5678",
# "138，1234，5678" when the caller pauses between groups, "138嗯1234" when a filler fills the pause.
_BETWEEN_GROUPS = r"(?:[ \-，,、]|嗯|呃|啊|那个)?"
_NUMBER = re.compile(rf"(?<![\d.])\+?\d(?:{_BETWEEN_GROUPS}\d){{6,15}}(?![\d.])")
_GLUED = (12, 16)  # digits in a run that may be two numbers said one after the other
_STREET_ENDS = ("路", "街", "大道", "巷", "弄", "胡同", "小区", "花园", "公寓", "新村", "村", "社区", "大厦")
_HOUSE = re.compile(r"(?:\d+(?:号楼|号院|号|栋|幢|座|楼|单元|层|室))+")
_STREET_NAME = re.compile(r"[\u4e00-\u9fff]+$")
# Common words that end like a street but name none: 马路上有个坑.
_NOT_STREETS = frozenset(
    {"马路", "道路", "公路", "大街", "大道", "小区", "社区", "新村", "一路", "半路", "小巷", "胡同"}
)
# Words before a street name that are not part of it: 我家住在|幸福路.
_NOT_NAME = frozenset(
    {"我", "我家", "家", "家住", "住", "住在", "在", "是", "地址", "就", "就在", "位于", "那个", "这个"}
)


@dataclass(frozen=True)
class Heard:
    caller_phone: str = ""
    district: str = ""
    address: str = ""
    place: Place | None = None  # the district (and 街道) read, with the span it was read from


def extract(text: str, city: str = DEMO_CITY) -> Heard:
    """The last of each field said in `text` (a caller corrects a number by saying it again);
    `city` is the jurisdiction (setting centre.jurisdiction) whose districts are known."""
    places = _jurisdiction(city)
    place = places.resolve(text) if places else None
    return Heard(_phone(text), place.label if place else "", _address(text), place)


def _phone(text: str) -> str:
    said = phone_said(text)
    return said[0] if said else ""


def phone_said(text: str) -> tuple[str, int, int] | None:
    """The last valid phone number said in `text`, normalized, with the span it was said in."""
    found = [(_number(m.group(0)), *m.span()) for m in _NUMBER.finditer(text)]
    valid = [(number, start, end) for number, start, end in found if number]
    return valid[-1] if valid else None


def _number(said: str) -> str | None:
    """The phone number in one run of digits. The recognizer glues numbers said in one breath into
    a run too long for one (后头是1546 18080271546, 13912345678 12): then the number said in full
    at its end, else at its start. An ID number (18 digits) is no glued phone number."""
    digits = re.sub(r"[^\d+]", "", said)
    whole = normalize_phone(digits)
    if whole or not _GLUED[0] <= len(digits) <= _GLUED[1]:
        return whole
    ends = [digits[-size:] for size in (11, 12)] + [digits[:size] for size in (11, 12)]
    return next((number for end in ends if (number := normalize_phone(end))), None)


@cache
def _jurisdiction(city: str) -> Jurisdiction | None:
    """The city's places, or None (said once in the log) when the setting names no known city or
    its gazetteer is broken: the phone and address are still heard."""
    try:
        return jurisdiction(city)
    except ValueError as error:
        log.warning("No districts are recognised in calls: %s", error)
        return None


def _address(text: str) -> str:
    """A street or estate with the name said before it and the house numbers after it."""
    words = [w for w in tokenizer().cut(text) if w.strip()]
    best = ""
    for index, word in enumerate(words):
        if not word.endswith(_STREET_ENDS):  # 小区 ends like a district (区) but is an estate
            continue
        name = word
        if word in _STREET_ENDS and index and words[index - 1] not in _NOT_NAME:
            name = words[index - 1] + word  # jieba cut 幸福 | 路
        if not _STREET_NAME.search(name) or name in _STREET_ENDS or name in _NOT_STREETS:
            continue
        rest = "".join(words[index + 1 :]).replace(" ", "")
        house = _HOUSE.match(rest)
        best = name + (house.group(0) if house else "")
    return best
