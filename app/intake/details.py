"""Details said in the call (车牌号, 涉及单位): read from the transcript like the phone, so that the
guided form's questions for them tick off from what the caller said.

Both are conservative: a plate must read as one (validation.plate_problem), a company only counts
when the caller names it (叫/是 …公司): "我投诉一下银行" names no bank.
"""

from __future__ import annotations

import re

from app.intake.spoken import Compact
from app.intake.validation import PROVINCES, plate_problem

# Province, letter, then the 5 or 6 characters, as the recognizer spells them (lower case, spaced).
_PLATE_SAID = re.compile(rf"[{PROVINCES}][A-Za-z][A-Za-z0-9挂学警港澳使领]{{5,6}}")
_COMPANY = "公司|集团|银行|超市|酒店|医院|物业|商场|药店|餐厅|饭店|中介|幼儿园"
_COMPANY_SAID = re.compile(
    rf"(?:叫做|叫|名字是|名叫|就是|是)((?![这那一我你他她哪])[\u4e00-\u9fffA-Za-z0-9]{{1,10}}?(?:{_COMPANY}))"
)


def plate_said(text: str) -> tuple[str, int, int] | None:
    """The last plate said in `text`, as it is written (粤B12345), with its span in `text`."""
    spoken = Compact.of(text)
    for match in reversed(list(_PLATE_SAID.finditer(spoken.text))):
        for size in (8, 7):  # a 新能源 plate first: 粤BD12345 is not 粤BD1234 and a 5
            candidate = match.group()[:size].upper()
            if len(candidate) == size and plate_problem(candidate) is None:
                return (candidate, *spoken.span(match.start(), match.start() + size))
    return None


def company_said(text: str) -> tuple[str, int, int] | None:
    """The last company the caller names in `text` (…叫万家物业), with its span in `text`."""
    spoken = Compact.of(text)
    found = list(_COMPANY_SAID.finditer(spoken.text))
    if not found:
        return None
    match = found[-1]
    return (match.group(1), *spoken.span(*match.span(1)))
