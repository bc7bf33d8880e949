"""A fact's figure as an English desk writes it: 127亿元 is 12.7 billion yuan.

An English draft is told what the source says in its own terms as well as the
source's, so an editor need not convert 亿 in their head.
"""

from __future__ import annotations

from decimal import Decimal

from .model import Bound, Fact

_MAGNITUDES = ((12, "trillion"), (9, "billion"), (6, "million"))
_UNITS = {"元": "yuan", "美元": "US dollars", "吨": "tonnes", "天": "days", "月": "months", "年": "years",
          "工作日": "working days", "小时": "hours", "周": "weeks", "公里": "kilometers", "平方米": "square meters"}
_HEDGES: dict[Bound, str] = {"gt": "more than ", "ge": "at least ", "lt": "nearly ", "le": "up to ", "approx": "about "}


def figure(value: Decimal, unit: str, bound: Bound = "eq") -> str:
    """The figure in English words and digits.

    >>> figure(Decimal("12700000000"), "元"), figure(Decimal("52000"), "座"), figure(Decimal("99.7"), "%")
    ('12.7 billion yuan', '52,000', '99.7 percent')
    >>> figure(Decimal("4000000000000"), "元", "gt"), figure(Decimal("10"), "倍"), figure(Decimal("2"), "百分点")
    ('more than 4 trillion yuan', '10 times', '2 percentage points')
    """
    hedge = _HEDGES.get(bound, "")
    if unit == "%":
        return f"{hedge}{_plain(value)} percent"
    if unit == "百分点":
        return f"{hedge}{_plain(value)} percentage point{'' if value == 1 else 's'}"
    if unit == "倍":
        return f"{hedge}{_plain(value)} times"
    number = _number(value)
    word = _UNITS.get(unit)
    return f"{hedge}{number} {word}" if word else f"{hedge}{number}"


def of_fact(fact: Fact) -> str | None:
    """The fact's figure in English, or None for a date."""
    if fact.value is None:
        return None
    return figure(abs(fact.value), fact.unit, fact.bound)


def _number(value: Decimal) -> str:
    """52000 -> 52,000; 12700000000 -> 12.7 billion (a million or more in words)."""
    for exponent, word in _MAGNITUDES:
        if abs(value) >= Decimal(10) ** exponent:
            return f"{_plain(value.scaleb(-exponent))} {word}"
    return f"{value.normalize():,f}" if value == value.to_integral_value() else _plain(value)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
