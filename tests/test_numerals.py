"""The numeral reader, as a table: text -> value (parse_numeral) or -> every numeral (scan_numerals)."""

from __future__ import annotations

import doctest
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import numerals
from factcheck.numerals import parse_numeral, scan_numerals

# A whole string read as one numeral.
PARSE_EXAMPLES = {
    "1,200": "1200", "5.2": "5.2", "１２": "12", "４，５６５": "4565", "10,000.233": "10000.233",
    ".5": "0.5", "-10000": "-10000", "负10000": "-10000", "2e5": "200000", "-127.32e13": "-1273200000000000",
    "40k": "40000", "-2.5 M": "-2500000",
    "十二": "12", "一十二": "12", "三千零五": "3005", "两万": "20000", "二万": "20000", "十": "10",
    "一百零一": "101", "一千零十二": "1012", "零十": "10", "百三": "130", "千三": "1300",
    "两千四百五": "2450", "一万三": "13000", "九十二万四": "924000", "一百零十万": "1100000",
    "四亿五千六百四十二万零一十五": "456420015", "一万五千亿": "1500000000000", "四万亿": "4000000000000",
    "四万万": "400000000", "五兆六十二亿四万五千二": "5006200045200",
    "五点二万": "52000", "十点二三三": "10.233", "两千三点一": "2300.1", "两千万点五五四四": "20000000.5544",
    "四百亿点零五零": "40000000000.05", "零点五": "0.5", "负六点六": "-6.6",
    "5.2万": "52000", "52.11亿": "5211000000", "2.17万": "21700", "4万亿": "4000000000000",
    "0.5亿": "50000000", "680.91亿": "68091000000", "1,100.9亿": "110090000000", "10万万": "1000000000",
    "5万4千6百": "54600", "3万4000": "34000", "2千零30万": "20300000", "7 万5 千4 百": "75400",
    "十多万": "100000", "500余万": "5000000", "二十几万": "200000", "十几": "10", "几十": "10",
    "肆佰陸拾": "460", "壹佰伍拾": "150", "兩千四百五": "2450", "負三十二": "-32", "四億": "400000000",
    "七十八萬五佰零六": "780506", "倆千两百贰拾二": "2222", "八千 三百 八十五 万 二千 三百 二十六 点三三": "83852326.33",
}
# Strings that are not one numeral (None), whatever they contain.
NOT_ONE_NUMERAL = ["万", "万万", "两两", "九九", "一切", "四川", "陆地", "拾", "几", "十十", "1.1.1.1",
                   "5G", "N95", "IPv6", "7" * 31, "", "abc", "百分之"]

# Text -> (numeral text, value, high) for each numeral found.
SCAN_EXAMPLES = {
    "range": ("三四个", [("三四", "3", "4")]),
    "range-tens": ("五六十家", [("五六十", "50", "60")]),
    "chinese-year": ("二〇二〇年", [("二〇二〇", "2020", None)]),
    "two-numbers": ("两百点两", [("两百", "200", None), ("两", "2", None)]),
    "point-then-two": ("一点两小时", [("一", "1", None), ("两", "2", None)]),
    "unit-after-more": ("四百多", [("四百", "400", None)]),
    "spaced-groups": ("1, 234, 567", [("1", "1", None), ("234", "234", None), ("567", "567", None)]),
    "year-and-dates": ("１９９１年１月１６日", [("１９９１", "1991", None), ("１", "1", None), ("１６", "16", None)]),
    "dash-is-not-a-sign": ("2020-2022年", [("2020", "2020", None), ("2022", "2022", None)]),
    "sign-after-paren": ("降幅(-7.7%)", [("-7.7", "-7.7", None)]),
    "name-digits": ("N95口罩、5G基站、IPv6", []),
    "percent-word": ("百分之五十五点五七九", [("五十五点五七九", "55.579", None)]),
    "points-word": ("5百分点", [("5", "5", None)]),
    "junk-run": ("十十十十", [("十", "10", None)]),
    "bare-wan-after-shang": ("上万名", [("万", "10000", None)]),
    "bare-wan-alone": ("万万万", []),
    "dotted": ("1.1.1.1 和 2.5.1", []),
    "long-digits": ("1" * 40 + "家", []),
    "mega-not-trillion": ("千兆城市", [("千", "1000", None)]),
    "idioms": ("一切一看四川十足", []),
    "financial-digit-in-words": ("入伍时分,收拾房间,放肆", []),
}


@pytest.mark.parametrize("text, value", PARSE_EXAMPLES.items(), ids=PARSE_EXAMPLES.keys())
def test_parse(text: str, value: str) -> None:
    assert parse_numeral(text) == Decimal(value)


@pytest.mark.parametrize("text", NOT_ONE_NUMERAL)
def test_not_one_numeral(text: str) -> None:
    assert parse_numeral(text) is None


@pytest.mark.parametrize("text, expected", SCAN_EXAMPLES.values(), ids=SCAN_EXAMPLES.keys())
def test_scan(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = scan_numerals(text)
    assert [(n.text, n.value, n.high) for n in found] == [
        (t, Decimal(v), None if h is None else Decimal(h)) for t, v, h in expected
    ]
    for numeral in found:
        assert text[numeral.start:numeral.end] == numeral.text


SCALE_EXAMPLES = {"5.2万": 4, "52.11亿": 8, "4万亿": 12, "两万": 4, "十二": 0, "1,200": 0, "40k": 3, "3万4000": 0}


@pytest.mark.parametrize("text, scale", SCALE_EXAMPLES.items(), ids=SCALE_EXAMPLES.keys())
def test_scale(text: str, scale: int) -> None:
    (numeral,) = scan_numerals(text)
    assert numeral.scale == scale


def test_values_are_tidy() -> None:
    """Exact and without trailing zeros: 52.11亿 is 5211000000, not 5211000000.00."""
    assert str(parse_numeral("52.11亿")) == "5211000000"
    assert str(parse_numeral("4.800")) == "4.8"


def test_plain_marks_possible_years() -> None:
    plain = {n.text: n.plain for n in scan_numerals("2020年 1,200 5.2 二〇二〇年 -3")}
    assert plain == {"2020": True, "1,200": False, "5.2": False, "二〇二〇": True, "-3": False}


def test_doctests() -> None:
    result = doctest.testmod(numerals)
    assert result.failed == 0 and result.attempted > 0


# Characters at the edges of the common forms: where the shortcut must stop and leave the rest to the grammar.
SHORTCUT_ALPHABET = list("0123456789０５.．,，万亿兆一二两三四五十百千零〇点多余几分之年元% -_/*aAGKkMeE第川切陆")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(SHORTCUT_ALPHABET), max_size=24))
def test_the_shortcut_reads_as_the_grammar_does(text: str) -> None:
    """The regex for the common forms (2020, 52.11亿, a lone 三) only saves time: without it, nothing changes."""
    fast = repr(scan_numerals(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(numerals, "_SIMPLE", re.compile("(?!)"))
        assert repr(scan_numerals(text)) == fast
