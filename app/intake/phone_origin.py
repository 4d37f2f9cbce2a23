"""Where a number is from (号码归属地), as the screen pop shows it while the number rings.

libphonenumber's geocoder (the `phonenumbers` package the form already checks numbers with) knows the
province and city of each Chinese mobile block and landline area code, in Chinese and English. A
number only known as Chinese says nothing an operator can use, so it gives "" like an unknown one.
"""

from __future__ import annotations

import phonenumbers

_HOME = "CN"


def phone_origin(number: str, *, english: bool = False) -> str:
    """The place the number is registered in ("江苏省连云港市", "Shenzhen, Guangdong"), or ""."""
    try:
        parsed = phonenumbers.parse(number, _HOME)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(parsed):
        return ""
    # Imported at the first ring, not with the window: the geocoder's data for every country and
    # language costs 0.3 s and about 100 MB (a compact table of China's blocks would spare both).
    from phonenumbers import geocoder

    language = "en" if english else "zh"
    place: str = geocoder.description_for_number(parsed, language)
    if place == geocoder.country_name_for_number(parsed, language) and parsed.country_code == 86:
        return ""  # 中国: a block the geocoder does not place (virtual operators, IoT)
    return place
