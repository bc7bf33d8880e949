"""Numerals to exact Decimals: Arabic, Chinese (Simplified and Traditional) and mixed.

`scan_numerals` finds every numeral of a text with its span in one left-to-right
pass; `parse_numeral` reads a whole string as one numeral. Values are exact:
52.11亿 is Decimal('5211000000'), never a float.

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
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from typing import Literal

MAX_DIGITS = 30  # more Arabic digits than this is a code or junk, not a figure
PRECISION = 120  # decimal digits kept while computing; enough for any accepted numeral
_MAX_TOKENS = 64
_MAX_SPACES = 4

ARABIC = {c: i for i, c in enumerate("0123456789")} | {chr(0xFF10 + i): i for i in range(10)}
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "俩": 2, "倆": 2, "三": 3, "叁": 3, "參": 3, "叄": 3, "四": 4, "肆": 4, "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
ZEROS = frozenset("零〇○")
SMALL_UNITS = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3}
BIG_UNITS = {"万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12}
POINTS = frozenset("点點")
FEW = frozenset("几幾")  # 十几, 几十: a vague digit
MORE = frozenset("多余餘")  # 十多万, 500余万: only when a magnitude follows
SIGNS = {"-": -1, "－": -1, "−": -1, "+": 1, "＋": 1, "负": -1, "負": -1}
SPACES = frozenset(" \u3000")
_NOT_DECIMAL_DIGITS = frozenset("两兩俩倆")  # 两百点两 is 200 and 2, not 200.2
# Financial forms that are also ordinary words (队伍, 收拾, 陆地, 放肆): not a numeral alone.
_WORDY_ALONE = frozenset("伍陆陸拾肆柒捌玖佰仟")
# A bare 万 / 亿 is a numeral only after these (上万名, 数万, 近万, 过亿).
_BARE_BIG_AFTER = frozenset("上数近超逾过破")
# Words that begin with a one-character numeral but are not numbers.
_IDIOMS = frozenset(("一切", "壹切", "一看", "四川", "十足", "一些", "一旦"))
_CN_CHARS = "".join(CN_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_CN_RUN = re.compile(f"[{_CN_CHARS}]*")
_DOTTED_RUN = re.compile(r"[0-9０-９.．]*")
_DIGIT_RUN = re.compile(r"[0-9０-９,，.．]*")
_ASCII_INT = re.compile(r"[0-9]+")
# After a run of ASCII digits, these may continue the numeral (decimals, groups, 万, 2e5, 40k ...).
_GOES_ON = frozenset("eEkKＫM") | set(ARABIC) | set(SMALL_UNITS) | set(BIG_UNITS) | MORE | FEW | POINTS | set(CN_DIGITS)
_START = re.compile(f"[0-9０-９{_CN_CHARS}几幾.．\\-－−+＋负負]")

Script = Literal["arabic", "chinese", "mixed"]


@dataclass(frozen=True)
class Numeral:
    """One numeral as written: text == source[start:end]."""

    start: int
    end: int
    text: str
    value: Decimal
    high: Decimal | None = None  # 三四 -> value 3, high 4
    scale: int = 0  # power of ten of the magnitude written after the last digit: 5.2万 -> 4
    approx: str | None = None  # a vague part written inside: 十多万 -> 多, 二十几 -> 几
    script: Script = "arabic"
    plain: bool = False  # an unsigned integer in digits only (1991, 二〇二〇): may be a year


@dataclass
class _State:
    """The running sum of one numeral while it is read (local to one call)."""

    total: Decimal = Decimal(0)
    section: Decimal = Decimal(0)
    cur: Decimal | None = None
    cur_single: bool = False  # cur is one Chinese digit: 一万三 means 13000
    last_small: int = 99
    last_unit: int | None = None
    level: int = 0
    prev: str = "start"
    bigs_in_row: int = 0
    after_zero: bool = False
    trail: int = 0
    approx: str | None = None
    has_cn: bool = False
    has_ar: bool = False
    plain: bool = True


@dataclass(frozen=True)
class _Token:
    kind: str  # arabic, digit, zero, small, big, point, more
    end: int
    value: Decimal = Decimal(0)
    exp: int = 0
    char: str = ""


def scan_numerals(text: str) -> list[Numeral]:
    """Every numeral in `text`, in order, non-overlapping, with exact values."""
    found: list[Numeral] = []
    position, length = 0, len(text)
    with localcontext() as context:
        context.prec = PRECISION
        while position < length:
            match = _START.search(text, position)
            if match is None:
                break
            numeral, after = _read(text, match.start())
            if numeral is not None:
                found.append(numeral)
            position = max(after, match.start() + 1)
    return found


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
    """Read the numeral starting at `start`; return it (or None) and where to go on."""
    if "0" <= text[start] <= "9":
        fast = _fast_integer(text, start)
        if fast is not None:
            return fast, fast.end
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
    numeral, end = _read_grammar(text, start, body, sign)
    if numeral is not None and _is_denominator(text, numeral):
        return None, end
    if numeral is not None:
        numeral = _suffix(text, _check_alone(text, numeral))
    if end < len(text) and text[end] in _CN_CHARS and numeral is not None:
        end = _run_end(_CN_RUN, text, end)  # 十十十: the rest of the run is junk
    return numeral, end


def _fast_integer(text: str, start: int) -> Numeral | None:
    """The common case, a plain run of ASCII digits with nothing that could extend it."""
    end = _run_end(_ASCII_INT, text, start)
    before = text[start - 1] if start > 0 else " "
    if end - start > MAX_DIGITS or (before.isascii() and not before.isspace() and not before.isalnum() and before not in "(["):
        return None
    if before.isascii() and before.isalpha():
        return None
    after = text[end] if end < len(text) else " "
    if after in _GOES_ON or (after.isascii() and after.isalpha()):
        return None
    if after in ",，.．" and text[end + 1:end + 2].isdigit():
        return None
    if after in SPACES:
        after_gap = end + _gap(text, end)
        nxt = text[after_gap:after_gap + 1]
        if nxt in _GOES_ON and nxt not in ARABIC:
            return None
    return Numeral(start, end, text[start:end], Decimal(text[start:end]), plain=True)


def _is_denominator(text: str, numeral: Numeral) -> bool:
    """百 in 百分之三十 / 个百分点, 千 in 千分之五: part of a percent word, not a number."""
    if any(c not in SMALL_UNITS and c not in BIG_UNITS and c not in SPACES for c in numeral.text):
        return False
    return _fen_after(text, numeral.end)


def _fen_after(text: str, at: int) -> bool:
    """分之 / 分点 (spaces allowed) at `at`."""
    at += _gap(text, at)
    if not text.startswith("分", at):
        return False
    at += 1
    at += _gap(text, at)
    return at < len(text) and text[at] in "之点點"


def _run_end(pattern: re.Pattern[str], text: str, at: int) -> int:
    match = pattern.match(text, at)
    return at if match is None else match.end()


def _sign_ok(text: str, at: int) -> bool:
    nxt = text[at + 1] if at + 1 < len(text) else ""
    if text[at] in "负負":
        return nxt in ARABIC or nxt in CN_DIGITS or nxt in SMALL_UNITS
    before = text[at - 1] if at > 0 else " "
    if (before.isascii() and before.isalnum()) or before in ARABIC or before in _CN_CHARS:
        return False
    if before in SIGNS or before in ".．":
        return False
    return nxt in ARABIC or (nxt in ".．" and at + 2 < len(text) and text[at + 2] in ARABIC)


def _glued_to_letters(text: str, at: int) -> bool:
    """N95, IPv6, COVID-19, 5G: digits that are part of a name."""
    before = text[at - 1] if at > 0 else " "
    if before.isascii() and (before.isalpha() or before == "_"):
        return True
    if before in "-_/" and at > 1 and text[at - 2].isascii() and text[at - 2].isalpha():
        return True
    end = at
    while end < len(text) and text[end] in ARABIC:
        end += 1
    after = text[end] if end < len(text) else " "
    return after.isascii() and after.isupper() and after not in "KME"


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
    return None, _run_end(_CN_RUN, text, body)


def _read_grammar(text: str, start: int, body: int, sign: int) -> tuple[Numeral | None, int]:
    """The general reader: digits, units and points in any mix (5万4千6百, 两千三点一)."""
    state = _State()
    committed: tuple[int, Decimal, int] | None = None
    position, tokens = body, 0
    bare_big = body > 0 and text[body - 1] in _BARE_BIG_AFTER
    while position < len(text) and tokens < _MAX_TOKENS:
        gap = _gap(text, position)
        token = _token(text, position + gap, state, bare_big and tokens == 0)
        if token is None or (gap and not _space_ok(text, state, token)):
            break
        if token.kind == "junk":
            return None, token.end
        if not _apply(state, token):
            break
        position, tokens = token.end, tokens + 1
        if token.kind == "point":
            position = _fraction(text, position, state)
            if position < 0:
                break
            committed = (position, _value(state), state.trail)
            break
        if state.prev != "more":
            committed = (position, _value(state), state.trail)
    if committed is None:
        end = _run_end(_CN_RUN, text, body) if text[body] in _CN_CHARS else body + 1
        return None, max(end, body + 1)
    end, value, trail = committed
    script: Script = "mixed" if state.has_cn and state.has_ar else ("chinese" if state.has_cn else "arabic")
    plain = state.plain and sign == 1 and start == body
    numeral = Numeral(start, end, text[start:end], tidy(sign * value), None, trail, state.approx, script, plain)
    return numeral, end


def _gap(text: str, at: int) -> int:
    gap = 0
    while at + gap < len(text) and text[at + gap] in SPACES and gap <= _MAX_SPACES:
        gap += 1
    return gap


def _space_ok(text: str, state: _State, token: _Token) -> bool:
    """Spaces may sit inside a numeral only where Chinese units make it unambiguous."""
    if token.kind in ("small", "big", "more"):
        return state.prev != "start"
    if token.kind in ("digit", "zero", "point"):
        return state.prev in ("small", "big", "digit", "zero") and state.has_cn or token.kind == "point"
    if token.kind == "arabic":
        return state.prev in ("small", "big") and token.end < len(text) and (
            text[token.end] in SMALL_UNITS or text[token.end] in BIG_UNITS
        )
    return False


def _token(text: str, at: int, state: _State, bare_big: bool) -> _Token | None:
    if at >= len(text):
        return None
    char = text[at]
    if char in ARABIC or (char in ".．" and state.prev == "start"):
        return _arabic(text, at)
    if char in ZEROS:
        return _Token("zero", at + 1)
    if char in CN_DIGITS:
        return _Token("digit", at + 1, Decimal(CN_DIGITS[char]), char=char)
    if char in FEW:
        return _Token("digit", at + 1, Decimal(1 if state.prev == "start" else 0), char=char)
    if (char in SMALL_UNITS or char in BIG_UNITS) and state.prev != "start" and _fen_after(text, at + 1):
        return None  # 5百分点, 5 千分之: the unit belongs to the percent word
    if char in SMALL_UNITS:
        return _Token("small", at + 1, exp=SMALL_UNITS[char])
    if char in BIG_UNITS:
        return _big(text, at, state, bare_big)
    if char in POINTS and state.prev != "start":
        return _Token("point", at + 1)
    if char in MORE and state.prev in ("digit", "small", "big", "arabic"):
        after = at + 1 + _gap(text, at + 1)
        if after < len(text) and text[after] in BIG_UNITS:
            return _Token("more", at + 1, char=char)
    return None


def _big(text: str, at: int, state: _State, bare_big: bool) -> _Token | None:
    char = text[at]
    if char == "兆":  # 10^12 only inside a longer numeral (五兆六十二亿); 兆瓦 is mega
        after = text[at + 1] if at + 1 < len(text) else ""
        if not (after in CN_DIGITS or after in SMALL_UNITS or after in ARABIC):
            return None
    if state.prev == "start":
        return _Token("big", at + 1, exp=BIG_UNITS[char]) if bare_big else None
    return _Token("big", at + 1, exp=BIG_UNITS[char])


def _arabic(text: str, at: int) -> _Token:
    """1,200 / 52.11 / ２．２ / 2.7890e-1 / .5 as one token (or junk for codes)."""
    length, end = len(text), at
    while end < length and text[end] in ARABIC:
        end += 1
    digits = "".join(str(ARABIC[c]) for c in text[at:end])
    if len(digits) > MAX_DIGITS:
        return _Token("junk", _run_end(_DIGIT_RUN, text, end))
    if 1 <= len(digits) <= 3:
        while _group_at(text, end):
            digits += "".join(str(ARABIC[c]) for c in text[end + 1:end + 4])
            end += 4
    grouped = end - at != len(digits)
    fraction = ""
    if end + 1 < length and text[end] in ".．" and text[end + 1] in ARABIC:
        stop = end + 1
        while stop < length and text[stop] in ARABIC:
            stop += 1
        if stop + 1 < length and text[stop] in ".．" and text[stop + 1] in ARABIC:
            return _Token("junk", _run_end(_DOTTED_RUN, text, stop))  # 1.1.1.1, a version
        fraction, end = "".join(str(ARABIC[c]) for c in text[end + 1:stop]), stop
    if not (digits or fraction):
        return _Token("junk", at + 1)
    if len(digits) + len(fraction) > MAX_DIGITS:
        return _Token("junk", _run_end(_DIGIT_RUN, text, end))
    exponent, end = _exponent(text, end)
    value = Decimal(f"{digits or '0'}.{fraction or '0'}E{exponent}")
    mark = "." if fraction or exponent else ("," if grouped else "")
    unit_at = end + _gap(text, end)
    before_small = unit_at < length and text[unit_at] in SMALL_UNITS  # 5万4千6百
    return _Token("arabic", end, value, exp=-1 if before_small else 0, char=mark)


def _group_at(text: str, at: int) -> bool:
    """A thousands separator: ',' (or '，' between full-width digits) then exactly 3 digits."""
    if at + 4 > len(text):
        return False
    sep = text[at]
    if sep != "," and not (sep == "，" and at > 0 and "０" <= text[at - 1] <= "９"):
        return False
    if any(c not in ARABIC for c in text[at + 1:at + 4]):
        return False
    return at + 4 >= len(text) or text[at + 4] not in ARABIC


def _exponent(text: str, at: int) -> tuple[int, int]:
    """2e5, 12.32e+14, 2.7890e－1: a short exponent not followed by a letter."""
    if at >= len(text) or text[at] not in "eE":
        return 0, at
    cursor, sign = at + 1, 1
    if cursor < len(text) and text[cursor] in SIGNS and text[cursor] not in "负負":
        sign, cursor = SIGNS[text[cursor]], cursor + 1
    digits_start = cursor
    while cursor < len(text) and text[cursor] in ARABIC and cursor - digits_start < 3:
        cursor += 1
    if cursor == digits_start or cursor - digits_start > 2:
        return 0, at
    if cursor < len(text) and (text[cursor].isascii() and text[cursor].isalnum()):
        return 0, at
    return sign * int("".join(str(ARABIC[c]) for c in text[digits_start:cursor])), cursor


def _apply(state: _State, token: _Token) -> bool:
    """Fold one token into the state; False when it cannot continue the numeral."""
    kind, prev = token.kind, state.prev
    if kind == "arabic":
        if prev not in ("start", "big", "zero") and not (prev == "small" and token.exp == -1):
            return False
        state.cur, state.cur_single, state.has_ar, state.trail = token.value, False, True, 0
        state.bigs_in_row = 0
        state.plain = state.plain and prev == "start" and not token.char
    elif kind in ("digit", "zero"):
        if prev in ("digit", "arabic"):
            return False
        state.has_cn, state.trail, state.bigs_in_row = True, 0, 0
        if kind == "zero":
            if prev == "start":
                state.cur, state.cur_single = Decimal(0), True
            state.after_zero = True
        else:
            state.cur, state.cur_single = token.value, True
            state.approx = token.char if token.char in FEW else state.approx
    elif kind == "small":
        return _apply_small(state, token)
    elif kind == "big":
        return _apply_big(state, token)
    elif kind == "more":
        state.approx = token.char
    elif kind == "point" and prev not in ("digit", "small", "big", "zero"):
        return False
    if kind not in ("digit", "zero", "arabic"):
        state.plain = False
    state.prev = kind
    return True


def _apply_small(state: _State, token: _Token) -> bool:
    exp, prev = token.exp, state.prev
    if prev in ("digit", "arabic"):
        mult = state.cur if state.cur is not None else Decimal(1)
    elif prev == "start" or (prev == "zero" and exp == 1):
        mult = Decimal(1)
    else:
        return False
    if exp >= state.last_small:
        return False
    state.section += mult.scaleb(exp)
    state.cur, state.cur_single, state.last_small, state.last_unit = None, False, exp, exp
    state.after_zero, state.has_cn, state.plain, state.prev = False, True, False, "small"
    state.trail += exp
    state.bigs_in_row = 0
    return True


def _apply_big(state: _State, token: _Token) -> bool:
    exp = token.exp
    group = state.section + (state.cur if state.cur is not None else Decimal(0))
    after_big = state.prev == "big" or (state.prev == "more" and group == 0)
    if state.prev == "start":
        group = Decimal(1)
    if after_big and group == 0:
        if state.bigs_in_row >= 2 or state.level + exp > 16:
            return False
        state.total, state.level = state.total.scaleb(exp), state.level + exp
    elif group == 0 or state.prev == "zero":
        return False
    elif exp > state.level:
        state.total, state.level = (state.total + group).scaleb(exp), exp
    elif exp < state.level:
        state.total += group.scaleb(exp)
    else:
        return False
    state.section, state.cur, state.cur_single, state.last_small = Decimal(0), None, False, 99
    state.last_unit, state.after_zero, state.has_cn, state.plain = exp, False, True, False
    state.trail, state.prev = state.trail + exp, "big"
    state.bigs_in_row += 1
    return True


def _fraction(text: str, at: int, state: _State) -> int:
    """Digits after 点 (or none: -1); a magnitude may follow (五点二万)."""
    start = at + _gap(text, at)
    end = start
    while end < len(text) and text[end] in CN_DIGITS and text[end] not in _NOT_DECIMAL_DIGITS:
        end += 1
    if end == start or end - start > MAX_DIGITS:
        return -1
    _fold_cur(state)
    fraction = Decimal("0." + "".join(str(CN_DIGITS[c]) for c in text[start:end]))
    state.section += fraction
    state.trail = 0
    after = end + _gap(text, end)
    if after < len(text) and text[after] in BIG_UNITS and text[after] != "兆" and state.total == 0:
        exp = BIG_UNITS[text[after]]
        state.section, state.trail, end = state.section.scaleb(exp), exp, after + 1
    return end


def _fold_cur(state: _State) -> None:
    state.section = _value(state) - state.total
    state.cur = None


def _value(state: _State) -> Decimal:
    cur = state.cur if state.cur is not None else Decimal(0)
    if state.cur_single and not state.after_zero and state.last_unit is not None and state.last_unit >= 1:
        cur = cur.scaleb(state.last_unit - 1)
    return state.total + state.section + cur


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
    return replace(
        numeral, end=at + 1, text=text[numeral.start:at + 1], value=tidy(numeral.value.scaleb(exp)),
        scale=numeral.scale + exp, plain=False,
    )
