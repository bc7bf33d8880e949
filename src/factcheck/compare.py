"""Compare one figure of a draft with one fact: values, bounds, units, periods.

Each function answers one question and knows nothing of how candidates are
found; `match` puts the answers together into a verdict.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .model import Bound, DateValue, Fact, Mention

# A figure marked 约 / 左右 agrees when it is this close to the fact.
APPROX_TOLERANCE = Decimal("0.05")
# 近90% is read as "a little under 90": within this share of the figure.
NEAR_SPAN = Decimal("0.1")
_DECIMALS = re.compile(r"[.点]([0-9０-９零〇一二两三四五六七八九]+)")
_INCREASE = ("增加了", "增加", "增长了", "增长", "提高了", "提高", "提升了", "提升", "上涨了", "上涨")


def quantum(mention: Mention) -> Decimal:
    """The precision the draft wrote the figure with: 52.11亿 -> 10^6, 33% -> 1.

    >>> from factcheck.model import Mention
    >>> quantum(Mention(0, 5, "52.11亿", "quantity", Decimal("5211000000"), scale=8, number_text="52.11亿"))
    Decimal('1E+6')
    """
    match = _DECIMALS.search(mention.number_text or mention.text)
    decimals = len(match.group(1)) if match else 0
    return Decimal(1).scaleb(mention.scale - decimals)


def magnitude(mention: Mention) -> Decimal:
    return abs(mention.value) if mention.value is not None else Decimal(0)


def ratio(value: Decimal, phrase: str | None) -> Decimal:
    """A multiple as a ratio to the old level: 增加了20倍 is 21 times it."""
    if phrase and any(phrase.startswith(word) for word in _INCREASE):
        return value + 1
    return value


def fact_phrase(fact: Fact) -> str | None:
    """The multiple phrase of a fact, read from its quote just before the figure."""
    index = fact.quote.find(fact.as_written)
    head = fact.quote[max(0, index - 6):index].replace("*", "") if index >= 0 else ""
    return next((word for word in _INCREASE if head.endswith(word)), None)


def _interval(value: Decimal, bound: Bound, half_width: Decimal) -> tuple[Decimal | None, Decimal | None]:
    """The values a figure admits: 超过5万 -> (50000, None); 近90 -> (81, 90)."""
    if bound in ("gt", "ge"):
        return value, None
    if bound in ("lt", "le"):
        return value - abs(value) * NEAR_SPAN - half_width, value
    return value - half_width, value + half_width


def value_agrees(claim: Decimal, claim_bound: Bound, claim_quantum: Decimal, fact: Decimal, fact_bound: Bound) -> bool:
    """Does what the source says imply what the draft says?

    The draft's figure admits an interval (its rounding, its hedge); the
    source's admits another; they agree when the source's lies inside the
    draft's. A hedge in the source that the draft drops does not agree.
    """
    half = claim_quantum / 2
    if claim_bound == "approx":
        half = max(half, abs(claim) * APPROX_TOLERANCE)
    low, high = _interval(claim, claim_bound, half)
    fact_low: Decimal | None = fact
    fact_high: Decimal | None = fact
    if fact_bound != "approx":  # 180%左右 in a source is taken at its word: 180
        fact_low, fact_high = _interval(fact, fact_bound, Decimal(0))
    inside_low = low is None or (fact_low is not None and fact_low >= low)
    inside_high = high is None or (fact_high is not None and fact_high <= high)
    if fact_bound == "eq" and claim_bound in ("gt", "lt"):
        return inside_low and inside_high and fact != claim  # 超过84% is wrong for exactly 84%
    return inside_low and inside_high


def same_figure_other_scale(claim: Mention, fact: Fact) -> bool:
    """127万元 for 127亿元: the same digits at another power of ten."""
    if claim.value is None or fact.value is None or claim.value == 0 or fact.value == 0:
        return False
    quotient = abs(fact.value) / magnitude(claim)
    exponent = quotient.adjusted()
    return exponent != 0 and quotient == Decimal(1).scaleb(exponent)


def period_text(period: DateValue | None, base_year: int | None) -> str | None:
    return None if period is None else period.iso(base_year)


def periods_compatible(claim: str | None, fact: str | None) -> bool:
    """Unknown parts match anything; a year contains its quarters and months.

    >>> periods_compatible("-03", "2020-03"), periods_compatible("2020-03", "2020-Q1")
    (True, False)
    >>> periods_compatible("2020", "2020-Q1"), periods_compatible("2021", "2020")
    (True, False)
    """
    if not claim or not fact:
        return True
    claim_year, _, claim_rest = claim.partition("-")
    fact_year, _, fact_rest = fact.partition("-")
    if claim_year and fact_year and claim_year.split("/")[0] != fact_year.split("/")[0]:
        return False
    if not claim_rest or not fact_rest:
        return True
    return claim_rest.startswith(fact_rest) or fact_rest.startswith(claim_rest)


def counters_agree(claim: Mention, fact: Fact) -> bool:
    """5.2万个 counts what 5.2万座 counts when the fact says 个 is one of its counters."""
    unit = claim.unit
    if unit is None or unit == fact.unit or unit in fact.counters:
        return True
    return unit.lstrip("个") == fact.unit.lstrip("个")
