"""Quantity mentions of a news text: every figure with its unit, hedge, direction and span.

`extract(text)` reads numerals (see `numerals`) and looks a bounded distance
around each one for what makes it a claim: a counter or unit after it
(家, 亿元, %, 个百分点, 倍, billion yuan), a hedge before or after (超过, 近,
以上, 左右, 余), a change word right before it (同比增长, 下降), a date shape
(2020年, 4月15日, 第一季度, 去年同期). Mentions are sorted, never overlap,
and `text[m.start:m.end] == m.text` always holds.

>>> [(m.text, m.kind, m.value, m.unit, m.bound) for m in extract("超过5.2万座基站,增长33%")]
[('超过5.2万座', 'quantity', Decimal('52000'), '座', 'gt'), ('33%', 'percent', Decimal('33'), '%', 'eq')]
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from operator import itemgetter
from typing import Iterator, NamedTuple

from .dates import english_date, english_period, read_date, year_like
from .lazy import later
from .model import Bound, Direction, Mention, MentionKind
from .numeral_grammar import BIG_UNITS, CN_DIGITS, SMALL_UNITS
from .limits import at_most, within
from .numerals import PRECISION, Numeral, numerals_in, tidy
from .textscan import ascii_letter, back_gap, gap, index_words, word_after, word_before
from .units import QUALIFIERS_AFTER, QUALIFIERS_BEFORE, UNIT_WORDS
from .vocabulary import (
    BARE_MAGNITUDE_QUALIFIERS, CHANGE_WORDS, CURRENCY_BEFORE, EN_CHANGE_WORDS, EN_MAGNITUDES,
    EN_DATE, EN_MULTIPLIED, EN_NUMBER, EN_NUMBER_WORDS, EN_ONES, EN_PERIOD, EN_QUALIFIERS, EN_REACHED_WORDS,
    EN_UNITS, GAP, HALVES, HEDGE_LINKS, KINDS, LABEL_BEFORE, LINK_LAST,
    LIVE_AFTER, LIVE_BEFORE, NAMES, NOT_AFTER_HEDGE, NOT_CHANGE_WORDS, NOT_PERCENT_CHENG,
    NOT_QUALIFIERS, NOT_RELATIVE_AFTER, ORDINAL_AFTER, PERCENT_SIGNS, PUNCT, RANGE_FIRST, RANGE_SEPS,
    RELATIVE_YEARS, TIME_AFTER_GE, URL,
)


# ---- tables: extend here ----------------------------------------------------------
_BEFORE_BY_LAST = index_words(QUALIFIERS_BEFORE, first=False)
_AFTER_BY_FIRST = index_words(QUALIFIERS_AFTER, first=True)
_CHANGE_BY_LAST = index_words(CHANGE_WORDS, first=False)
_LINK_BY_LAST = index_words(HEDGE_LINKS, first=False)
_COUNTER_BY_FIRST = index_words(UNIT_WORDS, first=True)
_POINTS_BY_FIRST = index_words(("个百分点", "個百分點", "百分点", "百分點"), first=True)
_EN_MAGNITUDE_WORDS = index_words(EN_MAGNITUDES, first=True)
_EN_UNIT_WORDS = index_words(EN_UNITS, first=True)
_EN_QUALIFIER_WORDS = index_words(EN_QUALIFIERS, first=False)
_EN_CHANGE_WORDS = index_words(EN_CHANGE_WORDS, first=False)
_BY = index_words(("by",), first=False)
# Where a look-behind can start: the last character of 百分之, a currency, hedge, link or change word.
_LIVE_LEFT = (frozenset("之(（的了为至到") | {sign[-1] for sign in CURRENCY_BEFORE} | GAP | LINK_LAST
              | _BEFORE_BY_LAST.keys() | BARE_MAGNITUDE_QUALIFIERS.keys() | _CHANGE_BY_LAST.keys())
# 由/从 or "from" right before a figure: it is where a change starts, not the low end of a range.
_FROM_BEFORE = re.compile(r"(?:[由从]|\bfrom\s+)$", re.IGNORECASE)
_EN_REACHED = later(r"\b(" + "|".join(EN_REACHED_WORDS) + r")\b(?:(?:(?!\.\s)[^;:!?]){0,48}?\bfrom\b"
                    r"(?:(?!\.\s)[^;:!?]){0,24}?)?\s+to$", re.IGNORECASE)
_HAS_LATIN_WORD = re.compile("[A-Za-z]{3}")
_MULTIPLIED = later(r"(?<![A-Za-z])(?:" + "|".join(EN_MULTIPLIED) + r")(?![A-Za-z])", re.IGNORECASE)
_ASCII_RUN = re.compile(r"[\x00-\x7f\s]+")  # \s: a no-break space may stand in "April 15"
_LETTER = re.compile("[A-Za-z]")
_HAS_MONTH = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ONE, _ZERO, _HALF, _TEN, _HUNDRED = Decimal(1), Decimal(0), Decimal("0.5"), Decimal(10), Decimal(100)


class _Tail(NamedTuple):
    """What follows a numeral: magnitude word, unit, hedge."""

    end: int  # end of the mention (unit and hedge included)
    number_end: int  # end of the numeral with an English magnitude (5.2 billion)
    unit: str | None = None
    kind: MentionKind = "quantity"
    exp: int = 0
    factor: Decimal = _ONE  # 成 is tenths: 三成 -> 30 %
    qualifier: str | None = None
    bound: Bound = "eq"
    counted: bool = False  # a counter stood there, even one with no unit (三大任务)
    offset: Decimal = _ZERO  # 三成半: half a 成 more


class _Head(NamedTuple):
    """What precedes a figure: 百分之, a hedge."""

    start: int
    divisor: Decimal | None = None  # 百分之 -> 100 per 100; 千分之 -> 1000
    qualifier: str | None = None
    bound: Bound = "eq"


def extract(text: str) -> list[Mention]:
    """Every quantity, percent, points, multiple, date and ordinal mention in `text`, in order."""
    with localcontext() as context:
        context.prec = PRECISION
        return _extract(text)


def _extract(text: str) -> list[Mention]:
    # Each kind of anchor is counted as it is found: a draft dense with numbers is refused
    # (limits.TooMany) before they are all held.
    numerals = at_most(numerals_in(text), "numbers")
    english = _english_runs(text) if _HAS_LATIN_WORD.search(text) else []
    if english:
        numerals = sorted(numerals + at_most(_english_numerals(text, english), "numbers in words"), key=lambda n: n.start)
    at = {n.start: n for n in numerals}
    anchors: list[tuple[int, Numeral | str | re.Match[str]]] = [(n.start, n) for n in numerals]
    anchors += _word_anchors(text)
    anchors += [(m.start(), m) for m in at_most(EN_PERIOD.finditer(text), "periods")]
    anchors += [(m.start(), m) for m in at_most(_in_runs(EN_DATE(), text, english), "dates")] if _HAS_MONTH.search(text) else []
    anchors += [(m.start(), m) for m in at_most(_in_runs(_MULTIPLIED(), text, english), "multiples")] if "ed" in text else []
    anchors.sort(key=itemgetter(0))
    blocked = _blocked_spans(text)
    mentions: list[Mention] = []
    cursor, block_index = 0, 0
    for start, anchor in anchors:
        if start < cursor:
            continue
        while block_index < len(blocked) and blocked[block_index][1] <= start:
            block_index += 1
        if block_index < len(blocked) and blocked[block_index][0] <= start:
            continue
        if isinstance(anchor, Numeral):
            mention = _read_numeral(text, anchor, at, cursor)
        elif isinstance(anchor, str):
            mention = read_date(text, start, at, cursor, relative=anchor)
        elif anchor.re is EN_PERIOD:
            mention = english_period(text, anchor, at)
        elif anchor.re is EN_DATE():
            mention = english_date(text, anchor)
        else:
            mention = _multiplied(text, anchor)
        if mention is not None:
            mentions.append(mention)
            cursor = mention.end
    return mentions


def _english_runs(text: str) -> list[tuple[int, int]]:
    """The stretches of ASCII text (and spaces) with a Latin letter in them: where English words can be."""
    return [run.span() for run in _ASCII_RUN.finditer(text) if _LETTER.search(text, *run.span())]


def _in_runs(pattern: re.Pattern[str], text: str, runs: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches of an English pattern, looked for in `runs` only: a case-blind pattern
    costs twice as much per Chinese character as per ASCII one, and never matches there."""
    return (match for start, end in runs for match in pattern.finditer(text, start, end))


def _english_numerals(text: str, runs: list[tuple[int, int]]) -> Iterator[Numeral]:
    """Numbers written in English words: four, twenty-three, ten of tenfold."""
    for match in _in_runs(EN_NUMBER(), text, runs):
        if match["tens"]:
            value = EN_NUMBER_WORDS[match["tens"].lower()] + (EN_ONES[match["ones"].lower()] if match["ones"] else 0)
        else:
            value = EN_NUMBER_WORDS[match["word"].lower()]
        yield Numeral(match.start(), match.end(), match.group(), Decimal(value), script="arabic")


def _multiplied(text: str, match: re.Match[str]) -> Mention:
    """Output doubled: a multiple of 2, as 是去年同期的2倍 is."""
    value = Decimal(EN_MULTIPLIED[match.group().lower()])
    return Mention(match.start(), match.end(), match.group(), "multiple", value, unit="倍", phrase="是…的",
                   number_text=match.group())


def _word_anchors(text: str) -> list[tuple[int, str]]:
    """Where the relative year words and halves stand (longest word wins); TooMany past
    limits.MAX_ITEMS of them."""
    found: dict[int, str] = {}
    for word in sorted((*RELATIVE_YEARS, *HALVES), key=len):
        index = text.find(word)
        while index >= 0:
            end = index + len(word)
            if (index == 0 or text[index - 1] not in NOT_RELATIVE_AFTER) and not (
                    word.isascii() and (ascii_letter(text[end:end + 1]) or ascii_letter(text[index - 1:index]))):
                found[index] = word
                within(len(found), "years and halves of years")
            index = text.find(word, index + 1)
    return sorted(found.items())


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in URL.finditer(text)]
    for name in NAMES:
        index = text.find(name)
        while index >= 0:
            spans.append((index, index + len(name)))
            index = text.find(name, index + len(name))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# ---- figures ----------------------------------------------------------------------
def _inert(text: str, num: Numeral) -> bool:
    """Nothing around this numeral can make it a mention (a fast path for dense junk)."""
    after_at = num.end + gap(text, num.end)
    after = text[after_at:after_at + 1]
    if num.text in ("一", "壹") and not (num.start > 0 and text[num.start - 1] in "第之"):
        return after not in "是倍月季日号成%％个個百"  # 一批, 一系列: only 一是, 一倍, 一月 ... can count
    if after in LIVE_AFTER or (after.isascii() and after.isalpha()):
        return False
    before_at = num.start - back_gap(text, num.start)
    before = text[before_at - 1:before_at] if before_at > 0 else ""
    if before in LIVE_BEFORE or (before.isascii() and before.isalpha()):
        return False
    return "," not in num.text and not _with_magnitude(num) and not year_like(num)


def _read_numeral(text: str, num: Numeral, at: dict[int, Numeral], floor: int) -> Mention | None:
    if _inert(text, num):
        return None
    if num.start > floor and text[num.start - 1] == "第":
        return read_date(text, num.start - 1, at, floor) or _ordinal(text, num)
    if _is_label(text, num):
        return Mention(num.start, num.end + 1, text[num.start:num.end + 1], "ordinal", num.value, number_text=num.text)
    after = text[num.end:num.end + 1]
    if after in "年月日号季" or year_like(num):
        date = read_date(text, num.start, at, floor)
        if date is not None:
            return date
    return _read_figure(text, num, at, floor)


def _is_label(text: str, num: Numeral) -> bool:
    """一是 / 二是 at the start of a clause: a section label."""
    if num.script != "chinese" or num.end - num.start != 1 or not text.startswith("是", num.end):
        return False
    return num.start == 0 or text[num.start - 1] in LABEL_BEFORE


def _ordinal(text: str, num: Numeral) -> Mention:
    end = num.end
    counter = next((w for w in ORDINAL_AFTER if text.startswith(w, end)), None) or (_counter(text, end) or ("", 0))[0]
    if counter and UNIT_WORDS.get(counter, counter) is not None:
        end += len(counter)
    return Mention(num.start - 1, end, text[num.start - 1:end], "ordinal", num.value, number_text=num.text)


def _read_figure(text: str, num: Numeral, at: dict[int, Numeral], floor: int) -> Mention | None:
    tail = _tail(text, num)
    last, high = num, None
    rng = _range(text, num, tail, at)
    if rng is not None:
        last, tail, high = rng
    value = num.value
    if high is not None and num.scale == 0 and last.scale > 0 and value.scaleb(last.scale) <= high:
        value = tidy(value.scaleb(last.scale))  # 3至5万吨: 30000 to 50000
    kind, unit = tail.kind, tail.unit
    quiet = _quiet_before(text, num.start)
    per = None if quiet else _per_word(text, num.start)
    currency = _currency_before(text, num.start) if unit is None and per is None and not quiet else None
    if per is not None:
        if tail.unit is not None and tail.kind != "quantity":
            return None
        kind, unit = "percent", "%"
    elif currency is not None:
        unit, tail = currency[1], tail._replace(counted=True)
    if not _accept(text, num, tail, kind):
        return None
    lead: tuple[int, Decimal | None] | None = per
    if currency is not None:
        lead = (currency[0], None)
    head = _Head(num.start) if quiet else _head(text, num, floor, lead)
    factor = tail.factor if head.divisor is None else tail.factor * (_HUNDRED / head.divisor)
    qualifier, bound = _merge_hedges(num, head, tail)
    direction, phrase = (_signed(num, None), None) if quiet else _direction(text, head.start, num, kind)
    plain = factor == 1 and not tail.exp and not tail.offset
    if not plain:
        value = tidy((value + tail.offset).scaleb(tail.exp) * factor)
        high = None if high is None else tidy(high.scaleb(tail.exp) * factor)
    return Mention(  # every field in order, no date: keywords would cost a third more, on every figure
        head.start, tail.end, text[head.start:tail.end], kind, value, high, unit, last.scale + tail.exp,
        qualifier, bound, direction, phrase, None, text[num.start:tail.number_end],
    )


def _quiet_before(text: str, at: int) -> bool:
    """Nothing before `at` can qualify a figure there (百分之, a currency, hedge or change word): skip those reads."""
    before_at = at - back_gap(text, at)
    before = text[before_at - 1:before_at] if before_at > 0 else ""
    return before not in _LIVE_LEFT and not ascii_letter(before)


def _accept(text: str, num: Numeral, tail: _Tail, kind: MentionKind) -> bool:
    """Is this numeral a claim? Chinese numerals need a counter; lone 一 never counts."""
    if num.script == "chinese" and num.text in ("一", "壹", "零", "〇") and kind == "quantity":
        return False  # 一批, 零部件: a word, not a count
    if tail.unit is not None or tail.counted or kind != "quantity" or tail.exp:
        return True
    if _with_magnitude(num):
        return True  # 突破2万亿
    if num.script != "arabic" or num.high is not None:
        return False
    if "," in num.text:
        return True  # 52,000
    after = tail.end + 1 if text.startswith(" ", tail.end) else -1
    before = num.start - 2 if num.start >= 2 and text[num.start - 1] == " " else -1
    return (0 <= after < len(text) and text[after].isascii() and text[after].isalpha()) or (
        before >= 0 and text[before].isascii() and text[before].isalpha()
    )


def _with_magnitude(num: Numeral) -> bool:
    """An Arabic figure with 万 / 亿 written after it is a claim even without a counter."""
    return num.script != "chinese" and num.text[-1] in BIG_UNITS


def _merge_hedges(num: Numeral, head: _Head, tail: _Tail) -> tuple[str | None, Bound]:
    if head.qualifier is not None:
        return head.qualifier, head.bound
    if tail.qualifier is not None:
        return tail.qualifier, tail.bound
    if num.approx is not None:
        return num.approx, "gt"
    return None, "eq"


def _tail(text: str, num: Numeral) -> _Tail:
    position, exp = num.end, 0
    word = word_after(text, position + gap(text, position, 1), _EN_MAGNITUDE_WORDS) if num.script == "arabic" else None
    if word is not None:
        exp, position = EN_MAGNITUDES[word[1]], word[0]
    number_end = position
    unit_at = position + gap(text, position)
    found = _unit(text, unit_at, num)
    if found is not None:
        unit, kind, factor, unit_end, inner = found
    else:
        factor, inner = _ONE, None
        en = word_after(text, position + gap(text, position, 1), _EN_UNIT_WORDS) if num.script == "arabic" else None
        if en is None and text.startswith("-fold", position):
            en = (position + 5, "-fold")
        unit, unit_end = (EN_UNITS[en[1]], en[0]) if en is not None else (None, position)
        kind = KINDS.get(unit, "quantity")
    qualifier, end = inner, unit_end
    bound: Bound = "eq"
    if inner is not None:
        bound = QUALIFIERS_AFTER[inner]
    after = _qualifier_after(text, unit_end)
    if after is not None and inner is None:
        qualifier, bound, end = after[1], QUALIFIERS_AFTER[after[1]], after[0]
    offset = _HALF if kind == "percent" and text.startswith("成半", unit_at) else _ZERO
    return _Tail(end, number_end, unit, kind, exp, factor, qualifier, bound, found is not None, offset)


def _unit(text: str, at: int, num: Numeral) -> tuple[str | None, MentionKind, Decimal, int, str | None] | None:
    """The unit at `at` (or after 余/多 there): unit, kind, factor, end, inner hedge."""
    if at >= len(text):
        return None
    char = text[at]
    if char in PERCENT_SIGNS:
        return "%", "percent", PERCENT_SIGNS[char], at + 1, None
    for word in _POINTS_BY_FIRST.get(char, ()):
        end = _fuzzy(text, at, word)
        if end > 0:
            return "百分点", "points", _ONE, end, None
    if char == "倍":
        return "倍", "multiple", _ONE, at + 1, None
    if char == "成" and num.value <= 10 and text[at + 1:at + 2] not in NOT_PERCENT_CHENG:
        end = at + 2 if text.startswith("成半", at) else at + 1
        return "%", "percent", _TEN, end, None
    inner = char if char in ("余", "餘", "多") else None
    counter_at = at + 1 if inner else at
    found = _counter(text, counter_at)
    if found is None:
        return None
    word, end = found
    unit = UNIT_WORDS[word]
    if word in ("个", "個") and end < len(text) and text[end] in ("多", "余", "餘"):
        timed = next((t for t in TIME_AFTER_GE if text.startswith(t, end + 1)), None)
        if timed is not None:
            return timed, "quantity", _ONE, end + 1 + len(timed), text[end]
    if word == "大" and num.script != "chinese":
        return None
    return unit, "quantity", _ONE, end, inner


def _counter(text: str, at: int) -> tuple[str, int] | None:
    for word in _COUNTER_BY_FIRST.get(text[at:at + 1], ()):
        if text.startswith(word, at):
            return word, at + len(word)
    return None


def _fuzzy(text: str, at: int, word: str) -> int:
    """Match `word` at `at`, allowing a few spaces between its characters (百 分 点)."""
    position = at
    for index, char in enumerate(word):
        if index:
            position += gap(text, position)
        if not text.startswith(char, position):
            return -1
        position += 1
    return position


def _qualifier_after(text: str, at: int) -> tuple[int, str] | None:
    position = at + gap(text, at)
    for word in _AFTER_BY_FIRST.get(text[position:position + 1], ()):
        if text.startswith(word, position):
            following = text[position + len(word):position + len(word) + 1]
            if following and following in NOT_AFTER_HEDGE.get(word, ""):
                return None  # 上下游, 前后端, 余额
            return position + len(word), word
    return None


def _range(text: str, num: Numeral, tail: _Tail, at: dict[int, Numeral]) -> tuple[Numeral, _Tail, Decimal] | None:
    """5~10个, 3%至5%, 5-10 percent: the high end and its tail."""
    position = tail.end if tail.unit is not None and tail.qualifier is None else num.end
    position += gap(text, position, 1)
    if text[position:position + 1] not in RANGE_FIRST:
        return (num, tail, num.high) if num.high is not None else None
    if _FROM_BEFORE.search(text, max(0, num.start - 8), num.start):
        return None  # from 75.6% to 94%, 由…至: where a change starts and ends, two figures
    for sep in RANGE_SEPS:
        if text.startswith(sep, position):
            high_start = position + len(sep)
            high_start += gap(text, high_start, 1)
            high = at.get(high_start) or _unsigned(at.get(position), sep)
            if high is None or high.high is not None or num.high is not None:
                return None
            high_tail = _tail(text, high)
            if tail.unit is not None and high_tail.unit != tail.unit:
                return None
            low_value = num.value if num.scale or not high.scale else num.value.scaleb(high.scale)
            if not low_value < high.value:
                return None
            return high, high_tail, high.value
    if num.high is not None:
        return num, tail, num.high
    return None


def _unsigned(signed: Numeral | None, sep: str) -> Numeral | None:
    """The high end of 80%-85%: after a unit the dash was read as the sign of -85."""
    if signed is None or not signed.text.startswith(sep) or signed.value >= 0:
        return None
    return signed._replace(start=signed.start + len(sep), text=signed.text[len(sep):], value=-signed.value)


def _hedge_before(text: str, end: int, floor: int) -> tuple[int, str] | None:
    """A hedge word ending at `end` (not the tail of 经过, 签约, 最近 ...)."""
    for word in _BEFORE_BY_LAST.get(text[end - 1] if end > 0 else "", ()):
        begin = end - len(word)
        if begin >= floor and text.startswith(word, begin):
            if any(text.startswith(bad, end - len(bad)) for bad in NOT_QUALIFIERS if bad.endswith(word)):
                return None
            return begin, word
    return None


def _currency_before(text: str, at: int) -> tuple[int, str] | None:
    """$20, ¥300, RMB 5 billion: a currency sign or code just before the figure."""
    sign_end = at - back_gap(text, at, 1)
    for sign, unit in CURRENCY_BEFORE.items():
        begin = sign_end - len(sign)
        if begin >= 0 and text.startswith(sign, begin) and not text[begin - 1:begin].isalpha():
            return begin, unit
    return None


def _head(text: str, num: Numeral, floor: int, lead: tuple[int, Decimal | None] | None) -> _Head:
    """Hedges before the figure; `lead` is a 百分之 (with its denominator) or currency sign before it."""
    start, divisor = lead if lead is not None else (num.start, None)
    qualifier_end = start - back_gap(text, start)
    hedge = _hedge_before(text, qualifier_end, floor)
    if hedge is None and text[qualifier_end - 1:qualifier_end] in LINK_LAST:  # 最高达13万件, 超过了85%
        link = next((w for w in _LINK_BY_LAST[text[qualifier_end - 1]] if text.startswith(w, qualifier_end - len(w))), "")
        hedge = _hedge_before(text, qualifier_end - len(link), floor) if link else None
    if hedge is not None:
        return _Head(hedge[0], divisor, hedge[1], QUALIFIERS_BEFORE[hedge[1]])
    if num.text[0] in BIG_UNITS and floor < start and text[start - 1] in BARE_MAGNITUDE_QUALIFIERS:
        char = text[start - 1]
        return _Head(start - 1, divisor, char, BARE_MAGNITUDE_QUALIFIERS[char])
    english = word_before(text, qualifier_end, _EN_QUALIFIER_WORDS)
    if english is not None and english[0] >= floor and qualifier_end < start:
        return _Head(english[0], divisor, english[1], EN_QUALIFIERS[english[1]])
    return _Head(start, divisor)


def _per_word(text: str, at: int) -> tuple[int, Decimal] | None:
    """百分之 / 千分之 / 百 分 之 just before `at`: its start and the denominator."""
    position = at - back_gap(text, at)
    if position < 1 or text[position - 1] != "之":
        return None
    position -= 1
    position -= back_gap(text, position)
    if position < 1 or text[position - 1] != "分":
        return None
    position -= 1
    position -= back_gap(text, position)
    exp, begin = 0, position
    while begin > 0 and position - begin < 4 and (text[begin - 1] in SMALL_UNITS or text[begin - 1] in BIG_UNITS):
        begin -= 1
        exp += SMALL_UNITS.get(text[begin], 0) + BIG_UNITS.get(text[begin], 0)
    if begin == position or (begin > 0 and (text[begin - 1] in CN_DIGITS or text[begin - 1].isdigit())):
        return None
    return begin, Decimal(1).scaleb(exp)


def _direction(text: str, start: int, num: Numeral, kind: MentionKind) -> tuple[Direction | None, str | None]:
    """增长33% -> up; -7.7% -> down; 是去年同期的10倍 -> phrase 是…的; 提升至94% -> up, phrase 至."""
    position = start - back_gap(text, start)
    if position > 0 and text[position - 1] in "(（":
        position -= 1
        position -= back_gap(text, position)
    if kind == "multiple" and position > 0 and text[position - 1] == "的":
        phrase = _ratio_phrase(text, position - 1)
        if phrase is not None:
            return None, phrase
    if kind != "multiple" and position > 1 and (text[position - 1] in "至到" or text.endswith("to", 0, position)):
        reached = level_reached(text, position)
        return (_signed(num, reached), "至") if reached is not None else (_signed(num, None), None)
    bare = position
    if position > 0 and text[position - 1] in "了为":
        position -= 1
    direction, word = _change_word(text, position)
    phrase = text[position - len(word):bare] if word and kind == "multiple" else None
    return _signed(num, direction), phrase


def level_reached(text: str, at: int) -> Direction | None:
    """The move by which the level written at `at` was reached: 提升至94% -> up, 降到7.7% ->
    down, rose from 75.6 percent to 94 percent -> up; None when no such word stands before it
    (a level, not a change of 94%)."""
    if at >= 3 and text.endswith("to", 0, at) and not ascii_letter(text[at - 3:at - 2]):
        found = _EN_REACHED().search(text, max(0, at - 60), at)
        return EN_REACHED_WORDS.get(found.group(1).lower()) if found else None
    if at < 2 or text[at - 1] not in "至到":
        return None
    direction, _ = _change_word(text, at - 1)
    if direction is None and text[at - 2] == "升":
        direction = "up"  # 升到: 升 alone is also a unit (litre), so it is read only here
    return direction


def _signed(num: Numeral, direction: Direction | None) -> Direction | None:
    """增长-5% is a fall; +5% alone is a rise."""
    if num.value < 0:
        return "down"
    if direction is None and num.text[0] in "+＋":
        return "up"
    return direction


def _change_word(text: str, position: int) -> tuple[Direction | None, str]:
    for word in _CHANGE_BY_LAST.get(text[position - 1:position] if position > 0 else "", ()):
        begin = position - len(word)
        if begin >= 0 and text.startswith(word, begin):
            if len(word) == 1 and any(text.startswith(bad, position - len(bad)) for bad in NOT_CHANGE_WORDS):
                return None, ""
            return CHANGE_WORDS[word], word
    word_end = position - back_gap(text, position, 1)
    if not ascii_letter(text[word_end - 1:word_end]):
        return None, ""  # no English word ends here
    english = word_before(text, word_end, _BY)
    end = english[0] - back_gap(text, english[0], 1) if english else word_end
    found = word_before(text, end, _EN_CHANGE_WORDS)
    return (EN_CHANGE_WORDS[found[1]], found[1]) if found else (None, "")


def _ratio_phrase(text: str, de: int) -> str | None:
    """是去年同期的10倍: find 是 / 为 / 相当于 a little before 的, within one clause."""
    for index in range(de - 1, max(-1, de - 16), -1):
        if text[index] in PUNCT:
            return None
        for word in ("相当于", "是", "为"):
            if text.startswith(word, index - len(word) + 1):
                return f"{word}…的"
    return None

