"""Numerals to exact Decimals: Arabic, Chinese (Simplified and Traditional) and mixed.

`scan_numerals` finds every numeral of a text with its span in one left-to-right
pass; `parse_numeral` reads a whole string as one numeral. Values are exact:
52.11亿 is Decimal('5211000000'), never a float. The common forms (2020, 52.11亿,
a lone 三) are read by one regex; the rest by the grammar in `numeral_grammar`.

>>> parse_numeral("52.11亿"), parse_numeral("三千零五"), parse_numeral("五点二万")
(Decimal('5211000000'), Decimal('3005'), Decimal('52000'))
>>> [(n.text, n.value, n.high) for n in scan_numerals("分三四个阶段,投资1,200万")]
[('三四', Decimal('3'), Decimal('4')), ('1,200万', Decimal('12000000'), None)]

Linear time: every character is looked at a bounded number of times, runs of
numeral characters that cannot form a number (十十十, 万万万, 1.1.1.1, digit
runs over MAX_DIGITS) are skipped whole, and no regex can backtrack.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from typing import Iterator, NamedTuple

from .numeral_grammar import (
    ARABIC, BIG_UNITS, CN_CHARS, CN_DIGITS, CN_RUN, CN_VALUES, FEW, MAX_DIGITS, MORE, POINTS, SIGNS, SMALL_UNITS,
    SPACES, ZEROS, Reading, Script, arabic_end, fen_after, read_grammar, run_end,
)

PRECISION = 120  # decimal digits kept while computing; enough for any accepted numeral
# Financial forms that are also ordinary words (队伍, 收拾, 陆地, 放肆): not a numeral alone.
_WORDY_ALONE = frozenset("伍陆陸拾肆柒捌玖佰仟")
# Words that begin with a one-character numeral but are not numbers.
_IDIOMS = frozenset(("一切", "壹切", "一看", "四川", "十足", "一些", "一旦"))
# The common forms, read without the grammar: 2020, 52.11亿, 1.2万亿 (not glued to letters: ID5, COVID-19), a lone 三.
_SIMPLE_ARABIC = f"(?<![A-Za-z_])(?<![A-Za-z][-_/])([0-9]{{1,{MAX_DIGITS}}}+)(?:\\.([0-9]++))?+([万亿]{{0,2}}+)"
_SIMPLE_DIGIT = "([" + "".join(sorted(set(CN_DIGITS) - ZEROS - _WORDY_ALONE)) + "])"
_SIMPLE = re.compile(f"{_SIMPLE_ARABIC}|{_SIMPLE_DIGIT}")
# What may continue a numeral (decimals, groups, 万, 5 万, 2e5, 40k, 分之 ...): after one, the grammar reads it.
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_GOES_ON = frozenset(ARABIC) | frozenset(CN_CHARS + ".．,，分Ｋ" + _LETTERS) | SPACES | POINTS | MORE | FEW
_START = re.compile(f"[0-9０-９{CN_CHARS}几幾.．\\-－−+＋负負]")


class Numeral(NamedTuple):
    """One numeral as written: text == source[start:end]. (A named tuple: a draft holds tens of thousands.)"""

    start: int
    end: int
    text: str
    value: Decimal
    high: Decimal | None = None  # 三四 -> value 3, high 4
    scale: int = 0  # power of ten of the magnitude written after the last digit: 5.2万 -> 4
    approx: str | None = None  # a vague part written inside: 十多万 -> 多, 二十几 -> 几
    script: Script = "arabic"
    plain: bool = False  # an unsigned integer in digits only (1991, 二〇二〇): may be a year


def scan_numerals(text: str) -> list[Numeral]:
    """Every numeral in `text`, in order, non-overlapping, with exact values."""
    with localcontext() as context:
        context.prec = PRECISION
        return list(numerals_in(text))


def numerals_in(text: str) -> Iterator[Numeral]:
    """`scan_numerals` one numeral at a time (the caller sets the decimal precision)."""
    position, length = 0, len(text)
    while position < length:
        match = _START.search(text, position)
        if match is None:
            break
        start = match.start()
        simple = _read_simple(text, start)
        numeral, after = simple if simple is not None else _read(text, start)
        if numeral is not None:
            yield numeral
        position = after if after > start else start + 1


def parse_numeral(text: str) -> Decimal | None:
    """The value of `text` if the whole of it is one numeral, else None.

    >>> parse_numeral("一十二"), parse_numeral("两万"), parse_numeral("１２"), parse_numeral("x")
    (Decimal('12'), Decimal('20000'), Decimal('12'), None)
    """
    found = scan_numerals(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].value
    return None


def tidy(value: Decimal) -> Decimal:
    """52.1100 -> 52.11, 5211000000.00 -> 5211000000 (same number, no trailing zeros)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _read(text: str, start: int) -> tuple[Numeral | None, int]:
    """Read the numeral starting at `start` (sign, name, digit run or the grammar); return it (or None) and where to go on."""
    sign, body = 1, start
    if text[start] in SIGNS:
        if not _sign_ok(text, start):
            return None, start + 1
        sign, body = SIGNS[text[start]], start + 1
    char = text[body]
    if char in ".．" and body > 0 and (text[body - 1] in ARABIC or text[body - 1] in ".．" or text[body - 1].isalnum()):
        return None, body + 1
    if char in ARABIC or char in ".．":
        if _glued_to_letters(text, body):
            return None, _skip_name(text, body)
    elif char in CN_DIGITS and char not in ZEROS and text[body + 1:body + 2] in CN_DIGITS:
        return _read_digit_run(text, start, body, sign)
    reading, end = read_grammar(text, body)
    numeral = None if reading is None else _numeral(text, start, body, sign, reading)
    if numeral is not None and _is_denominator(text, numeral):
        return None, end
    if numeral is not None:
        numeral = _suffix(text, _check_alone(text, numeral))
    if end < len(text) and text[end] in CN_CHARS and numeral is not None:
        end = run_end(CN_RUN, text, end)  # 十十十: the rest of the run is junk
    return numeral, end


def _read_simple(text: str, start: int) -> tuple[Numeral | None, int] | None:
    """The common forms, read at once; None when the grammar must read what stands at `start`."""
    match = _SIMPLE.match(text, start)
    if match is None:
        return None
    end = match.end()
    if text[end:end + 1] in _GOES_ON:
        return None  # the numeral goes on: the grammar reads it
    whole, fraction, bigs, digit = match.groups()
    if digit is not None:
        if text[start:start + 2] in _IDIOMS:
            return None, end
        return Numeral(start, end, digit, CN_VALUES[digit], None, 0, None, "chinese", True), end
    written = text[start:end]
    if fraction is None and not bigs:
        return Numeral(start, end, written, Decimal(written), None, 0, None, "arabic", True), end
    if fraction is not None and len(whole) + len(fraction) > MAX_DIGITS:
        return None
    value = Decimal(written[:len(written) - len(bigs)])
    if bigs and not value:
        return None  # 0万: the grammar stops before the magnitude
    exp = sum(BIG_UNITS[c] for c in bigs)
    return Numeral(start, end, written, tidy(value.scaleb(exp)), scale=exp, script="mixed" if bigs else "arabic"), end


def _numeral(text: str, start: int, body: int, sign: int, reading: Reading) -> Numeral:
    """The numeral from `start` (its sign) through what the grammar read from `body`."""
    end, value, scale, approx, script, plain = reading
    plain = plain and sign == 1 and start == body
    return Numeral(start, end, text[start:end], tidy(sign * value), None, scale, approx, script, plain)


def _is_denominator(text: str, numeral: Numeral) -> bool:
    """百 in 百分之三十 / 个百分点, 千 in 千分之五: part of a percent word, not a number."""
    if any(c not in SMALL_UNITS and c not in BIG_UNITS and c not in SPACES for c in numeral.text):
        return False
    return fen_after(text, numeral.end)


def _sign_ok(text: str, at: int) -> bool:
    nxt = text[at + 1] if at + 1 < len(text) else ""
    if text[at] in "负負":
        return nxt in ARABIC or nxt in CN_DIGITS or nxt in SMALL_UNITS
    before = text[at - 1] if at > 0 else " "
    if (before.isascii() and before.isalnum()) or before in ARABIC or before in CN_CHARS:
        return False
    if before in SIGNS or before in ".．":
        return False
    return nxt in ARABIC or (nxt in ".．" and at + 2 < len(text) and text[at + 2] in ARABIC)


def _glued_to_letters(text: str, at: int) -> bool:
    """N95, IPv6, COVID-19, 5G: digits that are part of a name."""
    if _letters_before(text, at):
        return True
    end = arabic_end(text, at)
    after = text[end] if end < len(text) else " "
    return after.isascii() and after.isupper() and after not in "KME"


def _letters_before(text: str, at: int) -> bool:
    """ID5, x_2, COVID-19, A/2: letters right before the digits."""
    before = text[at - 1] if at > 0 else " "
    if before.isascii() and (before.isalpha() or before == "_"):
        return True
    return before in "-_/" and at > 1 and text[at - 2].isascii() and text[at - 2].isalpha()


def _skip_name(text: str, at: int) -> int:
    end = at
    while end < len(text) and text[end].isascii() and (text[end].isalnum() or text[end] in "._-"):
        end += 1
    return max(end, at + 1)


def _check_alone(text: str, numeral: Numeral) -> Numeral | None:
    """Drop one-character numerals that are part of a word: 陆地, 一切, 四川."""
    if numeral.end - numeral.start != 1:
        return numeral
    char, at = numeral.text, numeral.start
    if char in _WORDY_ALONE and not (at > 0 and text[at - 1] == "之"):
        return None
    if char in FEW:
        return None
    if text[at:at + 2] in _IDIOMS:
        return None
    return numeral


def _read_digit_run(text: str, start: int, body: int, sign: int) -> tuple[Numeral | None, int]:
    """二〇二〇年 (a year), 三四个 (a range), or junk such as 九九 / 两两."""
    end = body
    while end < len(text) and text[end] in CN_DIGITS and end - body <= MAX_DIGITS:
        end += 1
    digits = [CN_DIGITS[c] for c in text[body:end]]
    if len(digits) == 4 and text.startswith("年", end) and sign == 1:
        value = Decimal("".join(map(str, digits)))
        return Numeral(start, end, text[start:end], value, script="chinese", plain=True), end
    if len(digits) == 2 and digits[1] == digits[0] + 1 and digits[0] >= 1:
        unit_end, exp = end, 0
        if unit_end < len(text) and text[unit_end] in SMALL_UNITS:
            exp, unit_end = SMALL_UNITS[text[unit_end]], unit_end + 1
        big_count = 0
        while unit_end < len(text) and text[unit_end] in BIG_UNITS and big_count < 2:
            exp, unit_end, big_count = exp + BIG_UNITS[text[unit_end]], unit_end + 1, big_count + 1
        low, high = sign * Decimal(digits[0]).scaleb(exp), sign * Decimal(digits[1]).scaleb(exp)
        numeral = Numeral(start, unit_end, text[start:unit_end], tidy(low), tidy(high), exp, script="chinese")
        return numeral, unit_end
    return None, run_end(CN_RUN, text, body)


def _suffix(text: str, numeral: Numeral | None) -> Numeral | None:
    """40k, 2.5 M: a Latin magnitude letter right after an Arabic numeral."""
    if numeral is None or numeral.script != "arabic" or numeral.high is not None:
        return numeral
    at = numeral.end + (1 if text.startswith(" ", numeral.end) else 0)
    if at >= len(text) or text[at] not in "kKＫM":
        return numeral
    after = text[at + 1] if at + 1 < len(text) else " "
    if after.isascii() and after.isalpha():
        return numeral
    exp = 6 if text[at] == "M" else 3
    return numeral._replace(
        end=at + 1, text=text[numeral.start:at + 1], value=tidy(numeral.value.scaleb(exp)),
        scale=numeral.scale + exp, plain=False,
    )
