"""Amounts as printed → exact Decimals, and unit conversion to 万元."""

import re
from decimal import Decimal

_AMOUNT = re.compile(r"^[-−－]?\d+(?:,\d{3})+(?:\.\d+)?$|^[-−－]?\d+(?:\.\d+)?$")
"""Digits with thousands separators (some files drop one: “128138,600”), or without."""
_NO_VALUE = {"", "-", "—", "——", "－", "–", "/", "…"}

UNIT_FACTORS: dict[str, Decimal] = {
    "万元": Decimal(1),
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "亿元": Decimal(10000),
}


def is_blank(text: str) -> bool:
    """A cell that holds no value: empty, or a dash that means “nothing here”."""
    return text.strip() in _NO_VALUE


def parse_amount(text: str) -> Decimal | None:
    """Parse "2,940.05" → Decimal("2940.05"); blanks and dashes → None; anything else → None."""
    cleaned = text.strip().replace(" ", "")
    if cleaned in _NO_VALUE or not _AMOUNT.match(cleaned):
        return None
    return Decimal(cleaned.replace(",", "").replace("−", "-").replace("－", "-"))


def looks_numeric(text: str) -> bool:
    """True when the whole cell is one number (a figure, a row number, a code)."""
    return parse_amount(text) is not None


def to_wan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount in ``unit`` to 万元, exactly (156,211,123 元 → 15621.1123)."""
    return value * UNIT_FACTORS[unit]


def as_printed(stated: Decimal, exact: Decimal) -> bool:
    """Whether an amount written to fewer places (40,870万元) is an exact one (40,869.60)
    rounded or cut to them: less than one unit of its last place apart."""
    last = Decimal(1).scaleb(min(0, stated.as_tuple().exponent))
    return abs(stated - exact) < last


def plain(value: Decimal) -> str:
    """The exact decimal as text, without trailing zeros or exponent: 1662.3810 → "1662.381"."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


CHINESE_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
"""The digits of a small count written in characters (四个项目, 前三项)."""


def small_count(said: str) -> int | None:
    """A count written in digits or in characters up to 九十九 (4, 四, 十二, 二十): None if it
    is neither."""
    if said.isdigit():
        return int(said)
    tens, _, ones = said.partition("十")
    if "十" not in said:
        return CHINESE_DIGITS.get(said)
    high = CHINESE_DIGITS.get(tens, 0 if not tens else -100)
    low = CHINESE_DIGITS.get(ones, 0 if not ones else -100)
    value = (high or 1) * 10 + low
    return value if high >= 0 and 0 <= low < 10 and value > 0 else None
