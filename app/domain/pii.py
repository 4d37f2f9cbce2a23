"""Masking of personal data (个人信息脱敏) for logs and for views that do not need it."""

from __future__ import annotations

import re

# Mainland mobile numbers and 18-character resident ID numbers, wherever they appear in free text.
# Mobiles as typed: 13812345678, 138 1234 5678, 138-1234-5678, with or without +86 / 0086 in front.
# Digits right before or after mean a longer number (order, express, ID), which is left alone.
_MOBILE = re.compile(r"(?<!\d)((?:\+86|0086)[ -]?)?(1[3-9]\d)([ -]?)\d{4}([ -]?)(\d{4})(?!\d)")
# An ID number holds a birth date (YYYYMMDD) after the 6-digit region: requiring a plausible one
# keeps 18-digit order and express numbers (订单号, 快递单号) readable in logs.
_BIRTH_DATE = r"(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID_NUMBER = re.compile(rf"(?<![0-9Xx])(\d{{6}})({_BIRTH_DATE})(\d{{3}}[0-9Xx])(?![0-9Xx])")


def mask_phone(phone: str) -> str:
    """138****5678 for mobiles; other numbers keep their first 3 and last 2 characters. A masked
    number stays as it is (a purge may run again over what it masked before)."""
    digits = phone.strip()
    if "*" in digits:
        return digits
    if len(digits) == 11 and digits.isdigit():
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= 5:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]


def mask_id_number(number: str) -> str:
    """440305***********4: the region (first 6) and the check character stay, as in mask_text, so a
    number masked in a field and the same number masked in free text look alike. Old 15-digit and
    malformed numbers get the same shape; a masked number stays as it is."""
    number = number.strip()
    if "*" in number or not number:
        return number
    if len(number) <= 7:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 7) + number[-1]


def mask_name(name: str) -> str:
    """张** style: the surname stays so the operator can still address the caller."""
    name = name.strip()
    if len(name) <= 1 or name.endswith(("先生", "女士")):
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_text(text: str) -> str:
    """Mask every mobile and ID number inside free text, e.g. before it reaches a log file."""
    # Region and check character stay; the 11 characters between are starred, so the length stays 18.
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return _MOBILE.sub(_masked_mobile, text)


def _masked_mobile(m: re.Match[str]) -> str:
    prefix, head, sep1, sep2, tail = m.groups()
    return f"{prefix or ''}{head}{sep1}****{sep2}{tail}"
