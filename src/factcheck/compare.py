"""Compare one figure of a draft with one fact: values, bounds, units, periods.

Each function answers one question and knows nothing of how candidates are
found; `match` puts the answers together into a verdict.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from typing import TYPE_CHECKING, Literal

from .model import Bound, DateValue, Fact, Mention, Reason
from .units import BOUNDED_ABOVE

if TYPE_CHECKING:
    from .claims import Claim

# A figure marked 约 / 左右 agrees when it is this close to the fact.
APPROX_TOLERANCE = Decimal("0.05")
# 近90% is read as "a little under 90": within this share of the figure.
NEAR_SPAN = Decimal("0.1")
_DECIMALS = re.compile(r"[.．点]([0-9０-９零〇一二两三四五六七八九]+)")
_INCREASE = ("增加了", "增加", "增长了", "增长", "提高了", "提高", "提升了", "提升", "上涨了", "上涨")


def quantum(mention: Mention) -> Decimal:
    """The precision the draft wrote the figure with: 52.11亿 -> 10^6, 33% -> 1.

    100% claims completeness and 0 claims nothing at all: neither is a rounding.

    >>> from factcheck.model import Mention
    >>> quantum(Mention(0, 5, "52.11亿", "quantity", Decimal("5211000000"), scale=8, number_text="52.11亿"))
    Decimal('1E+6')
    >>> quantum(Mention(0, 4, "100%", "percent", Decimal("100"), unit="%", number_text="100"))
    Decimal('0')
    """
    if mention.value == 0 or (mention.kind == "percent" and mention.value == 100):
        return Decimal(0)
    if mention.kind == "percent" and "成" in mention.text:
        return Decimal(5) if "半" in mention.text else Decimal(10)  # 八成 is 80% to the nearest ten
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


def upper(mention: Mention) -> Decimal | None:
    """The high end of a range (80%至85%: 85), or the end of a hedge that is bounded above:
    1400多 is under 1500, 11万余 under 12万."""
    if mention.value is None:
        return None
    if mention.high is not None and mention.bound in ("eq", "approx"):
        return abs(mention.high)
    if mention.bound not in ("gt", "ge") or mention.qualifier not in BOUNDED_ABOVE:
        return None
    return mention.value + step(mention.value)


def upper_of_fact(fact: Fact) -> Decimal | None:
    if fact.value is None or fact.bound not in ("gt", "ge") or fact.qualifier not in BOUNDED_ABOVE:
        return None
    return abs(fact.value) + step(abs(fact.value))


def step(value: Decimal) -> Decimal:
    """The unit of a number's last non-zero digit, which 多 and 余 add up to.

    >>> step(Decimal(1400)), step(Decimal(110000)), step(Decimal(2))
    (Decimal('100'), Decimal('1E+4'), Decimal('1'))
    """
    exponent = abs(value).normalize().as_tuple().exponent
    return Decimal(1).scaleb(max(0, exponent if isinstance(exponent, int) else 0))


def _interval(value: Decimal, bound: Bound, half_width: Decimal, high: Decimal | None = None) -> tuple[Decimal | None, Decimal | None]:
    """The values a figure admits: 超过5万 -> (50000, None); 近90 -> (81, 90); 1400多 -> (1400, 1500)."""
    if bound in ("gt", "ge"):
        return value, high
    if bound in ("lt", "le"):
        return value - abs(value) * NEAR_SPAN - half_width, value
    return value - half_width, (value if high is None else high) + half_width  # a range: to its high end


def value_agrees(
    claim: Decimal, claim_bound: Bound, claim_quantum: Decimal, fact: Decimal, fact_bound: Bound,
    claim_high: Decimal | None = None, fact_high: Decimal | None = None,
) -> bool:
    """Does what the source says imply what the draft says?

    The draft's figure admits an interval (its rounding, its hedge); the
    source's admits another; they agree when the source's lies inside the
    draft's. A strict hedge in the source that the draft drops (超过84% written 84%) does
    not agree; an inclusive one (2万个以上 written 2万个) does, the draft stating its bound.
    """
    half = claim_quantum / 2
    if claim_bound == "approx":
        half = max(half, abs(claim) * APPROX_TOLERANCE)
    low, high = _interval(claim, claim_bound, half, claim_high)
    if fact_bound in ("ge", "le") and claim_bound in ("eq", "approx") and low is not None and high is not None:
        return low <= fact <= high  # 2万个以上 written 2万个: the draft gives the bound the source states
    fact_low: Decimal | None = fact
    fact_top: Decimal | None = fact
    if fact_bound != "approx":  # 180%左右 in a source is taken at its word: 180
        fact_low, fact_top = _interval(fact, fact_bound, Decimal(0), fact_high)
    inside_low = low is None or (fact_low is not None and fact_low >= low)
    inside_high = high is None or (fact_top is not None and fact_top <= high)
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


# ---- what kind of figure it is ---------------------------------------------------------
def additive(mention: Mention) -> bool:
    """A count or amount, which a part of a place cannot share whole with the place (not a rate)."""
    return mention.kind == "quantity"


def distinctive(mention: Mention) -> bool:
    """An amount or count of three or more significant digits (2.17万户, 680.91亿元): another
    place or date with exactly this figure would be a coincidence.

    >>> from factcheck.extract import extract
    >>> [distinctive(m) for m in extract("2.17万户, 5.2万座, 99.7%")]
    [True, False, False]
    """
    if mention.kind != "quantity" or mention.value is None or mention.value == 0:
        return False
    return len(abs(mention.value).normalize().as_tuple().digits) >= 3


# ---- time --------------------------------------------------------------------------------
Time = Literal["same", "unknown", "other", "undated"]


def time_relation(time: DateValue | None, as_of: bool, reported: bool, base_year: int | None,
                  period: str | None) -> Time:
    """How the draft's time for a figure stands to the fact's period.

    same; unknown (the draft gives no time); undated (the source gives none, and only
    another year would tell); other: another date, a part of the year (截至7月底, 上半年)
    against a whole year, or a date of report (`reported`) the source's figure is not
    from the month before.

    >>> time_relation(DateValue(month=3, day=18), True, False, 2020, "2020-04-15")
    'other'
    >>> time_relation(DateValue(month=7), True, False, 2020, "2020"), time_relation(DateValue(relative_year=0), False, False, 2020, "2020")
    ('other', 'same')
    >>> time_relation(DateValue(month=2, day=20), False, True, 2020, "2020-04-14"), time_relation(DateValue(month=4, day=16), False, True, 2020, "2020-04-15")
    ('other', 'same')
    >>> time_relation(DateValue(year=2021, month=1, day=16), False, True, 2020, None)
    'other'
    """
    if time is None:
        return "unknown"
    year = time.year if time.year is not None else (
        base_year + time.relative_year if base_year is not None and time.relative_year is not None else None)
    if period is None:
        if year is not None and base_year is not None and year != base_year:
            return "other"
        if reported:
            return "unknown"  # a date of report in the year of an undated fact says no more
        bare = time.month is None and time.day is None and time.quarter is None and time.half is None
        return "unknown" if bare and time.year is None and time.relative_year == 0 else "undated"  # 今年 dates nothing
    if reported:
        return _reported(time, year if year is not None else base_year, period)
    written = period_text(time, base_year)
    if not periods_compatible(written, period):
        return "other"
    within_year = time.month is not None or time.day is not None or time.quarter is not None or time.half is not None
    if within_year and "-" not in period:
        return "other"  # 截至7月底 or 上半年 against the whole year's figure
    if time.year is not None and not within_year and not as_of and "-" in period:
        return "other"  # 2020年 as a whole against a figure of its first quarter
    return "same"


REPORT_LAG = 31  # days: a report gives figures from up to a month before it


def _reported(time: DateValue, year: int | None, period: str) -> Time:
    """A figure of a report dated `time` is the source's if the source's period ends
    in the month before it, or holds it."""
    if year is None or time.month is None or time.day is None:
        return "same"  # a day alone (15日): no date to hold the source to
    try:
        day = date(year, time.month, time.day)
    except ValueError:
        return "same"
    span = period_span(period)
    if span is None:
        return "same"
    return "same" if span[0] <= day <= span[1] + timedelta(days=REPORT_LAG) else "other"


def period_span(period: str) -> tuple[date, date] | None:
    """The first and last day of a period: 2020-Q1 -> 2020-01-01..2020-03-31.

    >>> period_span("2020-Q1"), period_span("2020/2022")[1]
    ((datetime.date(2020, 1, 1), datetime.date(2020, 3, 31)), datetime.date(2022, 12, 31))
    """
    head, _, rest = period.partition("-")
    try:
        year = int(head.split("/")[0])
        last_year = int(head.split("/")[1]) if "/" in head else year
        if not rest:
            return date(year, 1, 1), date(last_year, 12, 31)
        if rest[0] in "QH":
            months = 3 if rest[0] == "Q" else 6
            first = (int(rest[1]) - 1) * months + 1
            return date(year, first, 1), _month_end(year, first + months - 1)
        parts = [int(p) for p in rest.split("-")]
        if len(parts) == 1:
            return date(year, parts[0], 1), _month_end(year, parts[0])
        return date(year, parts[0], parts[1]), date(year, parts[0], parts[1])
    except (ValueError, IndexError):
        return None


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


# ---- the figures themselves --------------------------------------------------------------
def reason(claim: "Claim", fact: Fact, dim: str, fact_dim: str, base_year: int | None) -> Reason | None:
    """What is wrong with the draft's figure against the fact's, or None when it agrees."""
    mention = claim.mention
    if dim == "date":
        return None if _date_agrees(mention, fact, base_year) else "value"
    if mention.value is None or fact.value is None:
        return "value"
    claim_value, fact_value = magnitude(mention), abs(fact.value)
    if dim == "multiple":
        claim_value = ratio(claim_value, mention.phrase)
        fact_value = ratio(fact_value, fact_phrase(fact))
    same_number = claim_value == fact_value
    if dim != fact_dim:
        return "unit" if same_number else "value"
    if dim not in ("percent", "points", "multiple") and same_figure_other_scale(mention, fact):
        return "unit"
    if fact.direction and mention.direction and mention.phrase != "至" and fact.direction != mention.direction:
        return "direction" if same_number else "value"
    step = quantum(mention)
    if dim == "multiple" and mention.phrase != fact_phrase(fact):
        step = Decimal(0)
    if value_agrees(claim_value, mention.bound, step, fact_value, fact.bound, upper(mention), upper_of_fact(fact)):
        return None
    return "qualifier" if same_number or _rounds_to(claim_value, step, fact_value) else "value"


def same_number(claim: "Claim", fact: Fact, dim: str) -> bool:
    """The draft writes the fact's very number (5.2万 for 52000), not a rounding or a bound of it."""
    mention = claim.mention
    if dim == "date" or mention.value is None or fact.value is None:
        return False
    if dim == "multiple":
        return ratio(magnitude(mention), mention.phrase) == ratio(abs(fact.value), fact_phrase(fact))
    return magnitude(mention) == abs(fact.value)


def _rounds_to(claim: Decimal, step: Decimal, fact: Decimal) -> bool:
    return step > 0 and abs(claim - fact) <= step / 2


def date_within(mention: Mention, fact: Fact) -> bool:
    """A date of the draft inside the fact's longer period, not the period: 2022年 of 2020/2022."""
    if mention.date is None or fact.date is None or mention.date.iso() == fact.date:
        return False
    written, span = period_span(mention.date.iso()), period_span(fact.date)
    return written is not None and span is not None and written != span and span[0] <= written[0] <= written[1] <= span[1]


def _date_agrees(mention: Mention, fact: Fact, base_year: int | None) -> bool:
    if mention.date is None or fact.date is None:
        return False
    date = mention.date
    if date.day is not None and date.month is None:  # 15日 of a report: the fact's day, whatever its month
        return len(fact.date) == 10 and int(fact.date[-2:]) == date.day
    written = date.iso(base_year)
    return written == fact.date or (written.startswith("-") and fact.date.endswith(written))
