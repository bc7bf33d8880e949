"""Properties of the numeral reader and of `extract` (hypothesis), and a smoke run of the benchmark."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import extract as extract_module
from factcheck.extract import extract
from factcheck.numerals import parse_numeral, scan_numerals

ROOT = Path(__file__).resolve().parents[1]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DIGITS = "零一二三四五六七八九"
GROUP_UNITS = ("", "万", "亿", "万亿")
# Characters that exercise every path of the readers, mixed with ordinary ones.
NUMERIC_ALPHABET = list(
    "0123456789０１.．,，-+%％~—至到 *()（）一二两三四五六七八九十百千万亿零〇点第是余多几以上下左右超过近约"
    "增长下降了为的倍百分之个家年月日号季度前末底今明去截元吨亿Gk\n\u3000\u200f\u0301"
)


def to_chinese(number: int) -> str:
    """The standard written form: 10010 -> 一万零一十 (test helper, up to 10^16)."""
    if number == 0:
        return "零"
    out, gap = "", False
    for index in range(3, -1, -1):
        group = number // 10 ** (4 * index) % 10000
        if group == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        out += _section(group) + GROUP_UNITS[index]
        gap = False
    return out


def _section(number: int) -> str:
    out, zero = "", False
    for exp, unit in ((3, "千"), (2, "百"), (1, "十"), (0, "")):
        digit = number // 10 ** exp % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        out += ("零" if zero else "") + DIGITS[digit] + unit
        zero = False
    return out


def test_to_chinese_helper() -> None:
    assert [to_chinese(n) for n in (12, 3005, 10010, 100000, 1500000000000)] == [
        "一十二", "三千零五", "一万零一十", "一十万", "一万亿五千亿"]


@FAST
@given(st.integers(min_value=-(10 ** 20), max_value=10 ** 20))
def test_arabic_integers_read_back(number: int) -> None:
    assert parse_numeral(str(number)) == number
    if number >= 0:
        assert parse_numeral(f"{number:,}") == number


@FAST
@given(st.decimals(min_value=-10 ** 9, max_value=10 ** 9, places=4, allow_nan=False, allow_infinity=False))
def test_arabic_decimals_read_back(number: Decimal) -> None:
    assert parse_numeral(f"{number:f}") == number


@FAST
@given(st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from([("万", 4), ("亿", 8), ("万亿", 12)]))
def test_magnitude_forms_read_back(number: Decimal, magnitude: tuple[str, int]) -> None:
    word, exp = magnitude
    if number == 0:
        return
    assert parse_numeral(f"{number:f}{word}") == number.scaleb(exp)


@FAST
@given(st.integers(min_value=0, max_value=10 ** 16 - 1))
def test_chinese_numerals_read_back(number: int) -> None:
    assert parse_numeral(to_chinese(number)) == number


@FAST
@given(st.integers(min_value=1, max_value=10 ** 12))
def test_count_in_a_sentence(number: int) -> None:
    text = f"全省新增企业{number}家,同比增长{number % 100}%"
    mentions = extract(text)
    assert mentions[0].value == number and mentions[0].unit == "家"
    assert mentions[1].kind == "percent" and mentions[1].direction == "up"


def _check_spans(text: str) -> None:
    mentions = extract(text)
    end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= end, "mentions overlap or are out of order"
        end = mention.end
        assert mention.value is None or isinstance(mention.value, Decimal)
    for numeral in scan_numerals(text):
        assert text[numeral.start:numeral.end] == numeral.text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_never_raises(text: str) -> None:
    _check_spans(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(NUMERIC_ALPHABET), max_size=60))
def test_numeric_soup_never_raises(text: str) -> None:
    _check_spans(text)


@FAST
@given(st.lists(st.sampled_from(["52.11亿元", "超过85%", "95%以上", "11万余家", "近90%", "2020年", "4月15日",
                                 "增加了  20倍", "两个多月", "第一季度", "5~10个", "-7.7%", "一是", "5G", " "]),
                max_size=12))
def test_known_figures_concatenated(parts: list[str]) -> None:
    _check_spans("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NUMERIC_ALPHABET), st.sampled_from(["百分之", "US$", "RMB ", "rose ", "by "])),
                max_size=40).map("".join))
def test_skipping_quiet_look_behinds_changes_nothing(text: str) -> None:
    """Where nothing before a figure can qualify it, its look-behinds are skipped: reading them gives the same."""
    fast = repr(extract(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract_module, "_quiet_before", lambda text, at: False)
        assert repr(extract(text)) == fast


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "benchmarks" / "bench_extract.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs_at_a_tiny_size() -> None:
    bench = _bench()
    rows = bench.run(size=2_000)
    assert rows[0].name == "news"
    assert all(row.seconds >= 0 and row.chars == 2_000 for row in rows)
    assert "news" in bench.report(rows)
