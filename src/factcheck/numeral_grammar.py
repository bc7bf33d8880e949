"""The grammar of one numeral: the characters numerals are written with and how a run of them adds up.

`read_grammar` reads digits, units and points in any mix, Arabic or Chinese
(5万4千6百, 两千三点一, 1,200, 2.5e3, 十多万), token by token from a state that
holds the running sum; `numerals` finds where numerals start and stop and
builds them from its readings.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

MAX_DIGITS = 30  # more Arabic digits than this is a code or junk, not a figure
_MAX_TOKENS = 64
_MAX_SPACES = 4
_ZERO = Decimal(0)

ARABIC = {c: i for i, c in enumerate("0123456789")} | {chr(0xFF10 + i): i for i in range(10)}
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "俩": 2, "倆": 2, "三": 3, "叁": 3, "參": 3, "叄": 3, "四": 4, "肆": 4, "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_VALUES = {char: Decimal(value) for char, value in CN_DIGITS.items()}
ZEROS = frozenset("零〇○")
SMALL_UNITS = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3}
BIG_UNITS = {"万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12}
POINTS = frozenset("点點")
FEW = frozenset("几幾")  # 十几, 几十: a vague digit
MORE = frozenset("多余餘")  # 十多万, 500余万: only when a magnitude follows
SIGNS = {"-": -1, "－": -1, "−": -1, "+": 1, "＋": 1, "负": -1, "負": -1}
SPACES = frozenset(" \u3000")
CN_CHARS = "".join(CN_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_NOT_DECIMAL_DIGITS = frozenset("两兩俩倆")  # 两百点两 is 200 and 2, not 200.2
# A bare 万 / 亿 is a numeral only after these (上万名, 数万, 近万, 过亿).
_BARE_BIG_AFTER = frozenset("上数近超逾过破")
# Runs skipped whole: junk Chinese numeral characters (十十十), versions (1.1.1.1), overlong digit runs.
CN_RUN = frozenset(CN_CHARS)
_DOTTED_RUN = frozenset(ARABIC) | frozenset(".．")
_DIGIT_RUN = _DOTTED_RUN | frozenset(",，")
_ARABIC_RUN = re.compile("[0-9０-９]+")

Script = Literal["arabic", "chinese", "mixed"]
# What the grammar read: end, the unsigned value, its scale (the power of ten of the units after the last
# digit: 5.2万 -> 4), a vague part written inside (多, 几), the script, and whether only digits were written.
Reading = tuple[int, Decimal, int, str | None, Script, bool]


class _State:
    """The running sum of one numeral while it is read (local to one call)."""

    __slots__ = ("total", "section", "cur", "cur_single", "last_small", "last_unit", "level", "prev",
                 "bigs_in_row", "after_zero", "trail", "approx", "has_cn", "has_ar", "plain")

    def __init__(self) -> None:
        self.total = self.section = _ZERO
        self.cur: Decimal | None = None
        self.cur_single = False  # cur is one Chinese digit: 一万三 means 13000
        self.last_small = 99
        self.last_unit: int | None = None
        self.level = 0
        self.prev = "start"
        self.bigs_in_row = 0
        self.after_zero = False
        self.trail = 0
        self.approx: str | None = None
        self.has_cn = self.has_ar = False
        self.plain = True


class _Token:
    """One step of a numeral: arabic, digit, zero, small, big, point, more (or junk, skipped whole)."""

    __slots__ = ("kind", "end", "value", "exp", "char")

    def __init__(self, kind: str, end: int, value: Decimal = _ZERO, exp: int = 0, char: str = "") -> None:
        self.kind, self.end, self.value, self.exp, self.char = kind, end, value, exp, char


def read_grammar(text: str, body: int) -> tuple[Reading | None, int]:
    """Digits, units and points in any mix from `body` on (5万4千6百, 两千三点一); and where to go on."""
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
        end = run_end(CN_RUN, text, body) if text[body] in CN_CHARS else body + 1
        return None, max(end, body + 1)
    end, value, trail = committed
    script: Script = "mixed" if state.has_cn and state.has_ar else ("chinese" if state.has_cn else "arabic")
    return (end, value, trail, state.approx, script, state.plain), end


def fen_after(text: str, at: int) -> bool:
    """分之 / 分点 (spaces allowed) at `at`."""
    at += _gap(text, at)
    if not text.startswith("分", at):
        return False
    at += 1
    at += _gap(text, at)
    return at < len(text) and text[at] in "之点點"


def arabic_end(text: str, at: int) -> int:
    """Where the run of Arabic digits (ASCII or full-width) from `at` ends: one regex step,
    not a Python step per digit (a draft may hold a run of millions)."""
    run = _ARABIC_RUN.match(text, at)
    return run.end() if run else at


def run_end(run: frozenset[str], text: str, at: int) -> int:
    """Where the run of `run` characters from `at` ends."""
    end = at
    while end < len(text) and text[end] in run:
        end += 1
    return end


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
        return _Token("digit", at + 1, CN_VALUES[char], char=char)
    if char in FEW:
        return _Token("digit", at + 1, Decimal(1 if state.prev == "start" else 0), char=char)
    if (char in SMALL_UNITS or char in BIG_UNITS) and state.prev != "start" and fen_after(text, at + 1):
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
    length, end = len(text), arabic_end(text, at)
    if end - at > MAX_DIGITS:  # a code, not a figure: never copied (a 10-million-digit run took 600 MB)
        return _Token("junk", run_end(_DIGIT_RUN, text, end))
    digits = "".join(str(ARABIC[c]) for c in text[at:end])
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
            return _Token("junk", run_end(_DOTTED_RUN, text, stop))  # 1.1.1.1, a version
        fraction, end = "".join(str(ARABIC[c]) for c in text[end + 1:stop]), stop
    if not (digits or fraction):
        return _Token("junk", at + 1)
    if len(digits) + len(fraction) > MAX_DIGITS:
        return _Token("junk", run_end(_DIGIT_RUN, text, end))
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
