"""Dates and periods: 2020年, 4月15日, 第一季度, 3月末, 2020—2022年, 明年4月13日前, Q1 2020.

They are context for the figures around them (the period a figure holds for),
never figures to check against counts.
"""

from __future__ import annotations

import re

from .model import DateValue, Mention
from .numeral_grammar import SPACES
from .numerals import Numeral
from .textscan import back_gap, gap, index_words, word_before
from .vocabulary import (
    DATE_AFTER,
    DATE_BEFORE,
    EN_DATE_LEADS,
    EN_MONTHS,
    EN_ORDINALS,
    EN_YEAR_BEFORE,
    HALVES,
    PUNCT,
    RELATIVE_YEARS,
)

_AFTER_BY_FIRST = index_words(DATE_AFTER, first=True)
_BEFORE_BY_LAST = index_words(DATE_BEFORE, first=False)
_YEAR_BEFORE = index_words(EN_YEAR_BEFORE, first=False)
_YEAR_SEPS = frozenset("—-－–~～至到")
_HALVES_BY_FIRST = index_words(HALVES, first=True)


def read_date(text: str, begin: int, at: dict[int, Numeral], floor: int, relative: str | None = None) -> Mention | None:
    """2020年, 4月15日, 第一季度, 3月末, 截至4月14日, 2020—2022年, 明年4月13日前, 去年同期."""
    parts: dict[str, int] = {}
    position, suffix = begin, None
    if relative in HALVES:
        parts["half"], position = HALVES[relative], position + len(relative)
    elif relative is not None:
        parts["relative_year"], position = RELATIVE_YEARS[relative], position + len(relative)
        suffix = "同期" if relative.endswith("同期") else None
    else:
        position = _year_part(text, position, at, parts)
    position = _period_part(text, position, at, parts)
    if not parts:
        return None
    months_from = _months_from(text, begin, at, parts) if relative is None else None
    if months_from is not None:
        begin = months_from
    if suffix is None:
        suffix, position = _date_after(text, position, at)
    start, qualifier = begin, suffix
    if months_from is not None and qualifier is None and "month" in parts:
        qualifier = "至"  # 1—4月: the year up to April's end
    lead_end = begin - back_gap(text, begin, 1)
    for word in _BEFORE_BY_LAST.get(text[lead_end - 1:lead_end] if lead_end > 0 else "", ()):
        lead = lead_end - len(word)
        if lead >= floor and text.startswith(word, lead) and not (lead > 0 and text[lead - 1] in "达得受做提升降增"):
            start, qualifier = lead, word
            break
    return Mention(start, position, text[start:position], "date", qualifier=qualifier,
                   date=DateValue(**parts), number_text=text[begin:position])


def _months_from(text: str, begin: int, at: dict[int, Numeral], parts: dict[str, int]) -> int | None:
    """1—3月 before a month: the months from January. 1—3月 is the first quarter, 1—6月 the
    first half, 1—12月 the year; 1—4月 the year up to April. Returns where the span starts."""
    if set(parts) != {"month"} or begin < 2 or text[begin - 1] not in _YEAR_SEPS:
        return None
    first = at.get(begin - 2)
    if first is None or first.end != begin - 1 or not first.plain or first.value != 1:
        return None
    last = parts.pop("month")
    if last == 3:
        parts["quarter"] = 1
    elif last == 6:
        parts["half"] = 1
    elif last != 12:
        parts["month"] = last
    return first.start


def _date_after(text: str, position: int, at: dict[int, Numeral]) -> tuple[str | None, int]:
    """以来, 年底, 末 ... after a date, unless a numeral follows the word (2020年前5个月: 前 leads the figure)."""
    for word in _AFTER_BY_FIRST.get(text[position:position + 1], ()):
        if text.startswith(word, position) and position + len(word) not in at:
            return word, position + len(word)
    return None, position


def _year_part(text: str, position: int, at: dict[int, Numeral], parts: dict[str, int]) -> int:
    year = at.get(position)
    if year is None or not year_like(year):
        return position
    end = year.end + gap(text, year.end, 1)
    if text.startswith("年", end) and not text.startswith("年来", end):
        parts["year"], end = int(year.value), end + 1
        last = _year_range_end(text, end, at)
    else:
        last = _year_range_end(text, year.end, at)
        if last is None:
            if year.script == "arabic" and _english_year(text, year):
                parts["year"] = int(year.value)  # a bare 2020 in English text
                return year.end
            return position
        parts["year"] = int(year.value)
    if last is not None:
        parts["year_end"], end = last
    return end


def _year_range_end(text: str, at: int, at_map: dict[int, Numeral]) -> tuple[int, int] | None:
    """—2022年 / 至2022年 after a year: the last year and where it ends."""
    if text[at:at + 1] in _YEAR_SEPS:
        other = at_map.get(at + 1)
        if other is not None and year_like(other) and text.startswith("年", other.end):
            return int(other.value), other.end + 1
    return None


def year_like(num: Numeral) -> bool:
    return num.plain and len(num.text) == 4 and 1900 <= num.value <= 2100


def _english_year(text: str, year: Numeral) -> bool:
    """2020 alone: a year after 'in' / 'Q1' ..., before punctuation, or before an English word
    (its 2020 target: English writes a count of 2020 as 2,020); never before a CJK word."""
    after = text[year.end:year.end + 1]
    if after and not after.isascii() and after not in PUNCT and after not in SPACES:
        return False
    if word_before(text, year.start - back_gap(text, year.start, 1), _YEAR_BEFORE) is not None:
        return True
    at = year.end + gap(text, year.end, 1)
    next_char = text[at:at + 1]
    if next_char.isascii() and next_char.isalpha() and at > year.end:
        return not text.startswith(("percent", "per cent", "pct"), at)
    return not (next_char.isascii() and next_char.isalnum())


def _period_part(text: str, position: int, at: dict[int, Numeral], parts: dict[str, int]) -> int:
    for word in _HALVES_BY_FIRST.get(text[position:position + 1], ()) if "half" not in parts else ():
        if text.startswith(word, position):
            parts["half"] = HALVES[word]
            return position + len(word)
    lead = position + 1 if text.startswith("第", position) else position
    num = at.get(lead)
    if num is None or not num.plain and num.script == "arabic" or num.high is not None:
        return position
    value = num.value
    if text.startswith("季度", num.end) and 1 <= value <= 4 and value == int(value):
        parts["quarter"] = int(value)
        return num.end + 2
    if lead != position:
        return position
    if text.startswith("月", num.end) and 1 <= value <= 12 and value == int(value):
        parts["month"] = int(value)
        end = num.end + (2 if text.startswith("月份", num.end) else 1)
        day = at.get(end)
        if day is not None and _day_of(text, day) is not None:
            parts["day"] = int(day.value)
            return _day_of(text, day) or end
        return end
    day_end = _day_of(text, num)
    if day_end is not None and not parts:
        parts["day"] = int(num.value)
        return day_end
    return position


def _day_of(text: str, num: Numeral) -> int | None:
    if text[num.end:num.end + 1] in ("日", "号") and 1 <= num.value <= 31 and num.value == int(num.value):
        return num.end + 1
    return None


def english_period(text: str, match: re.Match[str], at: dict[int, Numeral]) -> Mention | None:
    """Q1 2020, H1, first quarter of 2020."""
    quarter, half, ordinal, noun = match.groups()
    parts: dict[str, int] = {}
    if quarter:
        parts["quarter"] = int(quarter)
    elif half:
        parts["half"] = int(half)
    else:
        parts["quarter" if noun.lower() == "quarter" else "half"] = EN_ORDINALS[ordinal.lower()]
    end = match.end()
    for joint in (" of ", " "):
        year = at.get(end + len(joint)) if text.startswith(joint, end) else None
        if year is not None and year_like(year):
            parts["year"], end = int(year.value), year.end
            break
    start = match.start()
    return Mention(start, end, text[start:end], "date", date=DateValue(**parts), number_text=text[start:end])


def english_date(text: str, match: re.Match[str]) -> Mention | None:
    """April 14, 14 April 2020, by the end of March, as of March 5: a date, never a figure.
    May alone is the verb as often as the month: it needs a day, a year or a word before it."""
    month = EN_MONTHS[match["month"]]
    day = match["day"] or match["day_first"]
    if match["month"] == "May" and not (day or match["year"] or match["lead"]):
        return None
    parts = {"month": month}
    if day is not None and 1 <= int(day) <= 31:
        parts["day"] = int(day)
    if match["year"] is not None:
        parts["year"] = int(match["year"])
    lead = (match["lead"] or "").lower()
    start, end = match.start(), match.end()
    return Mention(start, end, text[start:end], "date", qualifier=EN_DATE_LEADS.get(lead),
                   date=DateValue(**parts), number_text=text[match.start("month") if not match["day_first"]
                                                         else match.start("day_first"):end])
